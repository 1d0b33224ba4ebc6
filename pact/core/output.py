"""Writing the user's files, safely: every file pact creates is created here.

A file is written to a temporary file beside it (in the same directory, so on the same file system)
and renamed over it once complete, so a write that fails — a full disk, a missing directory, Ctrl-C,
SIGTERM, a missing optional dependency — leaves no file, or the old one untouched, and the temporary
file is removed. A symbolic link where the file goes is refused, never followed: a link planted in an
output directory cannot make pact overwrite a file elsewhere. Pipes and character devices are written
straight into (``--out /dev/stdout``, ``--out /dev/null``): nothing there can be half-replaced.

Cells of the CSV tables pact writes are neutralised here too (``csv_cell``): text from rule and
scenario files must not become a spreadsheet formula.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from types import TracebackType

from pact.core.errors import InputError
from pact.core.system import kind_of, os_reason
from pact.words import Words


class OutputError(InputError):
    """A file pact was asked to write could not be written: names the path and the system's reason."""


def write_failed(path: Path | str, exc: OSError) -> OutputError:
    """The one-line error for a write to ``path`` that the system refused."""
    return OutputError(Words("write.failed", {"why": os_reason(exc)}), file=path)


class Output:
    """One file being written: write to ``path``; on leaving the ``with`` block it is renamed over
    ``target``, or removed if the block raised (any exception, Ctrl-C included).

    ``streams``: a pipe or character device named as the target is written straight into (``path``
    is then the target itself); without it, anything but a regular file or nothing is refused.
    """

    def __init__(self, target: Path | str, *, streams: bool = True) -> None:
        self.target = Path(target)
        self.direct = _direct(self.target, streams)
        self.path, self._open = self.target, False
        if self.direct:
            return
        try:
            with _signals_held():  # an interrupt while the file is made would leave it unrecorded
                self.path, self._open = _reserve(self.target), True
        except BaseException:
            self.discard()
            raise

    def commit(self) -> None:
        """Put the finished file in place (the data first made durable, then renamed over the target);
        an interrupt meanwhile (making the data durable can take seconds) removes the temporary file."""
        try:
            self.sync()
            self.place()
        except BaseException:
            self.discard()
            raise

    def sync(self) -> None:
        """Make the data durable (a full disk that allocates late says so here)."""
        if self._open:
            self._done(_sync)

    def place(self) -> None:
        """Rename the finished file over the target."""
        if self._open:
            self._done(lambda path: os.replace(path, self.target))
            self._open = False

    def _done(self, step: Callable[[Path], object]) -> None:
        try:
            step(self.path)
        except OSError as exc:
            self.discard()
            raise write_failed(self.target, exc) from None

    def discard(self) -> None:
        """Remove the temporary file: the target stays as it was."""
        if self._open:
            self._open = False
            with contextlib.suppress(OSError):  # already gone, or nothing more can be done about it
                os.unlink(self.path)

    def __enter__(self) -> Output:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if error is None:
            self.commit()
            return
        self.discard()
        if isinstance(error, OSError):
            raise write_failed(self.target, error) from None


def write_file(target: Path | str, data: str | bytes, *, streams: bool = True) -> None:
    """Write ``data`` (text as UTF-8) to ``target``, whole or not at all (``streams``: see ``Output``)."""
    with Output(target, streams=streams) as out:
        _fill(out, data.encode("utf-8") if isinstance(data, str) else data)


def write_files(folder: Path | str, files: Sequence[tuple[str, str]]) -> list[Path]:
    """Write each ``(name, text)`` into ``folder`` (created): all of them or none.

    Every name is checked before anything is written (a link, a directory or a pipe in the way stops
    the write: nothing is written through a link planted in the folder), and every file is written
    beside its target and made durable before any is renamed into place, so that a full disk or an
    interrupt while writing leaves the folder as it was (a folder made for the files is removed again).
    Ctrl-C or SIGTERM during the renames is held until they are done: the files are then all in place.
    """
    where = Path(folder)
    made = not where.exists()
    try:
        where.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file of that name
        raise OutputError(Words("write.failed", {"why": Words("os.ENOTDIR")}), file=where) from None
    except OSError as exc:
        raise write_failed(where, exc) from None
    for name, _ in files:
        _direct(where / name, streams=False)
    staged: list[Output] = []
    try:
        with _signals_held():  # naming the files is quick; an interrupt leaves no name unrecorded
            staged.extend(Output(where / name, streams=False) for name, _ in files)
        for out, (_, text) in zip(staged, files, strict=True):
            _fill(out, text.encode("utf-8"))
        for out in staged:
            out.sync()
        with _signals_held():  # the renames, quick, all done or (on an error before any) none
            for out in staged:
                out.place()
    except BaseException:
        for out in staged:
            out.discard()
        if made:
            with contextlib.suppress(OSError):
                where.rmdir()
        raise
    return [out.target for out in staged]


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM, noted, until the block ends, then raise them again (in the main thread
    only, where Python runs signal handlers; elsewhere the block runs as it is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    handlers = {s: signal.signal(s, lambda number, frame: held.append(number)) for s in HELD}
    try:
        yield
    finally:
        for number, handler in handlers.items():
            if handler is not None:  # None: a handler set outside Python, which cannot be set back
                signal.signal(number, handler)
        for number in held:
            signal.raise_signal(number)


HELD = (signal.SIGINT, signal.SIGTERM)


def _fill(out: Output, data: bytes) -> None:
    try:
        with open(out.path, "wb") as file:
            file.write(data)
    except OSError as exc:
        raise write_failed(out.target, exc) from None


def _direct(target: Path, streams: bool) -> bool:
    """Whether ``target`` is written straight into (a pipe or character device); refuses a link, a
    directory, a socket or block device, and with ``streams`` false anything but a regular file."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise write_failed(target, exc) from None
    if stat.S_ISREG(info.st_mode):
        return False
    if stat.S_ISLNK(info.st_mode):
        if streams and _followed_to_stream(target):
            return True  # /dev/stdout, a link to a terminal or a pipe
        raise OutputError(Words("write.link"), file=target)
    if streams and (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        return True
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(Words("write.failed", {"why": Words("os.EISDIR")}), file=target)
    raise OutputError(Words("write.not_regular", {"kind": kind_of(info.st_mode)}), file=target)


def _followed_to_stream(link: Path) -> bool:
    """Whether a link leads to a pipe, a terminal or ``/dev/null`` (never to another device)."""
    try:
        info = os.stat(link)
    except OSError:
        return False
    if stat.S_ISFIFO(info.st_mode):
        return True
    if not stat.S_ISCHR(info.st_mode):
        return False
    if info.st_rdev == os.stat(os.devnull).st_rdev:
        return True
    try:
        fd = os.open(link, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def _reserve(target: Path) -> Path:
    """A new, empty file beside ``target`` with the mode the target will have."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode) if target.exists() else 0o666 & ~_umask()
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:100]}.", suffix=f".tmp{target.suffix}")
    except OSError as exc:
        raise write_failed(target, exc) from None
    try:
        os.fchmod(fd, mode)
    finally:
        os.close(fd)
    return Path(name)


@cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection)."""


def csv_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula: text starting with ``= + - @``, a tab or a
    carriage return gets a leading ``'`` (OWASP's advice); other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
