"""Write reports and answers files atomically: a reader never sees half a file.

A new file gets the mode the user's umask gives (0644 under umask 022), as a
shell redirection or `cp` would create it; a file replaced with `--force`
keeps its own mode, as `cp` onto it or `>` would. The temporary file
`mkstemp` makes is 0600 whatever the umask, so its mode is set before the rename.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from merchant_cli.core.errors import OutputError
from merchant_cli.core.said import say


def check_writable(path: Path, *, force: bool) -> None:
    """Fail before doing any work when the target exists and may not be replaced."""
    if path.is_dir():
        raise OutputError(f"{path} is a directory")
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
def atomic_stream(path: Path, *, force: bool) -> Iterator[TextIO]:
    """A text stream to a temporary file beside `path`, moved into place on success.

    If the block raises, the temporary file is removed and `path` is untouched.
    Without `force` the final step is a hard link, which fails if `path` appeared
    in the meantime, so an existing file is never replaced by accident.
    """
    check_writable(path, force=force)
    if _is_special(path):  # renaming over it would replace the device itself
        try:
            with path.open("w", encoding="utf-8", newline="") as stream:
                yield stream
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    directory = path.parent if str(path.parent) else Path(".")
    try:
        import tempfile  # only when a file is written: a scripted run to stdout never is

        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
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
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _mode_for(path: Path) -> int:
    """The permission bits `path` should end with: its own if it exists, else 0666 minus umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
        os.umask(umask)
        return 0o666 & ~umask
