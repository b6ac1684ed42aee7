"""`policypack diff`: governors' redlines of each school's text between two git revisions.

Reads the pack at ``--from`` and at ``--to`` (default: the working tree) of the repository the
pack lives in (the pack may be a subfolder), resolves each school's policies at both, and writes
per school a summary page, a redline page per changed policy and the same redline as a PDF.
Changes are attributed to the master text (content/, trust.yml, forms/) or to the school's own
values (schools/<id>.yml, schools/<id>/) by also rendering the old master text with the new
school values (see ``redline.attribute``).
"""

from __future__ import annotations

import hashlib
import html
import io
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from typing import TYPE_CHECKING

from builder.common.diagnostics import Diagnostic, PackError, error

if TYPE_CHECKING:   # the pipeline is imported when the command runs, so --help stays quick
    from builder.diff.redline import PolicyDiff

MARKER = ".policypack-diff"      # marks an output folder this command may replace
MASTER_PARTS = ("trust.yml", "content", "forms")




# ---------------------------------------------------------------- git

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
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as tar:
            tar.extractall(dest, filter="data")
        return dest / self.prefix if self.prefix else dest


# ---------------------------------------------------------------- reading both sides

@dataclass
class Side:
    revision: Revision
    root: Path
    schools: dict      # school id -> ResolvedSchool
    school_ids: list


def _relabel(exc: PackError, rev: Revision) -> PackError:
    if rev.sha is None:
        return exc
    return PackError([Diagnostic(f"{rev.label}:{d.path}", d.line, d.severity, d.code,
                                 f"{d.message} (at revision {rev.label})", d.school)
                      for d in exc.diagnostics])


def _read_side(rev: Revision, root: Path, wanted: list[str] | None) -> Side:
    from builder.source.load import load_pack
    from builder.resolve.school import resolve_all
    try:
        pack = load_pack(root)
        ids = [s for s in pack.schools if not wanted or s in wanted]
        resolved = resolve_all(pack, ids) if ids else {}
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


def _changed_files(old_root: Path, new_root: Path) -> set[str]:
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
    from builder.source.load import load_pack
    from builder.resolve.school import resolve_all
    try:
        return resolve_all(load_pack(root), [sid]).get(sid)
    except PackError:
        return None


def compare_school(old: Side, new: Side, sid: str, changed_files: set[str], scratch: Path) -> SchoolDiff:
    from builder.diff.redline import attribute, attribute_all, compare_policy
    o, n = old.schools.get(sid), new.schools.get(sid)
    name = (n or o).name
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


# ---------------------------------------------------------------- pages

def _css() -> str:
    return resources.files(__package__).joinpath("redline.css").read_text(encoding="utf-8")


def _page(title: str, body: str, crumbs: str = "") -> str:
    e = html.escape
    nav = f'<nav aria-label="Breadcrumb"><p class="crumbs">{crumbs}</p></nav>\n' if crumbs else ""
    return (f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="policypack diff">\n'
            f'<title>{e(title)}</title>\n<style>\n{_css()}</style>\n</head>\n<body>\n'
            f'<a class="skip" href="#main">Skip to the changes</a>\n{nav}'
            f'<main id="main">\n{body}\n</main>\n</body>\n</html>\n')


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _source_text(d: PolicyDiff, source: str) -> str:
    """e.g. "2 paragraphs changed, 1 added; sections: 1 added, 1 moved" for one source."""
    c = d.counts(source)
    paras = [f"{c.changed} changed" if c.changed else "", f"{c.added} added" if c.added else "",
             f"{c.removed} removed" if c.removed else ""]
    paras = [p for p in paras if p]
    text = ""
    if paras:
        text = ("paragraph: " if c.total == 1 else "paragraphs: ") + ", ".join(paras)
    kinds = {"added": 0, "removed": 0, "moved": 0}
    for s in d.sections:
        if s.status == "moved-away" or s.source != source:
            continue
        if s.status in ("added", "removed"):
            kinds[s.status] += 1
        elif s.moved:
            kinds["moved"] += 1
    secs = ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
    if secs:
        text += ("; " if text else "") + "sections: " + secs
    return text or "none"


def _section_label(s) -> str:
    return f"section {s.number} ({s.new_title or s.old_title})"


def _what_changed(d: PolicyDiff) -> str:
    if d.status == "added":
        return "New policy"
    if d.status == "removed":
        return "Policy removed"
    if not d.changed:
        return "No changes"
    sc = d.section_changes()
    bits = []
    for key, words in (("added", "added"), ("removed", "removed"), ("moved", "moved"),
                       ("reworded", "reworded")):
        if sc[key]:
            items = ", ".join(_section_label(s) if key != "removed" else
                              f"section {s.old_number} ({s.old_title})" for s in sc[key])
            bits.append(f"Sections {words}: {items}" if len(sc[key]) > 1 else
                        f"Section {words}: {items}")
    if d.old_title != d.new_title:
        bits.insert(0, f"Title changed from \u201c{d.old_title}\u201d")
    return "; ".join(bits) or "Section numbers only"


def _by_source(d: PolicyDiff) -> list[str]:
    """Plain sentences: which changes came from the master text, which from the school's values."""
    lines = []
    for source in ("master", "school", "both"):
        places = []
        for s in d.sections:
            if s.status == "moved-away":
                continue
            what = []
            if s.source == source:
                if s.status == "added":
                    what.append("section added")
                elif s.status == "removed":
                    what.append("section removed")
                else:
                    if s.moved:
                        what.append("section moved")
                    if s.title_changed:
                        what.append("heading changed")
            if s.status not in ("added", "removed"):
                c = {"insert": 0, "delete": 0, "change": 0}
                for b in s.blocks:
                    if b.op != "equal" and b.source == source:
                        c[b.op] += 1
                for op, word in (("change", "changed"), ("insert", "added"), ("delete", "removed")):
                    if c[op]:
                        what.append(f"{_plural(c[op], 'paragraph')} {word}")
            if what:
                places.append(f"{_section_label(s) if s.status != 'removed' else f'section {s.old_number} ({s.old_title})'}: "
                              f"{', '.join(what)}")
        if places:
            label = {"master": "Master text change", "school": "School value change",
                     "both": "Master text and school value change"}[source]
            lines.append(f"<li><strong>{label}</strong> in "
                         + html.escape("; ".join(places)) + "</li>")
    return lines


def school_page(sd: SchoolDiff, old: Revision, new: Revision, pdf: bool) -> str:
    e = html.escape
    title = f"{sd.name}: policy changes"
    body = [f"<h1>{e(title)}</h1>",
            f'<p class="revs">From {e(old.describe())} to {e(new.describe())}.</p>']
    if sd.note:
        body.append(f"<p>{e(sd.note)}</p>")
    if not sd.changed:
        body.append(f'<p class="nochange">No changes to {e(sd.name)}\u2019s policies.</p>')
    body.append('<table>\n<caption>Policies</caption>\n<thead><tr><th scope="col">Policy</th>'
                '<th scope="col">What changed</th><th scope="col">Paragraphs added</th>'
                '<th scope="col">Paragraphs removed</th><th scope="col">Paragraphs changed</th>'
                '<th scope="col">From master text</th><th scope="col">From school values</th>'
                '<th scope="col">Redline</th></tr></thead>\n<tbody>')
    for d in sd.policies:
        c = d.counts()
        if d.changed:
            links = f'<a href="{e(d.id)}.html">Web page<span class="sr"> for {e(d.title)}</span></a>'
            if pdf:
                links += f', <a href="{e(d.id)}.pdf">PDF<span class="sr"> for {e(d.title)}</span></a>'
            master, school = _source_text(d, "master"), _source_text(d, "school")
            if "both" in d.sources():
                master += f"; changed by both: {_source_text(d, 'both')}"
            cells = [e(_what_changed(d)), str(c.added), str(c.removed), str(c.changed), e(master),
                     e(school), links]
        else:
            cells = ["No changes", "0", "0", "0", "", "", ""]
        body.append(f'<tr><th scope="row">{e(d.title)}</th>'
                    + "".join(f'<td class="n">{x}</td>' if i in (1, 2, 3) else f"<td>{x}</td>"
                              for i, x in enumerate(cells)) + "</tr>")
    body.append("</tbody>\n</table>")
    for d in sd.changed:
        body.append(f'<h2><a href="{e(d.id)}.html">{e(d.title)}</a></h2>')
        lines = _by_source(d)
        body.append("<ul>" + "".join(lines) + "</ul>" if lines else "<p>Section numbers only.</p>")
    crumbs = '<a href="../index.html">All schools</a>'
    return _page(title, "\n".join(body), crumbs)


LEGEND = ('<div class="legend"><p><ins><span class="sr">[inserted: </span>Inserted words'
          '<span class="sr">]</span></ins> are green and underlined; '
          '<del><span class="sr">[deleted: </span>deleted words<span class="sr">]</span></del> are '
          'red and struck through. A label after a change says whether it comes from the master '
          'text or from the school\u2019s own values. Unchanged paragraphs are folded.</p></div>')


def redline_page(sd: SchoolDiff, d: PolicyDiff, old: Revision, new: Revision) -> str:
    from builder.diff.redline import render_redline
    e = html.escape
    title = f"{d.title}: changes for {sd.name}"
    status = {"added": "This policy is new: all of its text is inserted.",
              "removed": "This policy has been removed: all of its text is deleted."}.get(d.status, "")
    c = d.counts()
    body = [f"<h1>{e(title)}</h1>",
            f'<p class="revs">From {e(old.describe())} to {e(new.describe())}. '
            f"Paragraphs: {c.added} added, {c.removed} removed, {c.changed} changed.</p>"]
    if status:
        body.append(f"<p><strong>{e(status)}</strong></p>")
    body.append(LEGEND)
    body.append(render_redline(d))
    crumbs = (f'<a href="../index.html">All schools</a> &rsaquo; '
              f'<a href="index.html">{e(sd.name)}</a>')
    return _page(title, "\n".join(body), crumbs)


def trust_page(trust_name: str, diffs: list[SchoolDiff], old: Revision, new: Revision) -> str:
    e = html.escape
    title = f"{trust_name}: policy changes by school"
    rows = []
    for sd in diffs:
        changed = sd.changed
        if changed:
            total = {"added": 0, "removed": 0, "changed": 0}
            for d in changed:
                c = d.counts()
                total["added"] += c.added
                total["removed"] += c.removed
                total["changed"] += c.changed
            what = (", ".join(d.title for d in changed) + f" ({total['added']} added, "
                    f"{total['removed']} removed, {total['changed']} changed paragraphs)")
        else:
            what = "No changes"
        rows.append(f'<tr><th scope="row"><a href="{e(sd.id)}/index.html">{e(sd.name)}</a></th>'
                    f"<td>{e(what)}</td></tr>")
    body = (f"<h1>{e(title)}</h1>\n<p class=\"revs\">From {e(old.describe())} to {e(new.describe())}.</p>\n"
            '<table>\n<caption>Schools</caption>\n<thead><tr><th scope="col">School</th>'
            '<th scope="col">Policies changed</th></tr></thead>\n<tbody>\n' + "\n".join(rows)
            + "\n</tbody>\n</table>")
    return _page(title, body)


def write_pdf(page_html: str, target: Path) -> None:
    """A4, tagged (PDF/UA-1), title from <title>, same bytes for the same page. Fetches nothing,
    and a relative link stays relative: no base address, which would turn it into a file:
    address on the machine that ran the diff."""
    from weasyprint import HTML

    from builder.render.engine import fetch_refused, refuse_fetch
    ident = hashlib.sha256(page_html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    with fetch_refused():
        HTML(string=page_html, url_fetcher=refuse_fetch).write_pdf(
            target, pdf_variant="pdf/ua-1", pdf_identifier=ident)


# ---------------------------------------------------------------- the command

def _prepare_out(out: Path) -> Path:
    """A fresh folder beside ``out`` to write into; refuses to replace a folder it did not write."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise PackError(error(str(out), None, "E-OUT",
                              "output folder exists and was not written by policypack diff; "
                              "choose another --out or remove it"))
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))


def _swap_in(tmp: Path, out: Path) -> None:
    (tmp / MARKER).write_text("Written by policypack diff; replaced on each run.\n", encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)


def run(args) -> int:
    project = Path(args.project)
    repo = PackRepo(project)
    old_rev = repo.revision(args.rev_from)
    new_rev = repo.revision(args.rev_to) if args.rev_to else Revision("working tree", None)
    out = args.out or project / "site" / "diff"
    wanted = list(dict.fromkeys(args.schools or []))
    with tempfile.TemporaryDirectory(prefix="policypack-diff-") as scratch_name:
        scratch = Path(scratch_name)
        old_root = repo.export(old_rev, scratch / "from")
        new_root = repo.export(new_rev, scratch / "to") if new_rev.sha else project
        old = _read_side(old_rev, old_root, wanted)
        new = _read_side(new_rev, new_root, wanted)
        every = sorted(set(old.school_ids) | set(new.school_ids))
        unknown = [s for s in wanted if s not in every]
        if unknown:
            raise PackError([error(str(project), None, "E-SCHOOL",
                                   f"no school '{s}' at either revision (schools: {', '.join(every)})")
                             for s in unknown])
        ids = wanted or every
        changed_files = _changed_files(old_root, new_root)
        diffs = [compare_school(old, new, sid, changed_files, scratch) for sid in ids]
        trust_name = _trust_name(new, old)
        tmp = _prepare_out(out)
        try:
            (tmp / "index.html").write_text(trust_page(trust_name, diffs, old_rev, new_rev), encoding="utf-8")
            for sd in diffs:
                folder = tmp / sd.id
                folder.mkdir()
                (folder / "index.html").write_text(school_page(sd, old_rev, new_rev, not args.no_pdf),
                                                   encoding="utf-8")
                for d in sd.changed:
                    page = redline_page(sd, d, old_rev, new_rev)
                    (folder / f"{d.id}.html").write_text(page, encoding="utf-8")
                    if not args.no_pdf:
                        write_pdf(page, folder / f"{d.id}.pdf")
            _swap_in(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    n_changed = sum(1 for sd in diffs if sd.changed)
    print(f"policypack diff: {len(diffs)} school(s), {n_changed} with changes, "
          f"{old_rev.describe()} -> {new_rev.describe()}; wrote {out}")
    return 0


def _trust_name(*sides: Side) -> str:
    for side in sides:
        for rs in side.schools.values():
            return str(rs.trust.get("name", "The trust"))
    return "The trust"
