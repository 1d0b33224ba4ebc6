"""Reading YAML files into models: the only module that imports ``yaml``.

YAML is loaded safely and strictly: no aliases, no custom tags, no duplicate keys, bounded size
and depth, and dates and yes/no kept as text so that pydantic (not PyYAML) judges them. Every
node's line is remembered so that any error, from pydantic or from a cross-file check, names FILE:LINE.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from pact.assumptions import assume
from pact.check import is_warning, static_findings
from pact.codes import alpha3_hint, is_alpha3, is_area, location_hint
from pact.errors import InputError, RuleError, ScenarioError, did_you_mean
from pact.layers import Layer, Stack, rule_folders, shown_path, stack
from pact.model import ASSUMPTION_KEYS, UNKNOWN, Event, Geography, Origin, Rulebook, Scenario, Territory, Treaty
from pact.source import Path_, SourceMap, dotted
from pact.states import absence, stand_in

MAX_FILE_BYTES = 1_000_000
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


_CLoader = getattr(yaml, "CSafeLoader", None)  # PyYAML built with libyaml


class _FastLoaderBase:
    """libyaml's parser with the same resolvers: several times faster on the rules. Aliases cannot be
    refused as the text is parsed, so files with what could be an anchor or an alias, and any file it
    finds wrong, are read again by ``_StrictLoader``, which words every mistake."""

    yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers


_FastLoader: type[yaml.SafeLoader] | None = (
    type("_FastLoader", (_FastLoaderBase, _CLoader), {}) if _CLoader is not None else None  # type: ignore[assignment]
)

_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[\]{},])[&*]\S", re.MULTILINE)
"""What could be a YAML anchor or alias (``&a``, ``*a``); an ``&`` inside a URL is not."""

_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_TEXT_TAG = "tag:yaml.org,2002:str"


def read_yaml(file: Path, kind: type[InputError]) -> tuple[Any, SourceMap]:
    """Parse one YAML file into plain data and a map of its lines."""
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise kind(f"cannot read file: {exc.strerror}", file=file) from None
    if size > MAX_FILE_BYTES:
        raise kind(f"file is {size} bytes; pact reads at most {MAX_FILE_BYTES}", file=file)
    try:
        raw = file.read_bytes()
        text = raw.decode("utf-8")
    except OSError as exc:
        raise kind(f"cannot read file: {exc.strerror}", file=file) from None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise kind(f"not UTF-8 text: byte {raw[exc.start]:#04x} cannot be decoded", file=file, line=line) from None
    if _FastLoader is not None and not _ANCHOR_OR_ALIAS.search(text):
        try:
            return _parse(_FastLoader, text, file, kind)
        except (InputError, yaml.YAMLError, RecursionError, ValueError, TypeError):
            pass  # the pure-Python loader below finds the same mistake and words it as always
    return _parse(_StrictLoader, text, file, kind)


def _parse(loader_class: type[yaml.SafeLoader], text: str, file: Path, kind: type[InputError]) -> tuple[Any, SourceMap]:
    source = SourceMap(file)
    try:
        loader = loader_class(text)
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


def validate(model: type[M], data: Any, source: SourceMap, kind: type[InputError]) -> M:
    """Validate plain data as ``model``; the first problem becomes a one-line InputError."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _first_problem(exc, model, data, source, kind) from None


def _only_unknown(error: Any) -> bool:
    return error["type"] == "literal_error" and error.get("ctx", {}).get("expected") == "'unknown'"


_EXPECTED = {
    "string_type": "text",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of keys to values",
    "dict_type": "a mapping of keys to values",
}


def _first_problem(
    exc: ValidationError, model: type[BaseModel], data: Any, source: SourceMap, kind: type[InputError]
) -> InputError:
    # A bad item also makes its list look short "after validation": report the item instead; and a
    # fact that may be 'unknown' fails that alternative too: report what was wrong with the value.
    errors = [e for e in exc.errors() if "after validation" not in e["msg"] and not _only_unknown(e)] or exc.errors()
    paths = [_data_path(data, e["loc"], e["type"] == "missing") for e in errors]
    # A misspelt key is reported both as missing and as unknown, and a union reports one error per
    # member at the same place: near the first problem, prefer an unknown key, then the deepest.
    near = paths[0][:-1] if errors[0]["type"] == "missing" else paths[0]
    best = max(
        (i for i, p in enumerate(paths) if p[: len(near)] == near),
        key=lambda i: (errors[i]["type"] == "extra_forbidden", len(paths[i]), -i),
    )
    problem, path = errors[best], paths[best]
    path += tuple((problem.get("ctx") or {}).get("at", ()))
    message = problem["msg"].removeprefix("Value error, ")
    value = problem.get("input")
    suggestion = None
    if problem["type"] == "extra_forbidden" and path[0] == "assume" and path[-1] in ASSUMPTION_KEYS:
        message = f"{path[-1]!r} is a second change in one item: write each change as an item of its own"
    elif problem["type"] == "extra_forbidden":
        key = str(path[-1])
        message = f"unknown key {key!r}"
        suggestion = did_you_mean(key, _keys_at(model, path[:-1]))
    elif problem["type"] == "missing":
        message = "required field is missing"
    elif problem["type"] in _EXPECTED:
        expected = _EXPECTED[problem["type"]] + ("" if path else " at the top of the file")
        message = f"expected {expected}, not {_describe(value)}" if path or value is not None else "the file is empty"
        if expected == "a list" and isinstance(value, str):
            suggestion = f"[{value}]"
    elif problem["type"] in ("enum", "literal_error"):
        expected = problem["ctx"]["expected"]
        suggestion = did_you_mean(str(value), re.findall(r"'([^']*)'", expected))
        message = f"unknown value {value!r}" + ("" if suggestion else f"; expected {expected}")
    elif problem["type"] == "assumption_kind" and isinstance(value, dict):
        fields = {f.alias or name for kind in ASSUMPTION_KEYS.values() for name, f in kind.model_fields.items()}
        unknown = [key for key in value if key not in fields]
        suggestion = did_you_mean(str(unknown[0]), ASSUMPTION_KEYS) if unknown else None
    elif problem["type"] == "too_short":
        least = problem["ctx"]["min_length"]
        message = f"needs at least {least} item{'s' if least > 1 else ''}, not {problem['ctx']['actual_length']}"
    elif problem["type"] == "too_long":
        message = f"has {problem['ctx']['actual_length']} items; at most {problem['ctx']['max_length']} are allowed"
    if message.endswith("?)") and "(did you mean" in message:
        message, _, hint = message.rpartition(" (did you mean ")
        suggestion = hint.strip("'?)")
    return source.error(kind, path, message, suggestion)


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"the number {value}"
    return {type(None): "an empty value", list: "a list", dict: "a mapping"}.get(type(value), repr(value))


def _data_path(data: Any, loc: tuple[Any, ...], missing: bool = False) -> Path_:
    """The part of a pydantic location that names real keys and indexes (not union tags)."""
    path: list[str | int] = []
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
            continue  # a union member's tag, not a key
        path.append(part)
    return tuple(path)


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


def load_rules(*layers: Path | str | None, bundled: bool = True) -> Rulebook:
    """The rules: the bundled library, then each directory laid over it in order (``pact.layers``).

    A later layer's treaty replaces an earlier one of the same id, and likewise each region, area,
    territory and alias (``Rulebook.replaced`` lists what was replaced); ``bundled=False`` starts
    from nothing. The static checks run on the layered whole. A directory holding a full copy of
    the library gives the same treaties and geography as the bundled rules, cited from the copy.
    """
    folders = rule_folders(layers, bundled)
    if not folders:
        raise no_rules()
    return _assemble(stack([read_layer(folder) for folder in folders]))


def no_rules() -> RuleError:
    return RuleError("no rules: without the bundled library (--no-bundled), name at least one rules directory")


def read_layer(folder: Path, problems: list[InputError] | None = None) -> Layer:
    """Every ``*.yaml`` rule file of one directory. With ``problems``, a bad file is recorded there and
    skipped (``pact check`` reports them all); without, the first is raised."""
    if not folder.is_dir():
        raise RuleError("rules directory not found", file=folder)
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    if not files:
        raise RuleError("no *.yaml rule files in this directory", file=folder)
    treaties: list[tuple[Treaty, SourceMap]] = []
    geographies: list[tuple[Geography, SourceMap]] = []
    for file in files:
        try:
            model, source = load_rule_file(file)
        except InputError as error:
            if problems is None:
                raise
            problems.append(error)
            continue
        if isinstance(model, Treaty):
            treaties.append((model, source))
        else:
            geographies.append((model, source))
    return Layer(folder, tuple(treaties), tuple(geographies))


def load_rule_file(file: Path) -> tuple[Treaty | Geography, SourceMap]:
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


def _assemble(stacked: Stack) -> Rulebook:
    treaties, geographies = stacked.treaties, stacked.geographies
    first = next((f for f in static_findings(treaties, geographies) if not is_warning(f)), None)
    if first is not None:
        raise first
    origins = [_origin(t.treaty, s) for t, s in treaties] + [
        _origin(f"geography:{g.geography}", s) for g, s in geographies
    ]
    return Rulebook(
        treaties=tuple(t for t, _ in treaties),
        geography=tuple(g for g, _ in geographies),
        origins=tuple(origins),
        replaced=stacked.replaced,
    )


def _origin(key: str, source: SourceMap) -> Origin:
    return Origin(key=key, file=shown_path(source.file), lines=tuple(source.lines.items()))


# --- scenarios ---------------------------------------------------------------------------


def _check_statehood(scenario: Scenario, rulebook: Rulebook, source: SourceMap) -> None:
    """Refuse a target or attacker that was not a state on the scenario's date (pact.states)."""
    named = {e.target for e in scenario.events} | {s for e in scenario.events for s in e.attackers}
    territories = {
        code: found.sovereign for code in named if (found := rulebook.territory(code, scenario.date)) is not None
    }
    for i, event in enumerate(scenario.events):
        parties = [(("events", i, "target"), event.target)]
        parties += [(("events", i, "by", j), state) for j, state in enumerate(event.attackers)]
        for path, code in parties:
            problem = absence(code, scenario.date, territories)
            if problem:
                raise source.error(ScenarioError, path, problem, stand_in(code, scenario.date))


def load_scenario(file: Path | str, rulebook: Rulebook | None = None) -> Scenario:
    """Load a scenario file; with a rulebook, also check the treaties and states it names."""
    path = Path(file)
    data, source = read_yaml(path, ScenarioError)
    scenario = validate(Scenario, data, source, ScenarioError)
    if rulebook is not None:
        check_scenario(scenario, rulebook, source)
    return scenario


def _whose(territory: Territory, on: date) -> str:
    if territory.start is None and territory.until is None:
        return f"is a territory of {territory.sovereign}"
    return f"was a territory of {territory.sovereign} on {on}"


def _check_requests(event: Event, treaties: set[str], source: SourceMap, at: Path_) -> None:
    for j, asked in enumerate(event.requested_from):
        to = asked if isinstance(asked, str) else asked.to
        if to not in treaties and not is_alpha3(to):
            hint = did_you_mean(to, treaties) or alpha3_hint(to)
            raise source.error(ScenarioError, (*at, j), f"{to!r} is neither a treaty id nor a state code", hint)


def _check_determinations(scenario: Scenario, treaties: set[str], source: SourceMap) -> None:
    events = {e.id for e in scenario.events}
    for i, made in enumerate(scenario.determinations):
        if made.treaty not in treaties:
            hint = did_you_mean(made.treaty, treaties)
            raise source.error(ScenarioError, ("determinations", i, "treaty"), f"unknown treaty {made.treaty!r}", hint)
        if made.event is not None and made.event not in events:
            message = f"no event {made.event!r} in this scenario"
            raise source.error(ScenarioError, ("determinations", i, "event"), message, did_you_mean(made.event, events))


def _check_conditions(scenario: Scenario, rulebook: Rulebook, source: SourceMap) -> None:
    """An event may settle only conditions some clause names (a typo would silently settle nothing)."""
    named = {
        name
        for t in rulebook.treaties
        for c in t.clauses
        for v in (c, *c.versions)
        if v.trigger
        for name in v.trigger.conditions
    }
    for i, event in enumerate(scenario.events):
        for name in event.conditions:
            if name not in named:
                message = f"no clause of these rules names the condition {name!r}"
                raise source.error(ScenarioError, ("events", i, "conditions", name), message, did_you_mean(name, named))


def check_scenario(scenario: Scenario, rulebook: Rulebook, source: SourceMap | None = None) -> None:
    """Refuse a scenario that names treaties the rulebook lacks, attacks a territory as a state, or
    assumes a change the rules cannot take."""
    source = source or SourceMap(Path(f"<scenario {scenario.scenario}>"))
    assume(rulebook, scenario.assume, source)
    treaties = {t.treaty for t in rulebook.treaties}
    areas = rulebook.areas()
    for i, event in enumerate(scenario.events):
        location = event.location
        if location and location != UNKNOWN and is_area(location) and location not in areas:
            hint = did_you_mean(location, areas) or location_hint(location)
            raise source.error(ScenarioError, ("events", i, "location"), f"unknown area {location!r}", hint)
        territory = rulebook.territory(event.target, scenario.date)
        if territory is not None and len(event.target) == 3:
            raise source.error(
                ScenarioError,
                ("events", i, "target"),
                f"{event.target} {_whose(territory, scenario.date)}: "
                f"use target: {territory.sovereign} and location: {event.target}",
            )
        if event.requested_from != UNKNOWN:
            _check_requests(event, treaties, source, ("events", i, "requested_from"))
    _check_determinations(scenario, treaties, source)
    _check_conditions(scenario, rulebook, source)
    _check_statehood(scenario, rulebook, source)
    if scenario.expect:
        expected = [("obligated", i, e.treaty) for i, e in enumerate(scenario.expect.obligated)]
        expected += [("not_obligated", i, e.treaty) for i, e in enumerate(scenario.expect.not_obligated)]
        expected += [("undetermined", i, e.treaty) for i, e in enumerate(scenario.expect.undetermined)]
        for key, i, treaty in expected:
            if treaty not in treaties:
                raise source.error(
                    ScenarioError,
                    ("expect", key, i, "treaty"),
                    f"unknown treaty {treaty!r}",
                    did_you_mean(treaty, treaties),
                )
        events = {e.id for e in scenario.events}
        lists = ("obligated", "not_obligated", "undetermined")
        for key, items in ((k, getattr(scenario.expect, k)) for k in lists):
            for i, item in enumerate(items):
                if item.event is not None and item.event not in events:
                    raise source.error(
                        ScenarioError, ("expect", key, i, "event"), f"no event {item.event!r} in this scenario"
                    )
