"""Writing files and folders so that no reader ever sees half of one.

Every output policypack writes goes through here. A file is written as a new file beside its
target and renamed into place (``write_bytes``, ``write_text``, ``open_atomic``): a reader sees
the old file or the new one, never a mixture, and a hard link to the old file (the build's
staging folder links the last good output) is never written through. New files are readable as
any file the user makes (the umask applies; ``mkstemp`` alone would leave them private, and a
web server could not serve them). A folder is replaced whole with ``swap_in``, and
``check_replaceable`` keeps a command from replacing a folder it did not write. ``read_input``
reads a file the user named, with a diagnostic when it cannot.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from builder.common.diagnostics import PackError, error
from builder.common.limits import current, limit_message


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


UMASK = _umask()
#: Permissions of a new file: what ``open()`` would give it under the user's umask.
FILE_MODE = 0o666 & ~UMASK


@contextmanager
def open_atomic(path: Path, *, text: bool = False, encoding: str = "utf-8", newline: str | None = None,
                mode: int | None = None, durable: bool = False) -> Iterator[io.IOBase]:
    """``with open_atomic(path) as f:`` write to ``f``; when the block ends without an error the
    file is renamed onto ``path``, else it is removed and ``path`` is left as it was.

    ``text`` opens it for text in ``encoding`` (and ``newline``, as ``open`` takes it); ``mode``
    sets its permissions (default ``FILE_MODE``); ``durable`` flushes it to the disk before the
    rename, for a file replaced in place that has no other copy (a signed PDF).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with (os.fdopen(fd, "w", encoding=encoding, newline=newline) if text
              else os.fdopen(fd, "wb")) as f:
            yield f
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, FILE_MODE if mode is None else mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes, *, mode: int | None = None, durable: bool = False) -> None:
    """Write ``data`` as ``path``: a new file renamed into place (see ``open_atomic``)."""
    with open_atomic(path, mode=mode, durable=durable) as f:
        f.write(data)


def write_text(path: Path, text: str, *, mode: int | None = None) -> None:
    """Write ``text`` as UTF-8 as ``path``: a new file renamed into place."""
    write_bytes(path, text.encode("utf-8"), mode=mode)


def swap_in(new: Path, out: Path) -> None:
    """Put the folder ``new`` in the place of ``out`` (which may not exist yet).

    The old output is first moved aside to ``.<name>.old`` beside it, then ``new`` is renamed to
    ``out`` and the old one removed: at every moment ``out`` is the old folder or the new one
    (a process killed between the two renames leaves the old one in ``.<name>.old``, which
    ``pipeline.staging.Staging`` puts back on its next run).
    """
    new, out = Path(new), Path(out)
    old = out.parent / f".{out.name}.old"
    if old.is_symlink() or old.is_file():   # never ours: a link is removed, not followed
        old.unlink()
    elif old.exists():
        shutil.rmtree(old)
    if out.exists() or out.is_symlink():
        os.replace(out, old)
    os.replace(new, out)
    if old.is_symlink():
        old.unlink()
    else:
        shutil.rmtree(old, ignore_errors=True)


def check_replaceable(out: Path, marker: str, message: str) -> None:
    """Refuse (``E-OUT``, with ``message``) to replace ``out`` unless it is missing, empty, or
    holds ``marker``: a file the command that may replace it left there."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / marker).exists())):
        raise PackError(error(str(out), None, "E-OUT", message))


def read_input(path: Path, code: str, what: str) -> bytes:
    """The bytes of a file the user named; a PackError (``code``) says why it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise PackError(error(path, None, code,
                              f"cannot read {what}: {exc.strerror or exc}")) from None


def read_pack_text(path: Path, shown: str, school: str | None = None) -> str:
    """The text of a pack file (YAML, Markdown): UTF-8, a byte-order mark at its start removed,
    at most ``settings: limits: file_size_kb``. A PackError names the file (and the line of the
    first byte that is not UTF-8): E-LIMIT, E-ENCODING, or E-MISSING-FILE when it cannot be
    read at all."""
    cap = current().file_size_kb * 1024
    try:
        with open(path, "rb") as f:
            data = f.read(cap + 1)
    except OSError as exc:
        raise PackError(error(shown, None, "E-MISSING-FILE",
                              f"cannot read the file ({exc.strerror or exc})", school)) from None
    if len(data) > cap:
        raise PackError(error(shown, None, "E-LIMIT", limit_message(
            "the file is too large", f"{current().file_size_kb} KB", "file_size_kb"), school))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise PackError(error(shown, line, "E-ENCODING",
                              f"not UTF-8 text (byte 0x{data[exc.start]:02x} in column "
                              f"{column}): save the file as "
                              f"UTF-8", school)) from None
    return text[1:] if text.startswith("\ufeff") else text


def key_of(*parts) -> str:
    """The hash of ``parts`` (JSON, keys sorted): an output's key, a school's fingerprint."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()
