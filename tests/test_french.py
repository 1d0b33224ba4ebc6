"""French all the way: every bundled scenario, in French, through every format a person reads, holds
no English left from pact's catalogue or from the rules' English words, no ISO date and no code where
a name belongs; every rule file gives its words in French (no PACT151)."""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest

import pact
from pact.cli import main
from pact.evaluation.answers import Answer
from pact.load.layers import bundled_rules_dir
from pact.load.loader import load_rule_file
from pact.render import Options, render
from pact.validate.static import missing_words
from pact.words import catalogue

HUMAN = ("table", "markdown", "html", "mermaid", "dot", "map")
"""The formats a person reads (json, jsonl and csv keep codes and are for programs)."""


def fragments(template: str) -> list[str]:
    """The literal text of a template between its placeholders."""
    return [text for text, *_ in string.Formatter().parse(template) if text]


def english_words(rules: pact.Rulebook) -> set[str]:
    """Phrases a French reader must not meet: the English catalogue's (of two words at least, found
    nowhere in the French one) and the rules' English words that their French words replace."""
    french = " ".join(catalogue("fr").values()).casefold()
    found = {
        phrase
        for template in catalogue("en").values()
        for part in fragments(template)
        for phrase in re.split(r"[()\[\]:;,.!?]", part)
        if len(phrase.split()) >= 2 and phrase.strip().casefold() not in french
    }
    for treaty in rules.treaties:
        said = treaty.words.translations["fr"]
        found |= {treaty.title} | ({treaty.words.name} if treaty.words.name != said.name else set())
        for clause in treaty.clauses:
            labels = treaty.words.clauses[clause.id]
            words = labels.translations["fr"]
            found |= {w for w, fr in ((clause.article, words.article), (labels.title, words.title)) if w != fr}
    for geography in rules.geography:
        for place in (*geography.regions, *geography.areas):
            if place.title != geography.words[place.id].translations["fr"].title:
                found.add(place.title)
    return {" ".join(f.split()) for f in found if f and f.strip()}


class _Text(HTMLParser):
    """The text a reader sees, without what pact quotes as written: English notes (``lang="en"``),
    sources' citations and file positions (``code``)."""

    SKIPPED = ("style", "code", "title")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._skip or tag in self.SKIPPED or found.get("lang") == "en" or found.get("class") == "sources":
            self._skip.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def seen(fmt: str, text: str) -> str:
    """What a reader reads of a format's text (markup, ids and quoted sources left out)."""
    # a source cited as the rule file gives it, with the lines a terminal folded it onto
    text = re.sub(r"(?m)^[ \t]*(?:- )?source : .*(?:\n(?![ \t\n]).+)*", "", text)
    if fmt in ("html", "map"):
        parser = _Text()
        parser.feed(text)
        return " ".join(parser.parts)
    if fmt == "markdown":
        text = text.split("## Notes (en anglais)")[0].split("## Sources")[0]
        return re.sub(r"`[^`]*`", "", text.split("```mermaid")[0] + text.split("```")[-1])
    if fmt == "dot":
        return " ".join(re.findall(r'(?:label|xlabel)="((?:[^"\\]|\\.)*)"', text))
    if fmt == "mermaid":
        return " ".join(re.findall(r'"([^"]*)"', text))
    return text


@pytest.fixture(scope="module")
def english(rules: pact.Rulebook) -> set[str]:
    return english_words(rules)


@pytest.fixture(scope="module")
def any_english(english: set[str]) -> re.Pattern[str]:
    """Any of the English words, as a word of its own: one pattern, so that each text is read once."""
    words = "|".join(re.escape(w) for w in sorted(english, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


def test_the_list_of_english_words_is_long_enough_to_fail(english: set[str]) -> None:
    assert {"is the victim", "was in force on", "North Atlantic Treaty (Washington Treaty)", "NATO"} <= english
    assert "Article 4(a) (measures as specified in Article 17)" in english and "Article 6" not in english


def test_the_check_finds_english_in_an_english_report(answers: dict[str, Answer], english: set[str]) -> None:
    """The check can fail: the same scenario in English is full of the words it looks for."""
    shown = seen("table", str(render("table", [answers["aes-niger-attacked"]], Options(width=200))))
    assert len([w for w in english if w in shown]) > 5


@pytest.mark.parametrize("fmt", HUMAN)
def test_every_bundled_scenario_in_french_has_no_english_left(
    answers: dict[str, Answer], any_english: re.Pattern[str], fmt: str
) -> None:
    left: dict[str, set[str]] = {}
    for name, answer in sorted(answers.items()):
        text = seen(fmt, str(render(fmt, [answer], Options(language="fr", width=200))))
        found = set(any_english.findall(text))
        found |= set(re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text))  # an ISO date, not written out
        if found:
            left[name] = found
    assert left == {}


def test_every_rule_file_gives_its_words_in_french() -> None:
    missing = [
        p.render() for file in sorted(bundled_rules_dir().glob("*.yaml")) for p in missing_words(*load_rule_file(file))
    ]
    assert missing == []


def test_pact_validate_warns_of_a_missing_word(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A rule file without its French words validates (exit 0), and says so: never silently."""
    text = (bundled_rules_dir() / "aes.yaml").read_text(encoding="utf-8")
    (tmp_path / "aes.yaml").write_text(text.split("\nwords:")[0] + "\n", encoding="utf-8")  # no words block
    assert main(["validate", str(tmp_path / "aes.yaml")]) == 0
    err = capsys.readouterr().err
    assert "pact: warning: " in err and "PACT151 words are missing in a language: no name in en" in err
    assert "no article, title in fr" in err
