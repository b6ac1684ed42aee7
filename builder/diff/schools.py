"""Each school at both revisions of a ``policypack diff``: read, compared, each change attributed.

``read_side`` loads and resolves the pack as it was at one revision. ``compare_school`` compares
one school's policies at the two sides and labels each change as coming from the master text
(content/, trust.yml, forms/) or from the school's own values (schools/<id>.yml,
schools/<id>/): from the files that changed when only one kind did, and when both did by also
resolving the old master text with the new school values (the *hybrid*, see
``compare.attribute``).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder.common.diagnostics import PackError
from builder.diff.changes import PolicyDiff
from builder.diff.compare import attribute, attribute_all, compare_policy
from builder.diff.revisions import Revision
from builder.project import Project

MASTER_PARTS = ("trust.yml", "content", "forms")


@dataclass
class Side:
    revision: Revision
    root: Path
    schools: dict      # school id -> ResolvedSchool
    school_ids: list


def _relabel(exc: PackError, rev: Revision) -> PackError:
    if rev.sha is None:
        return exc
    return PackError([replace(d, path=f"{rev.label}:{d.path}",
                              message=f"{d.message} (at revision {rev.label})")
                      for d in exc.diagnostics])


def read_side(rev: Revision, root: Path, wanted: list[str] | None) -> Side:
    """The pack at ``root`` (as it was at ``rev``) with the wanted schools resolved (all if
    none); its diagnostics name the revision."""
    try:
        project = Project(root)
        pack = project.pack
        resolved = project.resolved([s for s in pack.schools if not wanted or s in wanted])
    except PackError as exc:
        raise _relabel(exc, rev) from None
    return Side(rev, root, resolved, list(pack.schools))


def _file_digests(root: Path) -> dict[str, str]:
    """Digests of the files that shape the text: trust.yml, content/, forms/, schools/."""
    out = {}
    for part in (*MASTER_PARTS, "schools"):
        base = root / part
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()) \
            if base.is_dir() else []
        for f in files:
            out[f.relative_to(root).as_posix()] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def changed_files(old_root: Path, new_root: Path) -> set[str]:
    a, b = _file_digests(old_root), _file_digests(new_root)
    return {k for k in set(a) | set(b) if a.get(k) != b.get(k)}


def _is_school_file(path: str, sid: str) -> bool:
    return path == f"schools/{sid}.yml" or path.startswith(f"schools/{sid}/")


# ---------------------------------------------------------------- comparing a school

@dataclass
class SchoolDiff:
    id: str
    name: str
    policies: list[PolicyDiff]
    note: str = ""                  # e.g. "new school", or why attribution was not possible
    errors: list = field(default_factory=list)

    @property
    def changed(self) -> list[PolicyDiff]:
        return [p for p in self.policies if p.changed]


def _hybrid(old: Side, new: Side, sid: str, scratch: Path):
    """The old master text with the new school values, resolved for one school; None if that
    combination does not resolve (e.g. the school's new file uses a section the old text lacks)."""
    root = scratch / f"hybrid-{sid}"
    for part in (*MASTER_PARTS, "schools"):
        src = old.root / part
        if src.is_dir():
            shutil.copytree(src, root / part)
        elif src.is_file():
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, root / part)
    (root / "schools").mkdir(parents=True, exist_ok=True)
    for rel in (f"schools/{sid}.yml", f"schools/{sid}"):
        target, source = root / rel, new.root / rel
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.is_file():
            shutil.copy2(source, target)
    try:
        return Project(root).resolved([sid]).get(sid)
    except PackError:
        return None


def compare_school(old: Side, new: Side, sid: str, changed_files: set[str], scratch: Path) -> SchoolDiff:
    o, n = old.schools.get(sid), new.schools.get(sid)
    either = n or o
    assert either is not None, sid   # the school is on one side at least
    name = either.name
    opol = o.policies if o else {}
    npol = n.policies if n else {}
    order = list(npol) + [p for p in opol if p not in npol]
    diffs = [compare_policy(opol.get(pid), npol.get(pid)) for pid in order]
    master = any(not f.startswith("schools/") for f in changed_files)
    school = any(_is_school_file(f, sid) for f in changed_files)
    note = ""
    if o is None or n is None:
        source = "school"
        note = f"This school is {'new' if o is None else 'no longer in the pack'} at {new.revision.describe()}."
    elif master and school:
        hybrid = _hybrid(old, new, sid, scratch)
        if hybrid is None:
            source = "both"
            note = ("Both the master text and this school's values changed, and the old master text "
                    "does not render with the new school values, so changes are not separated.")
        else:
            for d in diffs:
                if d.changed:
                    attribute(d, hybrid.policies.get(d.id))
            return SchoolDiff(sid, name, diffs)
    else:
        source = "school" if school else "master"
    for d in diffs:
        if d.changed:
            attribute_all(d, source)
    return SchoolDiff(sid, name, diffs, note)


def trust_name(*sides: Side) -> str:
    """The trust's name as the newer side (else the older) gives it."""
    for side in sides:
        for rs in side.schools.values():
            return str(rs.trust.get("name", "The trust"))
    return "The trust"
