"""The rules' own words, in every language the rule files give them: treaties' short names and titles,
clauses' articles and titles, the names of regions, areas and instruments.

Steps and results carry the English words of the rules (an article as ``article:`` says it, a region's
``title:``); a renderer looks each up here to word it in the reader's language. A rule file gives its
words for readers in its ``words:`` block; words it leaves out stay as the file says them in English
(``pact validate`` warns: PACT151).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from pact.model.geography import PlaceLabels
from pact.model.rulebook import Rulebook
from pact.model.rules import Clause, ClauseLabels, ReadingLabels, Treaty, VersionLabels

Key = tuple[str, ...]


@dataclass(frozen=True)
class RuleWords:
    """Every word of the rules by (what, which, …, language): ``("name", "ecowas", "fr")`` → CEDEAO."""

    words: Mapping[Key, str] = field(default_factory=dict)

    @classmethod
    def of(cls, rules: Rulebook) -> RuleWords:
        found: dict[Key, str] = {}
        for treaty in rules.treaties:
            found.update(_treaty(treaty))
        for geography in rules.geography:
            for place in (*geography.areas, *geography.regions):
                found[("phrase", place.title, "en")] = found[("phrase", place.id, "en")] = place.title
                for language, said in geography.words.get(place.id, PlaceLabels()).translations.items():
                    found[("phrase", place.title, language)] = found[("phrase", place.id, language)] = said.title
        return cls(found)

    def treaty_name(self, treaty: str, language: str) -> str:
        """The treaty's short name (CEDEAO), its English one where the file gives none in ``language``."""
        return self._in(("name", treaty), language) or treaty.upper()

    def treaty_title(self, treaty: str, language: str) -> str:
        return self._in(("title", treaty), language) or treaty

    def article(self, treaty: str, article: str, language: str) -> str:
        """An article as the rules word it in ``language`` (the English one given as a step says it)."""
        return self._in(("article", treaty, article), language) or article

    def clause_title(self, treaty: str, clause: str, language: str) -> str | None:
        return self._in(("clause", treaty, clause), language)

    def phrase(self, english: str, language: str) -> str:
        """A region's or an area's name (given as a step says it, its English title, or by its id), or
        an instrument's, in ``language``; anything else as it is."""
        return self._in(("phrase", english), language) or english

    def reading(self, reading: str, english: str, language: str) -> str:
        """What a reading of a contested point holds, in ``language`` where the rule file says it there."""
        return self._in(("reading", reading), language) or english

    def knows_treaty(self, name: str) -> bool:
        return ("name", name, "en") in self.words

    def _in(self, key: Key, language: str) -> str | None:
        return self.words.get((*key, language)) or self.words.get((*key, "en"))


def _treaty(treaty: Treaty) -> Iterator[tuple[Key, str]]:
    id, words = treaty.treaty, treaty.words
    yield ("name", id, "en"), words.name or id.upper()
    yield ("title", id, "en"), treaty.title
    for language, said in words.translations.items():
        if said.name:
            yield ("name", id, language), said.name
        if said.title:
            yield ("title", id, language), said.title
    for clause in treaty.clauses:
        yield from _clause(id, clause, words.clauses.get(clause.id, ClauseLabels()))
    for point in treaty.contested:
        for reading in point.readings:
            yield ("reading", reading.id, "en"), reading.says
            for language, said in words.readings.get(reading.id, ReadingLabels()).translations.items():
                yield ("reading", reading.id, language), said.says
    for body in words.bodies.values():  # as a step names it: by its English name
        for language, name in body.translations.items():
            yield ("phrase", body.name, language), name


def _clause(treaty: str, clause: Clause, labels: ClauseLabels) -> Iterator[tuple[Key, str]]:
    if labels.title:
        yield ("clause", treaty, clause.id, "en"), labels.title
    for language, said in labels.translations.items():
        if said.article:
            yield ("article", treaty, clause.article, language), said.article
        if said.title:
            yield ("clause", treaty, clause.id, language), said.title
    for version in clause.versions:
        named = version.instrument or version.source.citation  # as a step names the wording
        for language, told in labels.versions.get(version.start, VersionLabels()).translations.items():
            if version.article and told.article:
                yield ("article", treaty, version.article, language), told.article
            if told.instrument:
                yield ("phrase", named, language), told.instrument
