"""Write reports and answers files atomically: a reader never sees half a file.

A new file gets the mode the user's umask gives (0644 under umask 022), as a
shell redirection or `cp` would create it; a file replaced with `--force`
keeps its own mode, as `cp` onto it or `>` would. The temporary file
`mkstemp` makes is 0600 whatever the umask, so its mode is set before the rename.

A run killed outright (SIGKILL, a power cut) cannot remove its temporary file; its
name carries the run's process id, and the next run writing to the same path
removes those whose process is gone.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

from merchant_cli.core.errors import OutputError, WriteError
from merchant_cli.core.said import Said, say

FAILED_WRITES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE}
"""What a write can meet that no choice of target would have avoided (exit 74); any other
refusal (permission, a missing folder) says the target is wrong (exit 2)."""
STDOUT = say("output.stdout")
STDERR = say("output.stderr")


def failed(target: Path | Said, error: OSError) -> OutputError:
    """The error to raise for `error` met writing `target`."""
    kind = WriteError if error.errno in FAILED_WRITES else OutputError
    return kind(say("output.cannot_write", path=target, reason=error.strerror or error))


@contextmanager
def writing(target: Said) -> Iterator[None]:
    """Writes to a standard stream: a failure (the disk full, an I/O error) is said in one
    line and exits 74. A reader gone from a pipe (`| head`) is left to the CLI: quiet, 141."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise WriteError(
            say("output.cannot_write", path=target, reason=exc.strerror or exc)
        ) from None


def check_writable(path: Path, *, force: bool) -> None:
    """Fail before doing any work when the target exists and may not be replaced."""
    if path.is_dir():
        raise OutputError(say("output.is_directory", path=path))
    if _is_special(path):
        return  # /dev/stdout, /dev/null, a named pipe: written to, never replaced
    if path.exists() and not force:
        raise OutputError(say("output.exists", path=path), hint=say("output.force_hint"))


def _is_special(path: Path) -> bool:
    """An existing target that is not a regular file: a device, a named pipe or a socket."""
    return path.exists() and not path.is_file() and not path.is_dir()


def write_atomic(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` atomically (see `atomic_stream`)."""
    with atomic_stream(path, force=force) as stream:
        stream.write(text)


@contextmanager
def atomic_stream(path: Path, *, force: bool, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream to a temporary file beside `path`, moved into place on success
    (`utf-8-sig` starts the file with a BOM, as Excel wants; see `_atomic`)."""
    with _atomic(path, force=force, encoding=encoding) as stream:
        yield cast(TextIO, stream)


@contextmanager
def atomic_binary(path: Path, *, force: bool) -> Iterator[BinaryIO]:
    """A binary stream (a workbook's zip) to a temporary file beside `path` (see `_atomic`)."""
    with _atomic(path, force=force, encoding=None) as stream:
        yield cast(BinaryIO, stream)


@contextmanager
def _atomic(path: Path, *, force: bool, encoding: str | None) -> Iterator[IO[Any]]:
    """A stream to a temporary file beside `path`, moved into place on success; binary
    when `encoding` is None.

    If the block raises, the temporary file is removed and `path` is untouched.
    Without `force` the final step is a hard link, which fails if `path` appeared
    in the meantime, so an existing file is never replaced by accident.
    """
    mode = "wb" if encoding is None else "w"
    newline = None if encoding is None else ""
    check_writable(path, force=force)
    if _is_special(path):  # renaming over it would replace the device itself
        try:
            with path.open(mode, encoding=encoding, newline=newline) as stream:
                yield stream
        except OSError as exc:
            raise failed(path, exc) from None
        return
    directory = path.parent if str(path.parent) else Path(".")
    _remove_stale(directory, path.name)
    try:
        import tempfile  # only when a file is written: a scripted run to stdout never is

        prefix = f".{path.name}.{os.getpid()}."
        handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    except OSError as exc:
        raise failed(path, exc) from None
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(handle, mode, encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    except FileExistsError:
        raise OutputError(say("output.exists", path=path), hint=say("output.force_hint")) from None
    except OSError as exc:
        raise failed(path, exc) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _remove_stale(directory: Path, name: str) -> None:
    """Remove the temporary files of earlier runs writing `name` whose process is gone."""
    import re

    pattern = re.compile(rf"\.{re.escape(name)}\.(\d+)\.[a-z0-9_]{{8}}\.tmp")
    try:
        found = [(entry, pattern.fullmatch(entry.name)) for entry in os.scandir(directory)]
    except OSError:
        return
    for entry, match in found:
        if match and not _running(int(match[1])) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def _running(pid: int) -> bool:
    """Whether process `pid` exists (this one included)."""
    if os.name == "nt":  # signal 0 there is CTRL_C_EVENT: never send it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's: not ours to judge
    return True


def _mode_for(path: Path) -> int:
    """The permission bits `path` should end with: its own if it exists, else 0666 minus umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
        os.umask(umask)
        return 0o666 & ~umask
