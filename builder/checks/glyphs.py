"""Characters the PDFs cannot print: every PDF is set in the one font family shipped with the
package (builder/render/fonts), and the renderer knows no other font, so a character that family
has no glyph for is an E-FONT error at the place it was written (the Markdown sources, the values
of the trust, schools, policies and forms, then any rendered text none of those explains).

``check`` and ``build`` run this same check, so a pack that checks clean renders; the renderer's
own glyph check (builder.render.engine.check_glyphs) stays behind it for text that comes from
neither (a template of the package).
"""

from __future__ import annotations

import unicodedata

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.common.fonts import FONT_FAMILY, missing_glyphs
from builder.checks.sources import line_at, read_text, section_files, text_line, value_files

UNDEFINED_MARK = "⟦undefined⟧"   # what resolve/templating.py writes for an undefined variable


def _message(c: str, where: str) -> str:
    return (f"the character '{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}) {where} is not "
            f"in the PDF font ({FONT_FAMILY}, shipped with policypack), and the PDFs use no other "
            f"font: write it another way or leave it out")


def _offsets(text: str) -> list[tuple[str, int]]:
    """(character, first offset) of each character of ``text`` the shipped fonts lack."""
    return [(c, text.index(c)) for c in missing_glyphs(text)]


def check_glyphs(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[str] = set()    # characters already reported at their source

    # 1. the Markdown sources
    for src in section_files(pack, resolved):
        text = read_text(src.path) or ""
        for c, at in _offsets(text):
            seen.add(c)
            out.append(diagnostic(src.shown, line_at(text, at), "E-FONT",
                                  _message(c, "in the text"), src.school))

    # 2. values: the trust's, policy metadata and forms, each chosen school's
    for written, sid in value_files(pack, resolved):
        for ys in written.texts():
            for c, at in _offsets(ys.value):
                seen.add(c)
                out.append(diagnostic(ys.path, text_line(ys, ys.value, at), "E-FONT",
                                      _message(c, f"in the value '{ys.key}'"), sid))

    # 3. the rendered text of each section: a character none of the above explains (not the
    #    mark an undefined variable leaves, already an error of its own)
    for sid in sorted(resolved):
        for pid in sorted(resolved[sid].policies):
            for sec in resolved[sid].policies[pid].sections:
                for c, _at in _offsets(sec.markdown.replace(UNDEFINED_MARK, "")):
                    if c not in seen:
                        out.append(diagnostic(sec.shown, None, "E-FONT", _message(
                            c, f"in the rendered text of section '{sec.id}' of policy '{pid}'"), sid))
    return list(dict.fromkeys(out))
