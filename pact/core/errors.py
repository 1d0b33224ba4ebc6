"""Error types. Each is raised once, where the problem is found, and rendered once, by the CLI."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic_core import PydanticCustomError

from pact.words import DEFAULT_LANGUAGE, Words, say

MAX_MESSAGE = 500
"""Characters an error line keeps: a value of a megabyte is not repeated in full."""

MAX_PROBLEMS = 20
"""Problems of one file the CLI prints, one line each, before "… and N more"."""


class PactError(Exception):
    """Base of every error pact raises on purpose."""


class InputError(PactError):
    """Bad input: names the file, the line and the field, and suggests a fix where one fits.

    One error is one problem. When a file has several, the first is raised and carries the
    others in ``also``; ``problems`` lists them all, in the order of the file.

    The message is given as ``Words`` (a catalogue key and its values), so that it can be rendered
    in any language pact speaks, or as English text; ``message`` is the English text either way.
    ``code`` is the PACT code of a static finding (``PACT104``), rendered before the message.
    """

    def __init__(
        self,
        message: str | Words,
        *,
        file: Path | str | None = None,
        line: int | None = None,
        field: str | None = None,
        suggestion: str | None = None,
        code: str | None = None,
    ) -> None:
        self.words = message if isinstance(message, Words) else None
        self.message = message.said() if isinstance(message, Words) else message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field
        self.suggestion = suggestion
        self.code = code
        self.also: tuple[InputError, ...] = ()
        super().__init__(self.render())

    @property
    def problems(self) -> tuple[InputError, ...]:
        """This problem and every other one found in the same input."""
        return (self, *self.also)

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        """What is wrong, in ``language`` (English text that has no catalogue key stays English)."""
        text = self.words.said(language) if self.words else self.message
        return f"{self.code} {text}" if self.code else text

    def render(self, language: str = DEFAULT_LANGUAGE) -> str:
        """``FILE:LINE: field: what is wrong (did you mean 'X'?)`` on one line, in ``language``."""
        where = self.file or say(language, "error.no_file")
        if self.line is not None:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.field}: {self.text(language)}" if self.field else f"{where}: {self.text(language)}"
        if self.suggestion:
            text += say(language, "error.did_you_mean", suggestion=repr(self.suggestion))
        text = " ".join(text.split())
        return text if len(text) <= MAX_MESSAGE else f"{text[: MAX_MESSAGE - 1]}…"


class RuleError(InputError):
    """A treaty rule or geography file is malformed or inconsistent."""


class ScenarioError(InputError):
    """A scenario file is malformed or refers to something the rules do not know."""


def first_of(problems: Sequence[InputError]) -> InputError:
    """The first of several problems, carrying the others, to be raised once for all of them."""
    first = problems[0]
    first.also = tuple(problems[1:])
    return first


def rendered(error: InputError, limit: int = MAX_PROBLEMS, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """One line per problem, at most ``limit`` of them, then how many more there are."""
    lines = [problem.render(language) for problem in error.problems[:limit]]
    hidden = len(error.problems) - limit
    return [*lines, say(language, "error.more", count=hidden)] if hidden > 0 else lines


class DatasetError(InputError):
    """A dataset read by an importer (ATOP's CSV files) is malformed or names something pact does not know."""


class MissingExtra(PactError):
    """An optional dependency pact needs for what was asked is not installed."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package, self.extra = package, extra
        super().__init__(f"{purpose} needs {package}: pip install 'pact-treaties[{extra}]'")


class EngineError(PactError):
    """A backend failed while evaluating a valid plan (a bug in pact, not in the input)."""


class BackendUnavailable(PactError, ImportError):
    """A backend asked for by name cannot be imported here (durable-rules on Python 3.13).

    An ImportError too, so that code written against the registry's first contract still catches it.
    """


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest known spelling of ``word``, if one is close enough to be a likely typo."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def invalid(words: Words, suggestion: str | None = None, at: tuple[str | int, ...] = ()) -> PydanticCustomError:
    """A validator's error whose words the loader renders in the reader's language (``at``: the item
    below the validated value it is about). Its pydantic message is the English text, suggestion included."""
    text = words.said()
    text += say(DEFAULT_LANGUAGE, "error.did_you_mean", suggestion=repr(suggestion)) if suggestion else ""
    return PydanticCustomError(
        "value_error", "{text}", {"text": text, "words": words, "suggestion": suggestion, "at": at}
    )
