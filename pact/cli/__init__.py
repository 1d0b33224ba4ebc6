"""The ``pact`` command: a thin layer over the Python API. The only package that imports typer.

Each module registers its commands on the one application in ``pact.cli.app``; nothing else in
pact imports this package.
"""

from __future__ import annotations

import sys
import warnings

from pact.cli import check, explain, research, run, whatif  # noqa: F401  (registers the commands)
from pact.cli.app import BAD_INPUT, OK, app


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"pact: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 1 failed expectations, 2 bad input)."""
    shown = warnings.showwarning
    warnings.showwarning = _one_line_warning
    try:
        app(args=argv, prog_name="pact")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else BAD_INPUT)
    finally:
        warnings.showwarning = shown
    return OK


def entry_point() -> None:
    sys.exit(main())
