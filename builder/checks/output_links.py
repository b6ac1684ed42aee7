"""After rendering: every internal link and anchor in every site page and every PDF resolves.

HTML pages: href and src of links, images, scripts and styles, with #fragments checked against
the ids (and <a name>) of the target page. PDFs: link annotations' /Dest and GoTo actions must
name an existing destination or page; /URI actions with relative targets (and GoToR files) must
point at a file in the output. External addresses (http, https, mailto, tel) are left alone.

The check works on *outlines* (``Outline``): what it needs from one file, its anchors and its
links. A build makes them while rendering (``html_outline`` on the page's text, ``PdfOutliner``
as a WeasyPrint finisher on the PDF's objects) and hands them to ``check_outlines``; any file
without one (an output kept from an earlier build, a standalone ``check_outputs``) is read from
disk by ``read_outline`` (html.parser; pypdf for PDFs). Both ways give equal outlines for the
same file. Whether a link's target file exists is always asked of the disk: the files on disk
are what gets published.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import OrderedDict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic

EXTERNAL = {"http", "https", "mailto", "tel", "data", "ftp", "sms"}
LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
              "iframe": "src", "source": "src", "embed": "src", "audio": "src", "video": "src",
              "track": "src", "object": "data"}
PDF_OPEN_PARAMS = {"page", "zoom", "view", "viewrect", "pagemode", "scrollbar", "toolbar",
                   "statusbar", "messages", "navpanes", "search", "fdf", "comment", "highlight"}
CHECKED = (".html", ".htm", ".pdf")


# --- outlines ------------------------------------------------------------------------------

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
        except Exception:
            names = frozenset()
    except Exception as exc:  # pypdf raises many types for a damaged file
        return Outline("pdf", error=f"cannot read PDF: {exc}")
    return Outline("pdf", anchors=names, links=tuple(dict.fromkeys(links)), pages=len(pages))



def _annot_link(number: int, annot, key, deref, text, dest) -> "PdfLink | None":
    """The link of one annotation, read alike from pypdf's objects (keys "/Dest") and from
    pydyf's as WeasyPrint writes them (keys "Dest"): ``key`` spells a key, ``deref`` follows a
    reference, ``text`` reads a string, ``dest`` reads a destination."""
    annot = deref(annot)
    if not isinstance(annot, dict) or annot.get(key("Subtype")) != "/Link":
        return None
    d = dest(annot[key("Dest")]) if key("Dest") in annot else None
    action = deref(annot.get(key("A")))
    a = None
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

_REF = re.compile(rb"(\d+) (\d+) R")


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
        except Exception as exc:
            self.outline, self.failure = None, exc


def pydyf_outline(pdf) -> Outline:
    """The outline of a ``pydyf.PDF`` as it will be written."""
    import pydyf

    objects = pdf.objects

    def ref_number(v) -> int | None:  # references are written as they are: b"12 0 R"
        if isinstance(v, bytes):
            m = _REF.fullmatch(v)
        elif isinstance(v, str):
            m = _REF.fullmatch(v.encode("latin-1", "replace"))
        else:
            return None
        return int(m.group(1)) if m else None

    def deref(v):
        n = ref_number(v)
        return v if n is None else objects[n]

    def text(v) -> str:
        if isinstance(v, pydyf.String):
            v = v.string
        if isinstance(v, bytes):
            return v.decode("latin-1")
        return str(v)

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


# --- the check -----------------------------------------------------------------------------

class _Site:
    # Outlines read from disk are kept for the links that point into them: the most recent few
    # only, so memory does not grow with the size of the output (links stay within a school's
    # folder, and files are checked folder by folder). Outlines are small: keep as many as the
    # 48 pages and 48 PDFs kept when whole parsed files were.
    KEEP = 96

    def __init__(self, out_dir: Path, label: str | None = None, known: dict | None = None):
        self.root = out_dir.resolve()
        self.label = label or out_dir.name
        # an outline of None (a PdfOutliner that gave up) counts as none: the file is read
        self.known = {os.path.abspath(p): o for p, o in (known or {}).items() if o is not None}
        self.cache: OrderedDict[str, Outline] = OrderedDict()
        self.places: dict[Path, tuple[Path, str | None]] = {}

    def shown(self, path: Path) -> str:
        return f"{self.label}/{path.resolve().relative_to(self.root).as_posix()}"

    def has_outline(self, path: Path) -> bool:
        return os.path.abspath(path) in self.known

    def outline(self, path: Path) -> Outline:
        key = os.path.abspath(path)
        got = self.known.get(key)
        if got is not None:
            return got
        if key not in self.cache:
            self.cache[key] = read_outline(path)
        self.cache.move_to_end(key)
        while len(self.cache) > self.KEEP:
            self.cache.popitem(last=False)
        return self.cache[key]

    def target(self, href: str, source: Path, base: str | None = None):
        """(resolved file or None, fragment, problem or None) for an internal address;
        None for one this check leaves alone."""
        parts = urlsplit(href)
        if parts.scheme:
            if parts.scheme.lower() == "file":
                return None, "", (f"'{href}' is a file on the machine that built the pack, not a "
                                  f"page of the output: write the link relative to this file")
            if parts.scheme.lower() in EXTERNAL or parts.netloc:
                return None
            return None, "", f"address '{href}' uses '{parts.scheme}:', which no browser opens"
        if parts.netloc:
            return None  # //host/path
        fragment = unquote(parts.fragment)
        path = unquote(parts.path)
        if base:
            bparts = urlsplit(base)
            if bparts.scheme or bparts.netloc:
                return None
            if not path.startswith("/"):
                path = posixpath.join(bparts.path if bparts.path.endswith("/") else
                                      posixpath.dirname(bparts.path) + "/", path)
        if not path:
            return source, fragment, None
        if path.startswith("/"):
            file = self.root / path.lstrip("/")
        else:
            file = source.parent / path
        file, where = self.place(Path(posixpath.normpath(file.as_posix())))
        if where == "outside":
            return None, fragment, f"'{href}' points outside the output folder"
        if where == "missing":
            return None, fragment, f"'{href}' points at {self.shown_missing(file)}, which does not exist"
        return file, fragment, None

    def place(self, file: Path) -> tuple[Path, str | None]:
        """(the file a link reaches: a folder's index.html, None / 'outside' / 'missing'),
        asked of the disk once per file: a school's pages link to the same few files."""
        got = self.places.get(file)
        if got is None:
            if not file.resolve().is_relative_to(self.root):
                got = (file, "outside")
            else:
                found = file / "index.html" if file.is_dir() else file
                got = (found, None if found.is_file() else "missing")
            self.places[file] = got
        return got

    def shown_missing(self, file: Path) -> str:
        try:
            return self.shown(file)
        except ValueError:
            return str(file)

    def anchor_problem(self, file: Path, fragment: str, href: str) -> str | None:
        if not fragment or fragment == "top":
            return None
        if file.suffix.lower() in (".html", ".htm"):
            if fragment not in self.outline(file).anchors:
                return f"'{href}': {self.shown(file)} has no anchor '#{fragment}'"
            return None
        if file.suffix.lower() == ".pdf":
            return self.pdf_fragment_problem(file, fragment, href)
        return None

    def pdf_fragment_problem(self, file: Path, fragment: str, href: str) -> str | None:
        other = self.outline(file)
        if other.error:
            return f"'{href}': {other.error}"
        params = dict(p.partition("=")[::2] for p in fragment.split("&"))
        if "nameddest" in params:
            name = params["nameddest"]
        elif set(params) & PDF_OPEN_PARAMS:
            page = params.get("page")
            if page is not None and not (page.isdigit() and 1 <= int(page) <= other.pages):
                return f"'{href}': {self.shown(file)} has no page {page}"
            return None
        else:
            name = fragment
        if name.lstrip("/") not in other.anchors:
            return f"'{href}': {self.shown(file)} has no named destination '{name}'"
        return None


def _check_html(site: _Site, path: Path, page: Outline) -> list[Diagnostic]:
    out = []
    for href, line in page.links:
        if not href:
            continue
        got = site.target(href, path, page.base)
        if got is None:
            continue
        file, fragment, problem = got
        if problem:
            out.append(Diagnostic(site.shown(path), line, "error", "E-LINK", f"broken link: {problem}"))
            continue
        problem = site.anchor_problem(file, fragment, href)
        if problem:
            out.append(Diagnostic(site.shown(path), line, "error", "E-ANCHOR", f"broken link: {problem}"))
    return out


def _dest_problem(pdf: Outline, dest: tuple | None) -> str | None:
    if dest is None:
        return None
    kind = dest[0]
    if kind == "name":
        return None if dest[1] in pdf.anchors else f"named destination '{dest[1]}', which does not exist"
    if kind == "page":
        return None if 1 <= dest[1] <= pdf.pages else "a destination on a page that does not exist"
    if kind == "index":
        return None if 0 <= dest[1] < pdf.pages else f"page {dest[1] + 1}, which does not exist"
    if kind == "empty":
        return "an empty destination"
    return None


def _check_pdf(site: _Site, path: Path, pdf: Outline) -> list[Diagnostic]:
    shown = site.shown(path)
    if pdf.error:
        return [Diagnostic(shown, None, "error", "E-PDF-READ", pdf.error)]
    out = []
    for number, dest, action in pdf.links:
        problem, code = None, "E-ANCHOR"
        if dest is not None:
            p = _dest_problem(pdf, dest)
            problem = f"an internal link points at {p}" if p else None
        kind = action[0] if action else None
        if kind == "goto":
            p = _dest_problem(pdf, action[1])
            problem = f"an internal link points at {p}" if p else None
        elif kind == "uri":
            uri = action[1]
            got = site.target(uri, path) if uri else None
            if got is not None:
                file, fragment, problem = got
                code = "E-LINK"
                if not problem:
                    problem = site.anchor_problem(file, fragment, uri)
                    code = "E-ANCHOR"
                if problem:
                    problem = f"broken link: {problem}"
        elif kind == "gotor":
            _, fname, name = action
            got = site.target(fname, path)
            if got is not None:
                file, _, problem = got
                code = "E-LINK"
                if not problem and name is not None and file.suffix.lower() == ".pdf":
                    other = site.outline(file)
                    if not other.error and name not in other.anchors:
                        problem = f"{site.shown(file)} has no named destination '{name}'"
                        code = "E-ANCHOR"
                if problem:
                    problem = f"broken link: {problem}"
        if problem:
            out.append(Diagnostic(shown, None, "error", code, f"page {number}: {problem}"))
    return out


def _check_files(site: _Site, files) -> list[tuple[Path, Diagnostic]]:
    found = []
    for path in files:
        outline = site.outline(path)
        check = _check_pdf if path.suffix.lower() == ".pdf" else _check_html
        found += [(path, d) for d in check(site, path, outline)]
    return found


def check_outlines(out_dir: Path, label: str | None, paths, known: dict) -> list[Diagnostic]:
    """Every broken internal link or anchor in the HTML pages and PDFs among ``paths`` (files
    inside ``out_dir``; their links may point anywhere in it), as ``check_outputs`` reports them.
    Each file's outline (the files checked and the targets of their links) comes from ``known``
    (path -> Outline, e.g. made while rendering) when it is there, else from the file on disk
    (the most recent few kept). Whether a link's target exists is always asked of the disk.
    Files are named ``<label>/<path inside out_dir>`` (label: out_dir's own name)."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return [Diagnostic(str(out_dir), None, "error", "E-LINK", "output folder does not exist")]
    site = _Site(out_dir, label, known)
    files = [Path(p) for p in paths]
    files = [p for p in files if p.suffix.lower() in CHECKED and (site.has_outline(p) or p.is_file())]
    return list(dict.fromkeys(d for _, d in _check_files(site, files)))


def check_outputs(out_dir: Path, label: str | None = None, paths=None,
                  jobs: int = 1) -> list[Diagnostic]:
    """Every broken internal link or anchor in the HTML pages and PDFs under ``out_dir`` (or
    only in ``paths``, files inside it; their links may still point anywhere in it), every file
    read from disk. Files are named ``<label>/<path inside out_dir>`` (label: out_dir's own
    name), so a build checking its staging folder can name the files as they will be published.
    With ``jobs`` above 1 the files are shared among that many processes (reading PDFs is the
    slow part)."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return [Diagnostic(str(out_dir), None, "error", "E-LINK", "output folder does not exist")]
    files = [p for p in (sorted(out_dir.rglob("*")) if paths is None else paths)
             if p.is_file() and p.suffix.lower() in CHECKED]
    if jobs <= 1 or len(files) < 20:
        return check_outlines(out_dir, label, files, {})
    import concurrent.futures as cf
    import multiprocessing as mp
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    shares = [files[i::jobs] for i in range(jobs)]
    with cf.ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
        parts = list(pool.map(_check_share, [str(out_dir)] * jobs, [label] * jobs, shares))
    order = {p: i for i, p in enumerate(files)}
    found = [d for _, d in sorted(((order[p], d) for part in parts for p, d in part),
                                  key=lambda x: x[0])]
    return list(dict.fromkeys(found))


def _check_share(out_dir: str, label, files) -> list[tuple[Path, Diagnostic]]:
    return _check_files(_Site(Path(out_dir), label), files)
