"""A generated part of a docs page: the text between ``<!-- NAME:start ... -->`` and
``<!-- NAME:end -->`` lines, which a command rewrites in place (the diagnostics tables, the key
reference, the requirements register) and a test compares with what it would write."""

from __future__ import annotations

import re


def _between(name: str) -> re.Pattern[str]:
    return re.compile(rf"^<!-- {re.escape(name)}:start\b[^\n]*-->\n(?P<body>.*?)^<!-- "
                      rf"{re.escape(name)}:end -->", re.M | re.S)


def section_of(page: str, name: str) -> str | None:
    """The text between the page's NAME markers (its blank first and last lines left out), or
    None when it has none."""
    m = _between(name).search(page)
    return m.group("body").strip("\n") + "\n" if m else None


def with_section(page: str, name: str, start: str, body: str, what: str) -> str:
    """``page`` with the text between its NAME markers replaced by ``body`` (``start`` the start
    line written); ValueError naming ``what`` when the page has no markers."""
    m = _between(name).search(page)
    end = f"<!-- {name}:end -->"
    if m is None:
        raise ValueError(f"the page has no '{start}' ... '{end}' lines to write {what} between")
    return page[:m.start()] + f"{start}\n\n{body}\n{end}" + page[m.end():]
