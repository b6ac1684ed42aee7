"""The whole import, as ``policypack import`` runs it, one document at a time.

For each FILE: read it (``read.read_document``), split it with the master's section titles as
hints (``read.split_sections``), find the school's values (``values.find_values``), pair its
sections with the master's as rendered for the school (``align``), find its own defects
(``defects.find_defects`` and ``values.stale_dates``), and draft the school file
(``draft.draft_school``) and the school's own sections. Everything is made in memory first; then
the output folder is written beside its place and swapped in whole (``common.files.swap_in``),
so a failed import leaves the last report as it was.

The output folder (``--out``, default ``imported/`` in the pack):

    report.html, report.json          one FILE: in the folder itself
    <stem>/report.html, ...           several FILEs: a folder each, named for the file
    schools/<id>.yml                  the draft school file (``<id>.changes.yml`` when the
                                      school is in the pack: the changes to its file)
    schools/<id>/<policy>/<section>.md   each school-only section's text, as Markdown
    schools/<id>/<policy>/add_sections.yml   their add_sections entries, to paste
    .policypack-import                the marker: a folder without it is never replaced

The pack's own ``content/`` and ``schools/`` are never written, except ``content/<id>/`` by
``--new-policy`` (``new_policy``), which refuses a folder that is there.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from builder.common import limits
from builder.checks.other_school import name_words
from builder.importing.read.markdown import section_markdown
from builder.project import Project
from builder.importing.align import SectionRow, align_document, master_sections, names_a_section, normalise, slug_id
from builder.common.diagnostics import Diagnostic, PackError, diagnostic, error, printable
from builder.common.files import UMASK, check_replaceable, swap_in, write_text
from builder.importing.defects import find_defects
from builder.importing.draft import draft_school
from builder.importing.read import read_document
from builder.importing.read.split import OPENING_WORDS, prose_words
from builder.importing.report import build_report, report_html, report_json
from builder.importing.values.find import find_values, stale_dates
from builder.importing.values.found import FoundValue
from builder.importing.values.people import names_a_person
from builder.importing.new_policy import plan_policy
from builder.source.values import Where, slug
from builder.importing.new_policy import write_policy
from builder.source.paths import refuse_output_in_sources

MARKER = ".policypack-import"
DEFAULT_OUT = "imported"
SUFFIXES = (".docx", ".txt", ".md")


@dataclass
class DocumentResult:
    display: str
    folder: str                       # where its report is, relative to the output folder ("" = top)
    report: dict
    rows: list[SectionRow]
    files: dict[str, str] = field(default_factory=dict)   # relative path -> text


@dataclass
class ImportResult:
    out: Path
    documents: list[DocumentResult]
    new_policy: Path | None = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [Diagnostic.from_json(d) for r in self.documents for d in r.report["diagnostics"]]


def new_school_notice(display: str, sid: str, known) -> Diagnostic:
    """--school names a school the pack does not have yet: the import drafts its file, and says
    so (with the nearest id, in case it was a slip of the keyboard)."""
    near = difflib.get_close_matches(sid, sorted(known), n=1, cutoff=0.6)
    hint = f"; did you mean '{near[0]}', which is?" if near else ""
    return diagnostic(display, None, "N-IMPORT-NEW-SCHOOL",
                      f"school '{sid}' is not in the pack: the import drafts schools/{sid}.yml "
                      f"for a new school{hint}", sid)


def unknown_policy_message(pid: str, known) -> str:
    """``no policy 'social-medai' (content/social-medai/policy.yml); did you mean 'social-media'?
    policies: social-media, staff-code``, as ``selection`` says it of schools."""
    known = sorted(known)
    near = difflib.get_close_matches(pid, known, n=1, cutoff=0.6)
    hint = f"; did you mean '{near[0]}'?" if near else ";"
    return f"no policy '{pid}' (content/{pid}/policy.yml){hint} policies: {', '.join(known) or 'none'}"


def _check_files(files: list[Path], displays: list[str]) -> None:
    problems = []
    for path, shown in zip(files, displays):
        if path.is_dir():
            problems.append(error(shown, None, "E-IMPORT-FILE", "this is a folder: give the document itself, "
                                  "a Word document (.docx) or text exported from Word (.txt, .md)"))
        elif path.suffix.lower() not in SUFFIXES:
            problems.append(error(shown, None, "E-IMPORT-FILE",
                                  f"cannot import a '{path.suffix or 'file without an extension'}' file: "
                                  f"give a Word document (.docx) or text exported from Word (.txt, .md)"))
        elif not path.is_file():
            problems.append(error(shown, None, "E-MISSING-FILE", "the document to import does not exist"
                                  if not path.exists() else "the document to import is not a file"))
    if problems:
        raise PackError(problems)


def _school_for(pack, wanted: str | None, found, stem: str) -> tuple[str, str | None]:
    """The school id and name: ``--school``, else the pack's school whose name (or short name)
    the document states, else a new id made from that name (or from the file's name)."""
    names = [f.value for f in found if f.key == "name" and isinstance(f.value, str)]
    name = names[0] if names else None
    if wanted:
        return wanted, pack.schools[wanted].name if wanted in pack.schools else name
    if name:
        key = normalise(name).casefold()
        for sid in sorted(pack.schools):
            values = pack.schools[sid].values
            if key in {normalise(str(values.get(k) or "")).casefold() for k in ("name", "short_name")}:
                return sid, pack.schools[sid].name
        return slug_id(name, fallback="school"), name
    return slug_id(stem, fallback="school"), None


def another_school(found, school) -> FoundValue | None:
    """The copy's own name, when it is plainly another school's than ``school`` (the pack's school
    it is imported for): no word of it that tells one school from another is in the school's name
    or short name ("Woden Primary School" for Chestnuts Primary School; not "Chestnut Primary School",
    not "Colaiste Ide" for Coláiste Íde, not "St Colmcille's BNS" for St Colmcille's Boys' National School)."""
    name = next((f for f in found if f.key == "name" and isinstance(f.value, str)), None)
    if name is None:
        return None
    theirs = set(name_words(name.value))
    ours = set(name_words(" ".join(str(school.values.get(k) or "") for k in ("name", "short_name"))))
    return name if theirs and ours and not theirs & ours else None


def _prose(section) -> bool:
    """The section holds prose of its own (not a cover's labels, dates, signature lines and rows)."""
    return prose_words(section.paragraphs) >= OPENING_WORDS


def _drafts(rows: list[SectionRow], master_ids, school_id: str, policy_id: str,
            first_line: int | None) -> tuple[dict, dict]:
    """The add_sections drafts of the school-only rows (by row index), and their files. The
    copy's cover (a school-only section on its first line, before any section that pairs or is
    drafted: the title, an approval block) is not drafted: its values are in the draft school file."""
    drafts, files, taken = {}, {}, set(master_ids)
    entries = []
    paired_yet = False
    for k, row in enumerate(rows):
        paired_yet = paired_yet or row.imported is not None and row.master is not None
        imported = row.imported
        if row.status != "school-only" or imported is None:   # school-only: the copy's section
            continue
        if not paired_yet and (imported.line == first_line or not imported.title or not _prose(imported)):
            continue     # (the text above the first heading, or a part before any pair with no prose of its
            #              own -- a strapline over the approval table, a revision history -- is the cover's)
        paired_yet = True    # (a part after one drafted is the text's, however short: "Private Use of Computers"
        #                      over two rules, after "Security" and "Passwords")
        sid = slug_id(imported.title, taken)
        taken.add(sid)
        path = f"schools/{school_id}/{policy_id}/{sid}.md"
        drafts[k] = {"id": sid, "title": imported.title, "after": row.after, "file": path}
        files[path] = section_markdown(imported).rstrip() + "\n"
        entries.append(drafts[k])
    if entries:
        import yaml
        lines = [f"# Sections of {school_id}'s own found in its copy: paste under "
                 f"policies: {policy_id}: add_sections: in schools/{school_id}.yml",
                 "# (the text of each is in the file beside this one named for its id)"]
        for k, e in sorted(drafts.items()):
            item = {"id": e["id"], "title": e["title"]}
            if e["after"]:
                item["after"] = e["after"]
            line = imp.line if (imp := rows[k].imported) is not None else None
            lines.append(f"# from line {line} of the copy")
            lines.append("- " + yaml.safe_dump(item, allow_unicode=True, sort_keys=False,
                                               default_flow_style=True, width=1000).strip())
        files[f"schools/{school_id}/{policy_id}/add_sections.yml"] = "\n".join(lines) + "\n"
    return drafts, files


def import_document(project: Project, path: Path, display: str, policy_id: str, school_wanted: str | None,
                    today: dt.date, today_given: bool, new_policy: str | None = None) -> DocumentResult:

    pack = project.pack
    policy = pack.policies.get(policy_id)
    known = [s.title for s in policy.sections] if policy else []
    if policy is not None:
        for school in pack.schools.values():
            sp = school.policies.get(policy_id)
            if sp:
                known += [s.title for s in [*sp.replace_sections.values(), *sp.add_sections]]
    # the master's titles known before the copy's headings are decided, so they shape its outline
    doc = read_document(path, display, tuple(dict.fromkeys(known)), names_master=names_a_section(policy),
                        a_person=names_a_person)

    found = find_values(doc, pack, policy_id, school_wanted)
    school_id, school_name = _school_for(pack, school_wanted, found, path.stem)
    in_pack = school_id in pack.schools
    diagnostics = list(doc.diagnostics)
    if school_wanted and not in_pack:
        diagnostics.append(new_school_notice(display, school_wanted, pack.schools))
    drafted, other = found, None
    if school_wanted and in_pack and (other := another_school(found, pack.schools[school_id])) is not None:
        # (a neighbour's copy imported for this school: its name is no change to this school's, and
        # everything else it states is to be checked before it goes anywhere)
        diagnostics.append(diagnostic(
            display, other.line, "W-IMPORT-OTHER-SCHOOL",
            f"the copy names '{other.value}', not {school_name} (--school {school_id}): check that it is "
            f"this school's copy before using anything drafted from it; the draft keeps the school's name",
            school_id))
        drafted = [f for f in found if f.key not in ("name", "short_name")]
    diagnostics += find_defects(doc, pack, policy_id, school_id, found)
    # (the copy's dates judged by its own cycle, else the policy's in the pack, else the trust's default)
    cycle = (policy.review_cycle if policy is not None else None) or pack.trust.settings.default_review_cycle
    diagnostics += stale_dates(found, doc, today, school_id, policy_id, cycle)
    diagnostics = list(dict.fromkeys(diagnostics))

    files: dict[str, str] = {}
    if new_policy:
        plan = plan_policy(doc, found, new_policy, school_id, pack)
        rows, drafts, title = plan.rows, plan.drafts, plan.title
        files.update(plan.files)
        diagnostics += plan.diagnostics
    else:
        ms, _ = master_sections(pack, policy_id, school_id, found, school_name,
                                project.school(school_id) if school_id in pack.schools else None)
        rows, _ = align_document(doc.sections, ms, school_name)
        first = doc.paragraphs[0].line if doc.paragraphs else None
        drafts, section_files = _drafts(rows, [m.id for m in ms], school_id, policy_id, first)
        files.update(section_files)
        title = policy.title if policy is not None else policy_id   # (checked in the pack above)

    existing = pack.root / "schools" / f"{school_id}.yml"
    draft_name = f"schools/{school_id}.changes.yml" if in_pack else f"schools/{school_id}.yml"
    files[draft_name] = draft_school(drafted, school_id, existing if in_pack else None)
    if other is not None:
        warning = f"# Warning: the copy names {printable(str(other.value))!r}, not this school: check it before use.\n"
        for name in [draft_name, *(f for f in files if f.endswith("/add_sections.yml"))]:
            files[name] = warning + files[name]
    report = build_report(doc=doc, policy_id=new_policy or policy_id, policy_title=title,
                          school_id=school_id, school_name=school_name, school_in_pack=in_pack,
                          rows=rows, drafts=drafts, found=found, diagnostics=diagnostics,
                          today=today if today_given else None, outputs=sorted(files))
    files["report.json"] = report_json(report)
    files["report.html"] = report_html(report, rows)
    return DocumentResult(display, "", report, rows, files)


def run_import(project: Path, files: list[Path], policy_id: str, *, school: str | None = None,
               out: Path | None = None, new_policy: bool = False, today: dt.date | None = None,
               displays: list[str] | None = None, progress=None) -> ImportResult:
    """Import ``files`` against policy ``policy_id`` (or make it, with ``new_policy``) and write
    the output folder. A PackError (exit status 2) when an input is wrong; the folder is then
    left as it was."""

    progress = progress or sys.stderr
    project = Path(project)
    files = [Path(f) for f in files]
    displays = displays or [str(f) for f in files]
    out = Path(out) if out is not None else project / DEFAULT_OUT
    today_given = today is not None
    today = today or dt.date.today()

    opened = Project(project, today)
    pack = opened.pack
    if new_policy:
        slug(policy_id, Where("--policy", None), "policy id")
        if policy_id in pack.policies or (project / "content" / policy_id).exists():
            raise PackError(error(f"content/{policy_id}", None, "E-OUT",
                                  f"policy '{policy_id}' is already in the pack: --new-policy makes a "
                                  f"new policy folder and never writes over one; choose another id"))
        if len(files) != 1:
            raise PackError(error("--new-policy", None, "E-ARG",
                                  "--new-policy makes one policy from one document: give one FILE"))
    elif policy_id not in pack.policies:
        raise PackError(error("content", None, "E-POLICY", unknown_policy_message(policy_id, pack.policies)))
    if school and school not in pack.schools:   # a school not yet in the pack: drafted as new
        slug(school, Where("--school", None), "school id")
    _check_files(files, displays)
    refuse_output_in_sources(project, out, f"an import (its default --out is {DEFAULT_OUT}/)")
    resolved_out = out.resolve()
    for parent in resolved_out.parents:
        if (parent / MARKER).exists():
            raise PackError(error(str(out), None, "E-OUT",
                                  f"the output folder lies inside another import's ({parent.name}/), "
                                  f"which the next import there replaces whole: choose a folder of "
                                  f"its own"))
    check_replaceable(out, MARKER, "output folder exists and was not written by policypack import: "
                                   "choose another --out, or remove the folder")
    for path, shown in zip(files, displays):
        if path.resolve().is_relative_to(resolved_out):
            raise PackError(error(shown, None, "E-OUT",
                                  f"the copy is inside the output folder {out}/, which the import "
                                  f"replaces whole: move the copy out of it, or choose another --out"))

    results = []
    folders: set[str] = set()
    seconds = limits.current().import_seconds
    for path, shown in zip(files, displays):
        print(f"policypack import: {shown}", file=progress)

        def stop(shown=shown):
            raise PackError(error(shown, None, "E-LIMIT", limits.limit_message(
                f"importing the copy took longer than {seconds} s", f"{seconds} s", "import_seconds")))

        with limits.time_limit(seconds, stop):
            result = import_document(opened, path, shown, policy_id, school, today, today_given,
                                     new_policy=policy_id if new_policy else None)
        if len(files) > 1:
            result.folder = slug_id(path.stem, folders, fallback="document")
            folders.add(result.folder)
        results.append(result)
        s = result.report["summary"]
        print(f"  {s['same']} same, {s['reworded']} reworded, {s['missing']} missing, "
              f"{s['school-only']} school-only; {s['values']} value(s); {s['errors']} error(s), "
              f"{s['warnings']} warning(s), {s['notices']} notice(s)", file=progress)

    made_policy = None
    if new_policy:
        made_policy = write_policy(project, policy_id, results[0].files)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".new"))
    try:
        write_text(tmp / MARKER, "Written by policypack import: the next import may replace this folder.\n")
        for r in results:
            base = tmp / r.folder if r.folder else tmp
            for rel, text in sorted(r.files.items()):
                if rel.startswith("content/"):
                    continue                      # --new-policy's files went to the pack
                write_text(base / rel, text)
        os.chmod(tmp, 0o777 & ~UMASK)          # as a folder the user made (mkdtemp's is private)
        swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ImportResult(out, results, made_policy)
