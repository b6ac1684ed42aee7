"""The policy PDF's HTML: A4, approval record, contents with page numbers, numbered sections,
running header and footer, version history, working internal links, metadata.

``policy_pdf_html`` makes the HTML (cheap, and the output's key); ``engine.html_to_pdf`` renders
it with this folder's stylesheet (policy.css), tagged PDF/UA-1 and fetching nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
from pathlib import Path

from builder.resolve.status import STATUSES, review_status
from builder.common import paths
from builder.common.colour import school_accent
from builder.resolve.approval import approval_facts
from builder.render.pages import pdf_linker, policy_html, render, source_date
from builder.resolve.model import ResolvedPolicy, ResolvedSchool


def policy_pdf_html(rs: ResolvedSchool, rp: ResolvedPolicy, pack, today: dt.date | None = None) -> str:
    """The HTML of the policy's PDF as of ``today`` (the build's date: the cover's review status
    depends on it; default the machine's date)."""
    today = today or dt.date.today()
    status = ("draft" if rp.state == "draft" else
              review_status(rp.next_review, today, pack.trust.settings.review_window_days))
    here = paths.policy_pdf(rp.id)
    mapper, to = pdf_linker(rs, pack.trust, here, rp.id)
    stamp = source_date(rs, rp).strftime("%Y-%m-%dT%H:%M:%SZ")
    forms = [pack.forms[f] for f in rp.forms if f in pack.forms]
    return render(
        "policy_pdf.html",
        school=rs.values, trust=rs.trust, school_id=rs.id, policy=rp, facts=approval_facts(rs, rp),
        sections=policy_html(rp, mapper), versions=rp.policy.versions, forms=forms, stamp=stamp,
        colour=school_accent(rs.values), form_href=lambda fid: to(paths.form_pdf(fid)),
        logo=rs.school.logo, status=status, status_words=review_words(status, rp.next_review, today),
        watermark=draft_watermark() if status == "draft" else "",
    )


@functools.cache
def draft_watermark() -> str:
    """The page background of a draft's PDF: "DRAFT: NOT APPROVED" across each page, drawn as
    outlines of the bundled font (the same bytes on every machine), as a data: address."""
    svg = (Path(__file__).resolve().parent / "draft-watermark.svg").read_bytes()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def review_words(status: str, next_review, today: dt.date) -> str:
    """The review status in words, as the school's site says it (resolve/status.py's labels),
    with how long ago an overdue review was due: "Review overdue (by 874 days)"."""
    words = STATUSES[status]
    if status == "overdue":
        days = (today - next_review.last).days
        words += f" (by {days} day{'' if days == 1 else 's'})"
    return words
