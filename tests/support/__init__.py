"""What the tests share: the example pack's place and date, private copies of packs, and small
readers for PDF text, HTML text and the links in a page."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]          # the repository: the example pack
DATA = Path(__file__).resolve().parents[1] / "data"  # packs and files written for the tests
TODAY = dt.date(2026, 11, 21)
SCHOOLS = ["chestnuts", "edith-cavell", "vine-tree"]
PACK_PARTS = ["trust.yml", "content", "forms", "schools", "themes"]


def copy_pack(dest: Path) -> Path:
    """A private copy of the example pack to change in a test."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PACK_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def squash(text: str) -> str:
    """Text with all whitespace removed and typographic marks made plain, for comparisons that
    must not depend on line breaks."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", "", text)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.text = [], set(), []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse_page(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def html_text(fragment: str) -> str:
    text = re.sub(r"<[^>]+>", " ", fragment)
    return re.sub(r"\s+", " ", html_lib.unescape(text)).strip()
