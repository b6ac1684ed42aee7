"""A value YAML read as empty because an unquoted ``#`` began a comment (``colour: #6a1b4d``):
found from the source line, since the parsed value is only ``None``.

The rule: the key's line, after ``key:``, starts with ``#`` directly followed by something other
than a space (``#6a1b4d``, ``#SaferInternetDay``), or the key holds a colour. ``key:  # a note``
(``#`` then a space) is an author's comment on an empty key and is left alone.
"""

from __future__ import annotations

import functools
import os
import re

from builder.source.yamlsrc import SrcDict


@functools.lru_cache(maxsize=256)
def _lines(file: str, stamp: tuple) -> tuple[str, ...]:
    try:
        with open(file, encoding="utf-8") as fh:
            return tuple(fh.read().splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def source_line(m, key) -> str | None:
    """The text of the line ``key`` was written on in the file ``m`` was read from."""
    file = getattr(m, "file", "")
    line = m.lines.get(key) if isinstance(m, SrcDict) else None
    if not file or not line:
        return None
    try:
        st = os.stat(file)
    except OSError:
        return None
    lines = _lines(file, (st.st_mtime_ns, st.st_size))
    return lines[line - 1] if line <= len(lines) else None


def lost_to_comment(m, key, colour: bool = False) -> str | None:
    """The text a ``#`` hid after ``key:``, or None when the key was simply left empty."""
    text = source_line(m, key)
    if text is None:
        return None
    found = re.match(r"\s*(?:-\s+)?(?:['\"]?)" + re.escape(str(key)) + r"(?:['\"]?)\s*:\s*(#.*)$", text)
    if not found:
        return None
    rest = found.group(1).rstrip()
    if len(rest) > 1 and not rest[1].isspace() or colour:
        return rest
    return None


def comment_message(key, hidden: str) -> str:
    # (a comment of its own after the value stays one: "#6b3e1f   # chestnut brown")
    parts = re.split(r"(\s+)(?=#)", hidden, maxsplit=1)
    value, gap, comment = parts if len(parts) == 3 else (hidden, "", "")
    quoted = value.replace('"', '\\"')
    return (f"'{key}' was read as empty: YAML takes an unquoted '#' to the end of the line as a "
            f"comment, so '{value}' was dropped; quote the value: `{key}: \"{quoted}\"{gap}{comment}`")
