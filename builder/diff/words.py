"""Aligning two versions of a section: blocks with blocks, words with words.

Blocks are aligned with difflib; in a run of differing blocks, near-equal ones (``PAIR_RATIO``
of their words in common) are paired as *changed*, and the words of a changed block are
compared with difflib again (``diff_words``). Pure: no git, no files.
"""

from __future__ import annotations

import difflib

from builder.diff.blocks import Block, Elem, Tok
from builder.diff.changes import BlockDiff, Segment

# A changed block is paired with its new version when this much of its words survive.
PAIR_RATIO = 0.5


def diff_words(old: tuple, new: tuple) -> list[Segment]:
    """Word-level segments; a lone space between two changes joins them into one."""
    sm = difflib.SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    raw: list[tuple[list[Tok], list[Tok], bool]] = []  # (old_toks, new_toks, equal?)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        raw.append((list(old[i1:i2]), list(new[j1:j2]), op == "equal"))
    merged: list[tuple[list[Tok], list[Tok], bool]] = []
    for k, item in enumerate(raw):
        between_changes = (0 < k < len(raw) - 1 and item[2] and not raw[k - 1][2] and not raw[k + 1][2]
                           and all(not t.void and not t.text.strip() for t in item[0]))
        if between_changes:
            item = (item[0], item[1], False)
        if merged and not merged[-1][2] and not item[2]:
            merged[-1][0].extend(item[0])
            merged[-1][1].extend(item[1])
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
    out: list[BlockDiff] = []
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
        if d.op == "delete" and d.old is not None:
            d.old = Block(tuple(mapping.get(e.uid, e) for e in d.old.path), d.old.toks)

