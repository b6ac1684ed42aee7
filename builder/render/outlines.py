"""Outlines: what the link check (output_links.py) needs from one output file, its anchors and
its links, in one small value (``Outline``) however it was made.

    html_outline(text)     an HTML page, from its text
    read_outline(path)     a file on disk: html.parser, or pypdf for a PDF
    PdfOutliner()          a WeasyPrint finisher: the PDF being written, from its pydyf objects
                           (no serialising, no parsing), so a build checks what it renders
                           without reading it back

Both ways give equal outlines for the same file (tested).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from builder.render.pdf_objects import deref as deref_in, ref_number, text

LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
              "iframe": "src", "source": "src", "embed": "src", "audio": "src", "video": "src",
              "track": "src", "object": "data"}


# A PDF destination, as the check needs it (a plain tuple: small, hashable, picklable):
#   ("name", "sec-2")   a named destination (without a leading "/")
#   ("page", n)         an explicit destination on page n (from 1); 0: an object that is no page
#   ("index", i)        an explicit destination given as a page index (from 0, as in the file)
#   ("empty",)          an empty destination array
# and None for one there is nothing to check in (an array starting with something else).
# A PDF link action:
#   ("goto", dest)      /GoTo with its /D
#   ("uri", "x.pdf#a")  /URI
#   ("gotor", file, name or None)  /GoToR: the file, and /D when it is a name (not an array)
# and None for no action, or one the check leaves alone (/Launch, /Named...).


class PdfLink(NamedTuple):
    """One link annotation of a PDF."""
    page: int                  # page number, from 1
    dest: tuple | None         # the annotation's /Dest
    action: tuple | None       # its /A action


@dataclass(frozen=True, slots=True)
class Outline:
    """What the link check needs from one output file; equal however it was made.

    kind     "html" or "pdf"
    anchors  HTML: the ids and <a name>s; PDF: the named destinations (no leading "/")
    links    HTML: (href, line) for each link, in document order; PDF: a ``PdfLink`` for each
             link annotation, page by page, repeats left out (WeasyPrint writes one annotation
             per line of a link: they would give the same finding)
    base     HTML: the first <base href>, if any
    pages    PDF: the number of pages
    error    PDF: why the file could not be read ("cannot read PDF: ..."); nothing else is set
    """
    kind: str
    anchors: frozenset = frozenset()
    links: tuple = ()
    base: str | None = None
    pages: int = 0
    error: str | None = None


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "base" and a.get("href") is not None and self.base is None:
            self.base = a["href"]
        attr = LINK_ATTRS.get(tag)
        if attr and a.get(attr) is not None:
            if tag == "link" and "preconnect" in (a.get("rel") or "").split():
                return
            self.links.append((a[attr].strip(), self.getpos()[0]))

    handle_startendtag = handle_starttag


def html_outline(text: str) -> Outline:
    """The outline of an HTML page, from its text (as written to the file)."""
    p = _Page()
    p.feed(text)
    p.close()
    return Outline("html", anchors=frozenset(p.ids), links=tuple(p.links), base=p.base)


def read_outline(path) -> Outline:
    """The outline of an output file, read from disk: a PDF (by its suffix) with pypdf, any
    other file as an HTML page. A PDF that cannot be read gives an outline with ``error``."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        return _read_pdf(path)
    return html_outline(path.read_text(encoding="utf-8", errors="replace"))


def _read_pdf(path: Path) -> Outline:
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    try:
        reader = PdfReader(path)
        pages = list(reader.pages)
        numbers = {}
        for i, page in enumerate(pages, start=1):
            ref = getattr(page, "indirect_reference", None)
            if ref is not None:
                numbers[ref.idnum] = i

        def deref(v):
            return v.get_object() if isinstance(v, IndirectObject) else v

        def dest(d) -> tuple | None:
            d = deref(d)
            if isinstance(d, DictionaryObject) and "/D" in d:
                d = d["/D"]
                if isinstance(d, IndirectObject):
                    d = d.get_object()
            if isinstance(d, ArrayObject):
                if not d:
                    return ("empty",)
                target = d[0]
                if isinstance(target, IndirectObject):
                    return ("page", numbers.get(target.idnum, 0))
                if isinstance(target, int):
                    return ("index", int(target))
                return None
            return ("name", str(d).lstrip("/"))

        links = []
        for number, page in enumerate(pages, start=1):
            annots = page.get("/Annots")
            if annots is None:
                continue
            for annot in annots.get_object():
                link = _annot_link(number, annot, lambda k: "/" + k, deref, str, dest)
                if link is not None:
                    links.append(link)
        try:
            names = frozenset(str(key).lstrip("/") for key in reader.named_destinations)
        except Exception:  # noqa: BLE001 - damaged names: the links are still read
            names = frozenset()
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for a damaged file
        return Outline("pdf", error=f"cannot read PDF: {exc}")
    return Outline("pdf", anchors=names, links=tuple(dict.fromkeys(links)), pages=len(pages))


def _annot_link(number: int, annot, key, deref, text, dest) -> PdfLink | None:
    """The link of one annotation, read alike from pypdf's objects (keys "/Dest") and from
    pydyf's as WeasyPrint writes them (keys "Dest"): ``key`` spells a key, ``deref`` follows a
    reference, ``text`` reads a string, ``dest`` reads a destination."""
    annot = deref(annot)
    if not isinstance(annot, dict) or annot.get(key("Subtype")) != "/Link":
        return None
    d = dest(annot[key("Dest")]) if key("Dest") in annot else None
    action = deref(annot.get(key("A")))
    a: tuple | None = None
    if isinstance(action, dict):
        kind = action.get(key("S"))
        if kind == "/GoTo":
            a = ("goto", dest(action.get(key("D"))))
        elif kind == "/URI":
            a = ("uri", text(deref(action.get(key("URI"), ""))))
        elif kind == "/GoToR":
            spec = deref(action.get(key("F")))
            fname = (text(deref(spec.get(key("UF")) or spec.get(key("F"))))
                     if isinstance(spec, dict) else text(spec or ""))
            name = deref(action.get(key("D")))
            name = None if name is None or isinstance(name, list) else text(name).lstrip("/")
            a = ("gotor", fname, name)
    return PdfLink(number, d, a) if d is not None or a is not None else None


class PdfOutliner:
    """A WeasyPrint finisher that outlines the PDF being written, from its pydyf objects (no
    serialising, no parsing)::

        o = PdfOutliner()
        HTML(...).write_pdf(target, finisher=o)   # or o(document, pdf) after other finishers
        o.outline                                 # == read_outline(target)

    Run it after any finisher that changes annotations or destinations. If the objects hold
    something it does not understand, ``outline`` stays None (and ``failure`` says why): the
    check then reads the written file instead.
    """

    def __init__(self):
        self.outline: Outline | None = None
        self.failure: Exception | None = None

    def __call__(self, document, pdf) -> None:
        try:
            self.outline = pydyf_outline(pdf)
            self.failure = None
        except Exception as exc:  # noqa: BLE001 - kept in ``failure``; the written file is read instead
            self.outline, self.failure = None, exc


def pydyf_outline(pdf) -> Outline:
    """The outline of a ``pydyf.PDF`` as it will be written."""

    objects = pdf.objects

    def deref(v):
        return deref_in(pdf, v)

    kids = pdf.pages["Kids"][::3]  # pydyf writes the page references as number, 0, 'R'
    numbers = {int(n): i for i, n in enumerate(kids, start=1)}

    def dest(d) -> tuple | None:
        d = deref(d)
        if isinstance(d, dict) and "D" in d:
            d = deref(d["D"])
        if isinstance(d, list):
            if not d:
                return ("empty",)
            target = d[0]
            n = ref_number(target)
            if n is not None:
                return ("page", numbers.get(n, 0))
            if isinstance(target, float) and target.is_integer():
                target = int(target)  # written as an integer
            if isinstance(target, int) and not isinstance(target, bool):
                return ("index", target)
            return None
        return ("name", text(d).lstrip("/"))

    links = []
    for number, n in enumerate(kids, start=1):
        annots = deref(objects[int(n)].get("Annots"))
        if not annots:
            continue
        for annot in annots:
            link = _annot_link(number, annot, lambda k: k, deref, text, dest)
            if link is not None:
                links.append(link)

    names: set[str] = set()

    def walk(tree, depth=0):  # a name tree, as pypdf reads it
        tree = deref(tree)
        if not isinstance(tree, dict) or depth > 100:
            return
        if "Kids" in tree:
            for kid in deref(tree["Kids"]) or ():
                walk(kid, depth + 1)
        elif "Names" in tree:
            entries = deref(tree["Names"])
            for i in range(0, len(entries) - 1, 2):
                key, value = deref(entries[i]), deref(entries[i + 1])
                if isinstance(value, dict) and "D" not in value:
                    continue
                names.add(text(key).lstrip("/"))

    catalog = pdf.catalog
    if "Dests" in catalog:  # the PDF 1.1 dictionary: names are its keys
        for key, value in (deref(catalog["Dests"]) or {}).items():
            value = deref(value)
            if not (isinstance(value, dict) and "D" not in value):
                names.add(str(key).lstrip("/"))
    elif "Names" in catalog:
        tree = deref(catalog["Names"])
        if isinstance(tree, dict) and "Dests" in tree:
            walk(tree["Dests"])
    return Outline("pdf", anchors=frozenset(names), links=tuple(dict.fromkeys(links)), pages=len(kids))
