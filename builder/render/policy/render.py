"""The policy PDF's HTML: A4, approval record, contents with page numbers, numbered sections,
running header and footer, version history, working internal links, metadata.

``policy_pdf_html`` makes the HTML (cheap, and the output's key); ``engine.html_to_pdf`` renders
it with this folder's stylesheet (policy.css), tagged PDF/UA-1 and fetching nothing.
"""

from __future__ import annotations

from builder.common import paths
from builder.render.colour import school_accent
from builder.render.pages import approval_facts, pdf_linker, policy_html, render, source_date
from builder.resolve.school import ResolvedPolicy, ResolvedSchool


def policy_pdf_html(rs: ResolvedSchool, rp: ResolvedPolicy, pack) -> str:
    here = paths.policy_pdf(rp.id)
    mapper, to = pdf_linker(rs, pack.trust, here, rp.id)
    stamp = source_date(rs, rp).strftime("%Y-%m-%dT%H:%M:%SZ")
    forms = [pack.forms[f] for f in rp.forms if f in pack.forms]
    return render(
        "policy_pdf.html",
        school=rs.values, trust=rs.trust, school_id=rs.id, policy=rp, facts=approval_facts(rs, rp),
        sections=policy_html(rp, mapper), versions=rp.policy.versions, forms=forms, stamp=stamp,
        colour=school_accent(rs.values), form_href=lambda fid: to(paths.form_pdf(fid)),
    )
