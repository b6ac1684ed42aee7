"""`policypack diff`: governors' redlines of each school's text between two git revisions.

``run_diff`` reads the pack at ``rev_from`` and at ``rev_to`` (default: the working tree) of the
repository the pack lives in (``revisions``), resolves each school's policies at both and
compares them, attributing each change to the master text or to the school's own values
(``schools``), then writes per school a summary page, a redline page per changed policy and the
same redline as a PDF (``pages``) into a fresh folder swapped in whole for the last one.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from builder.common import paths
from builder.common.files import check_replaceable, swap_in, write_text
from builder.common.selection import select_schools
from builder.diff.pages import redline_page, school_page, trust_page, write_pdf
from builder.diff.revisions import PackRepo, Revision
from builder.diff.schools import SchoolDiff, changed_files, compare_school, read_side, trust_name

MARKER = ".policypack-diff"      # marks an output folder this command may replace


@dataclass
class DiffResult:
    out: Path
    old: Revision
    new: Revision
    schools: list[SchoolDiff]

    @property
    def changed(self) -> list[SchoolDiff]:
        """The schools with at least one changed policy."""
        return [sd for sd in self.schools if sd.changed]


def run_diff(project: Path, rev_from: str, rev_to: str | None = None, schools: list[str] | None = None,
             out: Path | None = None, pdf: bool = True) -> DiffResult:
    """Compare the chosen schools (default: every school at either revision) between two
    revisions and write the pages into ``out`` (default: site/diff in the pack), replacing the
    folder a previous diff wrote there."""
    project = Path(project)
    repo = PackRepo(project)
    old_rev = repo.revision(rev_from)
    new_rev = repo.revision(rev_to) if rev_to else Revision("working tree", None)
    out = Path(out) if out else project / "site" / paths.DIFF_FOLDER
    wanted = list(dict.fromkeys(schools or []))
    with tempfile.TemporaryDirectory(prefix="policypack-diff-") as scratch_name:
        scratch = Path(scratch_name)
        old_root = repo.export(old_rev, scratch / "from")
        new_root = repo.export(new_rev, scratch / "to") if new_rev.sha else project
        old = read_side(old_rev, old_root, wanted)
        new = read_side(new_rev, new_root, wanted)
        ids = select_schools(sorted(set(old.school_ids) | set(new.school_ids)), wanted)
        changed = changed_files(old_root, new_root)
        diffs = [compare_school(old, new, sid, changed, scratch) for sid in ids]
        _write(out, trust_name(new, old), diffs, old_rev, new_rev, pdf)
    return DiffResult(out, old_rev, new_rev, diffs)


def _write(out: Path, trust: str, diffs: list[SchoolDiff], old: Revision, new: Revision, pdf: bool) -> None:
    """Every page into a fresh folder beside ``out``, then swapped in; refuses to replace a
    folder this command did not write."""
    check_replaceable(out, MARKER, "output folder exists and was not written by policypack diff; "
                                   "choose another --out or remove it")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        write_text(tmp / "index.html", trust_page(trust, diffs, old, new))
        for sd in diffs:
            folder = tmp / sd.id
            folder.mkdir()
            write_text(folder / "index.html", school_page(sd, old, new, pdf))
            for d in sd.changed:
                page = redline_page(sd, d, old, new)
                write_text(folder / f"{d.id}.html", page)
                if pdf:
                    write_pdf(page, folder / f"{d.id}.pdf")
        write_text(tmp / MARKER, "Written by policypack diff; replaced on each run.\n")
        swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
