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

from pact.core.collector import relaxed_gc

INTERRUPTED = 130
"""Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it."""


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"pact: warning: {message}", file=sys.stderr)


def _interrupt_main() -> None:
    """SIGINT to the main thread itself, so that a wait there (a sleep, a read) ends at once."""
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
    else:  # Windows: the interrupt is seen when the main thread next runs Python code
        _thread.interrupt_main()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code: 0 ok, 1 failed expectations, 2 bad input, 130 interrupted."""
    hook = sys.unraisablehook

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
    try:
        with relaxed_gc():  # a command makes many acyclic results; collecting them as it goes is wasted work
            code = _run(argv)
    except KeyboardInterrupt:
        code = INTERRUPTED
    finally:
        sys.unraisablehook = hook
    if code == INTERRUPTED:  # typer turns an interrupt inside a command into this exit code, silently
        print("pact: interrupted", file=sys.stderr)
    return code


def _run(argv: list[str] | None) -> int:
    from typer.main import get_command

    from pact.cli import check, explain, importers, research, run, whatif  # noqa: F401  (registers the commands)
    from pact.cli.app import BAD_INPUT, OK, ClickError, app, plain_help, usage_line

    shown = warnings.showwarning
    warnings.showwarning = _one_line_warning
    try:
        # Not standalone: click would print its usage errors in a box of several lines.
        code = plain_help(get_command(app)).main(args=argv, prog_name="pact", standalone_mode=False)
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
