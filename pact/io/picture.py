"""Writing a picture pact drew (SVG) to a file: as it is, or as PNG through headless Chromium.

PNG needs a Chromium (``chromium`` or ``chromium-browser`` on PATH; on Debian ``apt-get install
chromium``): pact draws only SVG itself and has no image library among its dependencies.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pact.core.errors import InputError
from pact.core.output import Output, write_file

_BROWSERS = ("chromium", "chromium-browser", "google-chrome")
_TIMEOUT = 60


def write_picture(document: str, out: Path, width: int, height: int) -> None:
    """Write an SVG document to ``out``: ``.svg`` as it is, ``.png`` rendered at ``width`` × ``height``."""
    suffix = out.suffix.lower()
    if suffix == ".svg":
        write_file(out, document)
    elif suffix == ".png":
        _png(document, out, width, height)
    else:
        raise InputError(
            f"cannot write a picture as {suffix or 'a file without extension'}: use .svg or .png", file=out
        )


def _png(document: str, out: Path, width: int, height: int) -> None:
    browser = next((found for name in _BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        raise InputError("writing PNG needs Chromium (apt-get install chromium); .svg needs nothing", file=out)
    with Output(out) as picture, tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "picture.svg"
        page.write_text(document, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={folder}",
            f"--window-size={width},{height}",
            f"--screenshot={picture.path.resolve()}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(f"Chromium did not render the picture within {_TIMEOUT} s", file=out) from None
        if done.returncode != 0 or not (picture.direct or picture.path.stat().st_size):
            reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise InputError(f"Chromium could not render the picture: {reason}", file=out)
