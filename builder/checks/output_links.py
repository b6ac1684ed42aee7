"""After rendering: every internal link and anchor in every site page and every PDF resolves.

HTML pages: href and src of links, images, scripts and styles, with #fragments checked against
the ids (and <a name>) of the target page. PDFs (pypdf): link annotations' /Dest and GoTo actions
must name an existing destination or page; /URI actions with relative targets (and GoToR files)
must point at a file in the output. External addresses (http, https, mailto, tel) are left alone.
"""

from __future__ import annotations

from collections import OrderedDict

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic

EXTERNAL = {"http", "https", "mailto", "tel", "data", "ftp", "sms"}
LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
              "iframe": "src", "source": "src", "embed": "src", "audio": "src", "video": "src",
              "track": "src", "object": "data"}
PDF_OPEN_PARAMS = {"page", "zoom", "view", "viewrect", "pagemode", "scrollbar", "toolbar",
                   "statusbar", "messages", "navpanes", "search", "fdf", "comment", "highlight"}


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


class _Site:
    # Parsed files kept for the links that point into them: the most recent few only, so
    # memory does not grow with the size of the output (links stay within a school's folder,
    # and files are checked folder by folder).
    KEEP = 48

    def __init__(self, out_dir: Path, label: str | None = None):
        self.root = out_dir.resolve()
        self.label = label or out_dir.name
        self.pages: OrderedDict[Path, _Page] = OrderedDict()
        self.pdfs: OrderedDict[Path, object] = OrderedDict()

    def _keep(self, cache: OrderedDict, path: Path) -> None:
        cache.move_to_end(path)
        while len(cache) > self.KEEP:
            cache.popitem(last=False)

    def shown(self, path: Path) -> str:
        return f"{self.label}/{path.resolve().relative_to(self.root).as_posix()}"

    def page(self, path: Path) -> _Page:
        if path not in self.pages:
            p = _Page()
            p.feed(path.read_text(encoding="utf-8", errors="replace"))
            p.close()
            self.pages[path] = p
        self._keep(self.pages, path)
        return self.pages[path]

    def pdf(self, path: Path):
        """A PdfReader, or an error message."""
        if path not in self.pdfs:
            from pypdf import PdfReader
            try:
                self.pdfs[path] = PdfReader(path)
            except Exception as exc:  # pypdf raises many types for a damaged file
                self.pdfs[path] = f"cannot read PDF: {exc}"
        self._keep(self.pdfs, path)
        return self.pdfs[path]

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
        file = Path(posixpath.normpath(file.as_posix()))
        if not file.resolve().is_relative_to(self.root):
            return None, fragment, f"'{href}' points outside the output folder"
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return None, fragment, f"'{href}' points at {self.shown_missing(file)}, which does not exist"
        return file, fragment, None

    def shown_missing(self, file: Path) -> str:
        try:
            return self.shown(file)
        except ValueError:
            return str(file)

    def anchor_problem(self, file: Path, fragment: str, href: str) -> str | None:
        if not fragment or fragment == "top":
            return None
        if file.suffix.lower() in (".html", ".htm"):
            if fragment not in self.page(file).ids:
                return f"'{href}': {self.shown(file)} has no anchor '#{fragment}'"
            return None
        if file.suffix.lower() == ".pdf":
            return self.pdf_fragment_problem(file, fragment, href)
        return None

    def pdf_fragment_problem(self, file: Path, fragment: str, href: str) -> str | None:
        reader = self.pdf(file)
        if isinstance(reader, str):
            return f"'{href}': {reader}"
        params = dict(p.partition("=")[::2] for p in fragment.split("&"))
        if "nameddest" in params:
            name = params["nameddest"]
        elif set(params) & PDF_OPEN_PARAMS:
            page = params.get("page")
            if page is not None and not (page.isdigit() and 1 <= int(page) <= len(reader.pages)):
                return f"'{href}': {self.shown(file)} has no page {page}"
            return None
        else:
            name = fragment
        if not _has_dest(reader, name):
            return f"'{href}': {self.shown(file)} has no named destination '{name}'"
        return None


def _dest_names(reader) -> set[str]:
    names = set()
    try:
        for key in reader.named_destinations:
            names.add(str(key).lstrip("/"))
    except Exception:
        pass
    return names


def _has_dest(reader, name: str) -> bool:
    if not hasattr(reader, "_pp_dest_names"):
        reader._pp_dest_names = _dest_names(reader)
    return name.lstrip("/") in reader._pp_dest_names


def check_html(site: _Site, path: Path) -> list[Diagnostic]:
    out = []
    page = site.page(path)
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


def _page_numbers(reader) -> dict[int, int]:
    out = {}
    for i, page in enumerate(reader.pages):
        ref = getattr(page, "indirect_reference", None)
        if ref is not None:
            out[ref.idnum] = i + 1
    return out


def check_pdf(site: _Site, path: Path) -> list[Diagnostic]:
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
    shown = site.shown(path)
    reader = site.pdf(path)
    if isinstance(reader, str):
        return [Diagnostic(shown, None, "error", "E-PDF-READ", reader)]
    out = []
    pages = _page_numbers(reader)

    def dest_problem(dest) -> str | None:
        if isinstance(dest, IndirectObject):
            dest = dest.get_object()
        if isinstance(dest, DictionaryObject) and "/D" in dest:
            dest = dest["/D"]
        if isinstance(dest, ArrayObject):
            if not dest:
                return "an empty destination"
            target = dest[0]
            if isinstance(target, IndirectObject):
                return None if target.idnum in pages else "a destination on a page that does not exist"
            if isinstance(target, int):
                return None if 0 <= int(target) < len(reader.pages) else f"page {int(target) + 1}, which does not exist"
            return None
        name = str(dest)
        return None if _has_dest(reader, name) else f"named destination '{name.lstrip('/')}', which does not exist"

    for number, page in enumerate(reader.pages, start=1):
        annots = page.get("/Annots")
        if annots is None:
            continue
        for annot in annots.get_object():
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            problem, code = None, "E-ANCHOR"
            if "/Dest" in annot:
                p = dest_problem(annot["/Dest"])
                problem = f"an internal link points at {p}" if p else None
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if isinstance(action, DictionaryObject):
                kind = action.get("/S")
                if kind == "/GoTo":
                    p = dest_problem(action.get("/D"))
                    problem = f"an internal link points at {p}" if p else None
                elif kind == "/URI":
                    uri = str(action.get("/URI", ""))
                    got = site.target(uri, path) if uri else None
                    if got is not None:
                        file, fragment, problem = got
                        code = "E-LINK"
                        if not problem:
                            problem = site.anchor_problem(file, fragment, uri)
                            code = "E-ANCHOR"
                        if problem:
                            problem = f"broken link: {problem}"
                elif kind == "/GoToR":
                    spec = action.get("/F")
                    spec = spec.get_object() if spec is not None else None
                    fname = str(spec.get("/UF") or spec.get("/F")) if isinstance(spec, DictionaryObject) else str(spec or "")
                    got = site.target(fname, path)
                    if got is not None:
                        file, _, problem = got
                        code = "E-LINK"
                        if not problem and action.get("/D") is not None and file.suffix.lower() == ".pdf":
                            other = site.pdf(file)
                            d = action["/D"]
                            if not isinstance(other, str) and not isinstance(d, ArrayObject) \
                                    and not _has_dest(other, str(d)):
                                problem = f"{site.shown(file)} has no named destination '{str(d).lstrip('/')}'"
                                code = "E-ANCHOR"
                        if problem:
                            problem = f"broken link: {problem}"
            if problem:
                out.append(Diagnostic(shown, None, "error", code, f"page {number}: {problem}"))
    return out


def check_outputs(out_dir: Path, label: str | None = None, paths=None,
                  jobs: int = 1) -> list[Diagnostic]:
    """Every broken internal link or anchor in the HTML pages and PDFs under ``out_dir`` (or
    only in ``paths``, files inside it; their links may still point anywhere in it).
    Files are named ``<label>/<path inside out_dir>`` (label: out_dir's own name), so a build
    checking its staging folder can name the files as they will be published. With ``jobs``
    above 1 the files are shared among that many processes (reading PDFs is the slow part)."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return [Diagnostic(str(out_dir), None, "error", "E-LINK", "output folder does not exist")]
    files = [p for p in (sorted(out_dir.rglob("*")) if paths is None else paths)
             if p.is_file() and p.suffix.lower() in (".html", ".htm", ".pdf")]
    if jobs <= 1 or len(files) < 20:
        found = _check_files(str(out_dir), label, files)
    else:
        import concurrent.futures as cf
        import multiprocessing as mp
        ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        shares = [files[i::jobs] for i in range(jobs)]
        with cf.ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
            parts = list(pool.map(_check_files, [str(out_dir)] * jobs, [label] * jobs, shares))
        order = {p: i for i, p in enumerate(files)}
        found = [d for _, d in sorted(((order[p], d) for part in parts for p, d in part),
                                      key=lambda x: x[0])]
        return list(dict.fromkeys(found))
    return list(dict.fromkeys(d for _, d in found))


def _check_files(out_dir: str, label, files) -> list[tuple[Path, Diagnostic]]:
    site = _Site(Path(out_dir), label)
    found = []
    for path in files:
        check = check_pdf if path.suffix.lower() == ".pdf" else check_html
        found += [(path, d) for d in check(site, path)]
    return found
