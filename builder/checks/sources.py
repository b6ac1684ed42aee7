"""What the checks read: the pack's section files, its YAML values with their lines, and
source text with the Jinja parts blanked out (so line numbers stay true); and two ways of reading a
place in that text the checks share: whether it is inside a quotation, and whether it is inside one
of the spans a check has already read (``Spans``)."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from builder.common.diagnostics import PackError
from builder.common.files import read_pack_text
from builder.source.texts import Written, YamlString
from builder.source.yamlsrc import SrcDict
from builder.source.schema.comments import _lines

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


# what a value printed by {{ }} is masked with when its place must read as written (a label's value
# is there): a character that is no word, space or punctuation a check reads
FILLED = "\u2060"


def mask_jinja(text: str, filled: bool = False) -> str:
    """The text with every {{ }}, {% %} and {# #} blanked: same length, same line breaks. With
    ``filled``, a value printed by {{ }} leaves a mark instead of spaces, so "Review date: {{ ... }}"
    is a label with its value, not one left empty."""
    def mask(m: re.Match) -> str:
        fill = FILLED if filled and m.group(0).startswith("{{") else " "
        return re.sub(r"[^\n]", fill, m.group(0))
    return _JINJA.sub(mask, text)


def line_at(text: str, offset: int) -> int:
    """The line (from 1) of ``offset`` in ``text``: a binary search over the text's line starts,
    worked out once per text, so a text with thousands of findings is not read again for each."""
    return bisect.bisect_right(_line_starts(text), offset)


@functools.lru_cache(maxsize=8)
def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


@dataclass(frozen=True)
class SourceFile:
    path: Path
    shown: str
    school: str | None      # None: the trust's master text, shared by every school


def value_files(pack, resolved) -> list[tuple[Written, str | None]]:
    """(a file's values, its school or None) of every file whose values a reader sees: the trust's,
    each policy's and form's, then each chosen school's."""
    files: list[tuple[Written, str | None]] = [(pack.trust, None)]
    files += [(pack.policies[pid], None) for pid in sorted(pack.policies)]
    files += [(pack.forms[fid], None) for fid in sorted(pack.forms)]
    files += [(pack.schools[sid], sid) for sid in sorted(resolved)]
    return files


def section_files(pack, resolved) -> list[SourceFile]:
    """The trust's section files, then each chosen school's own (added or replacing) ones."""
    seen, files = set(), []
    for pid in sorted(pack.policies):
        for spec in pack.policies[pid].sections:
            if spec.shown not in seen:
                seen.add(spec.shown)
                files.append(SourceFile(spec.source, spec.shown, None))
    for sid in sorted(resolved):
        school = pack.schools[sid]
        for pid in sorted(school.policies):
            sp = school.policies[pid]
            for spec in list(sp.add_sections) + list(sp.replace_sections.values()):
                if spec.shown not in seen:
                    seen.add(spec.shown)
                    files.append(SourceFile(spec.source, spec.shown, sid))
    return files


def masked_sections(pack, resolved):
    """(section file, its text with Jinja blanked out) of each readable section file
    (``section_files``): what the checks of typed text read."""
    for src in section_files(pack, resolved):
        text = read_text(src.path)
        if text is not None:
            yield src, mask_jinja(text)


def read_text(path: Path) -> str | None:
    try:
        return read_pack_text(path, str(path))   # within the size limit, a BOM dropped
    except PackError:
        return None  # the resolver already reports unreadable, too large or non-UTF-8 files


def text_line(ys: YamlString, value: str, offset: int) -> int | None:
    """The line of the file where ``value[offset:]`` was written: inside a block scalar
    (``key: |`` then lines) that is below the key's line. The words at ``offset`` are looked for
    in the file's lines from the key's line on (the n-th time when they occur n times before)."""
    if ys.line is None or "\n" not in ys.value.strip() or not ys.file:
        return ys.line
    import os
    try:
        st = os.stat(ys.file)
    except OSError:
        return ys.line
    lines = _lines(ys.file, (st.st_mtime_ns, st.st_size))
    end = value.find("\n", offset)
    snippet = " ".join(value[offset:end if end >= 0 else len(value)].split()[:4])
    if not snippet:
        return ys.line
    nth = " ".join(value[:offset].split()).count(snippet)
    last = min(len(lines), ys.line + value.count("\n") + 3 + len(value) // 40)
    for n in range(ys.line - 1, last):
        if snippet in " ".join(lines[n].split()):
            if nth == 0:
                return n + 1
            nth -= 1
    return ys.line


def value_line(node, key) -> tuple[str, int | None]:
    """(file, line) of ``key`` in a parsed mapping, or of the mapping itself."""
    path = getattr(node, "path", "") or ""
    if isinstance(node, SrcDict):
        return path, node.line_of(key)
    return path, getattr(node, "line", None)


def quoted(text: str, offset: int) -> bool:
    """Is ``offset`` inside quotation marks on its line (within the 300 characters before it)? (A
    closing single quote is one before a space or a stop, not an apostrophe: "the school’s".)"""
    start = max(text.rfind("\n", max(0, offset - 300), offset) + 1, offset - 300)
    before = text[start:offset]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d") or \
        len(re.findall(r"(?:^|[\s(])'", before)) > len(re.findall(r"(?<=\S)'(?:[\s.,;:!?)]|$)", before)) or \
        before.count("\u2018") > len(re.findall(r"\u2019(?:[\s.,;:!?)]|$)", before))


class Spans:
    """Spans of a text (start, end), found by where they start: each is a phrase or a line, so
    only the spans starting just before a place can hold it, and a text with thousands of them is
    read in one pass, not once per place."""

    def __init__(self, spans=()) -> None:
        self.starts: list[int] = []
        self.spans: list[tuple[int, int]] = []
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_right(self.starts, a)
        self.starts.insert(i, a)
        self.spans.insert(i, (a, b))

    def covers(self, at: int) -> bool:
        i = bisect.bisect_right(self.starts, at)
        return any(a <= at < b for a, b in self.spans[max(0, i - 64):i])
