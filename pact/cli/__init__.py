"""The ``pact`` command: a thin layer over the Python API. The only package that imports typer.

Each module registers its commands on the one application in ``pact.cli.app``; nothing else in
pact imports this package. This module imports nothing heavy until ``main`` runs, so that an
interrupt (Ctrl-C) at any moment, even while Python is still importing pact, ends in one line.
"""

from __future__ import annotations

import _thread
import gc
import importlib
import os
import signal
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import NoReturn

from pact.core.collector import relaxed_gc

INTERRUPTED = 130
"""Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it."""

TERMINATED = 143
"""Exit code of a run stopped by SIGTERM (128 + SIGTERM), as shells report it."""


_received: list[int] = []
"""The signals (SIGINT, SIGTERM) that came while the running command ran, in order."""

_running: list[bool] = [False]
"""Whether a command is running: a signal then interrupts it; before or after, it is only noted."""


def stopped() -> bool:
    """Whether Ctrl-C or SIGTERM came while the running command ran: an error it then meets (numpy
    turns an interrupt during its import into an ImportError; a backend's action wraps it) is the
    interrupt's doing, and is told as the interrupt."""
    return bool(_received)


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"pact: warning: {message}", file=sys.stderr)


def _interrupt_main() -> None:
    """SIGINT to the main thread itself, so that a wait there (a sleep, a read) ends at once."""
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
    else:  # Windows: the interrupt is seen when the main thread next runs Python code
        _thread.interrupt_main()


def _stop(signum: int, frame: object) -> None:
    """Ctrl-C, and SIGTERM alike, unwind the running command as an interrupt, so that files being
    written are dropped (``pact.core.output``); the exit code says which signal came first. A
    second SIGTERM does not cut short the unwinding of the first (a second Ctrl-C does, as usual)."""
    first = not _received
    _received.append(signum)
    if _running[0] and (first or signum == signal.SIGINT):
        raise KeyboardInterrupt


def _code(code: int) -> int:
    """The exit code once a signal came: the signal's own (130, 143) unless the command had finished."""
    if not _received or code == 0:
        return code
    return TERMINATED if _received[0] == signal.SIGTERM else INTERRUPTED


def main(argv: list[str] | None = None, *, own_process: bool = False) -> int:
    """Run the CLI and return its exit code: 0 ok, 1 failed expectations, 2 bad input, 130 interrupted,
    143 terminated (SIGTERM). ``own_process``: the command is the whole process (``pact``, ``python -m
    pact``), and what it imports is set aside from the collector (``_long_lived``)."""
    hook = sys.unraisablehook
    _received.clear()

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

    def quiet_interrupts(kind: type[BaseException], value: BaseException, traceback: TracebackType | None) -> None:
        # C code that prints the error it meets rather than raising it (numpy's import_array, in an
        # extension module importing numpy, calls PyErr_Print, then raises ImportError) would print
        # Ctrl-C's traceback, and those of the errors that follow from it: the interrupt is told
        # once, in one line, when the command ends.
        if not (issubclass(kind, KeyboardInterrupt) or stopped()):
            excepthook(kind, value, traceback)

    excepthook = sys.excepthook
    sys.unraisablehook, sys.excepthook = keep_interrupts, quiet_interrupts
    handlers = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)} if _in_main_thread() else {}
    _running[0] = True
    try:
        with relaxed_gc():  # a command makes many acyclic results; collecting them as it goes is wasted work
            code = _run(argv, own_process)
    except KeyboardInterrupt:
        code = INTERRUPTED
    except Exception:
        if not stopped():
            raise
        code = INTERRUPTED  # an interrupt that a library turned into another error
    finally:
        _running[0] = False
        sys.unraisablehook, sys.excepthook = hook, excepthook
        for number, handler in handlers.items():
            signal.signal(number, handler)
    code = _code(code)
    if code in (INTERRUPTED, TERMINATED):  # typer turns an interrupt inside a command into 130, silently
        print("pact: interrupted" if code == INTERRUPTED else "pact: terminated", file=sys.stderr)
    return code


def _in_main_thread() -> bool:
    """Signal handlers can be set from the main thread only (a test may call ``main`` from another)."""
    return threading.current_thread() is threading.main_thread()


COMMANDS = {
    "check": "check",
    "explain": "explain",
    "import": "importers",
    "dyads": "research",
    "sweep": "research",
    "run": "run",
    "test": "run",
    "validate": "run",
    "schema": "run",
    "serve": "serve",
    "diff": "whatif",
    "timeline": "whatif",
    "treaties": "whatif",
    "readings": "whatif",
}
"""The module of ``pact.cli`` that registers each command. A command imports its own module only, so
that ``pact run`` does not pay for the analyses, importers and renderers it never uses."""


def register(argv: list[str]) -> None:
    """Register the command ``argv`` names, or every command when it names none (``pact --help``)."""
    named = next((word for word in argv if not word.startswith("-")), None)
    modules = [COMMANDS[named]] if named in COMMANDS else dict.fromkeys(COMMANDS.values())
    for module in modules:
        importlib.import_module(f"pact.cli.{module}")


@contextmanager
def _long_lived(own_process: bool) -> Iterator[None]:
    """In a process of its own, what the block imports (modules, classes, functions: they live as long
    as the process) is made with the collector off and then set aside (``gc.freeze``), so that no
    collection walks it, now or later (a twentieth of ``pact run``). Called within another program (a
    test, a notebook), the collector is left alone: freezing would set aside that program's garbage too."""
    if not own_process:
        yield
        return
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def _without_pydantic_plugins(own_process: bool) -> None:
    """In a process of its own, pydantic is told not to look for plugins, unless the environment says
    otherwise (``PYDANTIC_DISABLE_PLUGINS`` set, even empty, is left as it is). Looking reads the entry
    points of every installed distribution when the first model is validated: 5 ms of ``pact run`` in
    an environment of 90 packages, more in bigger ones, for observability hooks that a command which
    validates only pact's own files and results has no use for."""
    if own_process:
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _run(argv: list[str] | None, own_process: bool = False) -> int:
    _without_pydantic_plugins(own_process)
    with _long_lived(own_process):
        register(sys.argv[1:] if argv is None else argv)
        from typer.main import get_command

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


def exit_now(code: int) -> NoReturn:
    """End the process with ``code``, without the collection of every object that Python makes as it
    exits: it walks all that the command made (the rules, the models, the locale data) only to free
    memory the exit frees anyway: a quarter of ``pact run`` on the bundled rules. Objects are still
    released by their reference counts, files flushed and closed, ``atexit`` handlers run."""
    gc.freeze()
    sys.exit(code)


def entry_point() -> None:
    exit_now(main(own_process=True))
