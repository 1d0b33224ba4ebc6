"""Error types. Each is raised once, where the problem is found, and rendered once, by the CLI."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path

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
    """

    def __init__(
        self,
        message: str,
        *,
        file: Path | str | None = None,
        line: int | None = None,
        field: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field
        self.suggestion = suggestion
        self.also: tuple[InputError, ...] = ()
        super().__init__(self.render())

    @property
    def problems(self) -> tuple[InputError, ...]:
        """This problem and every other one found in the same input."""
        return (self, *self.also)

    def render(self) -> str:
        """``FILE:LINE: field: what is wrong (did you mean 'X'?)`` on one line."""
        where = self.file or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.suggestion:
            text += f" (did you mean {self.suggestion!r}?)"
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


def rendered(error: InputError, limit: int = MAX_PROBLEMS) -> list[str]:
    """One line per problem, at most ``limit`` of them, then how many more there are."""
    lines = [problem.render() for problem in error.problems[:limit]]
    hidden = len(error.problems) - limit
    return [*lines, f"… and {hidden} more"] if hidden > 0 else lines


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
