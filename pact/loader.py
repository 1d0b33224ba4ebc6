"""Reading YAML files into models: the only module that imports ``yaml``.

YAML is loaded safely and strictly: no aliases, no custom tags, no duplicate keys, bounded size
and depth, and dates and yes/no kept as text so that pydantic (not PyYAML) judges them. Every
node's line is remembered so that any error, from pydantic or from a cross-file check, names FILE:LINE.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from pact.check import is_warning, static_findings
from pact.codes import alpha3_hint, is_alpha3, is_area, location_hint
from pact.errors import InputError, RuleError, ScenarioError, did_you_mean, first_of
from pact.files import MAX_FILE_BYTES as MAX_FILE_BYTES  # where callers found it first
from pact.files import read_bytes, rule_files
from pact.model import Geography, Rulebook, Scenario, Treaty
from pact.source import Path_, SourceMap, dotted

MAX_DEPTH = 32

M = TypeVar("M", bound=BaseModel)


_AS_TEXT = {
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:value",  # a bare "=" is text
    "tag:yaml.org,2002:merge",  # a bare "<<" is text, hence an unknown key, never a merge
}


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and leaves timestamps and yes/no/on/off as strings.

    YAML 1.1 reads ``NO`` (Norway's alpha-2 code) as false; pydantic still reads ``true`` as a bool.
    """

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _AS_TEXT]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.MarkedYAMLError(problem="YAML aliases are not allowed in pact files", problem_mark=mark)
        return super().compose_node(parent, index)


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_TEXT_TAG = "tag:yaml.org,2002:str"


def read_yaml(file: Path, kind: type[InputError]) -> tuple[Any, SourceMap]:
    """Parse one YAML file into plain data and a map of its lines."""
    source = SourceMap(file, {(): 1})
    raw = read_bytes(file, kind)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise kind(f"not UTF-8 text: byte {raw[exc.start]:#04x} cannot be decoded", file=file, line=line) from None
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as exc:  # raised while PyYAML checks the text, before any mark exists
        line = text.count("\n", 0, exc.position) + 1
        raise kind(f"malformed YAML: character #x{exc.character:04x} is not allowed", file=file, line=line) from None
    try:
        node = loader.get_single_node()
        data = _build(node, (), loader, source, 0, kind)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark and mark.index >= len(text.rstrip()):
            mark = exc.context_mark  # an unclosed bracket or quote: point where it opens, not at the end
        line = mark.line + 1 if mark else None
        problem = ", ".join(part for part in (exc.context, exc.problem) if part) or "malformed YAML"
        raise kind(f"malformed YAML: {problem}", file=file, line=line) from None
    except yaml.YAMLError as exc:
        raise kind(f"malformed YAML: {exc}", file=file) from None
    except RecursionError:
        raise kind(f"YAML is nested too deeply (pact allows {MAX_DEPTH} levels)", file=file) from None
    finally:
        loader.dispose()
    return data, source


def _build(
    node: Any, path: Path_, loader: yaml.SafeLoader, source: SourceMap, depth: int, kind: type[InputError]
) -> Any:
    if node is None:
        return None
    source.lines[path] = node.start_mark.line + 1
    if depth > MAX_DEPTH:
        raise kind(
            f"YAML is nested too deeply (pact allows {MAX_DEPTH} levels)", file=source.file, line=source.lines[path]
        )
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, loader, source.file, kind)
    if node.tag not in _PLAIN_TAGS:
        raise kind(f"YAML tag {node.tag!r} is not allowed", file=source.file, line=source.lines[path])
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), loader, source, depth + 1, kind) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            what = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
            raise kind(f"a key must be text, not {what}", file=source.file, line=line, field=dotted(path) or None)
        key = _scalar(key_node, loader, source.file, kind)
        if not isinstance(key, str):
            raise kind(f"key {key!r} must be text", file=source.file, line=line, field=dotted(path) or None)
        if key in result:
            raise kind(f"key {key!r} appears twice", file=source.file, line=line, field=dotted(path) or None)
        result[key] = _build(value_node, (*path, key), loader, source, depth + 1, kind)
        source.lines[(*path, key)] = line
    return result


def _scalar(node: yaml.ScalarNode, loader: yaml.SafeLoader, file: Path, kind: type[InputError]) -> Any:
    """A scalar's value. An explicit tag may only say ``!!str``: PyYAML crashes on ``!!int abc`` or ``!!bool x``."""
    line = node.start_mark.line + 1
    implicit = loader.resolve(yaml.ScalarNode, node.value, (node.style is None, False))
    if node.tag not in (implicit, _TEXT_TAG):
        raise kind(f"YAML tag {node.tag!r} is not allowed", file=file, line=line)
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:  # PyYAML lets int() raise on "0x_" or on more than 4300 digits
        text = node.value if len(node.value) <= 20 else f"{node.value[:20]}..."
        raise kind(f"malformed YAML: {text!r} cannot be read as a number", file=file, line=line) from None


def validate(
    model: type[M], data: Any, source: SourceMap, kind: type[InputError], context: Mapping[str, Any] | None = None
) -> M:
    """Validate plain data as ``model``; every problem becomes a one-line InputError, raised together."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise first_of(_problems(exc, model, data, source, kind)) from None


_EXPECTED = {
    "string_type": "text",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of keys to values",
    "dict_type": "a mapping of keys to values",
}

ID_FORMS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": (
        set("abcdefghijklmnopqrstuvwxyz0123456789-"),
        "an id here is lower-case letters and digits, in words joined by single hyphens (nato-art6)",
    ),
    r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$": (
        set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"),
        "an id here is 1 to 64 letters, digits, '_', '.' and '-', starting with a letter or digit",
    ),
}
"""The id patterns of the models, said in words: a user should not have to read a regex."""


@dataclass(frozen=True)
class _Problem:
    """One pydantic error, placed in the data."""

    error: Mapping[str, Any]
    path: Path_  # the keys and indexes of the data it is about
    union: Path_ | None  # where a union of types begins along its location, if it is inside one

    @property
    def kind(self) -> str:
        return str(self.error["type"])


def _problems(
    exc: ValidationError, model: type[BaseModel], data: Any, source: SourceMap, kind: type[InputError]
) -> list[InputError]:
    """One error per problem, in the order of the file.

    Pydantic reports some problems more than once: a bad item also makes its list look short
    "after validation"; a union reports one error per member at the same place; a misspelt key is
    both unknown and, under its right spelling, missing. Each of those is told once.
    """
    problems = [_Problem(e, *_data_path(data, e["loc"], e["type"] == "missing")) for e in exc.errors()]
    problems = [p for p in problems if not _shortened_by_a_bad_item(p, problems)]
    misspelt = {
        (*p.path[:-1], did_you_mean(str(p.path[-1]), _keys_at(model, p.path[:-1])))
        for p in problems
        if p.kind == "extra_forbidden"
    }
    problems = [p for p in problems if not (p.kind == "missing" and p.path in misspelt)]
    sites: dict[object, list[int]] = {}
    for i, p in enumerate(problems):
        sites.setdefault(("union", p.union) if p.union is not None else ("one", i), []).append(i)
    chosen = [
        max(site, key=lambda i: (problems[i].kind == "extra_forbidden", len(problems[i].path), -i))
        for site in sites.values()
    ]
    found = [_translate(problems[i], model, source, kind) for i in sorted(chosen)]
    unique = list({error.render(): error for error in found}.values())
    return sorted(unique, key=lambda error: error.line or 0)


def _shortened_by_a_bad_item(problem: _Problem, problems: list[_Problem]) -> bool:
    """A list too short "after validation" only because one of its items is reported as bad."""
    return (
        problem.kind == "too_short"
        and "after validation" in problem.error["msg"]
        and any(len(p.path) > len(problem.path) and p.path[: len(problem.path)] == problem.path for p in problems)
    )


def _translate(problem: _Problem, model: type[BaseModel], source: SourceMap, kind: type[InputError]) -> InputError:
    error, path = problem.error, problem.path
    path += tuple((error.get("ctx") or {}).get("at", ()))
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    suggestion = None
    if problem.kind == "extra_forbidden":
        key = str(path[-1])
        message = f"unknown key {key!r}"
        suggestion = did_you_mean(key, _keys_at(model, path[:-1]))
    elif problem.kind == "missing":
        message = "required field is missing"
    elif problem.kind in _EXPECTED:
        expected = _EXPECTED[problem.kind] + ("" if path else " at the top of the file")
        message = f"expected {expected}, not {_describe(value)}" if path or value is not None else "the file is empty"
        if expected == "a list" and isinstance(value, str):
            suggestion = f"[{value}]"
    elif problem.kind in ("enum", "literal_error"):
        expected = error["ctx"]["expected"]
        suggestion = did_you_mean(str(value), re.findall(r"'([^']*)'", expected))
        message = f"unknown value {value!r}" + ("" if suggestion else f"; expected {expected}")
    elif problem.kind == "too_short":
        least = error["ctx"]["min_length"]
        message = f"needs at least {least} item{'s' if least > 1 else ''}, not {error['ctx']['actual_length']}"
    elif problem.kind == "too_long":
        message = f"has {error['ctx']['actual_length']} items; at most {error['ctx']['max_length']} are allowed"
    elif problem.kind == "string_too_short":
        least = error["ctx"]["min_length"]
        message = f"has {len(str(value))} characters; at least {least} are needed" if value else "is empty"
    elif problem.kind == "string_too_long":
        message = f"has {len(str(value))} characters; at most {error['ctx']['max_length']} are allowed"
    elif problem.kind == "string_pattern_mismatch" and error["ctx"]["pattern"] in ID_FORMS:
        message, suggestion = _bad_id(str(value), error["ctx"]["pattern"])
    if message.endswith("?)") and "(did you mean" in message:
        message, _, hint = message.rpartition(" (did you mean ")
        suggestion = hint.strip("'?)")
    if _is_attacker(path) and suggestion is None and isinstance(value, str):
        message += "; by lists states: a group that is not a state goes in by_non_state"
        suggestion = f"by_non_state: {value}"
    return source.error(kind, path, message, suggestion)


def _bad_id(value: str, pattern: str) -> tuple[str, str | None]:
    allowed, form = ID_FORMS[pattern]
    odd = next((ch for ch in value if ch not in allowed), None)
    if odd is None:
        return f"{value!r} is not a valid id: {form}", None
    shown = "a space" if odd == " " else repr(odd)
    fixed = re.sub(r"-+", "-", "".join(ch if ch in allowed else "-" for ch in value.lower())).strip("-_.")
    return f"{value!r} is not a valid id: {shown} is not allowed; {form}", fixed or None


def _is_attacker(path: Path_) -> bool:
    """``events[i].by[j]``, where a name that is no state code belongs in ``by_non_state``."""
    return len(path) == 4 and path[0] == "events" and path[2] == "by"


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"the number {value}"
    return {type(None): "an empty value", list: "a list", dict: "a mapping"}.get(type(value), repr(value))


def _data_path(data: Any, loc: tuple[Any, ...], missing: bool = False) -> tuple[Path_, Path_ | None]:
    """The part of a pydantic location that names real keys and indexes, and where along it a
    union member's tag (no key of the data) first appears, if one does."""
    path: list[str | int] = []
    union: Path_ | None = None
    here = data
    for k, part in enumerate(loc):
        if (isinstance(here, dict) and part in here) or (
            isinstance(here, list) and isinstance(part, int) and 0 <= part < len(here)
        ):
            here = here[part]
        elif missing and k == len(loc) - 1 and isinstance(here, dict) and isinstance(part, str):
            path.append(part)  # a required key that is missing
            break
        else:
            union = tuple(path) if union is None else union
            continue
        path.append(part)
    return tuple(path), union


def _keys_at(model: type[BaseModel], path: Path_) -> set[str]:
    """The keys the models accept at ``path``, for did-you-mean on an unknown key."""
    classes: list[Any] = [model]
    for part in path:
        if isinstance(part, int):
            continue
        nxt: list[Any] = []
        for cls in classes:
            info = cls.model_fields
            for name, fld in info.items():
                if (fld.alias or name) == part:
                    nxt.extend(_models_in(fld.annotation))
        classes = nxt
    return {fld.alias or name for cls in classes for name, fld in cls.model_fields.items()}


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


# --- treaties and geography --------------------------------------------------------------


def bundled_rules_dir() -> Path:
    """The treaty rules shipped with pact (inside the installed package, or the source tree)."""
    packaged = Path(str(resources.files("pact"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def load_rules(directory: Path | str | None = None) -> Rulebook:
    """Load and cross-check every ``*.yaml``/``*.yml`` file of a rules directory (bundled by default).

    Raises ``RuleError``: the first problem, carrying every other one in ``problems``.
    """
    reading = read_rules(directory)
    if reading.errors:
        raise first_of(reading.errors)
    return reading.rulebook()


Loaded = tuple[Treaty, SourceMap]
LoadedGeography = tuple[Geography, SourceMap]


@dataclass(frozen=True)
class RulesReading:
    """What a rules directory holds: the files that loaded, and every problem found in it.

    The static checks span files, so they run only once every file has loaded: a typo in the
    geography file would otherwise make every region a clause names look unknown.
    """

    folder: Path
    treaties: tuple[Loaded, ...]
    geographies: tuple[LoadedGeography, ...]
    problems: tuple[InputError, ...]  # in file order; static warnings included

    @property
    def errors(self) -> tuple[InputError, ...]:
        """The problems that stop the rules from running (every one but the static warnings)."""
        return tuple(p for p in self.problems if not (isinstance(p, RuleError) and is_warning(p)))

    def rulebook(self) -> Rulebook:
        if self.errors:
            raise first_of(self.errors)
        return Rulebook(treaties=tuple(t for t, _ in self.treaties), geography=tuple(g for g, _ in self.geographies))


def read_rules(directory: Path | str | None = None) -> RulesReading:
    """Read every rule file of a directory without stopping at the first problem."""
    folder = Path(directory) if directory is not None else bundled_rules_dir()
    files = rule_files(folder, RuleError)
    treaties: list[Loaded] = []
    geographies: list[LoadedGeography] = []
    problems: list[InputError] = []
    for file in files:
        try:
            model, source = load_rule_file(file)
        except InputError as error:
            problems += error.problems
            continue
        if isinstance(model, Treaty):
            treaties.append((model, source))
        else:
            geographies.append((model, source))
    if not files:
        problems.append(RuleError("no *.yaml or *.yml rule files in this directory", file=folder))
    elif not treaties and not problems:
        problems.append(RuleError("no treaty in this directory: its rule files are all geography files", file=folder))
    if not problems:
        problems += static_findings(treaties, geographies)
    return RulesReading(folder, tuple(treaties), tuple(geographies), tuple(problems))


def load_rule_file(file: Path) -> tuple[Treaty | Geography, SourceMap]:
    """One treaty or geography file, validated on its own (``load_rules`` checks it with the rest)."""
    data, source = read_yaml(file, RuleError)
    if data is None:
        raise RuleError("the file is empty", file=file, line=1)
    if not isinstance(data, dict):
        message = f"expected a mapping of keys to values at the top of the file, not {_describe(data)}"
        raise RuleError(message, file=file, line=1)
    if "treaty" in data:
        return validate(Treaty, data, source, RuleError), source
    if "geography" in data:
        return validate(Geography, data, source, RuleError), source
    raise RuleError("not a rule file: expected a top-level 'treaty:' or 'geography:' key", file=file, line=1)


# --- scenarios ---------------------------------------------------------------------------


def load_scenario(file: Path | str, rulebook: Rulebook | None = None) -> Scenario:
    """Load a scenario file; with a rulebook, also check the treaties, areas and states it names.

    Raises ``ScenarioError`` naming FILE:LINE and the field: the first problem, carrying every
    other one in ``problems``.
    """
    path = Path(file)
    data, source = read_yaml(path, ScenarioError)
    return _scenario(data, source, rulebook)


def scenario_from_dict(data: Mapping[str, Any], rulebook: Rulebook | None = None) -> Scenario:
    """A scenario built from plain data (as a scenario file holds it), checked as a file would be.

    Raises ``ScenarioError`` with the field path of every problem (``events[0].target``), never
    pydantic's ``ValidationError``. With a rulebook, the treaties, areas and states named are
    checked against it too.
    """
    return _scenario(data, SourceMap(None), rulebook)


def _scenario(data: Any, source: SourceMap, rulebook: Rulebook | None) -> Scenario:
    areas = {"areas": tuple(rulebook.areas())} if rulebook is not None else None
    scenario = validate(Scenario, data, source, ScenarioError, context=areas)
    if rulebook is not None:
        check_scenario(scenario, rulebook, source)
    return scenario


def check_scenario(scenario: Scenario, rulebook: Rulebook, source: SourceMap | None = None) -> None:
    """Refuse a scenario that names treaties, areas or events the rulebook or scenario lacks, or
    attacks a territory as a state; every problem is told, the first raised carrying the rest."""
    source = source or SourceMap(Path(f"<scenario {scenario.scenario}>"))
    problems = list(_scenario_problems(scenario, rulebook, source))
    if problems:
        raise first_of(problems)


def _scenario_problems(scenario: Scenario, rulebook: Rulebook, source: SourceMap) -> Iterator[InputError]:
    treaties = {t.treaty for t in rulebook.treaties}
    territories = rulebook.sovereigns()
    areas = rulebook.areas()
    for i, event in enumerate(scenario.events):
        if event.location and is_area(event.location) and event.location not in areas:
            hint = did_you_mean(event.location, areas) or location_hint(event.location)
            yield source.error(ScenarioError, ("events", i, "location"), f"unknown area {event.location!r}", hint)
        if event.target in territories:
            yield source.error(
                ScenarioError,
                ("events", i, "target"),
                f"{event.target} is a territory of {territories[event.target]}: "
                f"use target: {territories[event.target]} and location: {event.target}",
            )
        for j, asked in enumerate(event.requested_from):
            if asked not in treaties and not is_alpha3(asked):
                yield source.error(
                    ScenarioError,
                    ("events", i, "requested_from", j),
                    f"{asked!r} is neither a treaty id nor a state code",
                    _treaty_hint(asked, treaties) or alpha3_hint(asked),
                )
    if scenario.expect:
        events = {e.id for e in scenario.events}
        for key, items in (("obligated", scenario.expect.obligated), ("not_obligated", scenario.expect.not_obligated)):
            for i, item in enumerate(items):
                if item.treaty not in treaties:
                    yield source.error(
                        ScenarioError,
                        ("expect", key, i, "treaty"),
                        f"unknown treaty {item.treaty!r}",
                        _treaty_hint(item.treaty, treaties),
                    )
                if item.event is not None and item.event not in events:
                    yield source.error(
                        ScenarioError, ("expect", key, i, "event"), f"no event {item.event!r} in this scenario"
                    )


def _treaty_hint(word: str, treaties: set[str]) -> str | None:
    """The treaty id meant: treaty ids are lower-case, so ``NATO`` means ``nato``."""
    lower = word.strip().lower()
    return lower if lower in treaties else did_you_mean(lower, treaties)
