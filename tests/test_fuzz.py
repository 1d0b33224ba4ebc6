"""Hostile input: whatever a file holds, pact gives a result or one line per problem naming the file, and exit 2.

Never a traceback, a hang, a crash of the process, or a wrong answer. Hypothesis feeds the CLI
arbitrary bytes, YAML-like text, valid files with random edits, structured mutations of a valid
scenario and of a rules directory, and valid generated scenarios; the classic attacks on YAML
parsers (alias bombs, deep nesting, huge files, long lines, many keys) are written out by hand.
A mutated file that pact accepts must give exactly what the models give for the same data.

The ``ci`` profile keeps this file to about half a minute; ``HYPOTHESIS_PROFILE=deep`` is the local soak, and
``fuzz/fuzz_loader.py`` the coverage-guided (atheris) harness. Limits and figures: docs/limits.md.
The hand-written bad-input fixtures, one per mistake, are in test_bad_input.py.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import pact
from pact.cli import main
from pact.core.errors import MAX_PROBLEMS
from pact.load.loader import MAX_DEPTH, MAX_FILE_BYTES
from pact.model import MAX_ATTACKERS, Geography, Treaty
from pact.testing import scenarios

from .conftest import FIXTURES, ROOT, SCENARIOS

TINY_RULES = FIXTURES / "valid" / "rules"
"""A small valid rules directory (one treaty, regions, an area): fast to load for every example."""

BUNDLED = pact.load_rules()
TINY = pact.load_rules(TINY_RULES, bundled=False)
TINY_ENGINE = pact.Engine(TINY, backend="reference")


def share(fraction: float) -> settings:
    """A slower property's share of the profile's examples (ci: 150, deep: 5000), at least 10."""
    return settings(
        max_examples=max(10, int(settings.default.max_examples * fraction)),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


# --- running the CLI and judging what it did ----------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@contextlib.contextmanager
def fresh(workdir: Path) -> Iterator[Path]:
    """A new empty directory per example (pytest's tmp_path is one per test, not per example)."""
    with tempfile.TemporaryDirectory(dir=workdir) as name:
        yield Path(name)


def cli(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def result_or_error_lines(code: int, err: str, where: Path) -> None:
    """Exit 0 and nothing on stderr, or exit 2 and one line per problem on stderr, each starting with
    ``where``: at most MAX_PROBLEMS of them, then one saying how many more there are."""
    assert "Traceback" not in err, err
    assert code in (0, 2), (code, err)
    if code == 0:  # rules pact accepts may still lack the French words a reader sees: pact validate says so
        assert all("PACT151 words are missing" in line for line in err.splitlines()), err
    else:
        lines = err.splitlines()
        assert 1 <= len(lines) <= MAX_PROBLEMS + 1, err
        if len(lines) == MAX_PROBLEMS + 1:
            assert re.fullmatch(r"… and \d+ more", lines.pop()), err
        for line in lines:
            assert line.startswith(str(where)), (str(where), line)


def run_json(*files: Path, rules: Path = TINY_RULES, backend: str = "reference") -> tuple[int, Any, str]:
    code, out, err = cli("run", "--rules", rules, "--no-bundled", "--backend", backend, "--format", "json", *files)
    if code != 0:
        return code, None, err
    data = json.loads(out)
    return code, data if len(files) > 1 else [data], err


def as_json(value: Any) -> Any:
    return json.loads(json.dumps(value))


def without_sources(value: Any) -> Any:
    """A result with the FILE:LINE of its steps left out: rules built in memory have no files."""
    if isinstance(value, dict):
        return {k: without_sources(v) for k, v in value.items() if k != "source"}
    if isinstance(value, list):
        return [without_sources(v) for v in value]
    return value


def no_odd_codes(results: list[dict[str, Any]]) -> None:
    """No wrong answer in an accepted file: every state reported is a plain alpha-3 code."""
    for result in results:
        for duty in (*result["obligations"], *result["not_obligated"], *result["conflicts"]):
            for key in ("state", "toward", "against"):
                assert duty.get(key) is None or re.fullmatch(r"[A-Z]{3}", duty[key]), duty


# --- data as pact's loader reads it ---------------------------------------------------------------


def dump(data: Any, unicode: bool = True) -> str:
    return yaml.safe_dump(data, allow_unicode=unicode, sort_keys=False, width=120)


def as_loaded(data: Any) -> Any:
    """``data`` as pact's loader reads it back from ``dump(data)``: days and true/false stay text."""
    if isinstance(data, bool):
        return str(data).lower()
    if isinstance(data, date):
        return data.isoformat()
    if isinstance(data, dict):
        return {k: as_loaded(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [as_loaded(v) for v in data]
    return data


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from _paths(value, (*prefix, key))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


# --- hostile values ---------------------------------------------------------------------------------

CODES = ("NER", "MLI", "BFA", "NGA", "USA", "GUM", "NOR", "US-HI", "ML-8")
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u202e", "\u180e", "\u0301")
LOOKALIKES = {"A": "АΑＡ", "B": "ВΒＢ", "E": "ЕΕＥ", "G": "ԌＧ", "I": "ІΙＩ", "L": "Ｌ", "M": "МΜＭ", "N": "ΝＮ"}
LOOKALIKES |= {"O": "ОΟ0Ｏ", "R": "Ｒ", "S": "ЅＳ", "U": "Ｕ", "H": "НΗ", "-": "‐‑–−"}
ALPHA3 = sorted(c.alpha_3 for c in pycountry.countries)


@st.composite
def odd_codes(draw: st.DrawFn) -> str:
    """A country or subdivision code made wrong in the ways pasted text is: look-alikes, invisibles, case, width."""
    text = draw(st.sampled_from(CODES))
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["invisible", "lookalike", "case", "space", "width", "typo"]))
        at = draw(st.integers(0, len(text)))
        if how == "invisible":
            text = text[:at] + draw(st.sampled_from(INVISIBLE)) + text[at:]
        elif how == "lookalike":
            text = "".join(
                draw(st.sampled_from(LOOKALIKES[c])) if c in LOOKALIKES and draw(st.booleans()) else c for c in text
            )
        elif how == "case":
            text = draw(st.sampled_from([text.lower(), text.title(), text.swapcase()]))
        elif how == "space":
            space = draw(st.sampled_from([" ", "\u00a0", "\t", "\u3000"]))
            text = draw(st.sampled_from([space + text, text + space, space + text + space]))
        elif how == "width":
            text = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
        else:
            text = text[:at] + draw(st.characters(min_codepoint=32)) + text[at + 1 :]
    return text


DATES = (
    "0001-01-01", "9999-12-31", "10000-01-01", "0000-01-01", "2023-02-29", "2024-02-29", "2023-13-01",
    "2023-1-1", "20231001", "2023-10-01T00:00:00", "2023-10-01 ", "2023‐10‐01", "٢٠٢٣-١٠-٠١", "２０２３-10-01",
    "+2023-10-01", "-2023-10-01", "2023-W40-1", "2023-274",
)  # fmt: skip

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**40), 10**40),
    st.floats(),
    st.sampled_from([-1, 0, 1, 16, 17, 100, 101, 2**31, 2**63, -(2**63)]),
    st.text(max_size=40),
    st.sampled_from(DATES),
    st.dates(),
    st.sampled_from(["yes", "no", "NO", "on", "off", "~", "null", "true", ".nan", "-.inf", "0x1F", "1_000", "1:30"]),
    st.sampled_from(["armed_attack", "territory", "forces", "defense", "other_parties", "party", "any", "tiny", "aes"]),
    odd_codes(),
    st.integers(200, 20_000).map(lambda n: "N" * n),
)
HOSTILE = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)

KEYS = st.sampled_from(
    ["scenario", "date", "events", "type", "target", "by", "id", "location", "expect", "treaty", "parties",
     "clauses", "trigger", "obligation", "regions", "include", "from", "until", "<<", "", " ", "évent"]
) | st.text(max_size=12)  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any], *, big: dict[str, Any] | None = None) -> Any:
    """``base`` with one to three values replaced (by hostile values, or by values borrowed from elsewhere
    in the file, which are often valid), keys removed or added, lists grown; ``big`` adds more ways."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        here = _at(data, path)
        how = draw(st.sampled_from(["replace", "borrow", "delete", "add", *(big or {})]))
        if how in ("replace", "borrow"):
            value = draw(HOSTILE) if how == "replace" else copy.deepcopy(_at(data, draw(st.sampled_from(paths))))
            if not path:
                return value
            _at(data, path[:-1])[path[-1]] = value
        elif how == "delete" and path:
            del _at(data, path[:-1])[path[-1]]
        elif how == "add" and isinstance(here, dict):
            here[draw(KEYS)] = draw(HOSTILE)
        elif how == "add" and isinstance(here, list):
            here.insert(
                draw(st.integers(0, len(here))),
                draw(HOSTILE) if draw(st.booleans()) else copy.deepcopy(here[0] if here else None),
            )
        elif big and how in big:
            big[how](draw, data)
    return data


# --- 1. anything at all, as bytes or text ----------------------------------------------------------

YAML_TOKENS = (
    "scenario: ", "date: ", "events:", "\n", "\n  ", "\n    ", "- ", ": ", "? ", "[", "]", "{", "}", ", ", "#",
    "&a ", "*a", "!!int ", "!!str ", "!!binary ", "!!python/object:os.system ", "!foo ", "<<: ", "---\n", "...\n",
    "%YAML 1.1\n", "|\n", ">-\n", "'", '"', "\\", "\t", "\ufeff", "\x00", "\x85", "\u2028", "type: armed_attack",
    "target: NER", "by: [NGA]", "2023-10-01", "NO", "1e400", "9" * 5000, "0x_", "~", "null", "true", "e1", "tiny",
)  # fmt: skip

yaml_like = st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=4), max_size=60).map("".join)


@given(raw=st.binary(max_size=2000) | yaml_like.map(lambda t: t.encode("utf-8", "surrogatepass")))
@example(raw=b"")
@example(raw=b"\xff\xfe\x00\x00")
@example(raw="scenario: s\ndate: 2023-10-01\nevents: [{type: armed_attack, target: NER}]\n".encode("utf-16"))
def test_any_bytes_give_a_result_or_one_line(workdir: Path, raw: bytes) -> None:
    """GIVEN any bytes in a .yaml file WHEN validated and run THEN exit 0, or exit 2 with lines naming it."""
    with fresh(workdir) as folder:
        file = folder / "input.yaml"
        file.write_bytes(raw)
        code, _, err = cli("validate", "--rules", TINY_RULES, "--no-bundled", file)
        result_or_error_lines(code, err, folder)  # a file that looks like a rule file is checked with its folder
        code, _, err = cli("run", "--rules", TINY_RULES, "--no-bundled", "--backend", "reference", file)
        result_or_error_lines(code, err, file)
        event(f"run: exit {code}")


VALID_TEXTS = [
    (FIXTURES / "valid" / "scenario.yaml").read_text(),
    "scenario: s\ndate: 2001-01-01\nevents:\n  - {id: a, type: armed_attack, target: NER, location: inland-sea,"
    " by: [NGA], requested_from: [tiny, MLI]}\n  - type: terrorist_attack\n    target: MLI\n    location: ML-8\n"
    "    by_non_state: JNIM\nexpect:\n  obligated: [{state: MLI, treaty: tiny}]\n  conflicts: []\n",
]


@st.composite
def edited(draw: st.DrawFn) -> str:
    """A valid scenario file with a few random edits: insertions, deletions, swapped or repeated lines."""
    text = draw(st.sampled_from(VALID_TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "lines"]))
        if how == "insert":
            text = text[:at] + draw(st.sampled_from(YAML_TOKENS) | st.text(max_size=3)) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        elif how == "replace":
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
        else:
            lines = text.splitlines(keepends=True)
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], (lines[i] if draw(st.booleans()) else lines[j])
            text = "".join(lines)
    return text


@given(text=edited())
def test_an_edited_scenario_gives_a_result_or_one_line(workdir: Path, text: str) -> None:
    """GIVEN a valid scenario file with a few characters or lines changed THEN a result or error lines naming it."""
    with fresh(workdir) as folder:
        file = folder / "edited.yaml"
        file.write_bytes(text.encode("utf-8", "surrogatepass"))
        code, results, err = run_json(file)
        result_or_error_lines(code, err, file)
        event(f"exit {code}")
        if code == 0:
            no_odd_codes(results)


# --- 2. structured mutations of a valid scenario, with the models as the oracle ----------------------

SCENARIO: dict[str, Any] = {
    "scenario": "tiny-fuzz",
    "title": "Niger attacked; a terrorist attack in Kidal",
    "date": "2001-01-01",
    "events": [
        {
            "id": "e1",
            "type": "armed_attack",
            "target": "NER",
            "location": "inland-sea",
            "against": "territory",
            "by": ["NGA", "TCD"],
            "requested_from": ["tiny", "MLI"],
        },
        {"type": "terrorist_attack", "target": "MLI", "location": "ML-8", "by_non_state": "JNIM"},
    ],
    "expect": {
        "obligated": [{"state": "MLI", "treaty": "tiny", "toward": "NER", "clause": "defence", "event": "e1"}],
        "not_obligated": [{"state": "NER", "treaty": "tiny"}],
        "conflicts": [],
    },
    "notes": "made up for the fuzz suite",
    "sources": [{"citation": "none", "url": "https://example.org"}],
}


def _many_events(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Around the limit of 100 events (ids dropped, so they number themselves)."""
    event = {k: v for k, v in SCENARIO["events"][0].items() if k != "id"}
    data["events"] = [copy.deepcopy(event) for _ in range(draw(st.integers(95, 110)))]


def _many_attackers(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Around the limit of 16 attackers in one event."""
    if isinstance(data.get("events"), list) and data["events"] and isinstance(data["events"][0], dict):
        others = [c for c in ALPHA3 if c != data["events"][0].get("target")]
        size = draw(st.integers(MAX_ATTACKERS - 3, MAX_ATTACKERS + 3))
        data["events"][0]["by"] = draw(st.lists(st.sampled_from(others), min_size=size, max_size=size, unique=True))


def in_memory(data: Any) -> list[dict[str, Any]] | None:
    """What the models and the engine make of ``data`` read as the loader reads it; None when refused."""
    try:
        scenario = pact.Scenario.model_validate(as_loaded(data))
        return [as_json(pact.to_dict(TINY_ENGINE.evaluate(scenario)))]
    except (ValidationError, pact.InputError):
        return None


@share(1.0)
@given(
    data=mutated(SCENARIO, big={"many_events": _many_events, "many_attackers": _many_attackers}), unicode=st.booleans()
)
def test_a_mutated_scenario_gives_what_the_models_give(workdir: Path, data: Any, unicode: bool) -> None:
    """GIVEN a valid scenario with wrong types, missing or extra keys, odd codes and dates, long strings,
    too many events or attackers THEN the CLI refuses it in one line exactly when the models refuse
    the same data, and otherwise prints exactly the result the engine gives for it."""
    with fresh(workdir) as folder:
        file = folder / "mutated.yaml"
        file.write_text(dump(data, unicode), encoding="utf-8")
        expected = in_memory(data) if file.stat().st_size <= MAX_FILE_BYTES else None
        code, results, err = run_json(file)
        result_or_error_lines(code, err, file)
        assert code == (2 if expected is None else 0), err or "accepted what the models refuse"
        event(f"exit {code}")
        assert results == expected
        if results:
            no_odd_codes(results)


# --- 3. structured mutations of a rules directory ----------------------------------------------------

TREATY: dict[str, Any] = yaml.safe_load((ROOT / "rules" / "aes.yaml").read_text(encoding="utf-8"))
GEOGRAPHY: dict[str, Any] = {
    "geography": "fuzz-world",
    "source": {"citation": "made up for the fuzz suite"},
    "territories": [{"code": "GUM", "sovereign": "USA"}, {"code": "REU", "sovereign": "FRA", "notes": "overseas"}],
    "aliases": {"US-GU": "GUM"},
    "areas": [{"id": "lake-chad", "title": "Lake Chad"}],
    "regions": [
        {
            "id": "aes-area",
            "title": "the Alliance area",
            "source": {"citation": "made up"},
            "include": ["MLI", "BFA", "NER", "lake-chad"],
            "include_regions": ["lake-basin"],
        },
        {
            "id": "lake-basin",
            "title": "the Lake Chad basin",
            "source": {"citation": "made up"},
            "include": ["TCD", "NG-BO"],
            "exclude": ["TD-LC"],
        },
    ],
}
RULE_SCENARIOS: list[dict[str, Any]] = [
    {
        "scenario": "aes-fuzz-1",
        "date": "2023-10-01",
        "events": [
            {"type": "armed_attack", "target": "NER", "by": ["NGA"], "requested_from": ["aes"]},
            {"type": "terrorist_attack", "target": "MLI", "location": "lake-chad", "by_non_state": "JNIM"},
            {"type": "armed_attack", "target": "BFA", "against": "forces", "location": "NG-BO", "by": ["MLI"]},
        ],
    },
    {
        "scenario": "aes-fuzz-2",
        "date": "2025-06-01",
        "events": [
            {"type": "armed_rebellion", "target": "BFA"},
            {"type": "armed_threat", "target": "NER", "by": ["USA"]},
        ],
    },
]


@share(0.5)
@given(which=st.sampled_from(["treaty", "geography"]), data=st.data())
def test_a_mutated_rules_directory_gives_a_result_or_one_line(workdir: Path, which: str, data: st.DataObject) -> None:
    """GIVEN the AES treaty and a geography file, one of them mutated WHEN scenarios run on them THEN
    a result or error lines naming a rule file; and rules pact accepts give what the models give."""
    treaty = data.draw(mutated(TREATY)) if which == "treaty" else TREATY
    geography = data.draw(mutated(GEOGRAPHY)) if which == "geography" else GEOGRAPHY
    with fresh(workdir) as folder:
        rules = folder / "rules"
        rules.mkdir()
        (rules / "aes.yaml").write_text(dump(treaty), encoding="utf-8")
        (rules / "geography.yaml").write_text(dump(geography), encoding="utf-8")
        files = [folder / f"{s['scenario']}.yaml" for s in RULE_SCENARIOS]
        for file, scenario in zip(files, RULE_SCENARIOS, strict=True):
            file.write_text(dump(scenario), encoding="utf-8")
        code, results, err = run_json(*files, rules=rules)
        result_or_error_lines(code, err, folder)
        checked, _, err = cli(
            "validate", "--no-bundled", rules / ("aes.yaml" if which == "treaty" else "geography.yaml")
        )
        result_or_error_lines(checked, err, rules)
        event(f"{which}: exit {code}")
        if code == 0:
            assert checked == 0
            rulebook = pact.Rulebook(
                treaties=(Treaty.model_validate(as_loaded(treaty)),),
                geography=(Geography.model_validate(as_loaded(geography)),),
            )
            engine = pact.Engine(rulebook, backend="reference")
            expected = [as_json(pact.to_dict(engine.evaluate(pact.Scenario.model_validate(s)))) for s in RULE_SCENARIOS]
            assert without_sources(results) == without_sources(expected)
            no_odd_codes(results)


# --- 4. the classic attacks on YAML parsers ----------------------------------------------------------

BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def _flow_lists(depth: int) -> str:
    return "[" * depth + "]" * depth


def _flow_maps(depth: int) -> str:
    return "{a: " * depth + "b" + "}" * depth


def _block_lists(depth: int) -> str:
    return "- " * depth + "x\n"  # "- - - x": nested block sequences on one line


def _block_maps(depth: int) -> str:
    return "".join(" " * i + "a:\n" for i in range(depth)) + " " * depth + "b\n"


HOSTILE_FILES: dict[str, tuple[str, str]] = {
    # name: (file text, words the one line must contain)
    "billion_laughs": (BILLION_LAUGHS, "aliases are not allowed"),
    "alias_in_a_scenario": (
        "scenario: &id s\ndate: 2023-10-01\nevents: [{type: armed_attack, target: *id}]\n",
        "alias",
    ),
    "merge_key": (
        "scenario: s\ndate: 2023-10-01\nbase: &b {type: armed_attack}\nevents: [{<<: *b, target: NER}]\n",
        "alias",
    ),
    "recursive_alias": ("&a [*a]\n", "aliases are not allowed"),
    "explicit_int_tag": ("scenario: s\ndate: !!int 2023-10-01\nevents: [{type: armed_attack, target: NER}]\n", "tag"),
    "explicit_timestamp_tag": ("scenario: s\ndate: !!timestamp nope\nevents: []\n", "tag"),
    "binary_tag": ("scenario: s\ndate: 2023-10-01\nevents: [{type: armed_attack, target: !!binary TkVS}]\n", "tag"),
    "set_tag": ("scenario: s\ndate: 2023-10-01\nevents: !!set {a}\n", "tag"),
    "python_name_tag_in_a_key": ("? !!python/name:os.system\n: 1\n", "python/name"),
    "list_as_key": ("scenario: s\n? [a, b]\n: 1\n", "key must be text"),
    "number_of_5000_digits": ("scenario: s\ndate: " + "9" * 5000 + "\nevents: []\n", "cannot be read as a number"),
    "hex_without_digits": ("scenario: s\ndate: 0x_\nevents: []\n", "cannot be read as a number"),
    "many_documents": ("---\n" * 5_000, "single document"),
    "many_keys": ("".join(f"k{i}: {i}\n" for i in range(5_000)), "unknown key 'k0'"),
    "many_repeated_keys": ("scenario: s\n" * 5_000, "appears twice"),
    "many_event_keys": (
        "scenario: s\ndate: 2023-10-01\nevents:\n  - type: armed_attack\n"
        + "".join(f"    k{i}: {i}\n" for i in range(2_000)),
        "unknown key 'k0'",
    ),
    "many_events": (
        "scenario: s\ndate: 2023-10-01\nevents:\n" + "  - {type: armed_attack, target: NER}\n" * 2_000,
        "at most 100",
    ),
    "many_requests": (
        "scenario: s\ndate: 2023-10-01\nevents: [{type: armed_attack, target: NER, requested_from: ["
        + ", ".join(["MLI"] * 10_000)
        + "]}]\n",
        "'MLI' is listed twice",
    ),
    "many_distinct_requests": (
        "scenario: s\ndate: 2023-10-01\nevents: [{type: armed_attack, target: NER, requested_from: ["
        + ", ".join(f"x{i}" for i in range(20_000))
        + "]}]\n",
        "'x0' is neither a treaty id nor a state code",
    ),
    "long_line_of_code": (
        f"scenario: s\ndate: 2023-10-01\nevents: [{{type: armed_attack, target: {'N' * 900_000}}}]\n",
        "alpha-3",
    ),
    "long_key": ("scenario: s\n" + "k" * 900_000 + ": 1\n", "could not find expected ':'"),  # keys: 1024 at most
    "long_unclosed_quote": ('scenario: "' + "x" * 900_000, "quoted scalar"),
    "long_comment_then_nothing": ("#" + "x" * 900_000 + "\n", "the file is empty"),
    "unclosed_flow": ("[" * 100_000, "nested too deeply"),
}
for _depth in (10, 100, 10_000):
    for _shape, _make in (("flow_lists", _flow_lists), ("flow_maps", _flow_maps), ("block_lists", _block_lists)):
        HOSTILE_FILES[f"{_shape}_{_depth}"] = (_make(_depth), "nested too deeply" if _depth > MAX_DEPTH else "")
        HOSTILE_FILES[f"events_{_shape}_{_depth}"] = (
            f"scenario: s\ndate: 2023-10-01\nevents:\n  - {_make(_depth)}",
            "nested too deeply" if _depth > MAX_DEPTH else "events[0]",
        )
HOSTILE_FILES["block_maps_10"] = (_block_maps(10), "unknown key 'a'")
HOSTILE_FILES["block_maps_100"] = (_block_maps(100), "nested too deeply")
HOSTILE_FILES["block_maps_1500"] = (_block_maps(1_500), "bytes")  # indented 10,000 deep it would be 50 MB


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_yaml_is_refused_in_one_line(workdir: Path, name: str) -> None:
    """GIVEN an alias bomb, deep nesting, a huge number of keys or items, a long line THEN one line, exit 2."""
    text, words = HOSTILE_FILES[name]
    with fresh(workdir) as folder:
        file = folder / f"{name}.yaml"
        file.write_text(text, encoding="utf-8")
        for argv in (["validate"], ["run", "--backend", "reference"]):  # no fallback warning on 3.13
            code, _, err = cli(*argv, "--rules", TINY_RULES, "--no-bundled", file)
            result_or_error_lines(code, err, file)
            assert code == 2 and words in err, err


@pytest.mark.parametrize("extra", [0, 1])
def test_a_file_of_exactly_the_size_limit_is_read_and_one_byte_more_is_not(workdir: Path, extra: int) -> None:
    head = "scenario: s\ndate: 2001-01-01\nevents: [{type: armed_attack, target: NER, by: [NGA]}]\n#"
    text = head + "x" * (MAX_FILE_BYTES - len(head) - 1 + extra) + "\n"
    with fresh(workdir) as folder:
        file = folder / "edge.yaml"
        file.write_text(text, encoding="ascii")
        assert file.stat().st_size == MAX_FILE_BYTES + extra
        code, _, err = cli("validate", "--rules", TINY_RULES, "--no-bundled", file)
        result_or_error_lines(code, err, file)
        assert code == extra * 2
        assert not extra or f"file is {MAX_FILE_BYTES + 1} bytes" in err


def test_anchors_without_aliases_are_harmless(workdir: Path) -> None:
    """Only aliases are refused: an anchor nobody refers to changes nothing."""
    with fresh(workdir) as folder:
        file = folder / "anchors.yaml"
        file.write_text("scenario: &s s\ndate: &d 2001-01-01\nevents: &e [{type: armed_attack, target: NER}]\n")
        code, _, err = cli("validate", "--rules", TINY_RULES, "--no-bundled", file)
        assert (code, err) == (0, "")


# --- 5. no wrong answer: a valid scenario survives the trip through its file format ---------------


@pytest.fixture(scope="module")
def bundled_engine() -> pact.Engine:
    return pact.Engine(BUNDLED)  # the CLI's default backend, as the CLI runs below


@share(0.2)
@given(generated=st.lists(scenarios(BUNDLED), min_size=1, max_size=4))
def test_a_generated_scenario_written_to_a_file_gives_the_same_result(
    workdir: Path, bundled_engine: pact.Engine, generated: list[pact.Scenario]
) -> None:
    """GIVEN valid scenarios on the bundled rules WHEN written as YAML and run by the CLI THEN the JSON is
    exactly the result of evaluating the scenarios in memory."""
    with fresh(workdir) as folder:
        files = []
        for i, scenario in enumerate(generated):
            files.append(folder / f"generated-{i}.yaml")
            files[-1].write_text(dump(scenario.model_dump(mode="json", by_alias=True, exclude_none=True)))
        code, out, err = cli("run", "--format", "json", *files)
        assert code == 0, err
        results = json.loads(out)
        results = results if len(files) > 1 else [results]
        assert results == [as_json(pact.to_dict(bundled_engine.evaluate(s))) for s in generated]


def test_the_bundled_scenarios_survive_the_trip_too(workdir: Path) -> None:
    engine = pact.Engine(BUNDLED, backend="reference")
    files = sorted(SCENARIOS.glob("*.yaml"))
    with fresh(workdir) as folder:
        copies = []
        for file in files:
            scenario = pact.load_scenario(file, BUNDLED)
            copies.append(folder / file.name)
            copies[-1].write_text(dump(scenario.model_dump(mode="json", by_alias=True, exclude_none=True)))
        original = cli("run", "--backend", "reference", "--format", "json", *files)
        rewritten = cli("run", "--backend", "reference", "--format", "json", *copies)
        assert original[0] == rewritten[0] == 0 and original[1] == rewritten[1]
        assert json.loads(original[1]) == [as_json(pact.to_dict(engine.evaluate(pact.load_scenario(f)))) for f in files]
