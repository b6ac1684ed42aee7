"""What is written from the declared schema: the key reference page of the docs (Markdown) and a
JSON Schema (draft 2020-12) of each file kind, for editors."""

from __future__ import annotations

import re
import textwrap

from builder.common import markers
from builder.source.schema.files import FILES
from builder.source.schema.mapping import Key, Mapping
from builder.source.schema.types import ListOf, MapOf

PAGE = "docs/reference/keys.md"
COMMAND = f".venv/bin/python -m builder.source.schema --docs {PAGE}"
START = f"<!-- keys:start: written from builder/source/schema/files.py by `{COMMAND}` -->"
END = "<!-- keys:end -->"
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
    """The key reference: a table of every key for each file kind, under a heading of its own."""
    parts = [_wrap("`[]` is each entry of a list, `<name>` a key of your choosing.")]
    for fk in FILES.values():
        parts += ["", f"## `{fk.path}`", "", _wrap(fk.help), "",
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


# ---------------------------------------------------------------- the docs page

def section_of(page: str) -> str | None:
    """The text between a page's keys markers, or None when it has none."""
    return markers.section_of(page, "keys")


def with_section(page: str, reference: str) -> str:
    """``page`` with the text between its keys markers replaced by ``reference``."""
    return markers.with_section(page, "keys", START, reference, "the key reference")
