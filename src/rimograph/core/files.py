"""Writing files so that a reader never sees half of one, and a set of files all or none."""

from __future__ import annotations

from contextlib import contextmanager

from .errors import RimographError
from .i18n import _


class Interrupted(RimographError):
    """Ctrl-C while files were being written: none of them was changed."""


def write_atomic(path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file in the same folder and
    a rename, so a reader never sees a half-written file and a failure leaves the old file.
    Raises :class:`RimographError` like :func:`write_atomic_many`."""
    write_atomic_many({path: data})


def write_atomic_many(files: dict) -> None:
    """Write several files (``{path: str | bytes}``, text as UTF-8) so that they are all
    replaced or none is.

    Every file is first written next to its target as a temporary file; only when all are
    written are they renamed into place, one rename each, with Ctrl-C held back until the last
    rename (a reader may, for a moment, see some new and some old files). A failure or Ctrl-C
    before the renames leaves every old file as it was and no temporary file behind.

    Raises :class:`RimographError` naming the file when a path is a folder, its folder cannot
    be made, or a file cannot be written (a full disk: "No space left on device");
    :class:`Interrupted` after Ctrl-C. In every case no file was changed.
    """
    import os
    from pathlib import Path

    staged = []
    try:
        for path, data in files.items():
            staged.append(_stage(Path(path), data))
    except BaseException as exc:
        _remove(tmp for tmp, _ in staged)
        if isinstance(exc, KeyboardInterrupt):
            names = ", ".join(str(path) for path in files)
            raise Interrupted(f"interrupted (Ctrl-C) while writing {names}; no file was "
                              "changed") from None
        raise
    umask = os.umask(0)
    os.umask(umask)
    with deferred_interrupt():
        try:
            for tmp, path in staged:
                os.chmod(tmp, 0o666 & ~umask)
            while staged:
                tmp, path = staged[0]
                os.replace(tmp, path)
                staged.pop(0)
        finally:
            _remove(tmp for tmp, _ in staged)


def _stage(path, data):
    """Write ``data`` to a new temporary file beside ``path``; returns (temporary, path)."""
    import os
    import tempfile

    if path.is_dir():
        raise RimographError(_("{path}: is a folder; give a file name, e.g. {example}").format(
            path=path, example=path / "kaart.html"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise RimographError(_("{path}: cannot write there ({reason}: {file})").format(
            path=path, reason=exc.strerror, file=exc.filename)) from None
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
    except BaseException as exc:
        os.unlink(tmp)
        if isinstance(exc, OSError):
            raise RimographError(_("{path}: could not be written ({reason}); no file was "
                                   "changed").format(path=path, reason=exc.strerror)) from None
        raise
    return tmp, path


def _remove(paths):
    import os

    for path in paths:
        try:
            os.unlink(path)
        except OSError:
            pass


@contextmanager
def deferred_interrupt():
    """Hold a Ctrl-C (SIGINT) back until the block ends, then raise ``KeyboardInterrupt``, so
    that no write is cut in the middle. Yields a list that is non-empty once Ctrl-C was
    pressed, for a loop that wants to stop at its next step. Only in the main thread (signals
    go there); elsewhere a no-op."""
    import signal
    import threading

    caught: list = []
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return
    previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    try:
        yield caught
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt
