"""Comparing two rendered versions of one school's policy, and saying where each change came from.

``compare_policy(old, new)`` takes anything shaped like a ResolvedPolicy (``.id``, ``.title``,
``.sections`` of objects with ``id``, ``number``, ``title``, ``html``, ``origin``), or None for
a policy that does not exist on that side, and returns a ``changes.PolicyDiff``. The unit of
comparison is the rendered HTML, never the template source, so a changed variable, condition,
override or section order shows exactly where it lands.

Sections are matched by id (a section whose place in the order changed beyond insertions and
removals is *moved*); their blocks and words are aligned by ``words``. ``attribute`` labels
each change "master" or "school" against a *hybrid* rendering (the old master text with the new
school values); ``attribute_all`` labels them all with one source. Pure: no git, no files.
"""

from __future__ import annotations

from collections import Counter

from builder.diff.blocks import parse_blocks, words_of
from builder.diff.changes import BlockDiff, PolicyDiff, Segment, SectionDiff
from builder.diff.words import diff_blocks, diff_words


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
                         title_segments=diff_words(words_of(o.title), words_of(n.title)), blocks=bd,
                         origin=getattr(n, "origin", "trust"))
        if sd.changed:
            sd.status = "changed"
        return sd

    def removed(sid):
        o = old[sid]
        bl = blocks(o)
        return SectionDiff(sid, "removed", o.number, None, o.title, None,
                           title_segments=[Segment("delete", words_of(o.title))],
                           blocks=[BlockDiff("delete", b, None, [Segment("delete", b.toks)]) for b in bl],
                           origin=getattr(o, "origin", "trust"))

    def added(sid):
        n = new[sid]
        bl = blocks(n)
        return SectionDiff(sid, "added", None, n.number, None, n.title,
                           title_segments=[Segment("insert", words_of(n.title))],
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
                                       and s.status != "moved-away"), key=lambda s: s.old_number or 0)]
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

