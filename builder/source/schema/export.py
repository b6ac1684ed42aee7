"""What is written from the declared schema: the README's key reference (Markdown) and a JSON
Schema (draft 2020-12) of each file kind, for editors."""

from __future__ import annotations

import re
import textwrap

from builder.source.schema.files import FILES
from builder.source.schema.mapping import Key, Mapping
from builder.source.schema.types import ListOf, MapOf

HEADING = "### Key reference"
PARENT = "## Writing the pack"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


# ---------------------------------------------------------------- JSON Schema

def json_schema(kind: str) -> dict:
    """The JSON Schema of one file kind ("trust", "school", "policy", "form"): every declared key
    with its help text as description and its default."""
    fk = FILES[kind]
    return {"$schema": DRAFT, "title": f"policypack {fk.path}", "description": fk.help,
            **fk.root.json()}


# ---------------------------------------------------------------- the key reference

def markdown() -> str:
    """The README's "Key reference" section, heading included."""
    parts = [HEADING, "", _wrap(
        "Every key of each pack file, written from the declaration the loader checks the files "
        "with (`builder/source/schema/files.py`), so it cannot drift from the code: "
        "`.venv/bin/python -m builder.source.schema --readme README.md` rewrites this section, "
        "and a test fails when it is out of date; `--json KIND` prints the same declaration as a "
        "JSON Schema for an editor. `[]` is each entry of a list, `<name>` a key of your "
        "choosing.")]
    for fk in FILES.values():
        parts += ["", f"#### `{fk.path}`", "", _wrap(fk.help), "",
                  "| key | type | default | what it is |", "| --- | --- | --- | --- |"]
        parts += _rows(fk.root, "")
    return "\n".join(parts) + "\n"


def _rows(mapping: Mapping, prefix: str) -> list[str]:
    rows = []
    for key in mapping.keys:
        path = prefix + key.name
        cells = [f"`{path}`", _type(key), _default(key), _cell(key.help)]
        rows.append(("| " + " | ".join(cells) + " |").replace("|  |", "| |"))
        rows += _below(key.type, path)
    return rows


def _below(t, path: str) -> list[str]:
    if isinstance(t, Mapping):
        return [] if t.brief else _rows(t, path + ".")
    if isinstance(t, ListOf):
        return _below(t.item, path + "[]")
    if isinstance(t, MapOf):
        return _below(t.value, f"{path}.<{t.name}>")
    return []


def _type(key: Key) -> str:
    words = "mapping" if isinstance(key.type, Mapping) else key.type.words
    return words + (", **required**" if key.required else "")


def _default(key: Key) -> str:
    d = key.default
    if d is None or d == {}:
        return ""
    if isinstance(d, bool):
        return f"`{str(d).lower()}`"
    if isinstance(d, list):
        return "`[]`" if not d else _cell(", ".join(f"`{x}`" for x in d))
    if isinstance(d, str) and (d == "" or re.fullmatch(r"[\d.]+", d)):
        return f'`"{d}"`'  # text, though YAML would read it as a number
    return f"`{d}`"


def _wrap(text: str) -> str:
    """Lines of at most 100 characters, never breaking inside `code`."""
    kept = re.sub(r"`[^`]*`", lambda m: m.group(0).replace(" ", "\0"), text)
    return textwrap.fill(kept, width=100, break_long_words=False,
                         break_on_hyphens=False).replace("\0", " ")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# ---------------------------------------------------------------- README

def section_of(readme: str) -> str | None:
    """The key reference section of a README's text, or None when it has none."""
    m = _section_re().search(readme)
    return m.group(0).rstrip("\n") + "\n" if m else None


def with_section(readme: str, section: str) -> str:
    """``readme`` with its key reference replaced by ``section`` (added at the end of "Writing
    the pack" when it has none)."""
    m = _section_re().search(readme)
    if m:
        gap = "\n" if m.end() < len(readme) else ""
        return readme[:m.start()] + section + gap + readme[m.end():]
    start = readme.index(PARENT + "\n")
    nxt = re.compile(r"^## ", re.M).search(readme, start + len(PARENT))
    at = nxt.start() if nxt else len(readme)
    return readme[:at].rstrip("\n") + "\n\n" + section + "\n" + readme[at:]


def _section_re():
    # the heading to the next heading of the same level or above (its own "####" stay inside)
    return re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^##?#? |\Z)", re.M | re.S)
