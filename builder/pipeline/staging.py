"""Nothing half-published: a build writes into a staging folder beside the output and swaps it in
only when everything succeeded. A lock keeps two builds out of the same folder.

The staging folder starts as a hard-linked copy of the last good output, so unchanged files
cost nothing; every write goes through ``common.files`` (a new file, renamed into place) so a
hard link to the published copy is never written through, and ``commit`` swaps the staging
folder in whole (``common.files.swap_in``).
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
from pathlib import Path
from typing import TextIO

from builder.common.diagnostics import PackError, error
from builder.common.files import swap_in


def link_tree(src: Path, dst: Path) -> None:
    """Copy a tree as hard links (falling back to copies across file systems)."""
    def copy(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)
    shutil.copytree(src, dst, copy_function=copy, symlinks=False, dirs_exist_ok=True)


def _remove(path: Path) -> None:
    """Remove a folder of ours (or a link left where one was: never what it leads to)."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path)


class Staging:
    """``with Staging(out) as s:`` write under ``s.stage``, then ``s.commit()``; leaving without
    commit discards the staging folder and leaves the output as it was."""

    def __init__(self, out: Path, copy_previous: bool = True):
        self.out = Path(out).absolute()
        if self.out.is_symlink():
            # --out names a link: the folder it leads to is updated (and locked), the link kept
            self.out = self.out.resolve()
        self.parent = self.out.parent
        self.stage = self.parent / f".{self.out.name}.staging"
        self.old = self.parent / f".{self.out.name}.old"
        self.lock_path = self.parent / f".{self.out.name}.lock"
        self.copy_previous = copy_previous
        self._lock: TextIO | None = None
        self.committed = False

    def __enter__(self) -> Staging:
        self.parent.mkdir(parents=True, exist_ok=True)
        self._lock = lock = open(self.lock_path, "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            lock.close()
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise PackError(error(str(self.out), None, "E-LOCKED-OUTPUT",
                                      "another policypack build is writing to this folder; wait for it "
                                      "to finish and run again")) from exc
            raise
        self.recover()
        self.check_writable()
        if self.stage.exists():
            _remove(self.stage)
        if self.copy_previous and self.out.is_dir():
            link_tree(self.out, self.stage)
        else:
            self.stage.mkdir(parents=True)
        return self

    def recover(self) -> None:
        """A build killed between the two renames leaves the last good output in .old: restore it."""
        if not self.out.exists() and self.old.exists() and not self.old.is_symlink():
            os.replace(self.old, self.out)
        elif self.old.exists() or self.old.is_symlink():
            _remove(self.old)

    def check_writable(self) -> None:
        """The output and every folder in it must be writable (its files are replaced, the old
        folder removed): else one clear E-IO now, before anything is built or moved. Once the
        permissions are put right, the next build goes ahead as usual."""
        if not self.out.is_dir():
            return
        for folder, _dirs, _ in os.walk(self.out):
            if not os.access(folder, os.W_OK | os.X_OK):
                raise PackError(error(folder, None, "E-IO",
                                      "the output folder cannot be written (its permissions); "
                                      "the last output is left as it was: make it writable and "
                                      "build again"))

    def commit(self) -> None:
        swap_in(self.stage, self.out)   # the old output goes to .<name>.old, then is removed
        self.committed = True

    def __exit__(self, *exc) -> None:
        try:
            if not self.committed and self.stage.exists():
                shutil.rmtree(self.stage, ignore_errors=True)
        finally:
            if self._lock:
                fcntl.flock(self._lock, fcntl.LOCK_UN)
                self._lock.close()
