"""WeasyPrint's PDF objects (pydyf), as our finishers read them before the file is written.

pydyf holds a reference to another object as the bytes it will write, ``b"12 0 R"``, and a text
string as a ``pydyf.String``. Used by the form field clean-up (render_form), the signature
fields (signing) and the link outline (render/outlines.py).
"""

from __future__ import annotations

import re

_REF = re.compile(rb"(\d+) (\d+) R")


def ref_number(value) -> int | None:
    """The object number a reference (``b"12 0 R"``, or the same as text) points to, else None."""
    if isinstance(value, str):
        value = value.encode("latin-1", "replace")
    if not isinstance(value, bytes):
        return None
    m = _REF.fullmatch(value)
    return int(m.group(1)) if m else None


def deref(pdf, value):
    """The object a reference points to; anything else (a dictionary written inline) as it is."""
    number = ref_number(value)
    return value if number is None else pdf.objects[number]


def text(value) -> str:
    """A string's text (a ``pydyf.String``, bytes or str); "" for None."""
    if value is None:
        return ""
    value = getattr(value, "string", value)
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)
