"""Form source files (``forms/<form-id>.yml``): the field schema, checked with file and line.

A form is sections of fields. Field types:

``text``      one line of text              -> one text field
``longtext``  several lines                 -> one multi-line text field
``date``      a date, typed                 -> one text field
``yesno``     a Yes/No item                 -> two tick boxes
``tick``      one tick box (a declaration)  -> one tick box
``signature`` typed name and date           -> two text fields
``choice``    tick the options that apply   -> one tick box per option

``for_each: <list>`` repeats a ``yesno`` or ``tick`` item for every entry of the school's
``lists.<list>`` (``key`` names the entry's value that goes into the field name, so
``images_social`` over ``social_accounts`` keyed by ``platform`` gives ``images_social_facebook``).
A ``choice`` takes ``options: [...]`` or ``options_from: <list>`` with ``option: <key>``.
What each PDF field is called is the scheme in ``field_names.py``, which the form renderer
writes and the returns reader reads back.

``parse_form`` checks a file and gives its ``FormSpec``, parsed once at load and kept on the
pack's ``Form``; ``resolve/forms.py`` makes each school's form from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.common.diagnostics import Collector, PackError
from builder.source.field_names import RESERVED, item_fields, name_part
from builder.source.schema import (AUDIENCES, FIELD_TYPES, FORM, FORM_FIELD, FORM_SECTION,
                                   REGISTER_ROLES)
from builder.source.review_text import pack_date
from builder.source.values import (PackDate, Where, as_list, get, get_text, need_mapping, slug, where_of)

NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
TEXT_KEYS = ("return", "introduction", "notes")


@dataclass
class SourceText:
    """A text as the form file writes it (Jinja and Markdown still in it) and its line."""
    text: str
    line: int | None


@dataclass
class FieldSpec:
    name: str
    type: str
    label: str
    where: Where
    hint: str = ""
    required: bool = False
    register: str | None = None
    for_each: str | None = None
    key: str | None = None
    options: list[str] = field(default_factory=list)
    options_from: str | None = None
    option: str | None = None
    multiple: bool = True
    lines: int = 4
    main: bool = False   # the signature the register reports as "signature name/date"
    label_line: int | None = None   # where the label is written (None: a default label)


@dataclass
class FormSectionSpec:
    id: str
    title: str
    text: str
    fields: list[FieldSpec]
    where: Where
    source: SourceText | None = None   # the text as written, for resolving


@dataclass
class FormSpec:
    id: str
    title: str
    audience: str
    version: str
    date: PackDate | None
    return_text: str
    introduction: str
    notes: str
    sections: list[FormSectionSpec]
    where: Where
    sources: dict[str, SourceText] = field(default_factory=dict)   # TEXT_KEYS as written
    # how long an answer lasts: ("academic-year", 0), ("years", n) or ("school", 0)
    valid_for: tuple[str, int] = ("school", 0)
    acknowledges: str | None = None      # the policy a filled form acknowledges


def parse_valid_for(value, w: Where, what: str, out: Collector) -> tuple[str, int]:
    """``valid_for`` as written -> ('academic-year', 0), ('years', n) or ('school', 0)."""
    if value is None:
        return ("school", 0)
    text = " ".join(str(value).lower().replace("-", " ").split())
    if text in ("academic year", "an academic year", "one academic year", "school year"):
        return ("academic-year", 0)
    if text in ("while at school", "while at the school", "while the pupil is at the school"):
        return ("school", 0)
    m = re.fullmatch(r"(\d{1,2}|one|two|three|four|five) years?", text)
    if m:
        words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
        n = words.get(m[1]) or int(m[1])
        if 1 <= n <= 20:
            return ("years", n)
    out.add(w.err("E-VALUE", f"valid_for '{str(value)[:60]}' in {what} is not a length of time "
                             f"policypack reads: write \"academic year\", a number of years "
                             f"(\"2 years\") or \"while at school\""))
    return ("school", 0)


def _source(m, key) -> SourceText:
    return SourceText(str(m.get(key) or ""), getattr(m, "lines", {}).get(key))


def parse_form(raw, fid: str, out: Collector) -> FormSpec:
    """Check a form file and return its spec; every problem goes to ``out``."""
    what = f"form '{fid}'"
    FORM.unknown_keys(raw, what, out)
    w = where_of(raw)
    audience = out.run(get_text, raw, "audience", what, default="parents") or "parents"
    if audience not in AUDIENCES:
        out.add(where_of(raw, "audience").err(
            "E-VALUE", f"audience '{audience}' in {what} must be one of: {', '.join(AUDIENCES)}"))
    date = None
    if raw.get("date") is not None:
        date = out.run(pack_date, raw["date"], where_of(raw, "date"), "form date", "date")
    texts = {k: out.run(get_text, raw, k, what, default="") or "" for k in TEXT_KEYS}
    if not texts["return"]:
        out.add(w.err("E-MISSING", f"{what} needs 'return': who the filled form goes to, and how"))
    sections: list[FormSectionSpec] = []
    names: dict[str, int | None] = {}        # field name: the line that first gave it
    raw_sections = out.run(as_list, raw.get("sections"), where_of(raw, "sections"), "sections") or []
    if not raw_sections:
        out.add(w.err("E-MISSING", f"{what} lists no sections"))
    seen_ids = set()
    registers: dict[str, int | None] = {}
    mains = []
    for i, item in enumerate(raw_sections):
        sw = where_of(raw["sections"], i)
        sec = out.run(need_mapping, item, sw, "a form section")
        if sec is None:
            continue
        FORM_SECTION.unknown_keys(sec, "a form section", out)
        sid = out.run(get_text, sec, "id", "a form section", required=True)
        if sid and out.run(slug, sid, where_of(sec, "id"), "section id"):
            if sid in seen_ids:
                out.add(where_of(sec, "id").err("E-DUP-ID", f"section id '{sid}' is used twice in {what}"))
            seen_ids.add(sid)
        title = out.run(get_text, sec, "title", "a form section", default="") or ""
        text = out.run(get_text, sec, "text", "a form section", default="") or ""
        fields = []
        for j, fraw in enumerate(out.run(as_list, sec.get("fields"), where_of(sec, "fields"), "fields") or []):
            fw = where_of(sec["fields"], j)
            spec = out.run(parse_field, fraw, fw, out)
            if spec is None:
                continue
            fields.append(spec)
            expanded = spec.for_each or spec.type == "choice"
            own = dict.fromkeys([spec.name] + ([] if expanded else item_fields(spec.name, spec.type)))
            for n in own:
                if n in RESERVED:
                    out.add(fw.err("E-ID", f"field name '{n}' is reserved by the builder"))
                elif n in names:
                    out.add(fw.err("E-DUP-ID", f"field name '{n}' is used twice in {what} "
                                               f"(first on line {names[n]})"))
                names.setdefault(n, fw.line)
            if spec.register:
                if spec.register in registers:
                    out.add(fw.err("E-DUP-ID", f"register '{spec.register}' is given twice in {what} "
                                               f"(first on line {registers[spec.register]})"))
                registers[spec.register] = fw.line
            if spec.main:
                mains.append(spec)
        sections.append(FormSectionSpec(sid or f"section-{i + 1}", title, text, fields, sw,
                                    source=_source(sec, "text")))
    if len(mains) > 1:
        out.add(mains[1].where.err("E-VALUE", f"only one signature in {what} may be 'main: true'"))
    sigs = [f for s in sections for f in s.fields if f.type == "signature"]
    if sigs and not mains:
        sigs[0].main = True
    return FormSpec(id=fid, title=str(raw.get("title") or fid), audience=audience,
                    version=str(raw.get("version") or "1"), date=date, return_text=texts["return"],
                    introduction=texts["introduction"], notes=texts["notes"], sections=sections, where=w,
                    sources={k: _source(raw, k) for k in TEXT_KEYS},
                    valid_for=parse_valid_for(raw.get("valid_for"), where_of(raw, "valid_for"),
                                              what, out),
                    acknowledges=out.run(get_text, raw, "acknowledges", what))


def parse_field(fraw, fw: Where, out: Collector) -> FieldSpec:
    f = need_mapping(fraw, fw, "a form field")
    FORM_FIELD.unknown_keys(f, "a form field", out)
    name = get_text(f, "name", "a form field", required=True)
    if not NAME_RE.match(name):
        raise PackError(where_of(f, "name").err(
            "E-ID", f"field name '{name}' must be lower-case words joined by underscores, such as "
                    f"'images_website' (it is the PDF field name and the register column)"))
    typ = get_text(f, "type", f"field '{name}'", required=True)
    if typ not in FIELD_TYPES:
        raise PackError(where_of(f, "type").err(
            "E-VALUE", f"field '{name}' has type '{typ}'; use one of: {', '.join(FIELD_TYPES)}"))
    label = get_text(f, "label", f"field '{name}'", required=typ != "signature",
                     default="Signature") or "Signature"
    spec = FieldSpec(name=name, type=typ, label=label, where=fw,
                     hint=get_text(f, "hint", f"field '{name}'", default="") or "",
                     required=bool(get(f, "required", bool, f"field '{name}'", default=False)),
                     register=get_text(f, "register", f"field '{name}'"),
                     for_each=get_text(f, "for_each", f"field '{name}'"),
                     key=get_text(f, "key", f"field '{name}'"),
                     options_from=get_text(f, "options_from", f"field '{name}'"),
                     option=get_text(f, "option", f"field '{name}'"),
                     multiple=bool(get(f, "multiple", bool, f"field '{name}'", default=True)),
                     lines=get(f, "lines", int, f"field '{name}'", default=4),
                     main=bool(get(f, "main", bool, f"field '{name}'", default=False)),
                     label_line=f.lines.get("label") if hasattr(f, "lines") else fw.line)
    if spec.register and spec.register not in REGISTER_ROLES:
        out.add(where_of(f, "register").err(
            "E-VALUE", f"register '{spec.register}' of field '{name}' must be one of: "
                       f"{', '.join(REGISTER_ROLES)}"))
    if spec.register and typ not in ("text",):
        out.add(where_of(f, "register").err("E-VALUE", f"only a text field can be the register's "
                                                         f"'{spec.register}' (field '{name}' is {typ})"))
    if spec.for_each and typ not in ("yesno", "tick"):
        out.add(where_of(f, "for_each").err("E-VALUE", f"for_each repeats a yesno or tick item; "
                                                         f"field '{name}' is {typ}"))
    if spec.for_each and not spec.key:
        out.add(where_of(f, "for_each").err("E-MISSING", f"field '{name}' repeats over "
                                                           f"'{spec.for_each}' and needs 'key': the "
                                                           f"entry value that goes into each field name"))
    if spec.main and typ != "signature":
        out.add(where_of(f, "main").err("E-VALUE", f"'main' marks a signature; field '{name}' is {typ}"))
    if typ == "choice":
        opts = as_list(f.get("options"), where_of(f, "options"), "options")
        spec.options = [str(o) for o in opts]
        if bool(spec.options) == bool(spec.options_from):
            out.add(fw.err("E-MISSING", f"choice '{name}' needs either 'options: [...]' or "
                                        f"'options_from: <list>' (with 'option: <key>')"))
        if spec.options_from and not spec.option:
            out.add(fw.err("E-MISSING", f"choice '{name}' takes options from '{spec.options_from}' "
                                        f"and needs 'option': the entry value shown for each"))
        parts = [name_part(o) for o in spec.options]
        if len(set(parts)) != len(parts):
            out.add(where_of(f, "options").err("E-DUP-ID", f"choice '{name}' has options that give "
                                                             f"the same field name: {parts}"))
    elif "options" in f or "options_from" in f:
        out.add(where_of(f, "options" if "options" in f else "options_from").err(
            "E-VALUE", f"options belong to a choice; field '{name}' is {typ}"))
    if spec.lines < 1 or spec.lines > 20:
        out.add(where_of(f, "lines").err("E-VALUE", f"lines of field '{name}' must be 1 to 20"))
    return spec

