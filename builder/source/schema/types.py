"""The types of value the pack files' schema is declared in (text, number, true/false, date,
review cycle, id, colour, web address, list of X, mapping of names to X), each with its check.

A type checks a value parsed from YAML (``SrcDict``/``SrcList``, so every value knows its file and
line) and returns it clean: text stripped, dates and review cycles parsed. Each problem is a
diagnostic with file, line and school; a list's or mapping's entries are checked independently,
so one run reports them all. Each type also gives its JSON Schema and its words in the key
reference. ``mapping.py`` holds the declared mapping (``Key``, ``Mapping``) built from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from builder.common import limits
from builder.common.addresses import web_problem
from builder.common.diagnostics import Collector, PackError
from builder.source.values import (COLOUR_RE, SLUG_RE, Where, kind, parse_cycle,
                                   slug, text_value, where_of, wrong_type)
from builder.source.yamlsrc import SrcDict, SrcList
from builder.source.review_text import pack_date
from builder.source.schema.comments import comment_message, lost_to_comment
from builder.source.examples import fix, name_of

if TYPE_CHECKING:
    from builder.source.schema.mapping import Mapping


@dataclass(slots=True)
class At:
    """A value being checked: where it is (``src[index]``, a mapping's key or a list's index) and
    how messages name it."""

    src: object              # the mapping or list it is in
    index: object            # its key or index there
    school: str | None
    key: str | None          # the key it is under; None for an entry of a list or mapping
    what: str                # the mapping it is in, as messages name it: "policy 'x'", "a section"
    label: str               # the value named alone: "version date", "forms add", "lists.blocked"
    out: Collector
    required: bool = False
    id: str | None = None    # an entry's key in its mapping ("dsl" in roles)
    partial: bool = False    # required keys are checked later, on the merged mapping

    @property
    def w(self) -> Where:  # made when needed: most values have no problem
        return where_of(self.src, self.index, self.school)

    def wrong(self, need: str, value) -> PackError:
        hint = fix(name_of(self.key or self.label), need, value)
        if self.key is None:
            return PackError(self.w.err("E-TYPE", f"{self.label} must be {need}, not {kind(value)}"
                                                  f"{hint}"))
        exc = wrong_type(self.w, self.key, self.what, need, value)
        if hint:
            d = exc.diagnostics[0]
            exc = PackError(self.w.err(d.code, d.message + hint))
        return exc


SLOW = object()  # what ``quick`` returns when a value needs ``parse``


class Type:
    """A kind of value. ``words`` is how the key reference names it (``plural``: several)."""

    words = "any value"
    is_mapping = False       # a mapping of declared keys (mapping.py)

    @property
    def plural(self) -> str:
        return self.words

    def parse(self, value, at: At):
        return value

    def quick(self, value):
        """The clean value of a value that plainly is right (most are), without an ``At``."""
        return SLOW

    def json(self) -> dict:
        return {}

    def label(self, key: str) -> str:
        return key



class Anything(Type):
    plural = "values"

    def quick(self, value):
        return value


class Text(Type):
    words = "text"

    def __init__(self, choices: tuple = ()):
        self.choices = tuple(choices)
        if choices:
            self.words = "one of " + ", ".join(f"`{c}`" for c in choices)

    def quick(self, value):
        if type(value) is str and not self.choices:
            value = value.strip()
            if value:
                return value
        return SLOW

    def parse(self, value, at):
        text = text_value(value)
        if text is None:
            raise at.wrong("text", value)
        text = text.strip()
        if at.required and not text:
            raise PackError(at.w.err("E-MISSING", f"'{at.key}' in {at.what} is empty"))
        if self.choices and text not in self.choices:
            raise PackError(at.w.err("E-VALUE", f"{at.key} '{text}' in {at.what} must be one of: "
                                                f"{', '.join(self.choices)}"))
        return text

    def json(self):
        if self.choices:
            return {"enum": list(self.choices)}
        return {"type": ["string", "number"]}


class Number(Type):
    words = "number"

    def parse(self, value, at):
        if not isinstance(value, int) or isinstance(value, bool):
            raise at.wrong("a whole number", value)
        return value

    def quick(self, value):
        return value if type(value) is int else SLOW

    def json(self):
        return {"type": "integer"}


class Flag(Type):
    words = "true/false"

    def parse(self, value, at):
        if not isinstance(value, bool):
            raise at.wrong("true or false", value)
        return value

    def quick(self, value):
        return value if value is True or value is False else SLOW

    def json(self):
        return {"type": "boolean"}


class Date(Type):
    words = "date"

    def parse(self, value, at):
        if text_value(value) is None:
            raise at.wrong("text", value)
        return pack_date(value, at.w, at.label)      # (or as people write it: "14 January 2025")

    def json(self):
        # (YYYY-MM-DD, YYYY-MM, or a date as people write it: with its year in four digits)
        return {"type": "string", "pattern": r"(?:19|20)\d\d"}

    def label(self, key):
        return key.replace("_", " ") + " date"


class Cycle(Type):
    words = "review cycle"

    def parse(self, value, at):
        return parse_cycle(value, at.w, at.label)

    def json(self):
        return {"type": "string", "examples": ["annually", "2 years", "every two years", "6 months"]}

    def label(self, key):
        return "review cycle"


class Id(Type):
    words, plural = "id", "ids"

    def parse(self, value, at):
        return slug(Text().parse(value, at), at.w, at.label)

    def json(self):
        return {"type": "string", "pattern": SLUG_RE.pattern}

    def label(self, key):
        return key.replace("_", " ")


class Colour(Type):
    words = "colour `#rrggbb`"

    def parse(self, value, at):
        text = Text().parse(value, at)
        if not COLOUR_RE.match(text):
            raise PackError(at.w.err("E-COLOUR", f"{at.label} '{text}' must be written #rrggbb"))
        return text

    def json(self):
        return {"type": "string", "pattern": COLOUR_RE.pattern}


class Url(Type):
    words = "web address"

    def parse(self, value, at):
        text = Text().parse(value, at)
        why = web_problem(text)   # the one address rule (common/addresses.py)
        if why:
            raise PackError(at.w.err("E-URL", f"'{at.key}' in {at.what} must be a web address "
                                              f"(https://...): {why}"))
        return text

    def json(self):
        return {"type": "string", "pattern": "^https?://"}


class ListOf(Type):
    """A list whose every entry is ``item``; an entry with a problem is reported and left out."""

    def __init__(self, item: Type):
        self.item = item
        self.words = f"list of {item.plural}"

    def _need(self) -> str:
        """How the fix names what is needed: a list, or a list of mappings (so a mapping given
        alone is shown as the list's one entry)."""
        return "a list of mappings" if self.item.is_mapping else "a list"

    def parse(self, value, at):
        if not isinstance(value, list):
            raise PackError(at.w.err("E-TYPE", f"{at.label} must be a list, not {kind(value)}"
                                               f"{fix(name_of(at.key or at.label), self._need(), value)}"))
        most = limits.current().list_items
        if len(value) > most:      # a form item per entry, a row per entry: rendering grows faster
            raise PackError(at.w.err("E-LIMIT", limits.limit_message(
                f"{at.label} has {len(value):,} entries", f"{most:,}", "list_items")))
        out = SrcList()
        out.path, out.file = getattr(value, "path", ""), getattr(value, "file", "")
        out.line = getattr(value, "line", None) or at.w.line
        lines, given = [], getattr(value, "lines", ())
        label = f"an entry of {at.label}"
        quick = self.item.quick
        for i, entry in enumerate(value):
            clean = quick(entry)
            if clean is SLOW:
                try:
                    clean = self.item.parse(entry, At(value, i, at.school, None, at.what, label, at.out))
                except PackError as exc:
                    at.out.extend(exc.diagnostics)
                    continue
            if clean is not None:
                out.append(clean)
                lines.append(given[i] if i < len(given) else out.line)
        out.lines = lines
        return out

    def json(self):
        return {"type": "array", "items": self.item.json()}



class MapOf(Type):
    """A mapping of names to ``value``s. ``name``: what the key reference calls a name
    (``<role-id>``); ``ids``: the names must be safe ids, and messages call one so ("role id").
    ``nullable``: an entry may be left empty (every key at its default). ``merged``: the trust's
    defaults and a school's file each give part of an entry, so its required keys are checked
    once merged (``Mapping.require``)."""

    def __init__(self, value: Type, name: str = "name", ids: str | None = None, nullable=False,
                 merged=False):
        self.value, self.name, self.ids = value, name, ids
        self.nullable, self.merged = nullable, merged
        self.words = f"mapping of `<{name}>` to {value.words}"

    def parse(self, value, at):
        if not isinstance(value, dict):
            raise at.wrong("a mapping", value)
        out = SrcDict()
        out.path, out.file = getattr(value, "path", ""), getattr(value, "file", "")
        out.line = getattr(value, "line", None) or at.w.line
        out.lines = getattr(value, "lines", {})
        for k, v in value.items():
            if self.ids is not None and at.out.run(slug, k, where_of(value, k, at.school),
                                                   self.ids) is None:
                continue
            if v is None and (hidden := lost_to_comment(value, k)):
                at.out.add(where_of(value, k, at.school).err("E-TYPE", comment_message(k, hidden)))
                continue
            if v is None and self.nullable:  # an empty entry: every key at its default
                v = SrcDict()
                v.path, v.line = out.path, out.line_of(k)
            clean = self.value.quick(v)
            if clean is SLOW:
                entry = At(value, k, at.school, None, at.what, f"{at.label}.{k}", at.out, id=str(k),
                           partial=self.merged)
                clean = at.out.run(self.value.parse, v, entry)
            if clean is not None:
                out[k] = clean
        return out

    def json(self):
        # merged: the value is a declared Mapping, whose required keys wait for the merge
        entry = cast("Mapping", self.value).json(partial=True) if self.merged else self.value.json()
        if self.nullable:
            entry = {"anyOf": [entry, {"type": "null"}]}
        schema = {"type": "object", "additionalProperties": entry}
        if self.ids is not None:
            schema["propertyNames"] = {"pattern": SLUG_RE.pattern}
        return schema



class Either(Type):
    """Text, or a list of ``item``s (an address: one line, or its lines)."""

    def __init__(self, item: Type):
        self.list = ListOf(item)
        self.words = f"text or {self.list.words}"

    def parse(self, value, at):
        if isinstance(value, list):
            return self.list.parse(value, at)
        if text_value(value) is None:
            raise at.wrong("text or a list", value)
        return Text().parse(value, at)

    def json(self):
        return {"anyOf": [Text().json(), self.list.json()]}
