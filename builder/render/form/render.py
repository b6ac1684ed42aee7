"""Appendix forms for one school: the accessible HTML page fragment and the fillable PDF.

``resolve_form`` renders a form's text (Jinja variables, ``ref()``, Markdown) for one school and
expands its fields (``for_each`` over the school's lists, choices, signatures) into the flat,
named PDF fields. ``form_html`` writes the page fragment from that; ``form_pdf_html`` and
``form_pdf`` the PDF, in one WeasyPrint pass: the ``FormFields`` finisher cleans up the fields and
metadata on the PDF's objects before the bytes are written (``render_form_pdf`` and
``write_form_pdf`` do all three steps for one school's form).

Field names (the PDF's ``/T`` and the register's columns) come from the form file: see
``forms_model``. Every field carries ``/TU`` (the label a screen reader announces).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pydyf

from builder.render.colour import school_accent
from builder.common.diagnostics import Collector, PackError
from builder.resolve.forms import ID_FIELD, Item, ResolvedForm, RSection  # noqa: F401
from builder.resolve.forms import resolve_form as _resolve_form
from builder.resolve.markdown import plain_text, to_html
from builder.source.model import Form, Pack
from builder.resolve.school import ResolvedSchool, context_for
from builder.resolve.school import make_resolver as resolve_make_resolver
from builder.source.values import Where
from builder.resolve.templating import Renderer

CSS_FILE = Path(__file__).with_name("form.css")
AUDIENCE_TEXT = {"parents": "For parents and carers", "staff": "For staff"}


def resolve_form(pack: Pack, rschool: ResolvedSchool, form: Form) -> ResolvedForm:
    """The school's resolved form (made with the school), else resolved afresh."""
    f = rschool.resolved_forms.get(form.id)
    return f if f is not None else _resolve_form(pack, rschool, form)


# ---------------------------------------------------------------- HTML

_env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                          undefined=jinja2.StrictUndefined)

_BODY = _env.from_string("""\
<div class="pp-form" data-form="{{ f.id }}" data-version="{{ f.version }}">
{% if not pdf %}
<p class="pp-form-meta">{{ audience }} · Version {{ f.version }}, {{ f.date_text }}</p>
<p class="pp-form-download"><a href="{{ pdf_href }}" download>Download the {{ f.title }} as a fillable PDF</a>
 (you can fill it in on a computer, tablet or phone)</p>
{% endif %}
{% if f.intro_html %}<div class="pp-form-intro">{{ f.intro_html|safe }}</div>{% endif %}
<section class="pp-form-return" aria-labelledby="{{ p }}return">
<h2 id="{{ p }}return">When you have filled this in</h2>
{{ f.return_html|safe }}
</section>
<form class="pp-form-fields" aria-label="{{ f.title }}">
{% for s in f.sections %}
<section class="pp-form-section" id="{{ p }}{{ s.id }}">
{% if s.title %}<h2>{{ s.title }}</h2>{% endif %}
{{ s.html|safe }}
{% for i in s.items %}
{% set fid = p ~ "field-" ~ i.name %}
{% if i.type in ("text", "date") %}
<div class="pp-field pp-{{ i.type }}">
<label for="{{ fid }}">{{ i.label_html|safe }}{% if i.type == "date" %} <span class="pp-hint">(day/month/year)</span>{% endif %}</label>
<input type="text" id="{{ fid }}" name="{{ i.name }}"{% if i.type == "date" and not pdf %} inputmode="numeric"{% endif %}{% if i.required and not pdf %} required{% endif %}>
</div>
{% elif i.type == "longtext" %}
<div class="pp-field pp-longtext">
<label for="{{ fid }}">{{ i.label_html|safe }}</label>
<textarea id="{{ fid }}" name="{{ i.name }}" rows="{{ i.lines }}" style="height: {{ i.lines * 1.5 }}em"></textarea>
</div>
{% elif i.type == "yesno" %}
<fieldset class="pp-yesno">
<legend>{{ i.label_html|safe }}</legend>
{% for v, t in (("yes", "Yes"), ("no", "No")) %}
<span class="pp-choice"><input type="{{ 'checkbox' if pdf else 'radio' }}" id="{{ fid }}_{{ v }}" name="{{ i.name ~ '_' ~ v if pdf else i.name }}" value="{{ v }}"> <label for="{{ fid }}_{{ v }}">{{ t }}</label></span>
{% endfor %}
</fieldset>
{% elif i.type == "tick" %}
<div class="pp-field pp-tick">
<input type="checkbox" id="{{ fid }}" name="{{ i.name }}"> <label for="{{ fid }}">{{ i.label_html|safe }}</label>
</div>
{% elif i.type == "choice" %}
<fieldset class="pp-choices">
<legend>{{ i.label_html|safe }} <span class="pp-hint">({{ "tick all that apply" if i.multiple else "tick one" }})</span></legend>
{% for n, t in i.options %}
<span class="pp-choice"><input type="{{ 'checkbox' if (pdf or i.multiple) else 'radio' }}" id="{{ p }}field-{{ n }}" name="{{ n if (pdf or i.multiple) else i.name }}" value="{{ n }}"> <label for="{{ p }}field-{{ n }}">{{ t }}</label></span>
{% endfor %}
</fieldset>
{% elif i.type == "signature" %}
<fieldset class="pp-signature">
<legend>{{ i.label_html|safe }}</legend>
<div class="pp-field"><label for="{{ fid }}_name">Full name <span class="pp-hint">(typing your name here is your signature)</span></label>
<input type="text" id="{{ fid }}_name" name="{{ i.name }}_name"></div>
<div class="pp-field pp-date"><label for="{{ fid }}_date">Date signed <span class="pp-hint">(day/month/year)</span></label>
<input type="text" id="{{ fid }}_date" name="{{ i.name }}_date"></div>
</fieldset>
{% endif %}
{% endfor %}
</section>
{% endfor %}
</form>
{% if f.notes_html %}<div class="pp-form-notes">{{ f.notes_html|safe }}</div>{% endif %}
<p class="pp-form-version">{{ f.title }}, version {{ f.version }} ({{ f.date_text }}), {{ f.school_name }}.</p>
</div>
""")

_DOC = _env.from_string("""\
<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{{ f.title }} – {{ f.school_name }}</title>
<meta name="author" content="{{ f.school_name }}">
<meta name="description" content="{{ f.title }}, version {{ f.version }}: a form to fill in and return to {{ f.school_name }}">
<meta name="keywords" content="{{ f.identity }}">
<meta name="generator" content="policypack">
<meta name="dcterms.created" content="{{ stamp }}">
<meta name="dcterms.modified" content="{{ stamp }}">
<style>:root { --accent: {{ colour }}; }</style>
</head>
<body>
<header class="pp-form-head">
<p class="pp-school">{{ f.school_name }}</p>
<h1>{{ f.title }}</h1>
<p class="pp-form-meta">{{ audience }} · Version {{ f.version }}, {{ f.date_text }}</p>
</header>
{{ body|safe }}
</body>
</html>
""")


def form_context(pack: Pack, rschool: ResolvedSchool, form: Form) -> dict:
    """What the page templates may want: the resolved form and its plain facts."""
    f = resolve_form(pack, rschool, form)
    return {"form": f, "title": f.title, "version": f.version, "date": f.date_text,
            "audience": AUDIENCE_TEXT.get(f.audience, ""), "pdf": f"{form.id}.pdf",
            "fields": [n for i in f.items for n, _ in i.pdf_fields]}


def _body(f: ResolvedForm, pdf: bool, pdf_href: str = "") -> str:
    return _BODY.render(f=f, pdf=pdf, pdf_href=pdf_href, p="" if pdf else f"{f.id}--",
                        audience=AUDIENCE_TEXT.get(f.audience, ""))


def form_html(f: ResolvedForm, pdf_href: str) -> str:
    """The form's page body for the school website (no <html>/<head>; ``pp:`` links left as they are)."""
    return _body(f, pdf=False, pdf_href=pdf_href)


def form_pdf_html(f: ResolvedForm, colour: str, link_mapper=None) -> str:
    from builder.resolve.markdown import rewrite_links
    body = _body(f, pdf=True)
    body = rewrite_links(body, link_mapper or (lambda kind, parts: ""))
    body = body.replace(' href=""', "")           # a link with nowhere to go in the PDF: plain text
    stamp = f"{f.date:%Y-%m-%d}T00:00:00Z"
    return _DOC.render(f=f, body=body, stamp=stamp, colour=colour,
                       audience=AUDIENCE_TEXT.get(f.audience, ""))


# ---------------------------------------------------------------- PDF

def form_identifier(f: ResolvedForm) -> bytes:
    """The first half of the PDF's /ID: fixed per school, form and version."""
    return hashlib.sha256(f.identity.encode()).hexdigest()[:32].encode()


def form_pdf(f: ResolvedForm, html: str, finishers=()) -> bytes:
    """The fillable, tagged PDF's bytes for ``html`` (from ``form_pdf_html``), in one pass.

    WeasyPrint lays out the form; ``FormFields(f)`` then the extra ``finishers`` (WeasyPrint
    finishers, ``finisher(document, pdf)``) edit the PDF's objects before the bytes are written.
    Needs nothing but its arguments, so a worker process can call it.
    """
    from builder.render.engine import html_to_pdf
    return html_to_pdf(html, CSS_FILE.read_text(encoding="utf-8"),
                       finishers=(FormFields(f), *finishers), identifier=form_identifier(f))


def render_form_pdf(pack: Pack, rschool: ResolvedSchool, form: Form, link_mapper=None) -> bytes:
    """The fillable, tagged PDF's bytes: ``resolve_form``, ``form_pdf_html``, ``form_pdf``."""
    f = resolve_form(pack, rschool, form)
    return form_pdf(f, form_pdf_html(f, school_accent(rschool.values), link_mapper))


def write_form_pdf(pack: Pack, rschool: ResolvedSchool, form: Form, path: Path, link_mapper=None) -> None:
    """Write ``path``: the form as a fillable AcroForm PDF for this school (byte-identical per input).

    ``link_mapper(kind, parts) -> href`` points ``pp:`` links somewhere; without one, links in
    the form's text print as plain text.
    """
    data = render_form_pdf(pack, rschool, form, link_mapper)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def items_json(f: ResolvedForm) -> str:
    """The form's items as collect reads them, kept in the PDF so any returned version reads back."""
    import json
    items = []
    for i in f.items:
        d = {"name": i.name, "type": i.type, "required": i.required}
        if i.register:
            d["register"] = i.register
        if i.main:
            d["main"] = True
        if i.type == "choice":
            d["options"] = [list(o) for o in i.options]
            d["multiple"] = i.multiple
        items.append(d)
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


ON = "Yes"   # a tick box's on state (ISO 32000's recommended name; WeasyPrint writes /on)


class _Text(pydyf.String):
    """A text string: literal when printable ASCII, else UTF-16BE with a byte order mark. (pydyf
    writes control characters inside a literal string as they are, and a reader turns a bare
    carriage return there into a line feed.)"""

    @property
    def data(self) -> bytes:
        s = str(self.string)
        if s.isascii() and s.isprintable():
            return super().data
        return b"<" + ("\ufeff" + s).encode("utf-16-be").hex().encode() + b">"


def info_dict(f: ResolvedForm) -> dict[str, str]:
    """The form PDF's document information, every key (collect reads the Policypack ones)."""
    stamp = f"D:{f.date:%Y%m%d}000000Z"
    return {
        "Title": f"{f.title} – {f.school_name}", "Author": f.school_name,
        "Subject": f"{f.title}, version {f.version}", "Keywords": f.identity,
        "Creator": "policypack", "Producer": "policypack (WeasyPrint)",
        "CreationDate": stamp, "ModDate": stamp,
        "PolicypackItems": items_json(f),
        "PolicypackForm": f.id, "PolicypackFormVersion": f.version, "PolicypackSchool": f.school_id,
    }


class FormFields:
    """WeasyPrint finisher (``finisher(document, pdf)``, pdf a ``pydyf.PDF`` not yet written)
    that cleans up WeasyPrint's fields in the rendering pass: /TU from the form source on every
    field, tick boxes with the standard /Yes state and a ZapfDingbats tick, the hidden identity
    field collect reads, and the document information. Raises E-FORM-FIELD (PackError) when the
    PDF's fields are not exactly the form's."""

    def __init__(self, f: ResolvedForm):
        self.f = f

    def _error(self, message: str) -> PackError:
        return PackError(Where(f"forms/{self.f.id}.yml", None, self.f.school_id).err("E-FORM-FIELD", message))

    def __call__(self, document, pdf) -> None:
        from builder.render.pdf_objects import deref

        def obj(value):
            return deref(pdf, value)

        f = self.f
        acro = pdf.catalog["AcroForm"]
        fields = [obj(ref) for ref in acro["Fields"]]
        tips = f.tooltips
        found = set()
        zadb = False
        for fd in fields:
            name = str(getattr(fd.get("T"), "string", fd.get("T", "")))
            if name not in tips or name in found:
                raise self._error(f"the PDF has an unexpected or repeated field '{name}'")
            found.add(name)
            fd["TU"] = _Text(tips[name])
            if fd.get("FT") == "/Btn":
                for kind in ("N", "D"):
                    states = obj((obj(fd.get("AP")) or {}).get(kind))
                    if states is not None and "on" in states:
                        states[ON] = states.pop("on")
                for key in ("AS", "V"):
                    if fd.get(key) == "/on":
                        fd[key] = f"/{ON}"
                # a viewer that redraws fields (NeedAppearances) draws the tick from these:
                # Poppler draws nothing for a tick box without a /DA font
                mk = fd.get("MK")
                if mk is None:
                    mk = fd["MK"] = pydyf.Dictionary()
                obj(mk)["CA"] = _Text("4")                     # ZapfDingbats tick
                fd["DA"] = _Text("/ZaDb 0 Tf 0 g")
                zadb = True
        missing = sorted(set(tips) - found)
        if missing:
            raise self._error(f"fields missing from the PDF: {', '.join(missing)}")
        if zadb:
            dr = obj(acro["DR"])
            if "Font" not in dr:
                dr["Font"] = pydyf.Dictionary()
            font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type1", "BaseFont": "/ZapfDingbats"})
            pdf.add_object(font)
            obj(dr["Font"])["ZaDb"] = font.reference
        # the identity field: hidden, read-only, kept by every viewer that keeps field values
        page = pdf.objects[pdf.pages["Kids"][0]]
        da = next((fd["DA"] for fd in fields if fd.get("FT") == "/Tx" and "DA" in fd), None)
        ident = pydyf.Dictionary({
            "Type": "/Annot", "Subtype": "/Widget", "FT": "/Tx", "T": _Text(ID_FIELD),
            "TU": _Text("Form identity, filled in by the school"), "V": _Text(f.identity),
            "Ff": 1, "F": 2, "Rect": pydyf.Array([0, 0, 0, 0]), "P": page.reference,
        })
        if da is not None:
            ident["DA"] = da
            acro["DA"] = da
        pdf.add_object(ident)
        if "Annots" not in page:
            page["Annots"] = pydyf.Array()
        obj(page["Annots"]).append(ident.reference)
        acro["Fields"].append(ident.reference)
        acro["NeedAppearances"] = "true"
        # exactly these keys, whatever <meta> names the HTML has (custom_metadata is on)
        pdf.info.clear()
        pdf.info.update({key: _Text(value) for key, value in info_dict(f).items()})
