"""A declared mapping: its keys (``Key``: type, required, default, help text) and the check of a
parsed mapping against them, which reads every key once, fills in defaults, reports unknown keys
with the nearest declared one, and collects every independent problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.common.diagnostics import Collector, PackError
from builder.source.schema.comments import comment_message, lost_to_comment
from builder.source.schema.types import SLOW, At, Type
from builder.source.values import check_keys, kind, where_of
from builder.source.yamlsrc import SrcDict, SrcList
from builder.source.schema.types import Colour


@dataclass(frozen=True)
class Key:
    """One key of a mapping. ``default`` is written as in the file (``annually``) and read through
    the type; ``label`` names the value alone in messages (derived from the type when not given);
    ``missing`` replaces "needs '<key>'" in the E-MISSING message."""

    name: str
    type: Type
    help: str
    required: bool = False
    default: str | int | list | dict | None = None
    label: str = ""
    missing: str | None = None
    scalar_default: bool = field(init=False, repr=False, compare=False)   # set by __post_init__
    parsed_default: object = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if not self.label:
            object.__setattr__(self, "label", self.type.label(self.name))
        scalar = self.default is None or isinstance(self.default, (str, int))  # bool is an int
        object.__setattr__(self, "scalar_default", scalar)
        if scalar:
            parsed = None if self.default is None else self.type.parse(
                self.default, At({}, None, None, self.name, "", self.label, Collector()))
            object.__setattr__(self, "parsed_default", parsed)


@dataclass
class Mapping(Type):
    """A mapping with declared keys; any other key is an error that suggests the nearest one.
    ``what`` names it in messages (``{id}``: its key in the mapping it is an entry of);
    ``named``: (key, template), the name messages use once that key is read ("section 'x'");
    ``spell_out``: a wrong type names the keys it takes ("a mapping with name, title");
    ``words``: what the key reference calls one; ``brief``: the key reference does not list its
    keys (its key's help says where they are)."""

    keys: list[Key]
    what: str
    is_mapping = True
    named: tuple[str, str] | None = None
    spell_out: bool = False
    words: str = "mapping"
    brief: bool = False
    names: frozenset = field(init=False)

    @property
    def plural(self) -> str:
        return self.words[:-1] + "ies" if self.words.endswith("y") else self.words + "s"

    def __post_init__(self):
        self.names = frozenset(k.name for k in self.keys)
        self.by_name = {k.name: k for k in self.keys}
        if self.named:  # read the naming key first
            first = self.by_name[self.named[0]]
            self.order = [first] + [k for k in self.keys if k is not first]
        else:
            self.order = list(self.keys)

    def without(self, *names, what: str, brief=False) -> Mapping:
        """The same keys less ``names``: the trust's defaults are a school file less its name."""
        return Mapping([k for k in self.keys if k.name not in names], what, self.named, self.spell_out,
                       self.words, brief)

    def parse(self, value, at):
        what = self.what.format(id=at.id)
        if not isinstance(value, dict):
            if at.key is not None:
                raise at.wrong("a mapping", value)
            need = (f"a mapping with {', '.join(k.name for k in self.keys)}" if self.spell_out
                    else "a mapping (key: value)")
            raise PackError(at.w.err("E-TYPE", f"{what} must be {need}, not {kind(value)}"))
        return self.check(value, what, at.out, at.school, partial=at.partial)

    def check(self, m: dict, what: str, out: Collector, school=None, partial=False) -> SrcDict | None:
        """``m`` clean: each declared key read (or its default), ``given`` the keys the file gave.
        None when a required key is missing or wrong: the mapping cannot be used (the reasons
        are in ``out``). ``partial``: required keys are left to ``require``."""
        clean = SrcDict()
        clean.path, clean.file = getattr(m, "path", ""), getattr(m, "file", "")
        clean.line, clean.lines = getattr(m, "line", None), getattr(m, "lines", {})
        given, usable = set(), True
        if not self.named:
            check_keys(m, self.names, what, out, school)
        for key in self.order:
            name = key.name
            value = m.get(name)
            if value is None and name in m:
                self._hidden_by_comment(key, m, out, school)
            if value is None and not key.required and key.scalar_default:
                clean[name] = key.parsed_default
            elif value is not None and (quick := key.type.quick(value)) is not SLOW:
                clean[name] = quick
                given.add(name)
            else:
                usable = self._read(key, m, what, out, school, partial, clean, given) and usable
            if self.named and key is self.order[0]:
                if name in given:
                    what = self.named[1].format(clean[name])
                check_keys(m, self.names, what, out, school)
        clean.given = frozenset(given)
        return clean if usable else None

    @staticmethod
    def _hidden_by_comment(key: Key, m, out: Collector, school) -> None:
        hidden = lost_to_comment(m, key.name, colour=isinstance(key.type, Colour))
        if hidden:
            out.add(where_of(m, key.name, school).err("E-TYPE", comment_message(key.name, hidden)))

    def _read(self, key: Key, m, what, out, school, partial, clean, given) -> bool:
        """Read one key into ``clean``; False when the mapping cannot be used without it."""
        value = m.get(key.name)
        if value is None or (key.required and isinstance(value, list) and not value):
            clean[key.name] = self.default(key, m, what, out, school)
            if key.required and not partial:
                out.add(where_of(m, None, school).err(
                    "E-MISSING", f"{what} {key.missing or f'needs {key.name!r}'}"))
                return False
            return True
        try:
            clean[key.name] = key.type.parse(value, At(m, key.name, school, key.name, what, key.label,
                                                       out, key.required))
        except PackError as exc:
            out.extend(exc.diagnostics)
            clean[key.name] = self.default(key, m, what, out, school)
            return not key.required
        given.add(key.name)
        # a required list whose every entry had a problem (each reported) leaves nothing to use
        return not (key.required and isinstance(clean[key.name], list) and not clean[key.name])

    def default(self, key: Key, m, what, out, school):
        if key.scalar_default:
            return key.parsed_default
        if key.default == []:
            return SrcList()
        at = At(m, None, school, key.name, what, key.label, out)
        assert isinstance(key.default, (dict, list))   # not a scalar: a list or a mapping
        value = SrcDict(key.default) if isinstance(key.default, dict) else list(key.default)
        return key.type.parse(value, at)  # a fresh list or mapping each time

    def require(self, m: dict, what: str, out: Collector, school=None) -> bool:
        """The required keys of a merged mapping (see MapOf ``merged``)."""
        ok = True
        for key in self.keys:
            if key.required and m.get(key.name) is None:
                ok = False
                out.add(where_of(m, None, school).err("E-MISSING", f"{what} needs '{key.name}'"))
        return ok

    def unknown_keys(self, m: dict, what: str, out: Collector, school=None) -> None:
        check_keys(m, self.names, what, out, school)

    def json(self, partial=False):
        props = {}
        for key in self.keys:
            prop = {"description": key.help, **key.type.json()}
            if key.default is not None:
                prop["default"] = key.default
            props[key.name] = prop
        schema = {"type": "object", "properties": props, "additionalProperties": False}
        required = [k.name for k in self.keys if k.required]
        if required and not partial:
            schema["required"] = required
        return schema
