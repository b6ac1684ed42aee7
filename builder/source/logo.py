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
  entity) and may hold only SVG's drawing elements and attributes, by allow-lists
  (``ALLOWED_ELEMENTS``, ``ALLOWED_ATTRIBUTES``; a drawing program's own vocabularies, which no
  viewer draws, aside): no element of another vocabulary (XHTML's ``<meta>``, ``<img srcset>``,
  ``<link rel=preload>``), no script, event attribute (``on...``), ``foreignObject``, embedded
  document or animation; its ``<use>`` references may draw at most ``USE_LIMIT`` shapes and never
  refer to themselves; and no address that is not a fragment of the file itself (``#id``):
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
import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.common.diagnostics import PackError
from builder.common.limits import current, limit_message

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "http://www.w3.org/2000/svg"
LOGO_PIXELS = 4096          # a PNG logo's largest width and height (print at 300 dpi: 34 cm)
MEDIA_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
SITE_PATH = "assets/logo.{kind}"   # where a school's site keeps its logo

XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# What a logo may be made of: SVG's drawing elements, by an allow-list (anything else, and any
# element of another vocabulary, XHTML's included, is refused by name)
ALLOWED_ELEMENTS = frozenset("""
svg g defs symbol use title desc metadata switch view a style image feImage
path rect circle ellipse line polyline polygon text tspan textPath
linearGradient radialGradient stop pattern clipPath mask marker
filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR
feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting
feSpotLight feTile feTurbulence
""".split())
# Attributes of those elements (geometry, presentation, text, paint servers, filters); any
# other name, or one in another namespace than xlink: and xml:, is refused
ALLOWED_ATTRIBUTES = frozenset("""
id class style lang tabindex role aria-label aria-labelledby aria-describedby aria-hidden focusable
version baseProfile width height viewBox preserveAspectRatio x y x1 y1 x2 y2 cx cy r rx ry fx fy fr
d points pathLength transform href title space
fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin
stroke-miterlimit stroke-dasharray stroke-dashoffset opacity color color-interpolation
color-interpolation-filters color-rendering clip-path clip-rule mask filter display visibility
overflow shape-rendering text-rendering image-rendering paint-order vector-effect isolation
mix-blend-mode marker-start marker-mid marker-end markerWidth markerHeight markerUnits refX refY
orient font-family font-size font-size-adjust font-stretch font-style font-variant font-weight
text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing
text-decoration writing-mode direction unicode-bidi dx dy rotate textLength lengthAdjust
startOffset method spacing side
gradientUnits gradientTransform spreadMethod offset stop-color stop-opacity
patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
filterUnits primitiveUnits in in2 result mode type values operator k1 k2 k3 k4 order kernelMatrix
divisor bias targetX targetY edgeMode kernelUnitLength preserveAlpha surfaceScale diffuseConstant
specularConstant specularExponent lighting-color scale xChannelSelector yChannelSelector
stdDeviation flood-color flood-opacity radius azimuth elevation pointsAtX pointsAtY pointsAtZ
limitingConeAngle z baseFrequency numOctaves seed stitchTiles tableValues slope intercept
amplitude exponent requiredExtensions requiredFeatures systemLanguage media
""".split())
# the vocabularies drawing programs write beside SVG's, which no viewer draws or runs (Inkscape's
# layers and view settings, the RDF licence block in <metadata>): kept; any other refused
EDITOR_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/",
})
USE_LIMIT = 10_000   # shapes a logo may draw once its references (<use>, url(#id)) are followed
URL_REF = re.compile(r"url\(\s*['\"]?#([^'\")\s]+)")   # a paint server, mask or filter by its id

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
        if namespace(el.tag) in EDITOR_NAMESPACES:     # <sodipodi:namedview>, <rdf:RDF>: never drawn
            if any(local(a).lower().startswith("on") or local(a).lower() in ("href", "src") for a in el.attrib):
                return f"has an address or event on a drawing program's element (<{name}>): remove it"
            continue
        if not el.tag.startswith(f"{{{SVG_NS}}}"):
            return (f"has an element of another vocabulary (<{name}> of {namespace(el.tag) or 'no namespace'}): "
                    f"a logo may hold only SVG's shapes, text and styles; save it as plain SVG")
        if name not in ALLOWED_ELEMENTS:
            return f"has an element a logo may not hold (<{name}>): a logo may hold only shapes, text and styles"
        if name == "style" and (problem := css_problem(el.text or "")):
            return f"has a <style> that {problem}"
        for attr, value in el.attrib.items():
            aname = local(attr)
            if aname.lower().startswith("on"):
                return (f"has an event attribute ({aname} on <{name}>), which runs a script: "
                        f"remove it")
            if namespace(attr) in EDITOR_NAMESPACES:
                continue       # inkscape:label, sodipodi:docname: read by the drawing program only
            if namespace(attr) not in ("", XLINK_NS, XML_NS) or aname not in ALLOWED_ATTRIBUTES:
                return (f"has an attribute a logo may not hold ({aname} on <{name}>"
                        f"{' of ' + namespace(attr) if namespace(attr) else ''}): save it as plain SVG")
            if aname.lower() in ("href", "src"):
                if not fragment(value):
                    return (f"links to '{shorten(value)}' ({aname} on <{name}>): a logo may refer "
                            f"only to its own parts (#id), never to another file or address")
                continue
            if (problem := css_problem(value, attribute=True)):
                return f"has an attribute {aname} on <{name}> that {problem}"
    return use_problem(root)


def use_problem(root) -> str | None:
    """Why the logo's references draw too much, or None: each element counts the shapes it
    draws, a <use> (or a fill, stroke, mask or filter by url(#id)) the shapes of what it refers
    to, so nested references that multiply ("a 1 KB file that draws a million shapes") or refer
    to themselves are refused before any output draws them. Counted without recursion."""
    by_id = {el.get("id"): el for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    drawn: dict[int, int] = {}
    state: dict[int, str] = {}

    def refers(el) -> list:
        """What drawing ``el`` draws: its children, what its <use> or template href names, and
        every element a url(#id) of its attributes or style paints with (a pattern, a mask)."""
        out = list(el)
        targets = [el.get("href") or el.get(f"{{{XLINK_NS}}}href") or ""]
        targets += ["#" + m.group(1) for value in el.attrib.values() for m in URL_REF.finditer(value)]
        if local(el.tag) == "style":
            targets += ["#" + m.group(1) for m in URL_REF.finditer(el.text or "")]
        for target in targets:
            if target.startswith("#") and target[1:] in by_id:
                out.append(by_id[target[1:]])
        return out

    todo = [(root, False)]
    while todo:
        el, done = todo.pop()
        key = id(el)
        if done:
            drawn[key] = min(USE_LIMIT + 1, 1 + sum(drawn[id(c)] for c in refers(el) if isinstance(c.tag, str)))
            state[key] = "done"
            continue
        if state.get(key) == "done":
            continue
        if state.get(key) == "open":
            return "has a <use> that refers to itself, directly or through others: remove the loop"
        state[key] = "open"
        todo.append((el, True))
        for child in refers(el):
            if not isinstance(child.tag, str):
                continue
            if state.get(id(child)) == "open":
                return "has a <use> that refers to itself, directly or through others: remove the loop"
            if state.get(id(child)) != "done":
                todo.append((child, False))
    if drawn[id(root)] > USE_LIMIT:
        return (f"draws more than {USE_LIMIT:,} shapes once its <use> references are followed: "
                f"a logo this heavy slows every page; draw it without nested copies")
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


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def fragment(value: str) -> bool:
    """A reference to an element of the same file: ``#id`` and nothing else."""
    v = str(value).strip()
    return len(v) > 1 and v.startswith("#") and all(c.isalnum() or c in "-_.:" for c in v[1:])


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def shorten(text: str, n: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n - 3] + "..."
