"""Files that are not what they seem: devices, pipes, link loops, unreadable paths, empty directories.

Each runs pact as a real process with a timeout (a hang must fail the test, not stall the suite)
and expects exit 2 with exactly one line naming the path, on every command that reads it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pact.core.errors import InputError
from pact.load.files import read_bytes, yaml_files

from .conftest import FIXTURES, ROOT

VALID_RULES = FIXTURES / "valid" / "rules"
VALID_SCENARIO = FIXTURES / "valid" / "scenario.yaml"
TIMEOUT = 60


def pact_process(*argv: str | Path, obey_permissions: bool = False) -> subprocess.CompletedProcess[str]:
    """``python -m pact ARGV`` as a process (``run`` and ``test`` on the reference backend, so that no
    fallback warning joins the error on Python 3.13). Root reads any file whatever its mode, so with
    ``obey_permissions`` root runs it without the capabilities that let it."""
    words = list(map(str, argv))
    if words[0] in ("run", "test"):
        words[1:1] = ["--backend", "reference"]
    command = [sys.executable, "-m", "pact", *words]
    if obey_permissions and os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=TIMEOUT)


def one_line(done: subprocess.CompletedProcess[str], where: Path | str, *words: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"{where}: "), lines[0]
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("command", ["run", "test", "validate"])
def test_a_device_is_refused_not_read_to_exhaustion(command: str) -> None:
    """``pact run /dev/zero`` read until MemoryError: stat says 0 bytes for a device."""
    one_line(pact_process(command, "/dev/zero"), "/dev/zero", "character device", "not a regular file")


@pytest.mark.parametrize("command", ["run", "test", "validate"])
def test_a_fifo_named_yaml_is_refused_not_waited_on(command: str, tmp_path: Path) -> None:
    """A FIFO named x.yaml hung every command: opening it waits for a writer that never comes."""
    os.mkfifo(tmp_path / "x.yaml")
    shutil.copy(VALID_SCENARIO, tmp_path / "a.yaml")
    done = pact_process(command, "--rules", VALID_RULES, tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [f"{tmp_path / 'x.yaml'}: is a named pipe, not a regular file"]


def test_a_fifo_in_a_rules_directory_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(VALID_RULES, rules)
    os.mkfifo(rules / "z.yaml")
    one_line(pact_process("run", "--rules", rules, VALID_SCENARIO), rules / "z.yaml", "named pipe")


def test_a_growing_or_lying_file_is_capped_by_the_bytes_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """GIVEN a regular file whose size stat understates (as /proc files give 0) THEN reading stops at the limit."""
    file = tmp_path / "big.yaml"
    file.write_bytes(b"#" * 5000)
    real = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real(fd)[:6], 0, *real(fd)[7:])))
    with pytest.raises(InputError, match="more than 4000 bytes; pact reads at most 4000"):
        read_bytes(file, InputError, limit=4000)
    assert read_bytes(file, InputError, limit=5000) == b"#" * 5000


@pytest.mark.parametrize("command", ["run", "validate"])
def test_a_symlink_loop_is_called_one(command: str, tmp_path: Path) -> None:
    """A link to itself was reported as "no such file or directory"."""
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    one_line(pact_process(command, tmp_path / "loop.yaml"), tmp_path / "loop.yaml", "too many levels of symbolic links")


def test_a_directory_that_links_to_itself_is_walked_once(tmp_path: Path) -> None:
    """GIVEN a scenario directory holding a link back to itself THEN its scenario is found once, and no hang."""
    shutil.copy(VALID_SCENARIO, tmp_path / "a.yaml")
    (tmp_path / "again").symlink_to(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    assert yaml_files([str(tmp_path)], InputError) == [tmp_path / "a.yaml"]
    done = pact_process("test", "--backend", "reference", "--rules", VALID_RULES, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "1 passed, 0 failed"


@pytest.mark.parametrize("command", ["run", "test", "validate"])
def test_a_directory_without_scenarios_is_an_error(command: str, tmp_path: Path) -> None:
    """``pact run emptydir/`` exited 0 and printed nothing."""
    one_line(pact_process(command, f"{tmp_path}/"), f"{tmp_path}/", "no *.yaml or *.yml files in this directory")


@pytest.mark.parametrize("command", ["run", "validate"])
def test_a_file_written_as_a_directory_is_an_error(command: str, tmp_path: Path) -> None:
    """``pact run x.yaml/`` must not read x.yaml: the trailing slash says it is a directory."""
    shutil.copy(VALID_SCENARIO, tmp_path / "x.yaml")
    one_line(pact_process(command, f"{tmp_path}/x.yaml/"), f"{tmp_path}/x.yaml/", "not a directory")


@pytest.mark.parametrize("command", ["run", "test", "validate"])
def test_an_unreadable_scenario_is_one_line(command: str, tmp_path: Path) -> None:
    """An unreadable file got typer's boxed error of five lines."""
    file = tmp_path / "secret.yaml"
    shutil.copy(VALID_SCENARIO, file)
    file.chmod(0)
    one_line(pact_process(command, file, obey_permissions=True), file, "permission denied")


@pytest.mark.parametrize("where", ["rules", "scenarios"])
def test_an_unreadable_directory_is_one_line(where: str, tmp_path: Path) -> None:
    folder = tmp_path / "closed"
    shutil.copytree(VALID_RULES, folder)
    folder.chmod(0)
    argv = ["run", "--rules", folder, VALID_SCENARIO] if where == "rules" else ["run", folder]
    try:
        one_line(pact_process(*argv, obey_permissions=True), folder, "cannot read directory: permission denied")
    finally:
        folder.chmod(0o755)  # so that pytest can remove it


def test_a_missing_rules_directory_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    one_line(pact_process("run", "--rules", missing, VALID_SCENARIO), missing, "rules directory not found")
