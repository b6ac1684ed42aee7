"""A value an import found: ``FoundValue`` (public, as ``builder.importing.values.find.FoundValue``) and
the finders' shared list of them with how surely each is the school's (``Found``)."""

from __future__ import annotations

from dataclasses import dataclass

from builder.importing.values.text import CleanLine, snippet


@dataclass(frozen=True)
class FoundValue:
    key: str            # a dotted path into a school file
    value: object       # in the type the school file takes
    line: int           # the line of the imported document it came from
    source: str         # that line's text (shortened)
    note: str = ""      # what to check: a term read as a month, a new role id, a conflict
    conflict: bool = False   # the text gives another value for this key too
    new: bool = False   # a role id the pack does not use yet


class Found:
    def __init__(self):
        self.items: list[tuple[int, int, FoundValue]] = []   # (strength, order, value)

    def add(self, key, value, line: CleanLine, strength=1, note="", new=False, near: str | None = None):
        """One value found on ``line``; ``near``: the words it was read from, which the source
        snippet of a long line shows."""
        if value in (None, "", [], {}):
            return
        self.items.append((strength, len(self.items),
                           FoundValue(key, value, line.line, snippet(line.raw or line.text, around=near),
                                      note, False, new)))

    def keys(self) -> set[str]:
        return {f.key for _, _, f in self.items}
