"""The rendering engine: ``html_to_pdf`` turns any of our HTML documents (a policy's, a form's)
into tagged PDF/UA-1 bytes with WeasyPrint, fetching nothing: stylesheets are passed in, not
linked, and ``refuse_fetch`` stops any document that tries to load a file or an address (the
package's own font files excepted).

Every PDF (policy, form, redline) is set in the one font family shipped in ``fonts/`` (Atkinson
Hyperlegible Next, SIL OFL 1.1), never a system font: the renderer's font configuration starts
from ``fonts/fonts.conf``, which names no font folder, so the shipped files are the only fonts it
knows, and ``check_glyphs`` stops a document with a character those files do not have (an
E-FONT error) instead of letting it print as an empty box. Two machines with different font
packages write the same bytes.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import unicodedata
from pathlib import Path

from builder.common.fonts import FONT_FAMILY, FONT_FILES, FONTS_DIR, covered, drawable, missing_glyphs  # noqa: F401
from builder.common.diagnostics import wrapped_pack_error
from builder.common.diagnostics import PackError, error
from builder.render.table_scopes import table_scopes

CSS_FILE = Path(__file__).parent / "policy" / "policy.css"   # the stylesheet when none is given


def html_to_pdf(html: str, css: str | None = None, *, finishers=(), identifier: bytes | None = None) -> bytes:
    """Render one of our HTML documents to tagged PDF/UA-1 bytes, fetching nothing.

    ``finishers`` are WeasyPrint finishers, ``f(document, pdf)``, run in order on the laid-out
    document and the PDF's objects (pydyf) just before the bytes are written: the form fields'
    clean-up, the signature fields and the link outline all happen in this one pass, with no
    second parse of the file. The glyph check and the table headers' scopes (table_scopes.py)
    run first, on every document. ``identifier`` fixes the first half of the document /ID.

    A process renders every document with one font configuration and one parsed copy of each
    stylesheet (WeasyPrint otherwise loads the fonts again for every document); the bytes are
    the same either way.
    """
    from weasyprint import HTML

    first = [check_glyphs, table_scopes]      # before any other finisher, so before signing
    steps = [*first, *finishers, serialise_once] if identifier else [*first, *finishers]

    def finish(document, pdf):
        for step in steps:
            step(document, pdf)
    with fetch_refused():
        return HTML(string=drawable(html), url_fetcher=refuse_fetch).write_pdf(
            stylesheets=[font_stylesheet(),
                         _stylesheet(css if css is not None else CSS_FILE.read_text(encoding="utf-8"))],
            font_config=font_config(), pdf_variant="pdf/ua-1", custom_metadata=True,
            pdf_forms=True, pdf_identifier=identifier, finisher=finish)


@contextlib.contextmanager
def fetch_refused():
    """Around a WeasyPrint call given ``refuse_fetch``: a refused fetch comes out as our E-FETCH
    PackError, whole (WeasyPrint wraps it), so its message survives worker processes."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        yield
    except FatalURLFetchingError as exc:
        found = wrapped_pack_error(exc)
        if found is None:
            raise
        raise found from None


@functools.cache
def font_config():
    """The process's one font configuration, holding the shipped fonts and nothing else.

    Fontconfig reads ``FONTCONFIG_FILE`` when a configuration is loaded: pointed at
    ``fonts/fonts.conf`` (no folder, no include) for the moment WeasyPrint loads its own, the
    system's and the user's fonts never enter it, whatever the machine has installed.
    """
    from weasyprint.text.fonts import FontConfiguration
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONTS_DIR / "fonts.conf")
    try:
        config = FontConfiguration()
    finally:
        if before is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = before
    atexit.register(_forget_fonts, config)
    return config


def _forget_fonts(config) -> None:
    """At exit, while the interpreter can still do it: remove the folder WeasyPrint copied the
    @font-face files into (its own clean-up would run too late, and fail, for a cached one)."""
    import shutil
    folder, config._folder = config._folder, None
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@functools.cache
def font_stylesheet():
    """``fonts/fonts.css``, parsed once: its @font-face rules add the shipped files to
    ``font_config()`` (fetched by ``refuse_fetch``, which lets exactly these files through)."""
    from weasyprint import CSS
    return CSS(string=(FONTS_DIR / "fonts.css").read_text(encoding="utf-8"),
               base_url=FONTS_DIR.as_uri() + "/", url_fetcher=refuse_fetch, font_config=font_config())


@functools.lru_cache(maxsize=4)
def _stylesheet(css: str):
    from weasyprint import CSS
    return CSS(string=css, url_fetcher=refuse_fetch, font_config=font_config())


def shipped_fonts() -> dict:
    """``write_pdf`` arguments that set a document in the shipped fonts, for a caller that renders
    without ``html_to_pdf`` (the redline PDFs): the font rules, the font configuration and the
    glyph check, and the table headers' scopes (PDF/UA)."""
    return {"stylesheets": [font_stylesheet()], "font_config": font_config(), "finisher": _glyphs_and_scopes}


def _glyphs_and_scopes(document, pdf) -> None:
    check_glyphs(document, pdf)
    table_scopes(document, pdf)


def check_glyphs(document, pdf) -> None:
    """A finisher: every character the laid-out document shows is in the shipped fonts, or the
    render stops with an E-FONT error naming the document, the character and the words around it
    (there is no other font to fall back to, so it would print as an empty box)."""
    for page in document.pages:
        for box in page._page_box.descendants():
            text = getattr(box, "text", None)
            if not text or not (missing := missing_glyphs(text)):
                continue
            c = missing[0]
            where = document.metadata.title or "a PDF"
            at = text.index(c)
            context = " ".join(text[max(0, at - 30):at + 30].split())
            name = unicodedata.name(c, "unnamed")
            raise PackError(error("<render>", None, "E-FONT",
                                  f"'{where}': the character '{c}' (U+{ord(c):04X} {name}) in "
                                  f"'{context}' is not in the PDF font ({FONT_FAMILY}, shipped "
                                  f"with the package); PDFs use no other font"))


def serialise_once(document, pdf) -> None:
    """A finisher: each stream of the PDF is serialised (and compressed) once, not twice.

    With an /ID pydyf serialises every object to hash it, then again to write it, and the
    compression of the streams (fonts above all) made an identified form a fifth slower. Each
    stream keeps the bytes it made the first time: nothing changes them between the two.
    """
    import pydyf
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and not isinstance(obj, _SerialisedOnce):
            obj.__class__ = _once_class(obj.__class__)


class _SerialisedOnce:
    @property
    def data(self):
        made = self.__dict__.get("_serialised")
        if made is None:
            # a mixin: super() is the pydyf.Stream class that _once_class puts after it
            made = self.__dict__["_serialised"] = super().data  # type: ignore[misc]
        return made


@functools.cache
def _once_class(cls: type) -> type:
    return type(cls.__name__, (_SerialisedOnce, cls), {})


@functools.cache
def _font_urls() -> dict[str, Path]:
    return {(FONTS_DIR / name).as_uri(): FONTS_DIR / name for name in FONT_FILES}


def refuse_fetch(url, *args, **kwargs):
    """Outputs never load anything: styles are passed as strings, fonts are the package's own.

    A ``data:`` URL (bytes carried in the document itself) is decoded here, and the shipped font
    files (exactly their ``file:`` addresses, from fonts.css) are read; any other address
    (``https:``, ``file:``, a relative path) is an E-FETCH error naming it. WeasyPrint wraps the
    error (``_fail_on_errors``) in a FatalURLFetchingError whose ``__cause__`` is the PackError,
    so rendering stops instead of leaving a hole in the document.
    """
    from urllib.request import DataHandler, Request

    from weasyprint.urls import URLFetcherResponse


    if str(url).startswith("data:"):
        with DataHandler().data_open(Request(str(url))) as resp:
            return URLFetcherResponse(str(url), resp.read(), dict(resp.headers))
    if (font := _font_urls().get(str(url))) is not None:
        return URLFetcherResponse(str(url), font.read_bytes(), {"Content-Type": "font/ttf"})
    raise PackError(error("<render>", None, "E-FETCH",
                          f"the document tried to load '{url}'; outputs may not fetch files or URLs"))


# WeasyPrint 70 asks the fetcher whether errors are fatal, as an attribute of the function
refuse_fetch._fail_on_errors = True  # type: ignore[attr-defined]
