"""The pack as every command sees it: opened once on a folder and a date.

``Project(root, today)`` loads the pack once. ``select`` chooses schools (the one E-SCHOOL
message), ``school(id)`` resolves a school at most once, and ``findings(id)`` is the one
definition of what is wrong with a school: the resolver's findings (undefined variables,
unknown references...) and every check's. ``check`` reports them, the build stops on their
errors and the preview overlays them, so the three agree by construction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builder.checks import run_checks
from builder.common.diagnostics import Diagnostic, PackError
from builder.common.selection import select_schools
from builder.resolve.model import ResolvedSchool
from builder.resolve.school import resolve_school
from builder.source.load import load_pack
from builder.source.model import Pack


class Project:
    """One pack, one date, for one command. Raises ``PackError`` when the pack cannot be read."""

    def __init__(self, root: Path | str, today: dt.date | None = None, *,
                 drafts: bool = True) -> None:
        self.root = Path(root)
        self.today: dt.date = today or dt.date.today()
        self.drafts = drafts          # False for publishing: draft policies are left out
        self.pack: Pack = load_pack(self.root)
        self._resolved: dict[str, ResolvedSchool] = {}
        self._unresolvable: dict[str, PackError] = {}
        self._findings: dict[str, list[Diagnostic]] = {}

    @classmethod
    def of(cls, project: Project | Path | str, today: dt.date | None = None) -> Project:
        """``project`` itself when it is one, else the pack at that folder opened on ``today``.
        An open Project keeps its own date: another ``today`` is a mistake in the caller."""
        if isinstance(project, Project):
            if today is not None and today != project.today:
                raise ValueError(f"the project is open on {project.today}, not {today}")
            return project
        return cls(project, today)

    def select(self, ids: list[str] | None = None,
               shard: tuple[int, int] | None = None) -> list[str]:
        """The chosen school ids (all when ``ids`` is empty); with ``shard=(K, N)`` every N-th of
        them, sorted, from the K-th. An unknown id is E-SCHOOL, naming the nearest."""
        chosen: list[str] = select_schools(self.pack.schools, ids)
        if shard:
            k, n = shard
            chosen = [s for i, s in enumerate(sorted(chosen)) if i % n == k - 1]
        return chosen

    def school(self, sid: str) -> ResolvedSchool:
        """School ``sid`` resolved (once). Raises ``PackError`` when it cannot be resolved at all."""
        if sid in self._unresolvable:
            raise self._unresolvable[sid]
        if sid not in self._resolved:
            try:
                self._resolved[sid] = resolve_school(self.pack, self.pack.schools[sid], self.drafts)
            except PackError as exc:
                self._unresolvable[sid] = exc
                raise
        return self._resolved[sid]

    def resolved(self, ids: list[str]) -> dict[str, ResolvedSchool]:
        """Schools ``ids`` resolved, for a command that needs their text whole (publish, diff,
        prefill): ``PackError`` with every resolver error of them, if any."""
        out: dict[str, ResolvedSchool] = {}
        errors: list[Diagnostic] = []
        for sid in ids:
            try:
                out[sid] = self.school(sid)
            except PackError as exc:
                errors += exc.diagnostics
                continue
            errors += [d for d in out[sid].diagnostics if d.severity == "error"]
        if errors:
            raise PackError(list(dict.fromkeys(errors)))
        return out

    def findings(self, sid: str) -> list[Diagnostic]:
        """Everything wrong with school ``sid`` (once): the resolver's findings, then every
        check's, without repeats. A school that cannot be resolved gives the errors that stop it."""
        if sid not in self._findings:
            try:
                rs = self.school(sid)
            except PackError as exc:
                found = list(exc.diagnostics)
            else:
                found = rs.diagnostics + run_checks(self.pack, {sid: rs}, self.today)
            self._findings[sid] = list(dict.fromkeys(found))
        return self._findings[sid]

    def check(self, ids: list[str] | None = None) -> list[Diagnostic]:
        """The findings of the chosen schools (all by default), without repeats: what
        ``policypack check`` prints."""
        found: list[Diagnostic] = []
        for sid in self.select(ids):
            found += self.findings(sid)
        return list(dict.fromkeys(found))

