"""WCAG 2.2 contrast for a school's colour: links and headings use it on white, the header puts
white (or black) text on it. A colour too light for 4.5:1 on white is darkened until it passes."""

from __future__ import annotations

import re

DEFAULT_COLOUR = "#1d4e89"


def _lum(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_lum(a), _lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def accessible_accent(hex_colour: str, minimum: float = 4.5) -> tuple[str, bool]:
    """The colour, or the nearest darker shade with ``minimum`` contrast on white."""
    colour = hex_colour.lower()
    if contrast(colour, "#ffffff") >= minimum:
        return colour, False
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    for step in range(1, 101):
        f = 1 - step / 100
        shade = "#" + "".join(f"{int(c * f):02x}" for c in rgb)
        if contrast(shade, "#ffffff") >= minimum:
            return shade, True
    return "#000000", True


def text_on(hex_colour: str) -> str:
    return "#ffffff" if contrast(hex_colour, "#ffffff") >= contrast(hex_colour, "#000000") else "#000000"


def contrast_problem(hex_colour: str, minimum: float = 4.5) -> str | None:
    """What to tell the pack's author when a school colour fails contrast with white, or None.
    For a check to report as a warning at the colour's line (the site and PDFs use the shade)."""
    colour = hex_colour.lower()
    ratio = contrast(colour, "#ffffff")
    if ratio >= minimum:
        return None
    shade, _ = accessible_accent(colour, minimum)
    return (f"colour '{hex_colour}' has only {ratio:.1f}:1 contrast with white (WCAG AA needs "
            f"{minimum:g}:1 for text): the pages use the darker shade '{shade}' "
            f"({contrast(shade, '#ffffff'):.1f}:1) instead; write that, or a darker colour of your own")


def school_accent(values: dict) -> str:
    """The accent every output of a school uses: its colour, darkened where too light."""
    colour = str(values.get("colour") or DEFAULT_COLOUR)
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        colour = DEFAULT_COLOUR
    return accessible_accent(colour)[0]
