"""What comparing two versions of a policy finds: the result types of a redline.

A ``PolicyDiff`` holds its sections' ``SectionDiff``s in the new order, each holding its
``BlockDiff``s, each holding word ``Segment``s; ``source`` on a section or block says whether a
change came from the master text or from the school's own values (set by ``compare.attribute``).
``counts`` and ``section_changes`` summarise a policy's changes for the summary pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.diff.blocks import Block


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
        block = self.new if self.new is not None else self.old
        assert block is not None   # a diff has an old block, a new one or both
        return block


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
        title = self.new_title if self.new_title is not None else self.old_title
        assert title is not None   # a policy diff has an old title, a new one or both
        return title

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
        out: dict[str, list[SectionDiff]] = {"added": [], "removed": [], "moved": [], "reworded": []}
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

