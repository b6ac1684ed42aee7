"""The policy PDF: A4, approval record, contents with page numbers, numbered sections, running
header and footer, version history, working internal links, tagged (PDF/UA-1), metadata.

``policy_pdf_html`` makes the HTML (cheap, and the cache key); ``html_to_pdf`` renders any of our
HTML documents with WeasyPrint, fetching nothing: stylesheets are passed in, not linked.
"""

from __future__ import annotations

from pathlib import Path

from .colour import school_accent
from .pages import approval_facts, linker, policy_html, render, source_date
from .resolve import ResolvedPolicy, ResolvedSchool

CSS_FILE = Path(__file__).parent / "templates" / "policy.css"


def policy_pdf_html(rs: ResolvedSchool, rp: ResolvedPolicy, pack) -> str:
    mapper = linker("pdf", rp.id,
                    policy_href=lambda pid: f"{pid}.pdf",
                    form_href=lambda fid: f"../forms/{fid}.pdf")
    stamp = source_date(rs, rp).strftime("%Y-%m-%dT%H:%M:%SZ")
    forms = [pack.forms[f] for f in rp.forms if f in pack.forms]
    return render(
        "policy_pdf.html",
        school=rs.values, trust=rs.trust, school_id=rs.id, policy=rp, facts=approval_facts(rs, rp),
        sections=policy_html(rp, mapper), versions=rp.policy.versions, forms=forms, stamp=stamp,
        colour=school_accent(rs.values),
    )


def html_to_pdf(html: str, css: str | None = None, *, finishers=(), identifier: bytes | None = None) -> bytes:
    """Render one of our HTML documents to tagged PDF/UA-1 bytes, fetching nothing.

    ``finishers`` are WeasyPrint finishers, ``f(document, pdf)``, run in order on the laid-out
    document and the PDF's objects (pydyf) just before the bytes are written: the form fields'
    clean-up, the signature fields and the link outline all happen in this one pass, with no
    second parse of the file. ``identifier`` fixes the first half of the document /ID.
    """
    from weasyprint import CSS, HTML

    sheets = [CSS(string=css if css is not None else CSS_FILE.read_text(encoding="utf-8"),
                  url_fetcher=refuse_fetch)]
    from weasyprint.urls import FatalURLFetchingError

    from .diagnostics import PackError, error

    def finish(document, pdf):
        for finisher in finishers:
            finisher(document, pdf)
    try:
        return HTML(string=html, url_fetcher=refuse_fetch).write_pdf(
            stylesheets=sheets, pdf_variant="pdf/ua-1", custom_metadata=True, pdf_forms=True,
            pdf_identifier=identifier, finisher=finish if finishers else None)
    except FatalURLFetchingError as exc:  # keep our message whole across worker processes
        if isinstance(exc.__cause__, PackError):
            raise exc.__cause__ from None
        raise PackError(error("<render>", None, "E-FETCH", str(exc))) from None


def refuse_fetch(url, *args, **kwargs):
    """Outputs never load anything: fonts come from the system, styles are passed as strings.

    A ``data:`` URL (bytes carried in the document itself) is decoded here; any other address
    (``https:``, ``file:``, a relative path) is an E-FETCH error naming it. WeasyPrint wraps the
    error (``_fail_on_errors``) in a FatalURLFetchingError whose ``__cause__`` is the PackError,
    so rendering stops instead of leaving a hole in the document.
    """
    from urllib.request import DataHandler, Request

    from weasyprint.urls import URLFetcherResponse

    from .diagnostics import PackError, error

    if str(url).startswith("data:"):
        with DataHandler().data_open(Request(str(url))) as resp:
            return URLFetcherResponse(str(url), resp.read(), dict(resp.headers))
    raise PackError(error("<render>", None, "E-FETCH",
                          f"the document tried to load '{url}'; outputs may not fetch files or URLs"))


refuse_fetch._fail_on_errors = True  # WeasyPrint 70 asks the fetcher whether errors are fatal
