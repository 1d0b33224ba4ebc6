"""Hostile input for every command pact has: each file it reads, each option it takes.

Every command that reads a scenario (run, explain, test, validate, diff), every command that reads
rules (those, and check, timeline, treaties, dyads, sweep) and the importer (import atop, both of its
files) is given devices, named pipes, link loops, paths typed as directories, missing paths, files
past the size limit, CSV files past their row, column and field limits, and bytes of any kind
(hypothesis); every command is given option values out of range. Each must end with exit 2 and one
line per problem naming the file or the option — never a traceback, a hang or a read without end.
``schema`` reads nothing but its one argument. (Rule and scenario files in depth: test_fuzz.py;
unreadable paths: test_files.py.)
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pact.core.errors import MAX_PROBLEMS
from pact.load import files

from .conftest import FIXTURES
from .test_atop_import import member, write_atop
from .test_fuzz import cli, fresh

TINY_RULES = FIXTURES / "valid" / "rules"
SCENARIO = FIXTURES / "valid" / "scenario.yaml"
TIMEOUT = 20
TINY = ["--rules", str(TINY_RULES), "--no-bundled"]
WINDOW = ["--from", "2001-01-01", "--to", "2001-01-03"]

SCENARIO_COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "run": lambda f: ["run", *TINY, "--backend", "reference", f],
    "explain": lambda f: ["explain", *TINY, "--backend", "reference", f],
    "test": lambda f: ["test", *TINY, "--backend", "reference", f],
    "validate": lambda f: ["validate", *TINY, f],
    "diff": lambda f: ["diff", *TINY, "--backend", "reference", str(SCENARIO), f],
}
"""How each command that reads a scenario file is given one."""

RULE_COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "run": lambda d: ["run", "--rules", d, "--no-bundled", "--backend", "reference", str(SCENARIO)],
    "explain": lambda d: ["explain", "--rules", d, "--no-bundled", "--backend", "reference", str(SCENARIO)],
    "test": lambda d: ["test", "--rules", d, "--no-bundled", "--backend", "reference", str(SCENARIO)],
    "validate": lambda d: ["validate", "--rules", d, "--no-bundled", str(SCENARIO)],
    "check": lambda d: ["check", "--rules", d, "--no-bundled", "--examples", "1"],
    "diff": lambda d: ["diff", *TINY, "--backend", "reference", "--rules-b", d, str(SCENARIO)],
    "timeline": lambda d: ["timeline", "NER", "--rules", d, "--no-bundled", *WINDOW, "--backend", "reference"],
    "treaties": lambda d: ["treaties", "--rules", d, "--no-bundled", "--date", "2001-01-01"],
    "dyads": lambda d: ["dyads", "--rules", d, "--no-bundled", *WINDOW, "--backend", "reference", "--out", _beside(d)],
    "sweep": lambda d: ["sweep", "--rules", d, "--no-bundled", *WINDOW, "--backend", "reference", "--out", _beside(d)],
}
"""How each command that reads rules is given a rules directory (a table it writes goes beside it)."""


def _beside(rules: str) -> str:
    return str(Path(rules).parent / "x.csv")


def judged(code: int, err: str, *where: Path | str) -> list[str]:
    """Exit 2 and one line per problem (at most MAX_PROBLEMS, then how many more), each naming one of ``where``."""
    assert "Traceback" not in err, err
    assert code == 2, (code, err)
    lines = err.splitlines()
    assert 1 <= len(lines) <= MAX_PROBLEMS + 1, err
    if len(lines) == MAX_PROBLEMS + 1:
        assert re.fullmatch(r"… and \d+ more", lines.pop()), err
    for line in lines:
        assert line.startswith(tuple(map(str, where))), (where, line)
    return lines


class Hung(BaseException):
    """Raised by the timer: pact waited on a path that gives nothing (a BaseException, which pact does not catch)."""


def _hung(signum: int, frame: object) -> None:
    raise Hung


def attempt(argv: list[str], hostile: str) -> tuple[int, str]:
    """Run pact in this process, a named pipe (whose reader could wait for a writer for ever) under a
    timer whose signal breaks a blocked open or read, so that a hang fails the test instead of stalling it."""
    if hostile != "fifo":
        code, _, err = cli(*argv)
        return code, err
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    try:
        code, _, err = cli(*argv)
    except Hung:
        pytest.fail(f"pact waited {TIMEOUT} s on a named pipe: {argv}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return code, err


# --- the paths every reader is given -------------------------------------------------------------


def _fifo(folder: Path, name: str) -> Path:
    os.mkfifo(folder / name)
    return folder / name


def _loop(folder: Path, name: str) -> Path:
    (folder / name).symlink_to(folder / name)
    return folder / name


def _big(folder: Path, name: str) -> Path:
    (folder / name).write_bytes(b"#" * (files.MAX_FILE_BYTES + 1))
    return folder / name


def _device(folder: Path, name: str) -> Path:
    (folder / name).symlink_to("/dev/zero")
    return folder / name


HOSTILE_FILES: dict[str, tuple[Callable[[Path, str], Path | str], str]] = {
    "device": (_device, "is a character device, not a regular file"),
    "fifo": (_fifo, "is a named pipe, not a regular file"),
    "link-loop": (_loop, "too many levels of symbolic links"),
    "too-big": (_big, "pact reads at most 1000000"),
    "typed-as-directory": (lambda folder, name: f"{SCENARIO}/", "not a directory"),
    "missing": (lambda folder, name: folder / "nowhere" / name, "no such file or directory"),
}
"""A hostile path (made in a folder, under a name) and what pact must say of it."""


@pytest.mark.parametrize("hostile", sorted(HOSTILE_FILES))
@pytest.mark.parametrize("command", sorted(SCENARIO_COMMANDS))
def test_a_hostile_scenario_path_is_one_line(command: str, hostile: str, tmp_path: Path) -> None:
    make, said = HOSTILE_FILES[hostile]
    path = make(tmp_path, "x.yaml")
    code, err = attempt(SCENARIO_COMMANDS[command](str(path)), hostile)
    [line] = judged(code, err, path)
    assert said in line, line


@pytest.mark.parametrize("hostile", ["device", "fifo", "link-loop", "too-big"])
@pytest.mark.parametrize("command", sorted(RULE_COMMANDS))
def test_a_hostile_file_in_a_rules_directory_is_one_line(command: str, hostile: str, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    for file in TINY_RULES.iterdir():
        (rules / file.name).write_bytes(file.read_bytes())
    make, said = HOSTILE_FILES[hostile]
    path = make(rules, "zz.yaml")
    code, err = attempt(RULE_COMMANDS[command](str(rules)), hostile)
    [line] = judged(code, err, path)
    assert said in line, line
    assert not (tmp_path / "x.csv").exists()


# --- the importer's files ---------------------------------------------------------------------------


@pytest.fixture
def atop(tmp_path: Path) -> tuple[Path, Path]:
    return write_atop(tmp_path / "atop", [member(9001, c, "1950-01-01", defense=1) for c in (2, 20)])


def _import(members: Path | str, alliances: Path | str, out: Path, *extra: str) -> list[str]:
    return ["import", "atop", "--members", str(members), "--alliances", str(alliances), "--out", str(out), *extra]


@pytest.mark.parametrize("which", ["members", "alliances"])
@pytest.mark.parametrize("hostile", sorted(HOSTILE_FILES))
def test_a_hostile_dataset_path_is_one_line(hostile: str, which: str, atop: tuple[Path, Path], tmp_path: Path) -> None:
    """F0: ``--members /dev/zero`` read 17.8 GB before the kernel stopped it; a FIFO hung."""
    make, said = HOSTILE_FILES[hostile]
    path = make(tmp_path, f"{which}.csv") if hostile != "typed-as-directory" else f"{atop[0]}/"
    if hostile == "too-big":  # past --max-bytes, the other file within it
        path = atop[0] if which == "members" else atop[1]
        path.write_text(path.read_text() + "\n" * 2_000)
    members, alliances = (path, atop[1]) if which == "members" else (atop[0], path)
    extra = ["--max-bytes", "1500"] if hostile == "too-big" else []
    code, err = attempt(_import(members, alliances, tmp_path / "out", *extra), hostile)
    [line] = judged(code, err, path)
    assert said.replace("1000000", "1500") in line, line
    assert not (tmp_path / "out").exists()


CSV_CASES = {
    "columns": (",x" * 1_000 + "\n", "row has 1046 columns; pact reads at most 1000", 1),
    "field": ("\n" + "9" * 10_001 + "\n", "a field holds more than 10000 characters", 2),
    "huge-field": ("\n" + "9" * 200_000 + "\n", "a field holds more than 10000 characters", 2),
    "nul": ("\n1\x00\n", "no value in column 'yrent'", 2),  # Python's csv reads NUL since 3.11: the row is short
    "not-utf8": ("\n\udce9\n", "not UTF-8 text: byte 0xe9 cannot be decoded", 2),
}
"""What follows the header of ATOP's member file, what pact says of it, and on which line."""


@pytest.mark.parametrize("case", sorted(CSV_CASES))
def test_a_csv_past_its_limits_is_one_line_with_its_line(case: str, atop: tuple[Path, Path], tmp_path: Path) -> None:
    rest, said, line = CSV_CASES[case]
    members = tmp_path / "members.csv"
    header = atop[0].read_text().splitlines()[0]
    members.write_bytes((header + rest).encode("utf-8", "surrogateescape"))
    code, _, err = cli(*_import(members, atop[1], tmp_path / "out"))
    [shown] = judged(code, err, members)
    assert shown.startswith(f"{members}:{line}: ") and said in shown, shown


def test_a_csv_of_too_many_rows_is_refused_at_the_row_past_the_limit(
    atop: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_CSV_ROWS", 3)
    members = tmp_path / "members.csv"
    header, row = atop[0].read_text().splitlines()[:2]
    members.write_text(header + "\n" + (row + "\n") * 4)
    code, _, err = cli(*_import(members, atop[1], tmp_path / "out"))
    [shown] = judged(code, err, members)
    assert shown == f"{members}:5: has more than 3 rows; pact reads at most 3"


def test_the_importers_errors_speak_french(atop: tuple[Path, Path], tmp_path: Path) -> None:
    code, _, err = cli(*_import("/dev/zero", atop[1], tmp_path / "out", "--lang", "fr"))
    assert judged(code, err, "/dev/zero") == [
        "/dev/zero: est un périphérique en mode caractère, non un fichier ordinaire"
    ]
    code, _, err = cli(*_import(atop[0], atop[1], tmp_path / "out", "--lang", "fr", "--max-bytes", "10"))
    assert "pact lit au plus 10 octets" in judged(code, err, atop[0])[0]


# --- bytes of any kind --------------------------------------------------------------------------------

FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(command=st.sampled_from(sorted(SCENARIO_COMMANDS)), raw=st.binary(max_size=600))
def test_any_bytes_as_a_scenario_give_a_result_or_lines(workdir: Path, command: str, raw: bytes) -> None:
    with fresh(workdir) as folder:
        file = folder / "input.yaml"
        file.write_bytes(raw)
        code, _, err = cli(*SCENARIO_COMMANDS[command](str(file)))
        if code != 0:
            judged(code, err, file, folder)


@FUZZ
@given(command=st.sampled_from(sorted(RULE_COMMANDS)), raw=st.binary(max_size=600))
def test_any_bytes_as_a_rule_file_give_lines(workdir: Path, command: str, raw: bytes) -> None:
    with fresh(workdir) as folder:
        rules = folder / "rules"
        rules.mkdir()
        (rules / "treaty.yaml").write_bytes(raw)
        code, _, err = cli(*RULE_COMMANDS[command](str(rules)))
        judged(code, err, rules)


@FUZZ
@given(which=st.sampled_from(["members", "alliances"]), raw=st.binary(max_size=600) | st.text(max_size=300))
def test_any_bytes_as_a_dataset_give_lines(workdir: Path, which: str, raw: bytes | str) -> None:
    with fresh(workdir) as folder:
        members, alliances = write_atop(folder, [member(9001, c, "1950-01-01", defense=1) for c in (2, 20)])
        target = members if which == "members" else alliances
        target.write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
        code, _, err = cli(*_import(members, alliances, folder / "out"))
        judged(code, err, target, members, alliances)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


# --- option values ------------------------------------------------------------------------------------

OPTIONS = [
    (["timeline", "NER", "--from", "2023-13-01"], "'2023-13-01' is not a date"),
    (["timeline", "XXX"], "XXX"),
    (["treaties", "--date", "yesterday"], "'yesterday' is not a date"),
    (["treaties", "--state", "Niger"], "Niger"),
    (["dyads", "--from", "2024-01-01", "--to", "2023-01-01", "--out", "x.csv"], "to:"),
    (["dyads", "--from", "x", "--to", "2023-01-01", "--out", "x.csv"], "from: 'x' is not a date"),
    (["dyads", *WINDOW, "--every", "week", "--out", "x.csv"], "--every"),
    (["sweep", *WINDOW, "--jobs", "0", "--out", "x.csv"], "--jobs"),
    (["sweep", *WINDOW, "--targets", "parties:nope", "--out", "x.csv"], "targets: unknown treaty 'nope'"),
    (["sweep", *WINDOW, "--out", "x.xlsx"], "out: write to .csv | .parquet | .jsonl"),
    (["check", "--examples", "0"], "--examples"),
    (["run", "--format", "pdf", str(SCENARIO)], "'pdf' is not one of"),
    (["run", "--lang", "xx", str(SCENARIO)], "'xx' is not one of"),
    (["explain", *TINY, "--treaty", "tinyy", str(SCENARIO)], "--treaty: no treaty 'tinyy'"),
    (["import", "atop", "--members", "m", "--alliances", "a", "--out", "o", "--max-bytes", "0"], "--max-bytes"),
    (["import", "atop", "--members", "m", "--alliances", "a", "--out", "o", "--only", "x1"], "'x1'"),
    (["schema", "everything"], "everything"),
]


@pytest.mark.parametrize(("argv", "said"), OPTIONS, ids=[" ".join(a[:4]) for a, _ in OPTIONS])
def test_an_option_out_of_range_is_one_line(
    argv: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(*argv)
    assert code == 2 and "Traceback" not in err, err
    assert len(err.splitlines()) == 1 and said in err, err
    assert list(tmp_path.iterdir()) == []
