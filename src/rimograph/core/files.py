"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

from .errors import RimographError


def write_atomic(path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file in the same folder and
    a rename, so a reader never sees a half-written file and a failure leaves the old file.
    Raises :class:`RimographError` when ``path`` is a folder or its folder cannot be made."""
    import os
    import tempfile
    from pathlib import Path

    path = Path(path)
    if path.is_dir():
        raise RimographError(f"{path}: is a folder; give a file name, e.g. {path / 'kaart.html'}")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise RimographError(f"{path}: cannot write there ({exc.strerror}: "
                             f"{exc.filename})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_atomic_many(files: dict) -> None:
    """Write several files (``{path: str | bytes}``) so that they are all replaced or none is.

    Every file is first written next to its target as a temporary file; only when all are
    written are they renamed into place, one rename each (so a reader may, for a moment, see
    some new and some old files, but a failure or Ctrl-C before the renames leaves every old
    file as it was and no temporary file behind). Raises :class:`RimographError` like
    :func:`write_atomic`; ``KeyboardInterrupt`` is re-raised after the clean-up.
    """
    import os
    import tempfile
    from pathlib import Path

    staged = []
    try:
        for path, data in files.items():
            path = Path(path)
            if path.is_dir():
                raise RimographError(f"{path}: is a folder; give a file name")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                               suffix=".tmp")
            except OSError as exc:
                raise RimographError(f"{path}: cannot write there ({exc.strerror})") from None
            staged.append((tmp, path))
            payload = data.encode("utf-8") if isinstance(data, str) else data
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(payload)
            except OSError as exc:
                raise RimographError(f"{path}: could not be written ({exc.strerror}); "
                                     "no file was changed") from None
        umask = os.umask(0)
        os.umask(umask)
        for tmp, path in staged:
            os.chmod(tmp, 0o666 & ~umask)
        for tmp, path in staged:
            os.replace(tmp, path)
        staged = []
    finally:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
