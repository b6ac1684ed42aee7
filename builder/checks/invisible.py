"""Characters a reader cannot see that change what the text says or hides (E-INVISIBLE): the
controls that reorder text for right-to-left scripts, used outside them to make "must not" show
as "must ton" or a name read backwards, and the zero-width characters inside a word, which make
"Edith Cav\u200bell" look like a name the other checks then cannot find. Found in the Markdown
sources and in the values of the trust, policies, forms and each chosen school, at the line they
were written. (Right-to-left text itself, with its own marks, is left alone: only the explicit
embeddings, overrides and isolates are flagged, and zero-width characters between letters.)
"""

from __future__ import annotations

import re
import unicodedata

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.checks.sources import line_at, read_text, section_files, text_line, value_files

# explicit direction embeddings, overrides and isolates (Unicode's bidirectional controls)
_DIRECTION = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# zero-width space, word joiner, byte-order mark and zero-width (non-)joiners between two letters
# (the joiners stay legitimate next to emoji and in scripts that need them, never inside Latin words)
INVISIBLE = re.compile(rf"[{_DIRECTION}]|(?<=[^\W\d_])[\u200b\u2060\ufeff\u200c\u200d]+(?=[^\W\d_])|"
                       r"[\u200b\u2060\ufeff](?=[^\W\d_])|(?<=[^\W\d_])[\u200b\u2060\ufeff]")


def _message(c: str, where: str) -> str:
    what = ("changes the order in which the text after it is shown, so it reads other than it is "
            "written" if c in _DIRECTION else "cannot be seen, and splits the word it stands in, so "
            "a name or an address in it is not found")
    return (f"the invisible character U+{ord(c):04X} {unicodedata.name(c, 'unnamed')} {where} {what}: "
            f"delete it")


def check_invisible(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for src in section_files(pack, resolved):
        text = read_text(src.path) or ""
        for m in INVISIBLE.finditer(text):
            out.append(diagnostic(src.shown, line_at(text, m.start()), "E-INVISIBLE",
                                  _message(m.group()[0], "in the text"), src.school))
    for written, sid in value_files(pack, resolved):
        for ys in written.texts():
            for m in INVISIBLE.finditer(ys.value):
                out.append(diagnostic(ys.path, text_line(ys, ys.value, m.start()), "E-INVISIBLE",
                                      _message(m.group()[0], f"in the value '{ys.key}'"), sid))
    return list(dict.fromkeys(out))
