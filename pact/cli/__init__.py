"""The ``pact`` command: a thin layer over the Python API. The only package that imports typer.

Each module registers its commands on the one application in ``pact.cli.app``; nothing else in
pact imports this package. This module imports nothing heavy until ``main`` runs, so that an
interrupt (Ctrl-C) at any moment, even while Python is still importing pact, ends in one line.
"""

from __future__ import annotations

import sys
import warnings

INTERRUPTED = 130
"""Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it."""


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"pact: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code: 0 ok, 1 failed expectations, 2 bad input, 130 interrupted."""
    try:
        code = _run(argv)
    except KeyboardInterrupt:
        code = INTERRUPTED
    if code == INTERRUPTED:  # typer turns an interrupt inside a command into this exit code, silently
        print("pact: interrupted", file=sys.stderr)
    return code


def _run(argv: list[str] | None) -> int:
    from pact.cli import check, run  # noqa: F401  (registers the commands)
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
