"""The one font family every PDF is set in: its files (package data in ``render/fonts/``, beside
the renderer), its name, and the characters it can draw. The glyph check of the text (checks)
and the renderer's own check (render/engine.py) both ask here."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

FONTS_DIR = Path(__file__).parent.parent / "render" / "fonts"   # the files, licence, rules
FONT_FAMILY = "Atkinson Hyperlegible Next"          # the family fonts.css declares
FONT_FILES = ("AtkinsonHyperlegibleNext-Regular.ttf", "AtkinsonHyperlegibleNext-Bold.ttf",
              "AtkinsonHyperlegibleNext-Italic.ttf", "AtkinsonHyperlegibleNext-BoldItalic.ttf")


@functools.cache
def covered() -> frozenset[int]:
    """The characters every shipped file has a glyph for (bold and italic as well as regular)."""
    from fontTools.ttLib import TTFont   # loaded only when a text is checked
    sets = [set(TTFont(FONTS_DIR / name).getBestCmap()) for name in FONT_FILES]
    return frozenset(set.intersection(*sets))


# Not drawn as glyphs: controls, format characters (soft hyphen, zero-width joiners), line and
# paragraph separators; a space the font lacks is made from its own space (Pango).
_UNDRAWN = {"Cc", "Cf", "Zl", "Zp", "Zs"}


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` (each once, in order) that the shipped fonts cannot draw."""
    have = covered()
    return list(dict.fromkeys(c for c in text if ord(c) not in have
                              and unicodedata.category(c) not in _UNDRAWN))
