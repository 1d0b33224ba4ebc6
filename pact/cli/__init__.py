"""The ``pact`` command: a thin layer over the Python API. The only package that imports typer.

Each module registers its commands on the one application in ``pact.cli.app``; nothing else in
pact imports this package. This module imports nothing heavy until ``main`` runs, so that an
interrupt (Ctrl-C) at any moment, even while Python is still importing pact, ends in one line.
"""

from __future__ import annotations

import _thread
import signal
import sys
import threading
import warnings

INTERRUPTED = 130
"""Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it."""

TERMINATED = 143
"""Exit code of a run stopped by SIGTERM (128 + SIGTERM), as shells report it."""


class _Termination:
    """SIGTERM's state: whether a command is running (then it is interrupted) and whether it came."""

    running = False
    received = False


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"pact: warning: {message}", file=sys.stderr)


def _interrupt_main() -> None:
    """SIGINT to the main thread itself, so that a wait there (a sleep, a read) ends at once."""
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
    else:  # Windows: the interrupt is seen when the main thread next runs Python code
        _thread.interrupt_main()


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM stops pact as Ctrl-C does: the interrupt unwinds the command, so that files being
    written are dropped (``pact.core.output``), and the exit code says which signal it was."""
    first = not _Termination.received
    _Termination.received = True
    if first and _Termination.running:  # a second one must not cut short the unwinding of the first
        raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code: 0 ok, 1 failed expectations, 2 bad input, 130 interrupted,
    143 terminated (SIGTERM)."""
    hook = sys.unraisablehook
    _Termination.received = False

    def keep_interrupts(unraisable: sys.UnraisableHookArgs) -> None:
        # Ctrl-C raises KeyboardInterrupt in whatever Python code runs next; when that is a weakref
        # callback or a __del__ (importlib's module locks have one), Python prints it as "Exception
        # ignored" and goes on working. Send the signal again, from a moment later (sent from here,
        # it would be raised here, and lost again), so that it reaches pact's own code.
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            again = threading.Timer(0.01, _interrupt_main)
            again.daemon = True
            again.start()
        else:
            hook(unraisable)

    sys.unraisablehook = keep_interrupts
    terminate = signal.signal(signal.SIGTERM, _terminate) if _in_main_thread() else None
    _Termination.running = True
    try:
        code = _run(argv)
    except KeyboardInterrupt:
        code = INTERRUPTED
    finally:
        _Termination.running = False
        sys.unraisablehook = hook
        if terminate is not None:
            signal.signal(signal.SIGTERM, terminate)
    if code == INTERRUPTED and _Termination.received:
        code = TERMINATED
    if code in (INTERRUPTED, TERMINATED):  # typer turns an interrupt inside a command into 130, silently
        print("pact: interrupted" if code == INTERRUPTED else "pact: terminated", file=sys.stderr)
    return code


def _in_main_thread() -> bool:
    """Signal handlers can be set from the main thread only (a test may call ``main`` from another)."""
    return threading.current_thread() is threading.main_thread()


def _run(argv: list[str] | None) -> int:
    from pact.cli import check, explain, importers, research, run, whatif  # noqa: F401  (registers the commands)
    from pact.cli.app import BAD_INPUT, OK, ClickError, app, usage_line

    shown = warnings.showwarning
    warnings.showwarning = _one_line_warning
    try:
        # Not standalone: click would print its usage errors in a box of several lines.
        code = app(args=argv, prog_name="pact", standalone_mode=False)
    except ClickError as error:
        line = usage_line(error)
        if line:
            print(line, file=sys.stderr)
        return getattr(error, "exit_code", BAD_INPUT)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (OK if done.code is None else BAD_INPUT)
    finally:
        warnings.showwarning = shown
    return code if isinstance(code, int) else OK


def entry_point() -> None:
    sys.exit(main())
