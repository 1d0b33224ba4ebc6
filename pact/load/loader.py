"""Reading YAML files into models: the only module that imports ``yaml``.

YAML is loaded safely and strictly: no aliases, no custom tags, no duplicate keys, bounded size
and depth, and dates and yes/no kept as text so that pydantic (not PyYAML) judges them. Every
node's line is remembered so that any error, from pydantic or from a cross-file check, names FILE:LINE.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from pact.core.errors import InputError, RuleError, ScenarioError, did_you_mean, first_of
from pact.core.source import Path_, SourceMap, dotted
from pact.load.files import MAX_FILE_BYTES as MAX_FILE_BYTES  # where callers found it first
from pact.load.files import read_text, rule_files
from pact.load.layers import Layer, rule_folders, shown_path, stack
from pact.load.readings import marked, treaty_readings
from pact.model import (
    ASSUMPTION_KEYS,
    Geography,
    Origin,
    Rulebook,
    Scenario,
    Treaty,
)
from pact.model.rulebook import LoadedGeography, LoadedTreaty, Variant
from pact.validate.scenario import check_scenario
from pact.validate.static import is_warning, static_findings, treaty_findings
from pact.words import Words

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
    text = read_text(file, kind)
    if _FastLoader is not None and not _ANCHOR_OR_ALIAS.search(text):
        try:
            return _parse(_FastLoader, text, file, kind)
        except (InputError, yaml.YAMLError, RecursionError, ValueError, TypeError):
            pass  # the pure-Python loader below finds the same mistake and words it as always
    return _parse(_StrictLoader, text, file, kind)


def _parse(loader_class: type[yaml.SafeLoader], text: str, file: Path, kind: type[InputError]) -> tuple[Any, SourceMap]:
    source = SourceMap(file, {(): 1})
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:  # raised while PyYAML checks the text, before any mark exists
        line = text.count("\n", 0, exc.position) + 1
        words = Words("yaml.bad_character", {"character": f"#x{exc.character:04x}"})
        raise kind(words, file=file, line=line) from None
    try:
        node = loader.get_single_node()
        data = _build(node, (), loader, source, 0, kind)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark and mark.index >= len(text.rstrip()):
            mark = exc.context_mark  # an unclosed bracket or quote: point where it opens, not at the end
        line = mark.line + 1 if mark else None
        problem = ", ".join(part for part in (exc.context, exc.problem) if part) or "malformed YAML"
        raise kind(Words("yaml.malformed", {"problem": problem}), file=file, line=line) from None
    except yaml.YAMLError as exc:
        raise kind(Words("yaml.malformed", {"problem": exc}), file=file) from None
    except RecursionError:
        raise kind(Words("yaml.too_deep", {"levels": MAX_DEPTH}), file=file) from None
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
        raise kind(Words("yaml.too_deep", {"levels": MAX_DEPTH}), file=source.file, line=source.lines[path])
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, loader, source.file, kind)
    if node.tag not in _PLAIN_TAGS:
        raise kind(Words("yaml.tag", {"tag": node.tag}), file=source.file, line=source.lines[path])
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), loader, source, depth + 1, kind) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            what = Words("value.list" if isinstance(key_node, yaml.SequenceNode) else "value.mapping")
            raise kind(
                Words("yaml.key_not_text", {"what": what}), file=source.file, line=line, field=dotted(path) or None
            )
        key = _scalar(key_node, loader, source.file, kind)
        if not isinstance(key, str):
            words = Words("yaml.key_type", {"key": repr(key)})
            raise kind(words, file=source.file, line=line, field=dotted(path) or None)
        if key in result:
            raise kind(Words("yaml.key_twice", {"key": key}), file=source.file, line=line, field=dotted(path) or None)
        result[key] = _build(value_node, (*path, key), loader, source, depth + 1, kind)
        source.lines[(*path, key)] = line
    return result


def _scalar(node: yaml.ScalarNode, loader: yaml.SafeLoader, file: Path, kind: type[InputError]) -> Any:
    """A scalar's value. An explicit tag may only say ``!!str``: PyYAML crashes on ``!!int abc`` or ``!!bool x``."""
    line = node.start_mark.line + 1
    plain = node.style in (None, "")  # a plain scalar's style: None from PyYAML's parser, "" from libyaml's
    implicit = loader.resolve(yaml.ScalarNode, node.value, (plain, False))
    if node.tag not in (implicit, _TEXT_TAG):
        raise kind(Words("yaml.tag", {"tag": node.tag}), file=file, line=line)
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:  # PyYAML lets int() raise on "0x_" or on more than 4300 digits
        text = node.value if len(node.value) <= 20 else f"{node.value[:20]}..."
        raise kind(Words("yaml.not_number", {"text": text}), file=file, line=line) from None


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(data: Any) -> str:
    """Plain data (mappings, lists, text, numbers) as YAML that ``read_yaml`` reads back to the same data.

    Dates must already be text (``YYYY-MM-DD``): the loader reads dates as text, and PyYAML quotes a
    string that would otherwise read as a date, a number or a yes/no.
    """
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


def validate(
    model: type[M], data: Any, source: SourceMap, kind: type[InputError], context: Mapping[str, Any] | None = None
) -> M:
    """Validate plain data as ``model``; every problem becomes a one-line InputError, raised together."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise first_of(_problems(exc, model, data, source, kind)) from None


_EXPECTED = {
    "string_type": "value.text_type",
    "tuple_type": "value.list",
    "list_type": "value.list",
    "model_type": "value.keys_to_values",
    "dict_type": "value.keys_to_values",
}
"""What a value of the wrong type should have been, by pydantic's error type (catalogue keys)."""

_PYDANTIC = frozenset(
    {
        "int_parsing",
        "int_type",
        "int_from_float",
        "float_parsing",
        "float_type",
        "bool_parsing",
        "bool_type",
        "greater_than_equal",
        "less_than_equal",
    }
)
"""Pydantic's other error types that pact's files meet, worded as ``pydantic.TYPE`` from their context."""

ID_FORMS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": (set("abcdefghijklmnopqrstuvwxyz0123456789-"), Words("id.hyphenated")),
    r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$": (
        set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"),
        Words("id.name"),
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
    problems = [p for p in problems if not _only_unknown(p)] or problems
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


def _only_unknown(problem: _Problem) -> bool:
    """The ``unknown`` alternative of a fact that may be unknown: a bad value fails it too, and what
    was wrong with the value is the other alternative's error."""
    return problem.kind == "literal_error" and problem.error.get("ctx", {}).get("expected") == "'unknown'"


def _translate(problem: _Problem, model: type[BaseModel], source: SourceMap, kind: type[InputError]) -> InputError:
    error, path = problem.error, problem.path
    context = error.get("ctx") or {}
    path += tuple(context.get("at", ()))
    message: str | Words = context.get("words") or error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    suggestion = context.get("suggestion")
    if problem.kind == "extra_forbidden" and path[0] == "assume" and path[-1] in ASSUMPTION_KEYS:
        message = Words("input.second_change", {"key": path[-1]})
    elif problem.kind == "extra_forbidden":
        key = str(path[-1])
        message = Words("input.unknown_key", {"key": key})
        suggestion = did_you_mean(key, _keys_at(model, path[:-1]))
    elif problem.kind == "missing":
        message = Words("input.missing")
    elif problem.kind in _EXPECTED:
        message = _expected(problem.kind, value, path)
        if _EXPECTED[problem.kind] == "value.list" and isinstance(value, str):
            suggestion = f"[{value}]"
    elif problem.kind in ("enum", "literal_error"):
        choices = re.findall(r"'([^']*)'", context["expected"])
        suggestion = did_you_mean(str(value), choices)
        message = Words("input.unknown_value", {"value": repr(value)})
        if not suggestion:
            message = Words("input.unknown_value_expected", message.params | {"expected": _one_of(context, choices)})
    elif problem.kind == "assumption_kind":
        message = Words("input.assumption_kind", {"keys": ", ".join(ASSUMPTION_KEYS)})
        if isinstance(value, dict):
            fields = {f.alias or name for kind in ASSUMPTION_KEYS.values() for name, f in kind.model_fields.items()}
            unknown = [key for key in value if key not in fields]
            suggestion = did_you_mean(str(unknown[0]), ASSUMPTION_KEYS) if unknown else None
    elif problem.kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        message = _length(problem.kind, context, value)
    elif problem.kind == "string_pattern_mismatch" and context["pattern"] in ID_FORMS:
        message, suggestion = _bad_id(str(value), context["pattern"])
    elif problem.kind in _PYDANTIC:
        message = Words(f"pydantic.{problem.kind}", {name: _number(v) for name, v in context.items()})
    if _is_attacker(path) and suggestion is None and isinstance(value, str):
        message = Words("input.not_a_state", {"problem": message})
        suggestion = f"by_non_state: {value}"
    return source.error(kind, path, message, suggestion)


def _expected(kind: str, value: Any, path: Path_) -> Words:
    """A value of the wrong type: what was expected, and what was there instead."""
    if not path and value is None:
        return Words("input.empty_file")
    values = {"expected": Words(_EXPECTED[kind]), "value": _describe(value)}
    return Words("input.expected" if path else "input.expected_top", values)


def _one_of(context: Mapping[str, Any], choices: list[str]) -> Words | str:
    """Pydantic's list of the values allowed (``'a', 'b' or 'c'``), as words when it is one."""
    quoted = [f"'{choice}'" for choice in choices]
    if len(quoted) > 1 and context["expected"] == f"{', '.join(quoted[:-1])} or {quoted[-1]}":
        return Words("or", {"first": ", ".join(quoted[:-1]), "last": quoted[-1]})
    return str(context["expected"])


def _length(kind: str, context: Mapping[str, Any], value: Any) -> Words:
    """A list or a text too short or too long."""
    if kind == "too_short":
        least = context["min_length"]
        key = "input.too_short_one" if least == 1 else "input.too_short"
        return Words(key, {"least": least, "actual": context["actual_length"]})
    if kind == "too_long":
        return Words("input.too_long", {"actual": context["actual_length"], "most": context["max_length"]})
    if kind == "string_too_short":
        values = {"actual": len(str(value)), "least": context["min_length"]}
        return Words("input.string_too_short", values) if value else Words("input.string_empty")
    return Words("input.string_too_long", {"actual": len(str(value)), "most": context["max_length"]})


def _number(value: Any) -> Any:
    """A bound as pydantic shows it: 90, not 90.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _bad_id(value: str, pattern: str) -> tuple[Words, str | None]:
    allowed, form = ID_FORMS[pattern]
    odd = next((ch for ch in value if ch not in allowed), None)
    if odd is None:
        return Words("id.invalid", {"value": value, "form": form}), None
    shown = Words("id.space") if odd == " " else repr(odd)
    fixed = re.sub(r"-+", "-", "".join(ch if ch in allowed else "-" for ch in value.lower())).strip("-_.")
    return Words("id.invalid_character", {"value": value, "character": shown, "form": form}), fixed or None


def _is_attacker(path: Path_) -> bool:
    """``events[i].by[j]``, where a name that is no state code belongs in ``by_non_state``."""
    return len(path) == 4 and path[0] == "events" and path[2] == "by"


def _describe(value: Any) -> Words:
    if isinstance(value, str):
        return Words("value.text", {"value": value})
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Words("value.number", {"value": value})
    kind = {type(None): "value.empty", list: "value.list", dict: "value.mapping"}.get(type(value))
    return Words(kind) if kind else Words("value.other", {"value": repr(value)})


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


def load_rules(*layers: Path | str | None, bundled: bool = True) -> Rulebook:
    """The rules: the bundled library, then each directory laid over it in order (``pact.load.layers``).

    A later layer's treaty replaces an earlier one of the same id, and likewise each region, area,
    territory and alias (``Rulebook.replaced`` lists what was replaced); ``bundled=False`` starts
    from nothing. The static checks run on the layered whole. A directory holding a full copy of
    the library gives the same treaties and geography as the bundled rules, cited from the copy.

    Raises ``RuleError``: the first problem, carrying every other one in ``problems``.
    """
    return read_rules(layers, bundled=bundled).rulebook()


def no_rules() -> RuleError:
    return RuleError(Words("rules.none"))


@dataclass(frozen=True)
class RulesReading:
    """What the layers of rules hold once stacked: the files that loaded, what later layers replaced,
    and every problem found.

    The static checks span files, so they run only once every file has loaded: a typo in the
    geography file would otherwise make every region a clause names look unknown.
    """

    folders: tuple[Path, ...]
    treaties: tuple[LoadedTreaty, ...]
    geographies: tuple[LoadedGeography, ...]
    replaced: tuple
    problems: tuple[InputError, ...]  # in file order; static warnings included
    variants: tuple[Variant, ...] = ()

    @property
    def errors(self) -> tuple[InputError, ...]:
        """The problems that stop the rules from running (every one but the static warnings)."""
        return tuple(p for p in self.problems if not (isinstance(p, RuleError) and is_warning(p)))

    def rulebook(self) -> Rulebook:
        if self.errors:
            raise first_of(self.errors)
        origins = [_origin(t.treaty, s) for t, s in self.treaties]
        origins += [_origin(f"geography:{g.geography}", s) for g, s in self.geographies]
        return Rulebook(
            treaties=tuple(t for t, _ in self.treaties),
            geography=tuple(g for g, _ in self.geographies),
            origins=tuple(origins),
            replaced=self.replaced,
            variants=self.variants,
        )


def read_rules(layers: Sequence[Path | str | None] = (), *, bundled: bool = True) -> RulesReading:
    """Read and stack every rule file of the layers without stopping at the first problem."""
    folders = rule_folders(layers, bundled)
    problems: list[InputError] = [] if folders else [no_rules()]
    read = [_layer(folder, problems) for folder in folders]
    stacked = stack(read)
    if not problems and not stacked.treaties:  # a geography-only layer is fine over other rules, not alone
        problems.append(RuleError(Words("rules.geography_only"), file=folders[-1]))
    variants = _variants(read)
    if not problems:
        problems += static_findings(stacked.treaties, stacked.geographies)
        problems += _variant_findings(stacked.treaties, stacked.geographies, variants, problems)
    return RulesReading(
        tuple(folders),
        tuple(stacked.treaties),
        tuple(stacked.geographies),
        stacked.replaced,
        tuple(problems),
        variants,
    )


def _variant_findings(
    treaties: Sequence[LoadedTreaty],
    geographies: Sequence[LoadedGeography],
    variants: Sequence[Variant],
    found: Sequence[InputError],
) -> list[InputError]:
    """What the static checks find in the rules under readings other than the defaults, and not under them."""
    seen = {p.render() for p in found}
    more: list[InputError] = []
    for variant in variants:
        if variant.origin is None or variant.readings == {p.default for p in variant.treaty.contested}:
            continue  # the defaults, checked already
        source = SourceMap(Path(variant.origin.file), dict(variant.origin.lines))
        for problem in treaty_findings(variant.treaty, source, list(treaties), list(geographies)):
            if problem.render() not in seen:
                seen.add(problem.render())
                more.append(problem)
    return more


def _variants(layers: Sequence[Layer]) -> tuple[Variant, ...]:
    """The variants of the treaties left in place: a later layer's treaty brings its own, or none."""
    by_treaty: dict[str, tuple[Variant, ...]] = {}
    for layer in layers:
        by_treaty.update({t.treaty: () for t, _ in layer.treaties})
        for variant in layer.variants:
            by_treaty[variant.treaty.treaty] += (variant,)
    return tuple(v for made in by_treaty.values() for v in made)


def _layer(folder: Path, problems: list[InputError]) -> Layer:
    """Every ``*.yaml``/``*.yml`` rule file of one directory; each problem is added to ``problems``."""
    try:
        files = rule_files(folder, RuleError)
    except InputError as error:  # not a directory, unreadable …
        problems += error.problems
        return Layer(folder, (), (), ())
    treaties: list[LoadedTreaty] = []
    geographies: list[LoadedGeography] = []
    variants: list[Variant] = []
    for file in files:
        try:
            model, source, read_as = read_rule_file(file)
        except InputError as error:
            problems += error.problems
            continue
        variants += read_as
        if isinstance(model, Treaty):
            treaties.append((model, source))
        else:
            geographies.append((model, source))
    if not files:
        problems.append(RuleError(Words("rules.no_files"), file=folder))
    elif not treaties and not geographies and not problems:
        problems.append(RuleError(Words("rules.none_read"), file=folder))
    return Layer(folder, tuple(treaties), tuple(geographies), tuple(variants))


def _origin(key: str, source: SourceMap) -> Origin:
    return Origin(key=key, file=shown_path(source.file), lines=tuple(source.lines.items()))


def load_rule_file(file: Path) -> tuple[Treaty | Geography, SourceMap]:
    """One treaty or geography file, validated on its own (``load_rules`` checks it with the rest);
    a treaty with contested points as its default readings have it."""
    model, source, _ = read_rule_file(file)
    return model, source


def read_rule_file(file: Path) -> tuple[Treaty | Geography, SourceMap, tuple[Variant, ...]]:
    """``load_rule_file``, with the treaty as every combination of its readings has it (``pact.load.readings``)."""
    data, source = read_yaml(file, RuleError)
    if data is None:
        raise RuleError(Words("input.empty_file"), file=file, line=1)
    if not isinstance(data, dict):
        raise RuleError(_expected("dict_type", data, ()), file=file, line=1)
    if "treaty" in data and marked(data):
        made = treaty_readings(data, source, lambda model, d, s: validate(model, d, s, RuleError))
        variants = tuple(Variant(readings=a, treaty=t, origin=_origin(t.treaty, lines)) for a, t, lines in made)
        _, treaty, lines = made[0]
        return treaty, lines, variants
    if "treaty" in data:
        return validate(Treaty, data, source, RuleError), source, ()
    if "geography" in data:
        return validate(Geography, data, source, RuleError), source, ()
    raise RuleError(Words("rules.not_a_rule_file"), file=file, line=1)


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
