"""Redlines: a word-level comparison of two rendered versions of one school's policy.

Pure: no git, no files. ``compare_policy(old, new)`` takes anything shaped like a ResolvedPolicy
(``.id``, ``.title``, ``.sections`` of objects with ``id``, ``number``, ``title``, ``html``,
``origin``), or None for a policy that does not exist on that side, and returns a PolicyDiff.
``render_redline(diff)`` turns that into an HTML fragment: the final text with section numbers
and headings kept, insertions and deletions marked word by word (``<ins>``/``<del>`` with
visually hidden "inserted:"/"deleted:" words for screen readers), unchanged runs folded.

The unit of comparison is the rendered HTML, never the template source, so a changed variable,
condition, override or section order shows exactly where it lands.

How it works: each section's HTML is cut into *blocks*, runs of inline content (a paragraph, a
list item, a table cell, a heading) each with the path of block elements around it. Sections are
matched by id (a section whose place in the order changed beyond insertions and removals is
*moved*); blocks inside a section are aligned with difflib, near-equal blocks paired as
*changed*; words inside a changed block are compared with difflib again. Rendering reopens the
block elements each shown block sits in, so the output is well-formed HTML.
"""

from __future__ import annotations

import difflib
import html
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

INLINE_TAGS = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i",
               "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
               "time", "u", "var", "wbr"}
VOID_TAGS = {"br", "hr", "img", "wbr", "col", "input"}
# A changed block is paired with its new version when this much of its words survive.
PAIR_RATIO = 0.5

ATTRIBUTION_LABELS = {"master": "Master text", "school": "School value",
                      "both": "Master text and school value"}


# ---------------------------------------------------------------- blocks

@dataclass(frozen=True)
class Tok:
    """One word, space or void inline element, with the inline elements it sits in."""

    text: str
    marks: tuple = ()          # ((tag, attrs), ...) outermost first
    void: str | None = None    # "br", "img"... rendered as that element

    @property
    def key(self):
        return (self.text, self.marks, self.void)


@dataclass(frozen=True)
class Elem:
    """A block element around a block: tag, attributes, which occurrence, its place among siblings."""

    tag: str
    attrs: tuple
    uid: int
    ordinal: int = 1


@dataclass
class Block:
    path: tuple                # (Elem, ...) outermost first
    toks: tuple                # (Tok, ...)

    @property
    def leaf(self) -> str:
        return self.path[-1].tag if self.path else ""

    @property
    def key(self):
        return (self.leaf, tuple(t.key for t in self.toks))

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(t.text for t in self.toks)).strip()


_WORD_RE = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)


_UIDS = itertools.count(1)  # element identities, unique across every parse (never rendered)


class _BlockParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.path: list[Elem] = []
        self.children: list[Counter] = [Counter()]
        self.marks: list[tuple] = []
        self.toks: list[Tok] = []
        self.pre = 0

    def flush(self):
        toks = self.toks
        if self.pre == 0:
            while toks and not toks[0].void and not toks[0].text.strip():
                toks = toks[1:]
            while toks and not toks[-1].void and not toks[-1].text.strip():
                toks = toks[:-1]
        if toks:
            self.blocks.append(Block(tuple(self.path), tuple(toks)))
        self.toks = []

    def handle_starttag(self, tag, attrs):
        attrs = tuple((k, v or "") for k, v in attrs if k != "id")
        if tag in INLINE_TAGS:
            if tag in VOID_TAGS:
                self.toks.append(Tok("", tuple(self.marks), _void_html(tag, attrs)))
            else:
                self.marks.append((tag, attrs))
            return
        self.flush()
        self.children[-1][tag] += 1
        elem = Elem(tag, attrs, next(_UIDS), self.children[-1][tag])
        if tag in VOID_TAGS:
            self.blocks.append(Block(tuple(self.path) + (elem,), (Tok("", (), _void_html(tag, attrs)),)))
            return
        self.path.append(elem)
        self.children.append(Counter())
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in INLINE_TAGS:
            for i in range(len(self.marks) - 1, -1, -1):
                if self.marks[i][0] == tag:
                    del self.marks[i:]
                    break
            return
        if not any(e.tag == tag for e in self.path):
            return  # a stray end tag
        self.flush()
        while self.path:
            elem = self.path.pop()
            self.children.pop()
            if elem.tag == "pre":
                self.pre -= 1
            if elem.tag == tag:
                break

    def handle_data(self, data):
        marks = tuple(self.marks)
        if self.pre:
            parts = re.findall(r"\n|[^\S\n]+|\w+|[^\w\s]", data)
        else:
            parts = [" " if p.isspace() else p for p in _WORD_RE.findall(data)]
        for p in parts:
            if self.toks and p == " " and self.toks[-1].text == " " and self.toks[-1].marks == marks:
                continue
            self.toks.append(Tok(p, marks))

    def close(self):
        super().close()
        self.flush()


def _void_html(tag, attrs) -> str:
    return f"<{tag}{_attrs_html(attrs)}>"


def _attrs_html(attrs) -> str:
    return "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs)


def parse_blocks(fragment: str) -> list[Block]:
    """Cut an HTML fragment into blocks of inline content, each with its enclosing block path."""
    p = _BlockParser()
    p.feed(fragment)
    p.close()
    return p.blocks


# ---------------------------------------------------------------- comparison results

@dataclass
class Segment:
    op: str                    # "equal", "insert", "delete"
    toks: tuple


@dataclass
class BlockDiff:
    op: str                    # "equal", "insert", "delete", "change"
    old: Block | None
    new: Block | None
    segments: list[Segment] = field(default_factory=list)
    source: str | None = None  # "master", "school", "both" (set by attribute())

    @property
    def block(self) -> Block:
        return self.new if self.new is not None else self.old


@dataclass
class SectionDiff:
    id: str
    status: str                # "equal", "changed", "added", "removed", "moved-away" (placeholder)
    old_number: int | None
    new_number: int | None
    old_title: str | None
    new_title: str | None
    moved: bool = False
    title_segments: list[Segment] = field(default_factory=list)
    blocks: list[BlockDiff] = field(default_factory=list)
    origin: str = "trust"
    source: str | None = None  # attribution of section-level changes (added, removed, moved, title)

    @property
    def title_changed(self) -> bool:
        return (self.old_title is not None and self.new_title is not None
                and self.old_title != self.new_title)

    @property
    def text_changed(self) -> bool:
        return any(b.op != "equal" for b in self.blocks)

    @property
    def changed(self) -> bool:
        return (self.status in ("added", "removed") or self.moved or self.title_changed
                or self.text_changed)

    @property
    def number(self):
        return self.new_number if self.new_number is not None else self.old_number


@dataclass
class Counts:
    added: int = 0
    removed: int = 0
    changed: int = 0

    @property
    def total(self) -> int:
        return self.added + self.removed + self.changed

    def add(self, op: str) -> None:
        if op == "insert":
            self.added += 1
        elif op == "delete":
            self.removed += 1
        elif op == "change":
            self.changed += 1


@dataclass
class PolicyDiff:
    id: str
    status: str                # "added", "removed", "changed", "unchanged"
    old_title: str | None
    new_title: str | None
    sections: list[SectionDiff]

    @property
    def title(self) -> str:
        return self.new_title if self.new_title is not None else self.old_title

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"

    def counts(self, source: str | None = None) -> Counts:
        """Paragraphs added, removed, changed; only those attributed to ``source`` if given.
        A heading whose words changed counts as a changed paragraph."""
        c = Counts()
        for s in self.sections:
            if s.status == "moved-away":
                continue
            if s.title_changed and (source is None or s.source == source):
                c.changed += 1
            for b in s.blocks:
                if source is None or b.source == source:
                    c.add(b.op)
        return c

    def section_changes(self) -> dict[str, list[SectionDiff]]:
        out = {"added": [], "removed": [], "moved": [], "reworded": []}
        for s in self.sections:
            if s.status == "added":
                out["added"].append(s)
            elif s.status == "removed":
                out["removed"].append(s)
            elif s.status != "moved-away":
                if s.moved:
                    out["moved"].append(s)
                if s.text_changed or s.title_changed:
                    out["reworded"].append(s)
        return out

    def sources(self) -> set[str]:
        found = set()
        for s in self.sections:
            if s.status in ("added", "removed") or s.moved or s.title_changed:
                if s.source:
                    found.add(s.source)
            for b in s.blocks:
                if b.op != "equal" and b.source:
                    found.add(b.source)
        return found


# ---------------------------------------------------------------- comparing

def diff_words(old: tuple, new: tuple) -> list[Segment]:
    """Word-level segments; a lone space between two changes joins them into one."""
    sm = difflib.SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    raw = []  # (old_toks, new_toks, equal?)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        raw.append([list(old[i1:i2]), list(new[j1:j2]), op == "equal"])
    merged = []
    for k, item in enumerate(raw):
        between_changes = (0 < k < len(raw) - 1 and item[2] and not raw[k - 1][2] and not raw[k + 1][2]
                           and all(not t.void and not t.text.strip() for t in item[0]))
        if between_changes:
            item = [item[0], item[1], False]
        if merged and not merged[-1][2] and not item[2]:
            merged[-1][0] += item[0]
            merged[-1][1] += item[1]
        else:
            merged.append(item)
    segments = []
    for o, n, eq in merged:
        if eq:
            segments.append(Segment("equal", tuple(n)))
            continue
        if o:
            segments.append(Segment("delete", tuple(o)))
        if n:
            segments.append(Segment("insert", tuple(n)))
    return segments


def _similarity(a: Block, b: Block) -> float:
    if a.leaf != b.leaf:
        return 0.0
    wa = [t.key for t in a.toks if t.void or t.text.strip()]
    wb = [t.key for t in b.toks if t.void or t.text.strip()]
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _pair_range(old: list[Block], new: list[Block]) -> list[BlockDiff]:
    """Align two runs of differing blocks: pair similar ones (in order) as changes."""
    n, m = len(old), len(new)
    sim = [[_similarity(old[i], new[j]) for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= PAIR_RATIO else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    out, i, j = [], 0, 0
    while i < n or j < m:
        if i < n and j < m and sim[i][j] >= PAIR_RATIO and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            out.append(BlockDiff("change", old[i], new[j], diff_words(old[i].toks, new[j].toks)))
            i, j = i + 1, j + 1
        elif i < n and (j == m or best[i][j] == best[i + 1][j]):
            out.append(BlockDiff("delete", old[i], None, [Segment("delete", old[i].toks)]))
            i += 1
        else:
            out.append(BlockDiff("insert", None, new[j], [Segment("insert", new[j].toks)]))
            j += 1
    return out


def diff_blocks(old: list[Block], new: list[Block]) -> list[BlockDiff]:
    sm = difflib.SequenceMatcher(None, [b.key for b in old], [b.key for b in new], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.extend(BlockDiff("equal", old[i1 + k], new[j1 + k], [Segment("equal", new[j1 + k].toks)])
                       for k in range(i2 - i1))
        else:
            out.extend(_pair_range(old[i1:i2], new[j1:j2]))
    _map_paths(out)
    return out


def _map_paths(diffs: list[BlockDiff]) -> None:
    """Give deleted blocks the new version's elements where they share them (the same list, the
    same table), so a deleted list item is shown inside its list rather than in a list of its own."""
    mapping: dict[int, Elem] = {}
    for d in diffs:
        if d.old is not None and d.new is not None:
            for eo, en in zip(d.old.path, d.new.path):
                if eo.tag != en.tag:
                    break
                mapping.setdefault(eo.uid, en)
    for d in diffs:
        if d.op == "delete":
            d.old = Block(tuple(mapping.get(e.uid, e) for e in d.old.path), d.old.toks)


def _lcs(a: list[str], b: list[str]) -> set[str]:
    """Ids in the longest common subsequence of two orders (the sections that kept their place)."""
    n, m = len(a), len(b)
    L = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            L[i][j] = L[i + 1][j + 1] + 1 if a[i] == b[j] else max(L[i + 1][j], L[i][j + 1])
    keep, i, j = set(), 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            keep.add(a[i])
            i, j = i + 1, j + 1
        elif L[i][j + 1] >= L[i + 1][j]:
            j += 1  # on a tie keep the earlier old section in place: the other one moved
        else:
            i += 1
    return keep


def _words(text: str) -> tuple:
    return tuple(Tok(" " if p.isspace() else p) for p in _WORD_RE.findall(text or ""))


def compare_sections(old_sections, new_sections) -> list[SectionDiff]:
    """Sections in the new order; removed ones where they were; moved ones where they now are,
    with a placeholder where they used to be."""
    def blocks(section):
        return parse_blocks(section.html)

    old = {s.id: s for s in old_sections}
    new = {s.id: s for s in new_sections}
    old_ids = [s.id for s in old_sections]
    new_ids = [s.id for s in new_sections]
    common_old = [i for i in old_ids if i in new]
    common_new = [i for i in new_ids if i in old]
    kept = _lcs(common_old, common_new)
    moved = set(common_new) - kept

    def both(sid):
        o, n = old[sid], new[sid]
        bd = diff_blocks(blocks(o), blocks(n))
        sd = SectionDiff(sid, "equal", o.number, n.number, o.title, n.title, moved=sid in moved,
                         title_segments=diff_words(_words(o.title), _words(n.title)), blocks=bd,
                         origin=getattr(n, "origin", "trust"))
        if sd.changed:
            sd.status = "changed"
        return sd

    def removed(sid):
        o = old[sid]
        bl = blocks(o)
        return SectionDiff(sid, "removed", o.number, None, o.title, None,
                           title_segments=[Segment("delete", _words(o.title))],
                           blocks=[BlockDiff("delete", b, None, [Segment("delete", b.toks)]) for b in bl],
                           origin=getattr(o, "origin", "trust"))

    def added(sid):
        n = new[sid]
        bl = blocks(n)
        return SectionDiff(sid, "added", None, n.number, None, n.title,
                           title_segments=[Segment("insert", _words(n.title))],
                           blocks=[BlockDiff("insert", None, b, [Segment("insert", b.toks)]) for b in bl],
                           origin=getattr(n, "origin", "trust"))

    def moved_away(sid):
        o, n = old[sid], new[sid]
        return SectionDiff(sid, "moved-away", o.number, n.number, o.title, n.title, moved=True,
                           origin=getattr(n, "origin", "trust"))

    # Removed sections (and placeholders of moved ones) stay where they were: right after the
    # section that preceded them in the old order.
    old_pos = {sid: k for k, sid in enumerate(old_ids)}
    kept_pos = sorted(old_pos[k] for k in kept)

    def left_behind(a, b):
        for oid in old_ids[a:b]:
            if oid not in new:
                yield removed(oid)
            elif oid in moved:
                yield moved_away(oid)

    out: list[SectionDiff] = list(left_behind(0, kept_pos[0] if kept_pos else len(old_ids)))
    for sid in new_ids:
        if sid in kept:
            out.append(both(sid))
            here = old_pos[sid]
            following = next((p for p in kept_pos if p > here), len(old_ids))
            out.extend(left_behind(here + 1, following))
        elif sid in old:
            out.append(both(sid))
        else:
            out.append(added(sid))
    return out


def compare_policy(old, new) -> PolicyDiff:
    """Compare two resolved versions of one policy for one school; either may be None."""
    if old is None and new is None:
        raise ValueError("compare_policy needs at least one version")
    pid = (new or old).id
    sections = compare_sections(old.sections if old else [], new.sections if new else [])
    if old is None:
        status = "added"
    elif new is None:
        status = "removed"
    elif old.title != new.title or any(s.changed for s in sections):
        status = "changed"
    else:
        status = "unchanged"
    return PolicyDiff(pid, status, old.title if old else None, new.title if new else None, sections)


# ---------------------------------------------------------------- attribution

def attribute(diff: PolicyDiff, hybrid) -> None:
    """Label each change "school" or "master" by comparing with a *hybrid* rendering: the old
    master text with the new school values. A change the hybrid already has came from the
    school's values; one the hybrid does not have came from the master text; a block the hybrid
    has in neither form was changed by both. ``hybrid`` is a policy (or None if it has none)."""
    hsections = {s.id: s for s in (hybrid.sections if hybrid else [])}
    hblocks = {sid: Counter(b.key for b in parse_blocks(s.html)) for sid, s in hsections.items()}
    horder = [s.id for s in (hybrid.sections if hybrid else [])]
    for s in diff.sections:
        hs = hsections.get(s.id)
        have = hblocks.get(s.id, Counter())
        if s.status == "added":
            s.source = "school" if hs is not None else "master"
        elif s.status == "removed":
            s.source = "school" if hs is None else "master"
        elif s.title_changed:
            if hs is not None and hs.title == s.new_title:
                s.source = "school"
            elif hs is not None and hs.title == s.old_title:
                s.source = "master"
            else:
                s.source = "both"
        if s.moved and s.source is None:
            s.source = "school" if _moved_in(s.id, diff, horder) else "master"
        for b in s.blocks:
            if b.op == "equal":
                continue
            new_in = b.new is not None and have[b.new.key] > 0
            old_in = b.old is not None and have[b.old.key] > 0
            if b.op == "insert":
                b.source = "school" if new_in else "master"
            elif b.op == "delete":
                b.source = "master" if old_in else "school"
            else:
                b.source = "school" if new_in else "master" if old_in else "both"


def _moved_in(sid, diff: PolicyDiff, horder: list[str]) -> bool:
    """Whether the hybrid (new school values on the old master) already moves the section."""
    old_order = [s.id for s in sorted((s for s in diff.sections if s.old_number is not None
                                       and s.status != "moved-away"), key=lambda s: s.old_number)]
    old_common = [i for i in old_order if i in horder]
    h_common = [i for i in horder if i in old_order]
    return sid in h_common and sid not in _lcs(old_common, h_common)


def attribute_all(diff: PolicyDiff, source: str) -> None:
    """Label every change with one source (when only one kind of file changed)."""
    for s in diff.sections:
        if s.status in ("added", "removed") or s.moved or s.title_changed:
            s.source = source
        for b in s.blocks:
            if b.op != "equal":
                b.source = source


# ---------------------------------------------------------------- rendering

SR_LABEL = {"insert": "inserted", "delete": "deleted"}
TAG_FOR = {"insert": "ins", "delete": "del"}


def _render_toks(toks, link) -> str:
    """Inline content, opening and closing inline elements as the marks change."""
    out, stack = [], []
    for t in toks:
        marks = list(t.marks)
        common = 0
        while common < min(len(stack), len(marks)) and stack[common] == marks[common]:
            common += 1
        for tag, _ in reversed(stack[common:]):
            out.append(f"</{tag}>")
        for tag, attrs in marks[common:]:
            out.append(f"<{tag}{_attrs_html(_inline_attrs(tag, attrs, link))}>")
        stack = marks
        out.append(t.void if t.void else html.escape(t.text, quote=False))
    for tag, _ in reversed(stack):
        out.append(f"</{tag}>")
    return "".join(out)


def _inline_attrs(tag, attrs, link):
    if tag != "a":
        return attrs
    result = []
    for k, v in attrs:
        if k == "href" and v.startswith("pp:"):
            v = link(v) if link else None
            if not v:
                continue
        result.append((k, v))
    return tuple(result)


def render_segments(segments, link=None) -> str:
    out = []
    for seg in segments:
        body = _render_toks(seg.toks, link)
        if seg.op == "equal":
            out.append(body)
        else:
            label = SR_LABEL[seg.op]
            tag = TAG_FOR[seg.op]
            out.append(f'<{tag}><span class="sr">[{label}: </span>{body}<span class="sr">]</span></{tag}>')
    return "".join(out)


class _BlockWriter:
    """Writes blocks, opening and closing the block elements they sit in."""

    def __init__(self, link):
        self.out: list[str] = []
        self.stack: list[Elem] = []
        self.link = link

    def goto(self, path, reopen_from: int | None = None):
        path = list(path)
        common = 0
        while common < min(len(self.stack), len(path)) and self.stack[common].uid == path[common].uid:
            common += 1
        for e in reversed(self.stack[common:]):
            self.out.append(f"</{e.tag}>")
        for k in range(common, len(path)):
            e = path[k]
            attrs = list(e.attrs)
            # a list reopened after a fold keeps its numbering
            if e.tag == "ol" and k + 1 < len(path) and path[k + 1].tag == "li" and path[k + 1].ordinal > 1:
                start = int(dict(attrs).get("start", "1") or 1) + path[k + 1].ordinal - 1
                attrs = [(a, v) for a, v in attrs if a != "start"] + [("start", str(start))]
            if e.tag in VOID_TAGS:
                continue
            self.out.append(f"<{e.tag}{_attrs_html(attrs)}>")
        self.stack = [e for e in path if e.tag not in VOID_TAGS]

    def close_all(self):
        self.goto([])

    def block(self, bd: BlockDiff, note: str = ""):
        b = bd.block
        self.goto(b.path)
        if len(b.toks) == 1 and b.toks[0].void and b.path and b.path[-1].tag in VOID_TAGS:
            self.out.append(b.toks[0].void)
            return
        if bd.op in ("insert", "delete"):
            cls = "block-ins" if bd.op == "insert" else "block-del"
            self.out.append(f'<span class="{cls}">')
        self.out.append(render_segments(bd.segments, self.link))
        if bd.op in ("insert", "delete"):
            self.out.append("</span>")
        self.out.append(note)


def _source_note(source) -> str:
    if not source:
        return ""
    return f' <span class="why why-{source}">{html.escape(ATTRIBUTION_LABELS[source])}</span>'


def _fold(blocks: list[BlockDiff], link) -> str:
    n = len(blocks)
    w = _BlockWriter(link)
    for b in blocks:
        w.block(b)
    w.close_all()
    label = f"{n} unchanged paragraph{'s' if n != 1 else ''}"
    return (f'<details class="fold"><summary>{label}</summary>'
            f'<div class="folded">{"".join(w.out)}</div></details>')


def render_section_blocks(blocks: list[BlockDiff], context: int = 1, link=None) -> str:
    """A section's blocks: changes with ``context`` unchanged blocks either side; longer unchanged
    runs folded into a <details> ("3 unchanged paragraphs") hidden in print."""
    show = [b.op != "equal" for b in blocks]
    near = list(show)
    for k, changed in enumerate(show):
        if changed:
            for j in range(max(0, k - context), min(len(blocks), k + context + 1)):
                near[j] = True
    w = _BlockWriter(link)
    k = 0
    while k < len(blocks):
        if near[k]:
            w.block(blocks[k], _source_note(blocks[k].source) if blocks[k].op != "equal" else "")
            k += 1
            continue
        j = k
        while j < len(blocks) and not near[j]:
            j += 1
        if j - k == 1 and 0 < k and j < len(blocks):
            w.block(blocks[k])  # folding a single paragraph saves nothing
        else:
            w.close_all()
            w.out.append(_fold(blocks[k:j], link))
        k = j
    w.close_all()
    return "".join(w.out)


def _section_heading(s: SectionDiff, link) -> str:
    number = s.number
    num_html = f'<span class="num">{number}</span> ' if number is not None else ""
    if s.status == "removed":
        num_html = f'<span class="num"><del>{number}</del></span> '

    title = render_segments(s.title_segments, link) if s.title_changed or s.status in ("added", "removed") \
        else html.escape(s.new_title or s.old_title or "")
    if s.status == "added":
        title = f'<span class="block-ins">{title}</span>'
    elif s.status == "removed":
        title = f'<span class="block-del">{title}</span>'
    return f'<h2 id="sec-{html.escape(s.id, quote=True)}">{num_html}{title}</h2>'


def _badges(s: SectionDiff) -> str:
    notes = []
    if s.status == "added":
        notes.append("New section")
    elif s.status == "removed":
        notes.append(f"Section {s.old_number} removed")
    else:
        if s.moved:
            notes.append(f"Moved here from section {s.old_number}")
        elif s.old_number != s.new_number:
            notes.append(f"Was section {s.old_number}")
        if s.title_changed:
            notes.append("Heading changed")
        if not s.changed:
            notes.append("No changes")
    cls = "badge" + (" badge-change" if s.changed else "")
    text = "; ".join(notes)
    if s.changed and s.source and (s.status in ("added", "removed") or s.moved or s.title_changed):
        text += f" ({ATTRIBUTION_LABELS[s.source].lower()})"
    return f'<p class="{cls}">{html.escape(text)}</p>' if text else ""


def render_redline(diff: PolicyDiff, context: int = 1, link=None) -> str:
    """The policy as a redline: every section's heading, its changes with context, unchanged
    runs folded. ``link(address)`` maps a ``pp:`` address to an href (or None to drop the link)."""
    if link is None:
        def link(address):
            parts = address[3:].split("/")
            if parts[0] == "section" and len(parts) == 3 and parts[1] == diff.id:
                return f"#sec-{parts[2]}"
            return None
    out = []
    for s in diff.sections:
        cls = {"added": "section added", "removed": "section removed"}.get(s.status, "section")
        if s.status == "moved-away":
            out.append(f'<section class="section moved-away" aria-label="Section {s.old_number}, moved">'
                       f'<p class="badge badge-change">Section {s.old_number} '
                       f'&ldquo;{html.escape(s.old_title or "")}&rdquo; moved to '
                       f'<a href="#sec-{html.escape(s.id, quote=True)}">section {s.new_number}</a>.'
                       f'</p></section>')
            continue
        out.append(f'<section class="{cls}">')
        out.append(_section_heading(s, link))
        out.append(_badges(s))
        if s.changed:
            out.append(render_section_blocks(s.blocks, context, link))
        elif s.blocks:
            out.append(_fold(s.blocks, link))
        out.append("</section>")
    return "\n".join(out)
