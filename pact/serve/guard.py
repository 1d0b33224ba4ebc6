"""What keeps a request from harming the server: size, depth and time limits, a strict content type,
and refusals that say what is wrong in one line per problem, as JSON, never a stack trace."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import anyio
from starlette.requests import Request

from pact.core.errors import InputError
from pact.serve.settings import Limits
from pact.words import Words


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a request: the field it is about (a path such as ``events[0].target``),
    a stable code, what is wrong in a given language, and a suggestion."""

    field: str | None
    code: str
    said: Callable[[str], str]
    suggestion: str | None = None

    def as_dict(self, language: str) -> dict[str, Any]:
        return {"field": self.field, "code": self.code, "message": self.said(language), "suggestion": self.suggestion}


class Refusal(Exception):
    """A request pact will not answer, with its HTTP status and every problem found."""

    def __init__(self, status: int, *problems: Problem) -> None:
        super().__init__(status, problems)
        self.status = status
        self.problems = problems


def refuse(status: int, code: str, key: str, field: str | None = None, **params: Any) -> Refusal:
    return Refusal(status, Problem(field, code, Words(key, params).said))


def from_input_error(error: InputError, status: int = 422) -> Refusal:
    """Bad input's problems as the CLI finds them, without the file and line (a request has none)."""
    return Refusal(status, *(Problem(p.field, p.code or "invalid", p.text, p.suggestion) for p in error.problems))


async def read_json(request: Request, limits: Limits) -> Any:
    """The request's body as JSON, refused when it is not ``application/json``, larger than the
    limit (said by its Content-Length or found while reading), slower than the limit to arrive,
    not JSON, or nested deeper than the limit."""
    given = request.headers.get("content-type", "")
    if given.split(";")[0].strip().lower() != "application/json":
        raise refuse(415, "media_type", "serve.media_type", given=given or "nothing")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.body_bytes:
        raise refuse(413, "too_large", "serve.too_large", limit=limits.body_bytes)
    body = bytearray()
    try:
        with anyio.fail_after(limits.body_seconds):
            async for chunk in request.stream():
                body += chunk
                if len(body) > limits.body_bytes:
                    raise refuse(413, "too_large", "serve.too_large", limit=limits.body_bytes)
    except TimeoutError:
        raise refuse(408, "slow", "serve.slow", seconds=limits.body_seconds) from None
    try:
        data = json.loads(body)
    except RecursionError:  # deeper than Python's parser goes
        raise refuse(400, "too_deep", "serve.too_deep", limit=limits.depth) from None
    except ValueError as error:
        raise refuse(400, "not_json", "serve.not_json", reason=str(error)) from None
    if _depth(data) > limits.depth:
        raise refuse(400, "too_deep", "serve.too_deep", limit=limits.depth)
    return data


def _depth(data: Any) -> int:
    """How deeply lists and objects nest in ``data`` (a scalar: 0), without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            stack.extend((v, level + 1) for v in _children(value))
    return deepest


def _children(value: dict[str, Any] | list[Any]) -> Iterator[Any]:
    return iter(value.values() if isinstance(value, dict) else value)


def scenario_data(data: Any, limits: Limits) -> dict[str, Any]:
    """The body as a scenario's data, refused before validation when it is not an object or has more
    events than the limit (validating ten thousand events would be the harm itself)."""
    if not isinstance(data, dict):
        raise refuse(422, "not_object", "serve.not_object")
    events = data.get("events")
    if isinstance(events, list) and len(events) > limits.events:
        raise refuse(413, "too_many_events", "serve.too_many_events", field="events", limit=limits.events)
    return data
