"""The plan of a build: every output of a school as a job with a key and a payload.

A job's payload is everything its renderer reads (a policy PDF's HTML and signature fields, a
form's resolved text and HTML, a site's pages and config), made here in the main process from
the resolved school; its key is the hash of that payload plus the builder's own code and library
versions. So an output whose key is unchanged cannot render differently, and the worker
processes that render payloads need no pack, no school and no resolving.

A school's fingerprint (its own files, the trust's shared ones, the theme, the builder, the
date, the options) lets a build skip resolving an unchanged school at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from builder import __version__
from builder.source.model import Pack
from builder.resolve.school import ResolvedSchool

BUILDER_DIR = Path(__file__).resolve().parent.parent  # the whole package
# The libraries whose output ends up in the files: a new version may change every byte.
RENDER_LIBRARIES = ("weasyprint", "pydyf", "mkdocs", "pypdf", "pyhanko", "jinja2", "markdown-it-py")


def tree_hash(*paths: Path) -> str:
    """SHA-256 over the relative names and bytes of every file under the paths (files too)."""
    h = hashlib.sha256()
    for base in map(Path, paths):
        if base.is_file():
            files = [base]
            base = base.parent
        else:
            files = sorted(p for p in base.rglob("*") if p.is_file()
                           and "__pycache__" not in p.parts and not p.name.endswith(".pyc"))
        for path in files:
            h.update(path.relative_to(base).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


@functools.cache
def builder_hash() -> str:
    """The builder's code, templates and library versions, hashed once per process: the code
    this process runs is what renders, even if the files change while it runs."""
    from importlib.metadata import PackageNotFoundError, version

    libs = []
    for name in RENDER_LIBRARIES:
        try:
            libs.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            libs.append(f"{name}=-")
    return key_of(__version__, tree_hash(BUILDER_DIR), libs)


def key_of(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


def source_epoch() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return epoch if epoch.isdigit() else ""


@dataclass
class Job:
    """One output to render: kind is 'site', 'pdf' or 'form'."""
    kind: str
    school: str
    item: str | None
    key: str
    rel: str                      # path under the output folder (a folder for 'site')
    cost: float                   # estimated seconds to render, to schedule largest first
    payload: tuple | None = None  # what the renderer reads (see workers.render_job); dropped
                                  # once the job is sent, so memory holds only jobs waiting


class Planner:
    """Works out every output's key and payload from the resolved pack, rendering no PDF or page."""

    def __init__(self, pack: Pack, today: dt.date, signing: str | None = None):
        self.pack = pack
        self.today = today
        self.builder = builder_hash()
        self.theme = tree_hash(pack.theme_dir)
        self.signing = signing
        self.epoch = source_epoch()
        root = Path(pack.root)
        shared = [p for p in (root / "trust.yml", root / "content", root / "forms") if p.exists()]
        self.shared = key_of(self.builder, self.theme, tree_hash(*shared), today.isoformat(),
                             self.epoch, signing)

    def fingerprint(self, school) -> str:
        """Everything a school's outputs are made from, as files: equal fingerprints mean equal
        keys. (Its own file and folder, the shared text, theme, builder, date and options.)"""
        own = [p for p in (school.path, school.path.with_suffix("")) if p.exists()]
        return key_of(self.shared, school.id, tree_hash(*own))

    def jobs(self, rs: ResolvedSchool) -> list[Job]:
        from builder.render.colour import school_accent
        from builder.render.pages import linker
        from builder.render.form.pdf import form_pdf_html
        from builder.render.engine import policy_pdf_html
        from builder.render.site.render import site_inputs
        from builder.sign.fields import signature_fields_for

        jobs = []
        for pid, rp in rs.policies.items():
            html = policy_pdf_html(rs, rp, self.pack)
            fields = signature_fields_for(rp.approval.signatories if rp.approval else [])
            jobs.append(Job("pdf", rs.id, pid, key_of("pdf", self.builder, html, fields, self.signing),
                            f"{rs.id}/pdf/{pid}.pdf", pdf_cost(html, fields), (html, fields)))
        # a form PDF sits in <school>/forms/: its links reach the policy PDFs beside it
        links = linker("pdf", None, policy_href=lambda pid: f"../pdf/{pid}.pdf",
                       form_href=lambda fid: f"{fid}.pdf")
        colour = school_accent(rs.values)
        for fid in rs.forms:
            f = rs.resolved_forms.get(fid)
            if f is None:
                continue
            html = form_pdf_html(f, colour, links)
            jobs.append(Job("form", rs.id, fid, key_of("form", self.builder, html, repr(f)),
                            f"{rs.id}/forms/{fid}.pdf", 0.25, (f, html)))
        files, config = site_inputs(rs, self.pack, self.today)
        epoch = site_epoch(rs)
        jobs.append(Job("site", rs.id, None, key_of("site", self.builder, self.theme, files, config, epoch),
                        rs.id, 0.1 + 0.01 * len(files), (files, config, str(self.pack.theme_dir), epoch)))
        return jobs


def pdf_cost(html: str, fields: list) -> float:
    """Seconds, roughly, as measured: WeasyPrint ~1 s per 35 kB of HTML."""
    return len(html) / 35000 + (0.02 if fields else 0)


def site_epoch(rs: ResolvedSchool) -> str:
    """The date MkDocs stamps into a site (its sitemap): SOURCE_DATE_EPOCH, else the school's
    newest approval or version date, so a rebuild on another day gives the same bytes."""
    from builder.render.pages import source_date
    epoch = source_epoch()
    if epoch:
        return epoch
    newest = max((source_date(rs, rp) for rp in rs.policies.values()), default=source_date(rs))
    return str(int(newest.timestamp()))
