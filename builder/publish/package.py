"""``policypack publish``: each school's site as a folder (and a zip) ready to upload.

Publishing builds first (the build is incremental, so an up-to-date ``site/`` costs nothing), then
copies each school's pages, PDFs and forms into ``publish/<school-id>/`` and adds what a school
website needs beside them: ``policies.json`` (a feed a CMS can read), ``sitemap.xml``, and
``snippet.html`` (a list of the policies to paste into the school's own site). The accessibility
statement is a page of the site itself (render_site). Everything written is reproducible: the
same pack gives the same bytes, zips included.

Web addresses: ``--base-url`` (``{school}`` in it is replaced by the school id), else the
trust's ``settings: site_url`` plus ``<school-id>/``, else the school's ``website`` plus
``policies/``. With none, links are relative and no sitemap is written (a sitemap needs full
addresses).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from builder.checks import strictly
from builder.checks.requirements import Covered, coverage
from builder.common import paths
from builder.common.paths import Base, base_for
from builder.common.addresses import safe_web_address, web_problem
from builder.common.dates import zip_time
from builder.common.diagnostics import Diagnostic, PackError, diagnostic, error
from builder.common.files import check_replaceable, open_atomic, write_text
from builder.resolve.status import review_rows
from builder.resolve.approval import approval_facts
from builder.pipeline.build import build
from builder.pipeline.progress import Progress
from builder.pipeline.staging import Staging
from builder.project import Project
from builder.source.paths import refuse_output_in_sources

MARKER = ".policypack-publish"
FEED_FORMAT = "policypack-policies/1"


# ------------------------------------------------------------------ addresses

def check_base_url(value: str | None) -> None:
    if value and web_problem(value.replace("{school}", "school")):
        raise PackError(error("--base-url", None, "E-ARG",
                              f"'{value}' must be a full address starting https://: "
                              f"{web_problem(value.replace('{school}', 'school'))}"))


# ------------------------------------------------------------------ what each school gets

@dataclass(frozen=True)
class Listed:
    """A policy or a form as the feed, the sitemap and the snippet list it."""
    id: str
    title: str
    version: str | None
    page: str                     # its page and its PDF, in the school's folder
    pdf: str
    lastmod: str | None           # the date its content was approved or versioned
    fields: tuple = ()            # (name, value) the feed gives it beyond id, title and version
    approved_text: str = ""       # for the snippet: the dates as the pages show them
    next_review_text: str = ""

    def feed(self) -> dict:
        return {"id": self.id, "title": self.title, "version": self.version, **dict(self.fields),
                "page": self.page, "pdf": self.pdf}


@dataclass(frozen=True)
class SchoolFacts:
    policies: list[Listed]
    forms: list[Listed]
    # what the requirements register says the school must publish online: met or missing
    must_publish: list[Covered] = field(default_factory=list)


def school_facts(pack, rs, today: dt.date | None = None) -> SchoolFacts:
    """Policies and forms of one school, with the dates and pages the feed lists."""
    policies = []
    rows = review_rows(rs, today or dt.date.today(), pack.trust.settings.review_window_days)
    for row in rows:
        rp = rs.policies[row.policy]
        current = rp.policy.current_version
        policies.append(Listed(
            row.policy, row.title, row.version, paths.policy_page(row.policy), paths.policy_pdf(row.policy),
            row.approved_iso or (str(current.date) if current else None),
            (("approved", row.approved_iso or None), ("next_review", row.next_review_iso or None),
             ("approving_body", approval_facts(rs, rp).body)),
            row.approved_text if row.approved else "", row.next_review_text if row.next_review else ""))
    forms = []
    for fid in rs.forms:
        form = pack.forms.get(fid)
        f = rs.resolved_forms.get(fid)
        if form is None or f is None:
            continue
        date = f.date.isoformat()
        forms.append(Listed(fid, form.title, f.version, paths.form_page(fid), paths.form_pdf(fid), date,
                            (("date", date), ("audience", form.audience))))
    online = [c for c in coverage(pack, rs) if c.requirement.publish_online]
    return SchoolFacts(policies, forms, online)


def _address(c: Covered, base: Base) -> str | None:
    """Where parents find what meets a requirement: the policy's page here, or the linked one."""
    if c.policy is not None:
        return base.href(paths.policy_page(c.policy))
    return safe_web_address(c.url) if c.url else None


def feed(rs, facts: SchoolFacts, base: Base) -> str:
    """``policies.json``: what a school CMS needs to list the policies and forms itself."""
    def item(entry: Listed):
        out = entry.feed()
        if base.url:
            out["page_url"] = base.href(entry.page)
            out["pdf_url"] = base.href(entry.pdf)
        return out
    data = {
        "format": FEED_FORMAT,
        "school": {"id": rs.id, "name": rs.name,
                   "website": safe_web_address((rs.values or {}).get("website"))},
        "trust": {"name": (rs.trust or {}).get("name")},
        "base_url": base.url,
        "pages": {"home": paths.HOME, "changelog": paths.CHANGELOG,
                  "accessibility": paths.ACCESSIBILITY},
        "policies": [item(p) for p in facts.policies],
        "forms": [item(f) for f in facts.forms],
        "must_publish": [{"requirement": c.requirement.id, "title": c.requirement.title,
                          "state": c.state, "met_by": c.title or None, "address": _address(c, base)}
                         for c in facts.must_publish],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def sitemap(folder: Path, facts: SchoolFacts, base: Base) -> str:
    """Every page and PDF in the folder, with the date its content was approved or versioned
    (never the build date, so the file only changes when the content does)."""
    lastmod: dict[str, str | None] = {}
    for entry in facts.policies + facts.forms:
        lastmod[entry.page] = lastmod[entry.pdf] = entry.lastmod
    newest = max((d for d in lastmod.values() if d), default=None)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.is_file() and p.suffix in (".html", ".pdf") and p.name != "snippet.html")
    files.sort(key=lambda rel: (rel != paths.HOME, rel))
    for rel in files:
        when = lastmod.get(rel, newest)
        lines.append("  <url><loc>" + html.escape(base.href(rel)) + "</loc>"
                     + (f"<lastmod>{when}</lastmod>" if when else "") + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def snippet(rs, facts: SchoolFacts, base: Base) -> str:
    """A fragment to paste into the school's own website: the policies and forms, linked."""
    e = html.escape
    where = "" if base.url else (" The links are relative to the folder these pages are in: change them to "
                                 "full addresses, or publish with --base-url.")
    key = f"policypack-{rs.id}"
    out = [f"<!-- {e(rs.name)}: policies and forms, written by policypack publish. Paste this into a "
           f"page of the school website (in its HTML or source view).{e(where)} -->",
           f'<section class="policypack-list" aria-labelledby="{key}-policies">',
           f'<h2 id="{key}-policies">Our policies</h2>', "<ul>"]
    for p in facts.policies:
        dates = []
        if p.version:
            dates.append(f"version {e(p.version)}")
        if p.approved_text:
            dates.append(f"approved {e(p.approved_text)}")
        if p.next_review_text:
            dates.append(f"next review {e(p.next_review_text)}")
        out.append(f'  <li><a href="{e(base.href(p.page))}">{e(p.title)}</a> '
                   f'(<a href="{e(base.href(p.pdf))}">{e(p.title)}, PDF</a>)'
                   + (f": {', '.join(dates)}" if dates else "") + "</li>")
    out.append("</ul>")
    if facts.forms:
        out += [f'<h2 id="{key}-forms">Forms</h2>', "<ul>"]
        for f in facts.forms:
            out.append(f'  <li><a href="{e(base.href(f.page))}">{e(f.title)}</a> '
                       f'(<a href="{e(base.href(f.pdf))}">{e(f.title)}, fillable PDF</a>)</li>')
        out.append("</ul>")
    met = [c for c in facts.must_publish if c.state != "missing"]
    if met:
        out += [f'<h2 id="{key}-required">Information we must publish</h2>', "<ul>"]
        for c in met:
            address = _address(c, base)
            shown = f'<a href="{e(address)}">{e(c.title)}</a>' if address else e(c.title)
            out.append(f"  <li>{e(c.requirement.title)}: {shown}</li>")
        out.append("</ul>")
    out.append(f'<p><a href="{e(base.href(paths.HOME))}">All policies and forms of {e(rs.name)}</a>. '
               f'<a href="{e(base.href(paths.ACCESSIBILITY))}">Accessibility statement</a>. '
               "A paper copy of any policy is free on request from the school office.</p>")
    out.append("</section>")
    return "\n".join(out) + "\n"


def readable(folder: Path) -> None:
    """Folders 755 and files 644, so a web server can read what is uploaded as it is."""
    folder.chmod(0o755)
    for p in folder.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)


def write_zip(folder: Path, dest: Path) -> None:
    """The folder's files at the zip's top level, sorted, with fixed times and permissions."""
    stamp = zip_time()
    with open_atomic(dest, mode=0o644) as f, \
            zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for rel in sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(rel, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            z.writestr(info, (folder / rel).read_bytes())


# ------------------------------------------------------------------ the command

def check_out(out: Path) -> None:
    """Write only into a new or empty folder, or one this command wrote before."""
    check_replaceable(out, MARKER, "output folder exists and was not written by policypack publish: "
                                   "choose another --out, or empty it")


def publish(project: Path, out: Path, schools: list[str] | None = None, *, site: Path | None = None,
            make_zip: bool = False, base_url: str | None = None, build_first: bool = True,
            today: dt.date | None = None, jobs: int | None = None, sign_with: Path | None = None,
            progress=None):
    """Build (unless build_first is false), then package. Returns (packaged [(id, folder, base)],
    diagnostics from the build and from packaging)."""

    root = Path(project)
    out = Path(out) if out else root / "publish"
    site = Path(site) if site else root / "site"
    check_base_url(base_url)
    refuse_output_in_sources(root, out, "publish")
    check_out(out)
    diags: list[Diagnostic] = []
    opened = Project(root, today, drafts=False)   # read once, drafts left out: the build and
                                                  # the packaging share it
    pack = opened.pack
    samples = [d for d in opened.check(schools) if d.code == "W-SAMPLE-VALUE"]
    if samples:   # (the findings are kept: the build reads them again for nothing)
        raise PackError(strictly(samples))
    if build_first:
        result = build(opened, site, schools, jobs=jobs, sign_with=sign_with,
                       progress=progress or Progress(quiet=True))
        diags += result.diagnostics
    chosen = opened.select(schools)
    missing = [s for s in chosen if not (site / paths.in_school(s, paths.HOME)).is_file()]
    if missing:
        raise PackError([error(str(site / s), None, "E-PUBLISH-BUILD",
                               f"no build of school '{s}' here: run policypack build first "
                               "(or publish without --no-build)") for s in missing])
    resolved = opened.resolved(chosen)   # by the build already (with --no-build, now)
    done = []
    with Staging(out) as staging:
        stage = staging.stage
        write_text(stage / MARKER, "written by policypack publish; replaced on each run\n")
        for sid in chosen:
            rs = resolved[sid]
            base = base_for(pack.schools[sid], pack.trust, base_url, len(chosen) > 1)
            folder = stage / sid
            shutil.rmtree(folder, ignore_errors=True)
            (stage / f"{sid}.zip").unlink(missing_ok=True)
            shutil.copytree(site / sid, folder)
            for d in rs.drafts_left_out:
                where = d.where
                diags.append(diagnostic(where.path if where else f"schools/{sid}.yml",
                                        where.line if where else None, "N-PUBLISH-DRAFT",
                                        f"policy '{d.id}' ({d.title}) is a draft here, so it is "
                                        f"not published: record its approval to publish it", sid))
            facts = school_facts(pack, rs, opened.today)
            write_text(folder / "policies.json", feed(rs, facts, base))
            write_text(folder / "snippet.html", snippet(rs, facts, base))
            (folder / "sitemap.xml").unlink(missing_ok=True)
            if base.url:
                write_text(folder / "sitemap.xml", sitemap(folder, facts, base))
            else:
                diags.append(diagnostic(f"schools/{sid}.yml", None, "N-PUBLISH-NO-URL",
                                        "no web address for the published pages, so no sitemap.xml and "
                                        "relative links in policies.json and snippet.html: give "
                                        "--base-url, the trust's settings: site_url or the school's "
                                        "website", sid))
            readable(folder)
            if make_zip:
                write_zip(folder, stage / f"{sid}.zip")
            done.append((sid, out / sid, base))
        staging.commit()
    return done, diags

