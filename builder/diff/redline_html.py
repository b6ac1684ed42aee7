"""A policy's redline as HTML: the final text, insertions and deletions marked word by word.

``render_redline(diff)`` turns a ``changes.PolicyDiff`` into an HTML fragment: every section's
number and heading kept, insertions and deletions marked (``<ins>``/``<del>`` with visually
hidden "inserted:"/"deleted:" words for screen readers), a label after each change saying
whether it came from the master text or the school's values, unchanged runs folded into
``<details>``. Rendering reopens the block elements each shown block sits in, so the output is
well-formed HTML.
"""

from __future__ import annotations

import html

from builder.diff.blocks import VOID_TAGS, Elem, attrs_html
from builder.diff.changes import BlockDiff, PolicyDiff, SectionDiff

ATTRIBUTION_LABELS = {"master": "Master text", "school": "School value",
                      "both": "Master text and school value"}

SR_LABEL = {"insert": "inserted", "delete": "deleted"}
TAG_FOR = {"insert": "ins", "delete": "del"}


def _render_toks(toks, link) -> str:
    """Inline content, opening and closing inline elements as the marks change."""
    out: list[str] = []
    stack: list = []       # the marks open now, outermost first
    for t in toks:
        marks = list(t.marks)
        common = 0
        while common < min(len(stack), len(marks)) and stack[common] == marks[common]:
            common += 1
        for tag, _ in reversed(stack[common:]):
            out.append(f"</{tag}>")
        for tag, attrs in marks[common:]:
            out.append(f"<{tag}{attrs_html(_inline_attrs(tag, attrs, link))}>")
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
            self.out.append(f"<{e.tag}{attrs_html(attrs)}>")
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
