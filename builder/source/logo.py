"""A school's (or the trust's) logo: read once when the pack is read, and checked by what the
file holds, not by its name, before any output shows it.

School folders are edited by many hands, and the logo is published in every page of the school's
site and printed on every policy and form PDF, so it is held to these rules (``read_logo``):

- an SVG or a PNG image, told by its bytes: the PNG signature and its IHDR header (read with
  Pillow, which checks the chunks), or XML whose root is an SVG ``<svg>`` element; the file's
  name must say the same (``.svg``, ``.png``), so a browser or server that goes by the name
  reads it as what it is;
- at most ``settings: limits: logo_kb`` (E-LIMIT), and a PNG at most ``LOGO_PIXELS`` pixels
  wide and high (checked from the header, before any pixel is decoded);
- an SVG is parsed by defusedxml with any DOCTYPE or ENTITY refused (no entity bomb, no external
  entity) and may hold no script, event attribute (``on...``), ``foreignObject``, embedded
  document or animation, and no address that is not a fragment of the file itself (``#id``):
  not in an ``href`` of any namespace, not in a ``url(...)`` of a style or presentation
  attribute (read with tinycss2, so CSS escapes cannot hide one), no ``@import``, no processing
  instruction (``<?xml-stylesheet ...?>``).

Anything else is one E-LOGO error at the line of ``logo:``, naming the school. Because it happens
while the pack is read, ``check`` and ``build`` report the same error.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from builder.common.diagnostics import PackError
from builder.common.limits import current, limit_message

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "http://www.w3.org/2000/svg"
LOGO_PIXELS = 4096          # a PNG logo's largest width and height (print at 300 dpi: 34 cm)
MEDIA_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
SITE_PATH = "assets/logo.{kind}"   # where a school's site keeps its logo

# elements that run, embed or fetch something, or change the picture over time
REFUSED_ELEMENTS = {
    "script": "a script", "foreignobject": "a foreignObject (HTML inside the SVG)",
    "iframe": "an embedded document", "embed": "an embedded document",
    "object": "an embedded document", "audio": "a sound", "video": "a video",
    "handler": "an event handler", "listener": "an event listener",
    "animate": "an animation", "set": "an animation", "animatemotion": "an animation",
    "animatetransform": "an animation", "animatecolor": "an animation", "discard": "an animation",
}

# What other formats begin with, to say what a file is when it is neither SVG nor PNG.
OTHER_FORMATS = (
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF", "a PDF document"), (b"BM", "a BMP image"), (b"II*\0", "a TIFF image"),
    (b"MM\0*", "a TIFF image"), (b"PK\x03\x04", "a ZIP archive (an Office document?)"),
    (b"\0\0\1\0", "an icon file"),
)


@dataclass(frozen=True)
class Logo:
    """A checked logo: its bytes and what the outputs need to show it."""
    shown: str                  # its path in the pack, as messages show it
    kind: str                   # "svg" or "png"
    alt: str                    # the image's text alternative: "<school or trust name> logo"
    digest: str                 # SHA-256 of the bytes: part of every affected output's key
    data: bytes = field(repr=False)

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]

    @property
    def site_path(self) -> str:
        """The logo's file in a school's site, relative to the site's folder."""
        return SITE_PATH.format(kind=self.kind)

    @property
    def data_uri(self) -> str:
        """The bytes inside the document (PDFs): the renderer fetches nothing."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def logo_alt(name: str) -> str:
    return f"{' '.join(str(name).split())} logo"


def read_logo(path: Path, shown: str, w, alt: str) -> Logo:
    """The logo at ``path`` (inside the pack: load.local_file checked that), checked; a
    PackError at ``w`` (the line of ``logo:``) says what is wrong with it."""

    cap = current().logo_kb * 1024
    try:
        with open(path, "rb") as f:
            data = f.read(cap + 1)
    except OSError as exc:
        raise PackError(w.err("E-MISSING-FILE", f"cannot read logo '{shown}' "
                                                f"({exc.strerror or exc})")) from None
    if len(data) > cap:
        raise PackError(w.err("E-LIMIT", limit_message(
            f"logo '{shown}' is too large", f"{current().logo_kb} KB", "logo_kb")))
    kind = sniff(data)
    if kind is None:
        raise PackError(w.err("E-LOGO", f"logo '{shown}' is {what_it_is(data)}, not an SVG or "
                                        f"PNG image: save the logo as SVG or PNG"))
    suffix = Path(shown).suffix.lower().lstrip(".")
    if suffix != kind:
        named = f"named .{suffix}" if suffix else "named without .svg or .png"
        raise PackError(w.err("E-LOGO", f"logo '{shown}' holds {kind.upper()} data but is "
                                        f"{named}: name it '{Path(shown).stem}.{kind}'"))
    problem = png_problem(data) if kind == "png" else svg_problem(data)
    if problem:
        raise PackError(w.err("E-LOGO", f"logo '{shown}' {problem}"))
    return Logo(shown=shown, kind=kind, alt=alt, digest=hashlib.sha256(data).hexdigest(), data=data)


def sniff(data: bytes) -> str | None:
    """'png', 'svg' or None, from the bytes alone."""
    if data.startswith(PNG_SIGNATURE):
        return "png"
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<") and b"svg" in data[:65536]:   # <svg ...>, or <s:svg xmlns:s=...>
        return "svg"
    return None


def what_it_is(data: bytes) -> str:
    if not data.strip():
        return "an empty file"
    for start, name in OTHER_FORMATS:
        if data.startswith(start):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if data.lstrip().startswith(b"<"):
        return "XML or HTML without an <svg> element"
    return "not an image this tool reads"


def png_problem(data: bytes) -> str | None:
    """Why a PNG (by its signature) cannot be the logo, or None: its header must be a sound
    IHDR within the pixel bounds, and every chunk's checksum right (Pillow's verify)."""
    from PIL import Image, UnidentifiedImageError

    if len(data) < 33 or data[12:16] != b"IHDR":
        return "is not a sound PNG image (its first chunk is not the IHDR header)"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if not (1 <= width <= LOGO_PIXELS and 1 <= height <= LOGO_PIXELS):
        return (f"is {width} x {height} pixels: a logo may be at most {LOGO_PIXELS} x "
                f"{LOGO_PIXELS} pixels (make it smaller, or use SVG)")
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as im:
            if im.size != (width, height):
                return "is not a sound PNG image (its header cannot be read)"
            im.verify()    # chunk checksums, without decoding the pixels
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        return f"is not a sound PNG image ({' '.join(str(exc).split()) or type(exc).__name__})"
    return None


def svg_problem(data: bytes) -> str | None:
    """Why an SVG cannot be the logo, or None (the rules in the module's docstring)."""
    from xml.etree.ElementTree import ParseError, TreeBuilder

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    class Builder(TreeBuilder):   # notes processing instructions, before the root too
        def pi(self, target, text=None):
            pis.append(f"{target} {text or ''}".strip())
            return super().pi(target, text)

    pis: list[str] = []
    try:
        parser = DefusedXMLParser(target=Builder(), forbid_dtd=True, forbid_entities=True,
                                  forbid_external=True)
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        name = type(exc).__name__
        what = "a DOCTYPE" if "DTD" in name else "an ENTITY declaration" if "Entit" in name \
            else "an external reference"
        return (f"has {what}: an SVG logo may not declare a DOCTYPE or entities (they can make "
                f"a small file huge, or read other files); remove it")
    except (ParseError, ValueError) as exc:
        return f"is not well-formed XML ({' '.join(str(exc).split())})"
    if pis:
        return (f"has a processing instruction (<?{shorten(pis[0], 40)}?>), which can load a "
                f"stylesheet: remove it")
    if root.tag != f"{{{SVG_NS}}}svg":
        return (f"is not an SVG image: its root element is <{local(root.tag)}> (an SVG starts "
                f'with <svg xmlns="{SVG_NS}">)')
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = local(el.tag)
        if name.lower() in REFUSED_ELEMENTS:
            return f"has {REFUSED_ELEMENTS[name.lower()]} (<{name}>): a logo may hold only shapes, text and styles"
        if name == "style" and (problem := css_problem(el.text or "")):
            return f"has a <style> that {problem}"
        for attr, value in el.attrib.items():
            aname = local(attr)
            if aname.lower().startswith("on"):
                return (f"has an event attribute ({aname} on <{name}>), which runs a script: "
                        f"remove it")
            if aname.lower() in ("href", "src"):
                if not fragment(value):
                    return (f"links to '{shorten(value)}' ({aname} on <{name}>): a logo may refer "
                            f"only to its own parts (#id), never to another file or address")
                continue
            if (problem := css_problem(value, attribute=True)):
                return f"has an attribute {aname} on <{name}> that {problem}"
    return None


def css_problem(text: str, attribute: bool = False) -> str | None:
    """Why a style (a <style> element, a style or presentation attribute) cannot be in a logo:
    an @import, or a url() (or src()) that is not a fragment of the file itself."""
    import tinycss2
    from tinycss2.ast import (AtRule, CurlyBracketsBlock, Declaration, FunctionBlock, Node, ParenthesesBlock,
                              QualifiedRule, SquareBracketsBlock, StringToken, URLToken)

    if attribute and "(" not in text and "\\" not in text:
        return None     # a plain value (a colour, a length, a path's data): nothing to fetch
    tokens = tinycss2.parse_component_value_list(text) if attribute else \
        tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    todo: list[Node] = list(tokens)
    while todo:
        t = todo.pop()
        if isinstance(t, AtRule):
            if t.lower_at_keyword == "import":
                return "imports another stylesheet (@import): remove it"
            todo.extend(t.prelude or [])
            todo.extend(t.content or [])
        elif isinstance(t, QualifiedRule):
            todo.extend(t.prelude or [])
            todo.extend(t.content or [])
        elif isinstance(t, Declaration):
            todo.extend(t.value or [])
        elif isinstance(t, URLToken):
            if not fragment(t.value):
                return f"loads '{shorten(t.value)}' (url(...)): a logo may refer only to its own parts (#id)"
        elif isinstance(t, FunctionBlock):
            if t.lower_name in ("url", "src", "image", "image-set", "-webkit-image-set", "element"):
                args = [a for a in t.arguments if getattr(a, "type", "") not in ("whitespace", "comment")]
                target = args[0].value if args and isinstance(args[0], StringToken) else None
                if t.lower_name in ("url", "src") and target is not None and fragment(target):
                    continue
                return (f"loads '{shorten(tinycss2.serialize([t]))}': a logo may refer only to "
                        f"its own parts (#id)")
            todo.extend(t.arguments)
        elif isinstance(t, (ParenthesesBlock, SquareBracketsBlock, CurlyBracketsBlock)):
            todo.extend(t.content)
    return None


def fragment(value: str) -> bool:
    """A reference to an element of the same file: ``#id`` and nothing else."""
    v = str(value).strip()
    return len(v) > 1 and v.startswith("#") and all(c.isalnum() or c in "-_.:" for c in v[1:])


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def shorten(text: str, n: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n - 3] + "..."
