"""Ctrl-C: whatever pact is doing, it ends with exit code 130 and one line, ``pact: interrupted``.

It used to exit 130 silently, or print a 15-line traceback (an interrupt while Python imported
pact), or ``pact: durable action failed: KeyboardInterrupt()`` with exit code 2 (an interrupt
while durable-rules ran one of pact's actions).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from pact.cli import INTERRUPTED, main
from pact.core.errors import EngineError

from .conftest import SCENARIOS, pact_process

MANY = [str(SCENARIOS)] * 40  # 4,800 scenario files: well over 3 s of work for every command, even on a quiet machine
LONG_RUNNING = {  # the reference backend named: on 3.13 auto would add a line saying durable-rules is missing
    "run": ["run", "--backend", "reference", *MANY],
    "test": ["test", "--backend", "reference", *MANY],
    "validate": ["validate", *MANY],
    "check": ["check", "--examples", "100000", "--backend", "reference"],
}


def interrupted_after(delay: float, argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Start ``python -m pact ARGV``, send it SIGINT after ``delay`` seconds, and wait for it to end."""
    process = pact_process(argv)
    time.sleep(delay)
    assert process.poll() is None, "the command ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(argv, process.returncode, "", err)


@pytest.mark.parametrize("delay", [0.4, 1.2, 3.0], ids=["importing", "loading", "working"])
@pytest.mark.parametrize("command", sorted(LONG_RUNNING))
def test_ctrl_c_is_exit_130_and_one_line(command: str, delay: float) -> None:
    done = interrupted_after(delay, LONG_RUNNING[command])
    assert (done.returncode, done.stderr) == (INTERRUPTED, "pact: interrupted\n")


def test_an_interrupt_inside_a_command_is_told(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """typer turns an interrupt inside a command into exit code 130 and says nothing: pact says it."""

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pact.cli.run.Engine", interrupt)
    assert main(["run", str(SCENARIOS / "aes-niger-attacked.yaml")]) == INTERRUPTED
    assert capsys.readouterr().err == "pact: interrupted\n"


def test_an_interrupt_python_would_ignore_is_raised_again(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """GIVEN Ctrl-C lands in a __del__ or a weakref callback (Python prints "Exception ignored" and goes
    on: pact check then ran to its end) THEN pact raises it again and stops. Seen 1 run in 40."""

    class Doomed:
        def __del__(self) -> None:
            raise KeyboardInterrupt  # what Ctrl-C raises when this is the Python code running

    def work(*args: object, **kwargs: object) -> None:
        Doomed()  # collected at once: the interrupt is "ignored"
        time.sleep(30)  # the rest of the work, which the interrupt must cut short
        raise AssertionError("the interrupt was lost")

    monkeypatch.setattr("pact.cli.run.Engine", work)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # even if the runner ignores SIGINT
    try:
        started = time.monotonic()
        assert main(["run", str(SCENARIOS / "aes-niger-attacked.yaml")]) == INTERRUPTED
    finally:
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - started < 20
    assert capsys.readouterr().err == "pact: interrupted\n"


def _interrupted_into(error: Exception):
    """A stand-in for the engine that is interrupted (a real SIGINT) and lets ``error`` escape instead."""

    def work(*args: object, **kwargs: object) -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(30)
        except KeyboardInterrupt:
            raise error from None

    return work


@pytest.mark.parametrize(
    "error",
    [ImportError("numpy._core.multiarray failed to import"), EngineError("durable action failed: KeyboardInterrupt()")],
    ids=["numpy-import", "backend-action"],
)
def test_an_interrupt_turned_into_another_error_is_still_an_interrupt(
    error: Exception, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """GIVEN Ctrl-C lands while numpy imports (it raises ImportError: seen 3 times in 40 interrupts of pact
    check, a traceback and exit 1) or in a backend's action (a PactError: exit 2 after 'pact: interrupted',
    seen once) THEN pact exits 130 with its one line."""
    monkeypatch.setattr("pact.cli.run.Engine", _interrupted_into(error))
    assert main(["run", str(SCENARIOS / "aes-niger-attacked.yaml")]) == INTERRUPTED
    assert capsys.readouterr().err == "pact: interrupted\n"


def test_an_error_without_an_interrupt_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ImportError("a real bug")

    monkeypatch.setattr("pact.cli.run.Engine", broken)
    with pytest.raises(ImportError, match="a real bug"):
        main(["run", str(SCENARIOS / "aes-niger-attacked.yaml")])


def test_an_interrupt_printed_by_c_code_is_not_shown(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """GIVEN Ctrl-C lands while an extension module imports numpy (shapely, for a point at sea): numpy's
    import_array prints the interrupt with PyErr_Print, which calls sys.excepthook, then raises ImportError,
    and prints the ImportError of the next try to import it (tracebacks above 'pact: interrupted', seen
    once in CI and 3 times in 100 interrupts of pact check) THEN pact shows its one line only."""

    def work(*args: object, **kwargs: object) -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(30)
        except KeyboardInterrupt as interrupt:
            sys.excepthook(KeyboardInterrupt, interrupt, interrupt.__traceback__)  # what PyErr_Print does
            again = ImportError("cannot load module more than once per process")
            sys.excepthook(ImportError, again, None)
            raise ImportError("numpy._core.multiarray failed to import") from None

    monkeypatch.setattr("pact.cli.run.Engine", work)
    before = sys.excepthook
    assert main(["run", str(SCENARIOS / "aes-niger-attacked.yaml")]) == INTERRUPTED
    assert capsys.readouterr().err == "pact: interrupted\n"
    assert sys.excepthook is before  # the hook is pact's only while a command runs
