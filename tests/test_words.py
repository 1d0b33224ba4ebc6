"""Message catalogues: complete in every language, and every step pact makes has its words."""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from pact.evaluation.answers import Answer
from pact.render.phrasing import message
from pact.words import LANGUAGES, Words, catalogue


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_message_is_translated(language: str) -> None:
    english, other = catalogue("en"), catalogue(language)
    assert sorted(set(english) - set(other)) == [], f"missing in {language}"
    assert sorted(set(other) - set(english)) == [], f"only in {language}"


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_translations_fill_in_the_same_values(language: str) -> None:
    english, other = catalogue("en"), catalogue(language)
    differ = {key: (placeholders(english[key]), placeholders(other[key])) for key in english if key in other}
    assert {k: v for k, v in differ.items() if v[0] != v[1]} == {}


def test_a_catalogue_lacking_a_message_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The completeness check above can fail: a French catalogue without one key is caught."""
    import pact.words.fr as fr

    monkeypatch.setattr(fr, "MESSAGES", {k: v for k, v in fr.MESSAGES.items() if k != "not_victim.failed"})
    assert set(catalogue("en")) - set(catalogue("fr")) == {"not_victim.failed"}


def test_every_step_of_every_bundled_scenario_has_words(answers: dict[str, Answer]) -> None:
    """Not one step falls back to its bare key: each message (and each vocabulary word it uses)
    exists in every catalogue."""
    keys: set[str] = set()
    for answer in answers.values():
        for item in answer.explanations:
            for clause in item.clauses:
                for step in clause.steps:
                    words = message(step)
                    keys |= {words.key, *(w.key for w in _words_in(words.params.values()))}
    for language in LANGUAGES:
        assert sorted(keys - set(catalogue(language))) == [], language


def _words_in(values: Iterable[Any]) -> Iterator[Words]:
    for value in values:
        if isinstance(value, Words):
            yield value
        elif isinstance(value, list | tuple):
            yield from _words_in(value)
