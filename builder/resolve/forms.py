"""Resolution of a school's appendix forms: each form's text and fields as this school shows it.

A form's ``FormSpec`` (parsed once at load, ``Form.spec``) is rendered for one school: its texts
through Jinja (the school's variables, ``ref()``) and Markdown, with lines pointing into the form
file, and its fields expanded (``for_each`` over the school's lists, a choice's options) into
items, each one or more flat, named PDF fields (names from ``source/field_names.py``).

``resolve_school`` calls ``resolve_forms`` for every form the school has, so ``check`` and
``build`` see the same diagnostics for every school and form; the form's PDF and its page on the
site read the same ``ResolvedForm``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from builder.common.dates import source_day
from builder.common.diagnostics import Collector
from builder.common.meaning import meaning_key
from builder.resolve.markdown import plain_text, to_html
from builder.resolve.context import context_for
from builder.resolve.context import make_resolver as school_resolver
from builder.resolve.model import ResolvedSchool
from builder.resolve.templating import Renderer
from builder.source.field_names import expanded_name, identity, item_fields
from builder.source.forms import FieldSpec, FormSpec, SourceText
from builder.source.model import Form, Pack
from builder.source.values import Where, did_you_mean


@dataclass
class Item:
    """One question as the reader sees it: one or more PDF fields."""
    name: str                 # the item name: register column, e.g. "images_social_facebook"
    type: str
    label: str                # plain text
    label_html: str
    required: bool
    register: str | None = None
    hint: str = ""
    lines: int = 4
    multiple: bool = True
    main: bool = False
    options: list[tuple[str, str]] = field(default_factory=list)   # choice: (field name, label)

    @property
    def pdf_fields(self) -> list[tuple[str, str]]:
        """(field name, /TU) for each PDF field of this item."""
        names = item_fields(self.name, self.type, [n for n, _ in self.options])
        if self.type == "yesno":
            tips = [f"{self.label}: Yes", f"{self.label}: No"]
        elif self.type == "signature":
            tips = [f"{self.label}: full name (typed as your signature)",
                    f"{self.label}: date signed (day/month/year)"]
        elif self.type == "choice":
            tips = [f"{self.label}: {text}" for _, text in self.options]
        elif self.type == "date":
            tips = [f"{self.label} (day/month/year)"]
        else:
            tips = [self.label]
        return list(zip(names, tips))


@dataclass
class RSection:
    id: str
    title: str
    html: str
    items: list[Item]


@dataclass
class ResolvedForm:
    id: str
    title: str
    audience: str
    version: str
    date: dt.date
    school_id: str
    school_name: str
    intro_html: str
    return_html: str
    notes_html: str
    sections: list[RSection]
    logo: object = None         # the school's logo (source/logo.py Logo), at the top of the PDF
    policy: tuple[str, str, str] | None = None   # (policy id, its version, its meaning key)

    @property
    def items(self) -> list[Item]:
        return [i for s in self.sections for i in s.items]

    @property
    def tooltips(self) -> dict[str, str]:
        return {n: tu for i in self.items for n, tu in i.pdf_fields}

    @property
    def identity(self) -> str:
        return identity(self.school_id, self.id, self.version)

    @property
    def date_text(self) -> str:
        return f"{self.date.day} {self.date:%B %Y}"


def form_date(spec: FormSpec) -> dt.date:
    return source_day(spec.date.first if spec.date else None)


def owning_policy(rschool: ResolvedSchool, form_id: str) -> str | None:
    for pid, rp in rschool.policies.items():
        if form_id in rp.forms:
            return pid
    return None


def make_resolver(pack: Pack, rschool: ResolvedSchool):
    """ref() targets for form text, resolved exactly as the school's policies resolve them."""
    numbers = {pid: {s.id: s.number for s in rp.sections} for pid, rp in rschool.policies.items()}
    forms = {pid: rp.forms for pid, rp in rschool.policies.items()}
    return school_resolver(pack, rschool.school, numbers, forms)


class _TextRenderer:
    """Jinja + Markdown for one form's texts, with lines pointing into the form file."""

    def __init__(self, pack: Pack, rschool: ResolvedSchool, form: Form, spec: FormSpec):
        self.form = form
        self.school_id = rschool.id
        self.renderer = Renderer(rschool.id, make_resolver(pack, rschool),
                                 snippets=pack.root / "content" / "_snippets")
        self.renderer.current_policy = owning_policy(rschool, form.id)
        self.context = context_for(pack, rschool.school)
        self.context["form"] = {"id": form.id, "title": spec.title, "version": spec.version,
                                "date": f"{form_date(spec):%-d %B %Y}"}
        self.diags: list = []

    @staticmethod
    def _source(raw, line: int | None) -> str:
        """The text padded with blank lines so template lines are the form file's lines."""
        text = str(raw or "")
        line = line or 1
        return "\n" * (line if "\n" in text else line - 1) + text   # a block starts a line down

    def markdown(self, raw, line: int | None, extra: dict | None = None) -> str:
        source = self._source(raw, line)
        ctx = dict(self.context, **(extra or {}))
        # the leading blank lines are kept: they put the Markdown's lines on the form file's
        text = self.renderer.render(source, self.form.shown, ctx).rstrip()
        html, diags = to_html(text, self.form.shown, self.school_id)
        self.diags.extend(diags)
        return html

    def text(self, source: SourceText | None) -> str:
        return self.markdown(source.text, source.line) if source else self.markdown("", None)

    def inline(self, raw, line: int | None, extra: dict | None = None) -> str:
        html = self.markdown(raw, line, extra).strip()
        m = re.fullmatch(r"<p>(.*)</p>", html, re.S)
        return m.group(1) if m else html


def resolve_forms(pack: Pack, rschool: ResolvedSchool, out: Collector) -> dict[str, ResolvedForm]:
    """Every form the school has (in the order of ``rschool.forms``), each as the school shows
    it; every problem of every form goes to ``out``, and a form with an error is left out."""
    result = {}
    for fid in rschool.forms:
        form = pack.forms.get(fid)
        if form is None:       # an unknown form id: the references check reports it
            continue
        found = Collector()
        f = resolve_into(pack, rschool, form, found)
        out.extend(found.items)
        if not any(d.severity == "error" for d in found.items):
            result[fid] = f
    return result


def resolve_form(pack: Pack, rschool: ResolvedSchool, form: Form) -> ResolvedForm:
    """One form as this school shows it, resolved afresh. Raises PackError naming file, line
    and school. (A resolved school holds its forms made already: ``rschool.resolved_forms``.)"""
    out = Collector()
    f = resolve_into(pack, rschool, form, out)
    out.raise_if_errors()
    return f


def resolve_into(pack: Pack, rschool: ResolvedSchool, form: Form, out: Collector) -> ResolvedForm:
    spec = form.spec
    assert spec is not None   # parsed when the pack is loaded (source/load.py)
    tr = _TextRenderer(pack, rschool, form, spec)
    intro = tr.text(spec.sources.get("introduction"))
    ret = tr.text(spec.sources.get("return"))
    notes = tr.text(spec.sources.get("notes"))
    sections = []
    for sec in spec.sections:
        text = tr.text(sec.source) if sec.text else ""
        items = []
        for fspec in sec.fields:
            items.extend(_items(fspec, tr, rschool, out))
        sections.append(RSection(sec.id, sec.title, text, items))
    out.extend(tr.renderer.diagnostics)
    out.extend(tr.diags)
    seen: dict[str, str] = {}   # PDF field name: the item it came from
    for item in (i for s in sections for i in s.items):
        for n, _ in item.pdf_fields:
            if n in seen:
                out.add(Where(form.shown, None, rschool.id).err(
                    "E-DUP-ID", f"field name '{n}' comes out twice for this school (items "
                                f"'{seen[n]}' and '{item.name}'): make the list entries distinct"))
            seen[n] = item.name
    # a form that acknowledges a policy records that policy's version and what it says at this
    # school (common/meaning.py), so staff are asked to sign again only when the policy's
    # meaning changes (forms/expect.py)
    policy = None
    if spec.acknowledges is not None:
        if spec.acknowledges not in pack.policies:
            out.add(Where(form.shown, getattr(form.raw, "line_of", lambda k: None)("acknowledges"),
                          rschool.id).err(
                "E-REF-POLICY", f"form '{form.id}' acknowledges '{spec.acknowledges}', which is "
                                f"not a policy of the pack{did_you_mean(spec.acknowledges, pack.policies)}"))
        policy = rschool.policies.get(spec.acknowledges)
    acknowledges = (policy.id, policy.version or "", meaning_key(
        "\n".join(s.markdown for s in policy.sections))) if policy is not None else None
    return ResolvedForm(id=form.id, title=spec.title, audience=spec.audience, version=spec.version,
                        date=form_date(spec), school_id=rschool.id, school_name=rschool.name,
                        intro_html=intro, return_html=ret, notes_html=notes, sections=sections,
                        logo=rschool.school.logo, policy=acknowledges)


def _items(fspec: FieldSpec, tr: _TextRenderer, rschool: ResolvedSchool, out: Collector) -> list[Item]:
    line = fspec.label_line
    w = fspec.where.at(fspec.where.line)
    w.school = rschool.id

    def item(name, label_html, **kw):
        return Item(name=name, type=fspec.type, label=plain_text(label_html), label_html=label_html,
                    required=fspec.required, register=fspec.register, hint=fspec.hint,
                    lines=fspec.lines, multiple=fspec.multiple, main=fspec.main, **kw)

    lists = rschool.values.get("lists") or {}

    def entries(list_name: str, what: str):
        if list_name not in lists:
            out.add(w.err("E-UNDEFINED", f"undefined variable 'lists.{list_name}' ({what} of field "
                                         f"'{fspec.name}'): add it to the school's lists"))
            return []
        value = lists[list_name]
        if not isinstance(value, list):
            out.add(w.err("E-TYPE", f"lists.{list_name} must be a list ({what} of field '{fspec.name}')"))
            return []
        return value

    if fspec.for_each:
        result = []
        for entry in entries(fspec.for_each, "for_each"):
            if not isinstance(entry, dict) or fspec.key not in entry:
                out.add(w.err("E-UNDEFINED", f"an entry of lists.{fspec.for_each} has no "
                                             f"'{fspec.key}' (key of field '{fspec.name}')"))
                continue
            label = tr.inline(fspec.label, line, {"item": entry})
            result.append(item(expanded_name(fspec.name, entry[fspec.key]), label))
        return result
    label = tr.inline(fspec.label, line)
    if fspec.type == "choice":
        if fspec.options_from:
            texts = []
            for entry in entries(fspec.options_from, "options_from"):
                value = entry.get(fspec.option) if isinstance(entry, dict) else None
                if value is None:
                    out.add(w.err("E-UNDEFINED", f"an entry of lists.{fspec.options_from} has no "
                                                 f"'{fspec.option}' (option of field '{fspec.name}')"))
                    continue
                texts.append(str(value))
        else:
            texts = list(fspec.options)
        options = [(expanded_name(fspec.name, t), t) for t in texts]
        return [item(fspec.name, label, options=options)]
    return [item(fspec.name, label)]
