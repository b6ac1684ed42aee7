"""Shared pieces for the HTML that renderers write: the Jinja environment for output templates,
link mapping from ``pp:`` addresses, and the approval facts every output shows the same way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from builder.common import dates, paths
from builder.resolve.markdown import rewrite_links
from builder.resolve.model import ResolvedPolicy, ResolvedSchool

RENDER = Path(__file__).parent
# each renderer keeps its templates beside it; the macros they share live in render/templates
TEMPLATES = [RENDER / "templates", RENDER / "policy", RENDER / "site" / "templates",
             RENDER / "index" / "templates"]

env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **ctx) -> str:
    return env.get_template(template).render(**ctx)


def linker(kind: str, current_policy: str | None, *, policy_href, form_href):
    """A mapper for markdown.rewrite_links. policy_href(pid) and form_href(fid) give the
    output's own addresses; sections link to anchors in their policy."""
    def mapper(k, parts):
        if k == "section":
            pid, sid = parts[0], parts[1]
            return f"#{sid}" if pid == current_policy else f"{policy_href(pid)}#{sid}"
        if k == "policy":
            return policy_href(parts[0])
        if k == "form":
            return form_href(parts[0])
        return "#"
    return mapper


def published_base(rs: ResolvedSchool, trust) -> str | None:
    """The school's full address, ending "/", when the pack knows it (the trust's ``settings:
    site_url`` plus the school's id, else the school's ``website`` plus ``policies/``: the
    addresses ``publish`` uses), else None."""
    return paths.base_for(rs.school, trust, None, False).url


def pdf_linker(rs: ResolvedSchool, trust, here: str, current_policy: str | None):
    """``pp:`` links as a PDF at ``here`` writes them, and the href of a published file: by the
    school's full address when it is known (so a downloaded or emailed PDF's links work),
    relative to ``here`` otherwise. Returns (mapper, to) where ``to(target)`` gives one href."""
    from urllib.parse import quote
    base = published_base(rs, trust)

    def to(target: str) -> str:
        return base + quote(target) if base else paths.href(here, target)
    return linker("pdf", current_policy, policy_href=lambda pid: to(paths.policy_pdf(pid)),
                  form_href=lambda fid: to(paths.form_pdf(fid))), to


def policy_html(rp: ResolvedPolicy, mapper) -> list[dict]:
    """The sections of a policy with links pointed at one output."""
    return [{"id": s.id, "number": s.number, "title": s.title, "origin": s.origin,
             "html": rewrite_links(s.html, mapper)} for s in rp.sections]


def source_date(rs: ResolvedSchool, rp: ResolvedPolicy | None = None) -> dt.datetime:
    """The fixed date stamped into a policy's outputs (common/dates.py): SOURCE_DATE_EPOCH,
    else the policy's approval or version date."""
    date = None
    if rp is not None:
        if rp.approval and rp.approval.approved:
            date = rp.approval.approved.first
        elif rp.policy.current_version:
            date = rp.policy.current_version.date.first
    return dates.source_time(date)
