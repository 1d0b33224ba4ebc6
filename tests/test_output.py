"""Writes that cannot half-happen: every file pact writes, under the faults a disk and a user can cause.

As SQLite tests its I/O: a full file system (a small tmpfs where this machine lets the tests mount
one, else writes that fail as a full disk's do), a missing directory, a read-only directory, a
directory or a device where the file goes, a missing optional dependency, a link planted where a
file goes. Each command must end with one line naming the path and the system's reason, exit 2,
and leave no file (or the old one untouched) and no temporary file. Interrupts at random moments
are in tests/test_signals.py.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pact.analysis.table import ColumnType
from pact.cli import main
from pact.core import output
from pact.core.errors import InputError
from pact.core.output import Output, OutputError, csv_cell, write_file, write_files
from pact.io.tables import Encoder

from .conftest import SCENARIOS
from .test_atop_import import member, write_atop

SCENARIO = str(SCENARIOS / "aes-niger-attacked.yaml")
ASYMMETRIC = Path(__file__).parent / "fixtures" / "check" / "asymmetric_copy"


def _atop(folder: Path) -> tuple[str, str]:
    rows = [member(9001, c, "1950-01-01", defense=1) for c in (2, 20)]
    rows += [member(9002, c, "1960-01-01", consul=1) for c in (2, 200)]
    return tuple(map(str, write_atop(folder, rows)))  # type: ignore[return-value]


def commands(inputs: Path) -> dict[str, tuple[list[str], str]]:
    """Each command that writes, as argv ending before its output, and the suffix of that output
    ("/" for a directory of files)."""
    members, alliances = _atop(inputs)
    window = ["--from", "2024-01-01", "--to", "2024-01-03", "--backend", "reference", "--no-progress"]
    return {
        "run": (["run", "--backend", "reference", "-f", "json", SCENARIO, "--out"], ".json"),
        "explain": (["explain", "--backend", "reference", "-f", "json", SCENARIO, "--out"], ".json"),
        "sweep": (["sweep", *window, "--targets", "parties:ecowas", "--out"], ".csv"),
        "dyads": (["dyads", *window, "--every", "year", "--out"], ".csv"),
        "timeline": (
            ["timeline", "NER", "--from", "2023-01-01", "--to", "2024-01-01", "--backend", "reference", "--out"],
            ".svg",
        ),
        "import": (["import", "atop", "--members", members, "--alliances", alliances, "--out"], "/"),
        "check": (
            ["check", "--rules", str(ASYMMETRIC), "--no-bundled", "--examples", "3", "--save-failures"],
            "/",
        ),
    }


WRITERS = ("run", "explain", "sweep", "dyads", "timeline", "import", "check")


def listing(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` and what it holds (hidden temporary files included)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def one_line(capsys: pytest.CaptureFixture[str], code: int, where: Path | str, *words: str) -> None:
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(str(where)), lines[0]
    for word in words:
        assert word in lines[0], lines[0]


def _target(folder: Path, suffix: str) -> Path:
    return folder / "out" if suffix == "/" else folder / f"out{suffix}"


# --- a full file system ------------------------------------------------------------------------


def _mounted(folder: Path, options: str) -> bool:
    """Mount a tmpfs on ``folder`` with ``options`` where this machine allows it (root, Linux)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", str(folder)], check=True)


def _no_space(path: Path) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


@pytest.fixture(params=["tmpfs", "injected"])
def full_disk(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory on a full file system: a 64 KB tmpfs filled to its last byte, where the machine
    allows mounting one; and a directory whose writes fail as a full disk's do when pact makes the
    data durable (fsync reports a full disk on file systems that allocate late)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if request.param == "injected":
        monkeypatch.setattr(output, "_sync", _no_space)
        yield folder
        return
    if not _mounted(folder, "size=64k"):
        pytest.skip("no tmpfs can be mounted here (needs root on Linux)")
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        with pytest.raises(OSError) as full:
            while True:
                os.write(fd, b"x" * 1024)
        assert full.value.errno == errno.ENOSPC
    finally:
        os.close(fd)
    yield folder
    _unmount(folder)


@pytest.mark.parametrize("command", WRITERS)
def test_a_full_disk_is_one_line_and_leaves_nothing(
    command: str, full_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A full disk was a traceback (exit 1), and sweep and dyads left a CSV whose last row was cut."""
    argv, suffix = commands(tmp_path / "inputs")[command]
    target = _target(full_disk, suffix)
    before = listing(full_disk)
    code = main([*argv, str(target)])
    one_line(capsys, code, target, "no space left on device")
    assert listing(full_disk) == before


# --- where the file goes -----------------------------------------------------------------------


@pytest.mark.parametrize("command", WRITERS)
def test_a_missing_directory_is_one_line(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--out`` into a missing directory was a FileNotFoundError traceback."""
    argv, suffix = commands(tmp_path / "inputs")[command]
    target = _target(tmp_path / "missing" / "deeper", suffix)
    code = main([*argv, str(target)])
    if suffix == "/":  # a directory of files is made, with its parents
        assert code in (0, 1) and target.is_dir(), capsys.readouterr()
        return
    one_line(capsys, code, target, "cannot write: no such file or directory")
    assert not (tmp_path / "missing").exists()


@pytest.fixture(params=["tmpfs", "permissions", "injected"])
def read_only(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory pact may not write in: a read-only tmpfs where the machine allows mounting one; a
    directory without write permission, for a user other than root (root writes anyway); and one
    whose files cannot be created, with the error a read-only file system gives."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if request.param == "tmpfs":
        if not _mounted(folder, "ro,size=64k"):
            pytest.skip("no tmpfs can be mounted here (needs root on Linux)")
        yield folder
        _unmount(folder)
    elif request.param == "permissions":
        if os.geteuid() == 0:
            pytest.skip("root writes whatever the permissions say")
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
    else:

        def refused(*args: object, **kwargs: object) -> None:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        make_directory = Path.mkdir

        def mkdir(path: Path, *args: object, **kwargs: object) -> None:
            if folder in path.parents:
                refused()
            make_directory(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(output, "tempfile", SimpleNamespace(mkstemp=refused))
        monkeypatch.setattr(Path, "mkdir", mkdir)
        yield folder


@pytest.mark.parametrize("command", WRITERS)
def test_a_read_only_directory_is_one_line(
    command: str, read_only: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, suffix = commands(tmp_path / "inputs")[command]
    target = _target(read_only, suffix)
    code = main([*argv, str(target)])
    one_line(capsys, code, target, "cannot write: ")
    assert listing(read_only) == {}


@pytest.mark.parametrize("command", ["run", "explain", "sweep", "dyads", "timeline"])
def test_a_directory_where_the_file_goes_is_one_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, suffix = commands(tmp_path / "inputs")[command]
    target = _target(tmp_path, suffix)
    (target / "inside").mkdir(parents=True)
    code = main([*argv, str(target)])
    one_line(capsys, code, target, "cannot write: is a directory")
    assert {p.name for p in tmp_path.iterdir()} == {"inputs", target.name}
    assert [p.name for p in target.iterdir()] == ["inside"]


@pytest.mark.parametrize("command", ["run", "explain"])
def test_dev_full_is_one_line(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--out /dev/full`` was an OSError traceback; a device is written into, not replaced."""
    argv, _ = commands(tmp_path / "inputs")[command]
    one_line(capsys, main([*argv, "/dev/full"]), "/dev/full", "no space left on device")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_file_that_exists_is_replaced_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o640)
    argv, _ = commands(tmp_path / "inputs")["run"]
    assert main([*argv, str(target)]) == 0
    assert target.read_text().startswith("{") and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inputs", "report.json"]


# --- links -------------------------------------------------------------------------------------


def test_import_never_writes_through_a_link_planted_in_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """F6: ``import atop --out DIR`` followed a link planted in DIR and overwrote a file outside it."""
    argv, _ = commands(tmp_path / "inputs")["import"]
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "atop-9002.yaml").symlink_to(outside)
    code = main([*argv, str(folder)])
    one_line(capsys, code, folder / "atop-9002.yaml", "symbolic link")
    assert outside.read_text() == "keep me"
    assert sorted(p.name for p in folder.iterdir()) == ["atop-9002.yaml"]  # nothing else written either


@pytest.mark.parametrize("command", ["run", "sweep", "timeline"])
def test_out_never_writes_through_a_link(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv, suffix = commands(tmp_path / "inputs")[command]
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    target = _target(tmp_path, suffix)
    target.symlink_to(outside)
    one_line(capsys, main([*argv, str(target)]), target, "symbolic link")
    assert outside.read_text() == "keep me" and target.is_symlink()


def test_a_link_to_a_pipe_is_written_into(tmp_path: Path) -> None:
    """``--out /dev/stdout`` (a link to a pipe or a terminal) still works, and so does a named pipe."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "link"
    link.symlink_to(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    write_file(link, "through the pipe\n")
    reader.join(timeout=10)
    assert got == [b"through the pipe\n"] and stat.S_ISFIFO(os.lstat(pipe).st_mode)


# --- missing optional dependencies --------------------------------------------------------------


@pytest.mark.parametrize("command", ["sweep", "dyads"])
def test_parquet_without_pyarrow_is_one_line_and_no_file(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--out x.parquet`` without pyarrow was an ImportError traceback."""
    for name in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)  # what an environment without it imports
    argv, _ = commands(tmp_path / "inputs")[command]
    target = tmp_path / "out.parquet"
    code = main([*argv, str(target)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "pyarrow" in err and "pact-treaties[parquet]" in err, err
    assert not target.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["inputs"]


def test_png_without_chromium_is_one_line_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    argv, _ = commands(tmp_path / "inputs")["timeline"]
    target = tmp_path / "out.png"
    code = main([*argv, str(target)])
    err = capsys.readouterr().err
    assert code == 2 and "Chromium" in err and err.strip().splitlines()[-1].startswith(str(target)), err
    assert not target.exists()


# --- the output module itself -------------------------------------------------------------------


def test_a_block_that_fails_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_text("old")
    for failure in (RuntimeError("boom"), KeyboardInterrupt()):
        with pytest.raises(type(failure)), Output(target) as out:
            out.path.write_text("half a tab")
            raise failure
        assert listing(tmp_path) == {"table.csv": b"old"}


def _interrupted(path: Path) -> None:
    raise KeyboardInterrupt


def test_an_interrupt_while_the_data_is_made_durable_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI once found ``.out.csv.….tmp.csv`` left by a SIGTERM that came during fsync, after the block."""
    from pact.io.tables import TableWriter

    target = tmp_path / "table.csv"
    target.write_text("old")
    monkeypatch.setattr(output, "_sync", _interrupted)
    with pytest.raises(KeyboardInterrupt), Output(target) as out:
        out.path.write_text("whole")
    assert listing(tmp_path) == {"table.csv": b"old"}
    with pytest.raises(KeyboardInterrupt), TableWriter(target, {"state": str}) as table:
        table.write([("MLI",)])
    assert listing(tmp_path) == {"table.csv": b"old"}


def test_an_os_error_in_the_block_names_the_target(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    with pytest.raises(OutputError) as caught, Output(target):
        _no_space(target)
    assert caught.value.render() == f"{target}: cannot write: no space left on device"
    assert caught.value.render("fr") == f"{target}: impossible d'écrire : plus de place sur le périphérique"
    assert listing(tmp_path) == {}


def test_write_files_checks_every_name_first_and_writes_all_or_none(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    os.mkfifo(folder / "b.yaml")
    with pytest.raises(OutputError, match=r"b\.yaml: is a named pipe"):
        write_files(folder, [("a.yaml", "a: 1\n"), ("b.yaml", "b: 2\n")])
    assert sorted(p.name for p in folder.iterdir()) == ["b.yaml"]
    (folder / "b.yaml").unlink()
    written = write_files(folder, [("a.yaml", "a: 1\n"), ("b.yaml", "b: 2\n")])
    assert [p.read_text() for p in written] == ["a: 1\n", "b: 2\n"]


def test_write_files_undoes_a_folder_it_made_when_the_disk_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "_sync", _no_space)
    with pytest.raises(OutputError, match="no space left on device"):
        write_files(tmp_path / "new", [("a.yaml", "a: 1\n"), ("b.yaml", "b: 2\n")])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_while_files_go_into_place_is_held_until_all_are(
    signum: signal.Signals, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupt during the renames of an import left the first files renamed and the rest gone."""
    replace, moved = os.replace, []

    def replace_then_signal(source: str, target: str) -> None:
        replace(source, target)
        moved.append(target)
        if len(moved) == 1:
            signal.raise_signal(signum)

    def stop(number: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signum, stop)
    monkeypatch.setattr(output.os, "replace", replace_then_signal)
    try:
        with pytest.raises(KeyboardInterrupt):
            write_files(tmp_path, [(f"{n}.yaml", f"n: {n}\n") for n in range(5)])
    finally:
        signal.signal(signum, previous)
    assert listing(tmp_path) == {f"{n}.yaml": f"n: {n}\n".encode() for n in range(5)}


def test_an_output_error_is_bad_input_for_the_cli() -> None:
    assert issubclass(OutputError, InputError)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Article 5", "Article 5"),
        ("", ""),
        (-2, -2),
    ],
)
def test_a_csv_cell_never_starts_a_formula(cell: object, written: object) -> None:
    assert csv_cell(cell) == written


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.sampled_from(["NER", "=1+1", "-2", "@A1", "\tx", "\r=1", "", "+"]), st.text()),
            st.one_of(st.none(), st.integers(-5, 5)),
            st.one_of(st.none(), st.dates()),
            st.one_of(st.none(), st.text()),
        ),
        max_size=20,
    )
)
def test_a_table_quotes_every_formula_of_its_text_columns_and_nothing_else(rows: list[tuple]) -> None:
    """The table writer checks only its columns of text (a cell of a number, a flag or a day is never
    text); what it writes is what quoting every cell (``csv_cell``) writes."""
    columns = (("state", ColumnType.category), ("year", ColumnType.integer), ("on", ColumnType.date))
    encoder = Encoder(".csv", (*columns, ("clauses", ColumnType.text)))
    every_cell = io.StringIO()
    csv.writer(every_cell, lineterminator="\n").writerows([csv_cell(v) for v in row] for row in rows)
    assert encoder(rows) == every_cell.getvalue()
