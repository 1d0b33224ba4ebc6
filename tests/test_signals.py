"""Ctrl-C and SIGTERM at random moments while pact writes files: one line, exit 130 or 143, no partial file.

Each case starts a command as a real process, sends SIGINT or SIGTERM after a random delay (drawn
from a seed named after the case, so that a failure can be replayed) and checks what is left: the
output whole, if the command finished first, or else absent with the old file untouched — never a
table cut short that looks complete, and no temporary file. SIGTERM used to leave a 0-byte or a
partial CSV behind, silently.
"""

from __future__ import annotations

import csv
import json
import random
import signal
import time
from pathlib import Path

import pytest

from pact.cli import INTERRUPTED, TERMINATED

from .conftest import SCENARIOS, pact_process
from .test_atop_import import member, write_atop

OLD = b"the old file\n"
SAID = {signal.SIGINT: (INTERRUPTED, "pact: interrupted\n"), signal.SIGTERM: (TERMINATED, "pact: terminated\n")}


def _atop(folder: Path) -> list[str]:
    """300 made-up alliances of three members each: long enough an import to be interrupted in."""
    rows = [member(9000 + i, c, f"{1950 + i % 60}-01-01", defense=1) for i in range(300) for c in (2, 20, 200)]
    members, alliances = write_atop(folder, rows)
    return ["import", "atop", "--members", str(members), "--alliances", str(alliances), "--out"]


def command(name: str, folder: Path) -> tuple[list[str], Path]:
    """argv (ending with the output) and the output of each case."""
    sweep = ["sweep", "--from", "1950-01-01", "--to", "2026-01-01", "--backend", "reference", "--no-progress"]
    cases = {
        "sweep": ([*sweep, "--out"], folder / "out.csv"),
        "sweep-jobs-2": ([*sweep, "--jobs", "2", "--out"], folder / "out.parquet"),
        "dyads": (
            ["dyads", "--from", "1900-01-01", "--to", "2026-01-01", "--every", "year", *sweep[5:], "--out"],
            folder / "out.csv",
        ),
        "run": (
            ["run", "--backend", "reference", "-f", "jsonl", *[str(SCENARIOS)] * 10, "--out"],
            folder / "out.jsonl",
        ),
    }
    argv, out = (_atop(folder / "inputs"), folder / "rules") if name == "import" else cases[name]
    return [*argv, str(out)], out


def whole(out: Path, stderr: str) -> None:
    """The output of a command that finished: complete and readable."""
    if out.is_dir():
        assert len(list(out.glob("atop-*.yaml"))) == 300, stderr
        return
    if out.suffix == ".parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(out).num_rows > 0
        return
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n")
    if out.suffix == ".jsonl":
        assert all(json.loads(line) for line in text.splitlines())
    else:
        rows = list(csv.reader(text.splitlines()))
        assert len({len(row) for row in rows}) == 1 and len(rows) > 1


def _untouched(out: Path) -> bool:
    """Whether the old file is still there, or the output folder holds no file."""
    if out.suffix:
        return out.read_bytes() == OLD
    return not out.exists() or not list(out.iterdir())


CASES = ["sweep", "sweep-jobs-2", "dyads", "run", "import"]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("case", CASES)
def test_a_signal_at_a_random_moment_leaves_a_whole_file_or_none(
    case: str, signum: signal.Signals, tmp_path: Path
) -> None:
    if case == "sweep-jobs-2":
        pytest.importorskip("pyarrow", reason="needs pact-treaties[parquet]")
    argv, out = command(case, tmp_path)
    if out.suffix:
        out.write_bytes(OLD)
    delay = random.Random(f"{case}-{signum.name}").uniform(0.5, 4.0)
    process = pact_process(argv)
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(signum)
    _, err = process.communicate(timeout=180)
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "inputs")
    assert not [name for name in left if name.startswith(".")], left  # no temporary file
    if process.returncode in (0, -signum):  # it finished before the signal came (or as pact's main returned)
        whole(out, err)
        return
    assert (process.returncode, err) == SAID[signum], (delay, err)
    if _untouched(out):
        return
    whole(out, err)  # the signal came as the last file went into place, held until all had


def test_sigterm_while_importing_pact_is_one_line_too() -> None:
    """A SIGTERM that arrives while Python imports pact's commands is told as one that arrives later."""
    process = pact_process(["run", "--backend", "reference", *[str(SCENARIOS)] * 40], PYTHONDONTWRITEBYTECODE="1")
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (TERMINATED, "pact: terminated\n")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_while_rows_are_written_drops_them(signum: signal.Signals, tmp_path: Path) -> None:
    """F7: SIGTERM while sweep wrote its table left a 0-byte or a partial CSV that looked complete."""
    argv, out = command("sweep", tmp_path)
    out_name = f".{out.name}."  # the table's temporary file, beside it
    process = pact_process(argv)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(p.stat().st_size > 20_000 for p in tmp_path.glob(f"{out_name}*")):
        time.sleep(0.1)
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == SAID[signum]
    assert list(tmp_path.iterdir()) == []
