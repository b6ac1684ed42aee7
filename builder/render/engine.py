"""The rendering engine: ``html_to_pdf`` turns any of our HTML documents (a policy's, a form's)
into tagged PDF/UA-1 bytes with WeasyPrint, fetching nothing: stylesheets are passed in, not
linked, and ``refuse_fetch`` stops any document that tries to load a file or an address.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path

CSS_FILE = Path(__file__).parent / "policy" / "policy.css"   # the stylesheet when none is given


def html_to_pdf(html: str, css: str | None = None, *, finishers=(), identifier: bytes | None = None) -> bytes:
    """Render one of our HTML documents to tagged PDF/UA-1 bytes, fetching nothing.

    ``finishers`` are WeasyPrint finishers, ``f(document, pdf)``, run in order on the laid-out
    document and the PDF's objects (pydyf) just before the bytes are written: the form fields'
    clean-up, the signature fields and the link outline all happen in this one pass, with no
    second parse of the file. ``identifier`` fixes the first half of the document /ID.

    A process renders every document with one font configuration and one parsed copy of each
    stylesheet (WeasyPrint otherwise loads the fonts again for every document); the bytes are
    the same either way.
    """
    from weasyprint import HTML

    steps = [*finishers, serialise_once] if identifier else list(finishers)

    def finish(document, pdf):
        for step in steps:
            step(document, pdf)
    with fetch_refused():
        return HTML(string=html, url_fetcher=refuse_fetch).write_pdf(
            stylesheets=[_stylesheet(css if css is not None else CSS_FILE.read_text(encoding="utf-8"))],
            font_config=_font_config(), pdf_variant="pdf/ua-1", custom_metadata=True,
            pdf_forms=True, pdf_identifier=identifier, finisher=finish if steps else None)


@contextlib.contextmanager
def fetch_refused():
    """Around a WeasyPrint call given ``refuse_fetch``: a refused fetch comes out as our E-FETCH
    PackError, whole (WeasyPrint wraps it), so its message survives worker processes."""
    from weasyprint.urls import FatalURLFetchingError

    from builder.common.diagnostics import wrapped_pack_error
    try:
        yield
    except FatalURLFetchingError as exc:
        raise wrapped_pack_error(exc) from None


@functools.cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration
    return FontConfiguration()


@functools.lru_cache(maxsize=4)
def _stylesheet(css: str):
    from weasyprint import CSS
    return CSS(string=css, url_fetcher=refuse_fetch, font_config=_font_config())


def serialise_once(document, pdf) -> None:
    """A finisher: each stream of the PDF is serialised (and compressed) once, not twice.

    With an /ID pydyf serialises every object to hash it, then again to write it, and the
    compression of the streams (fonts above all) made an identified form a fifth slower. Each
    stream keeps the bytes it made the first time: nothing changes them between the two.
    """
    import pydyf
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and not isinstance(obj, _SerialisedOnce):
            obj.__class__ = _once_class(type(obj))


class _SerialisedOnce:
    @property
    def data(self):
        made = self.__dict__.get("_serialised")
        if made is None:
            made = self.__dict__["_serialised"] = super().data
        return made


@functools.cache
def _once_class(cls: type) -> type:
    return type(cls.__name__, (_SerialisedOnce, cls), {})


def refuse_fetch(url, *args, **kwargs):
    """Outputs never load anything: fonts come from the system, styles are passed as strings.

    A ``data:`` URL (bytes carried in the document itself) is decoded here; any other address
    (``https:``, ``file:``, a relative path) is an E-FETCH error naming it. WeasyPrint wraps the
    error (``_fail_on_errors``) in a FatalURLFetchingError whose ``__cause__`` is the PackError,
    so rendering stops instead of leaving a hole in the document.
    """
    from urllib.request import DataHandler, Request

    from weasyprint.urls import URLFetcherResponse

    from builder.common.diagnostics import PackError, error

    if str(url).startswith("data:"):
        with DataHandler().data_open(Request(str(url))) as resp:
            return URLFetcherResponse(str(url), resp.read(), dict(resp.headers))
    raise PackError(error("<render>", None, "E-FETCH",
                          f"the document tried to load '{url}'; outputs may not fetch files or URLs"))


refuse_fetch._fail_on_errors = True  # WeasyPrint 70 asks the fetcher whether errors are fatal
