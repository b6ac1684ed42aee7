"""The git side of ``policypack diff``: the repository a pack lives in, and the pack at a revision.

``PackRepo(project)`` finds the repository holding the pack folder (the pack may be a subfolder
of it); ``revision(rev)`` names a commit; ``export(revision, dest)`` writes the pack folder as
it was at that commit. A ``Revision`` with no commit is the working tree.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from builder.common.diagnostics import PackError, error, printable


@dataclass
class Revision:
    label: str          # as the user wrote it, or "working tree"
    sha: str | None
    date: str | None = None

    def describe(self) -> str:
        if self.sha is None:
            return "the working tree"
        return f"{self.label} ({self.sha[:10]}, {self.date})"


def _git(cwd: Path, *args, binary=False) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=not binary,
                              check=False)
    except FileNotFoundError:
        raise PackError(error("git", None, "E-GIT", "git is not installed; policypack diff reads "
                                                    "the pack's revisions with git")) from None


class PackRepo:
    """The git repository holding a pack folder."""

    def __init__(self, project: Path):
        self.project = project
        if not project.is_dir():
            raise PackError(error(str(project), None, "E-PROJECT", "pack directory does not exist"))
        top = _git(project, "rev-parse", "--show-toplevel")
        if top.returncode != 0:
            raise PackError(error(str(project), None, "E-GIT",
                                  "not inside a git repository: policypack diff compares two "
                                  "revisions of the pack's repository (run 'git init' and commit "
                                  "the pack first)"))
        self.top = Path(top.stdout.strip())
        self.prefix = _git(project, "rev-parse", "--show-prefix").stdout.strip()

    def revision(self, rev: str) -> Revision:
        found = _git(self.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        if found.returncode != 0 or not found.stdout.strip():
            raise PackError(error(str(self.project), None, "E-GIT-REV",
                                  f"unknown revision '{rev}' in the repository at '{self.top}' "
                                  f"(give a commit, tag or branch, e.g. HEAD~1)"))
        sha = found.stdout.strip()
        date = _git(self.top, "log", "-1", "--format=%cs", sha).stdout.strip()
        return Revision(rev, sha, date)

    def export(self, rev: Revision, dest: Path) -> Path:
        """Write the pack folder as it was at ``rev`` under ``dest``; return the pack root there."""
        args = ["archive", "--format=tar", rev.sha]
        if self.prefix:
            args += ["--", self.prefix]
        result = _git(self.top, *args, binary=True)
        if result.returncode != 0:
            raise PackError(error(str(self.project), None, "E-GIT-REV",
                                  f"the pack folder '{self.prefix.rstrip('/')}' does not exist at "
                                  f"revision '{rev.label}'"))
        bad = []
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as tar:
            for member in tar:
                try:
                    tar.extract(member, dest, filter="data")
                except tarfile.FilterError as exc:   # a link or path leaving the pack
                    name = member.name[len(self.prefix):] if member.name.startswith(self.prefix) \
                        else member.name
                    where = f" to '{member.linkname}'" if member.issym() or member.islnk() else ""
                    bad.append(error(name, None, "E-PATH", printable(
                        f"at revision '{rev.label}' this {'link' if where else 'entry'}{where} "
                        f"leads outside the pack ({type(exc).__name__}); diff reads only files "
                        f"inside the pack folder")))
        if bad:
            raise PackError(bad)
        return dest / self.prefix if self.prefix else dest
