"""After rendering: every internal link and anchor in every site page and every PDF resolves.

HTML pages: href and src of links, images, scripts and styles, with #fragments checked against
the ids (and <a name>) of the target page. PDFs: link annotations' /Dest and GoTo actions must
name an existing destination or page; /URI actions with relative targets (and GoToR files) must
point at a file in the output. External addresses (http, https, mailto, tel) are left alone.

The check works on *outlines* (outlines.py): what it needs from one file, its anchors and its
links. A build makes them while rendering (``html_outline`` on the page's text, ``PdfOutliner``
as a WeasyPrint finisher on the PDF's objects) and hands them to ``check_outlines``; any file
without one (an output kept from an earlier build, a standalone ``check_outputs``) is read from
disk by ``read_outline``. Whether a link's target file exists is always asked of the disk:
the files on disk are what gets published.
"""

from __future__ import annotations

import os
import posixpath
from collections import OrderedDict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.render.outlines import Outline, read_outline

EXTERNAL = {"http", "https", "mailto", "tel", "data", "ftp", "sms"}
PDF_OPEN_PARAMS = {"page", "zoom", "view", "viewrect", "pagemode", "scrollbar", "toolbar",
                   "statusbar", "messages", "navpanes", "search", "fdf", "comment", "highlight"}
CHECKED = (".html", ".htm", ".pdf")


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
            out.append(diagnostic(site.shown(path), line, "E-LINK", f"broken link: {problem}"))
            continue
        problem = site.anchor_problem(file, fragment, href)
        if problem:
            out.append(diagnostic(site.shown(path), line, "E-ANCHOR", f"broken link: {problem}"))
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
        return [diagnostic(shown, None, "E-PDF-READ", pdf.error)]
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
            out.append(diagnostic(shown, None, code, f"page {number}: {problem}"))
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
        return [diagnostic(str(out_dir), None, "E-LINK", "output folder does not exist")]
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
        return [diagnostic(str(out_dir), None, "E-LINK", "output folder does not exist")]
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
