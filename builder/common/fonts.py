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


# Characters the fonts lack that have a stand-in they draw the same way: text copied from Word or
# a PDF often has them (U+2010 HYPHEN for "co-ordinated"). The PDFs print the stand-in.
STAND_INS = {"\u2010": "-", "\u2011": "-", "\u2012": "\u2013", "\u2032": "'", "\u201b": "\u2018",
             "\u201f": "\u201c"}
_STAND_IN_TABLE = str.maketrans(STAND_INS)


def drawable(text: str) -> str:
    """``text`` with each character that has a stand-in (``STAND_INS``) replaced by it."""
    return text.translate(_STAND_IN_TABLE)


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` (each once, in order) that the shipped fonts cannot draw, even
    with a stand-in."""
    have = covered()
    return list(dict.fromkeys(c for c in text if ord(c) not in have and c not in STAND_INS
                              and unicodedata.category(c) not in _UNDRAWN))
