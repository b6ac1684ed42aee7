"""A form's accessible HTML: the fields as one template, for the school site's form page and,
wrapped by ``pdf.py``, for the fillable PDF (one template, so the page and the PDF ask the same
questions in the same words). Reads a ``ResolvedForm`` (resolve/forms.py) and nothing else.
"""

from __future__ import annotations

import jinja2

from builder.resolve.forms import ResolvedForm

AUDIENCE_TEXT = {"parents": "For parents and carers", "staff": "For staff"}

env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                         undefined=jinja2.StrictUndefined)

_BODY = env.from_string("""\
<div class="pp-form" data-form="{{ f.id }}" data-version="{{ f.version }}">
{% if not pdf %}
<div class="pp-error-summary" id="{{ p }}errors" tabindex="-1" hidden>
<div role="alert">
<h2 class="pp-error-summary-title" id="{{ p }}errors-title">There is a problem</h2>
<ul class="pp-error-summary-list"></ul>
</div>
</div>
<p class="pp-form-meta">{{ audience }} · Version {{ f.version }}, {{ f.date_text }}</p>
<p class="pp-form-download"><a href="{{ pdf_href }}" download>Download the {{ f.title }} as a fillable PDF</a>
 (you can fill it in on a computer, tablet or phone)</p>
{% endif %}
{% if f.intro_html %}<div class="pp-form-intro">{{ f.intro_html|safe }}</div>{% endif %}
<section class="pp-form-return" aria-labelledby="{{ p }}return">
<h2 id="{{ p }}return">When you have filled this in</h2>
{{ f.return_html|safe }}
</section>
<form class="pp-form-fields" aria-label="{{ f.title }}"{% if not pdf %} novalidate data-pdf="{{ pdf_href }}" data-file-stem="{{ f.id }}" data-file-name-field="{{ name_field }}" data-errors="{{ p }}errors"{% endif %}>
{% for s in f.sections %}
<section class="pp-form-section{% if pdf and s.items %} pp-keep{% endif %}{% if pdf and s.items|selectattr("type", "equalto", "signature")|list %} pp-declaration{% endif %}" id="{{ p }}{{ s.id }}">
{% if s.title %}<h2>{{ s.title }}</h2>{% endif %}
{{ s.html|safe }}
{% for i in s.items %}
{% set fid = p ~ "field-" ~ i.name %}
{% if i.type in ("text", "date") %}
<div class="pp-field pp-{{ i.type }}">
<label for="{{ fid }}">{{ i.label_html|safe }}{% if i.type == "date" %} <span class="pp-hint">(day/month/year)</span>{% endif %}</label>
<input type="text" id="{{ fid }}" name="{{ i.name }}"{% if not pdf %}{{ page_attrs(i, i.name, i.type, i.label) }}{% endif %}>
</div>
{% elif i.type == "longtext" %}
<div class="pp-field pp-longtext">
<label for="{{ fid }}">{{ i.label_html|safe }}</label>
<textarea id="{{ fid }}" name="{{ i.name }}" rows="{{ i.lines }}" style="height: {{ i.lines * 1.5 }}em"{% if not pdf %}{{ page_attrs(i, i.name, "text", i.label) }}{% endif %}></textarea>
</div>
{% elif i.type == "yesno" %}
<fieldset class="pp-yesno"{% if not pdf %} data-group="yesno" data-label="{{ i.label }}"{% if i.required %} data-required="true"{% endif %}{% endif %}>
<legend>{{ i.label_html|safe }}</legend>
{% for v, t in (("yes", "Yes"), ("no", "No")) %}
<span class="pp-choice"><input type="{{ 'checkbox' if pdf else 'radio' }}" id="{{ fid }}_{{ v }}" name="{{ i.name ~ '_' ~ v if pdf else i.name }}" value="{{ v }}"{% if not pdf %} data-pdf-field="{{ i.name }}_{{ v }}"{% if i.required %} required{% endif %}{% endif %}> <label for="{{ fid }}_{{ v }}">{{ t }}</label></span>
{% endfor %}
</fieldset>
{% elif i.type == "tick" %}
<div class="pp-field pp-tick">
<input type="checkbox" id="{{ fid }}" name="{{ i.name }}"{% if not pdf %}{{ page_attrs(i, i.name, "tick", i.label) }}{% endif %}> <label for="{{ fid }}">{{ i.label_html|safe }}</label>
</div>
{% elif i.type == "choice" %}
<fieldset class="pp-choices"{% if not pdf %} data-group="choice" data-label="{{ i.label }}"{% if i.required %} data-required="true"{% endif %}{% endif %}>
<legend>{{ i.label_html|safe }} <span class="pp-hint">({{ "tick all that apply" if i.multiple else "tick one" }})</span></legend>
{% for n, t in i.options %}
<span class="pp-choice"><input type="{{ 'checkbox' if (pdf or i.multiple) else 'radio' }}" id="{{ p }}field-{{ n }}" name="{{ n if (pdf or i.multiple) else i.name }}" value="{{ n }}"{% if not pdf %} data-pdf-field="{{ n }}"{% endif %}> <label for="{{ p }}field-{{ n }}">{{ t }}</label></span>
{% endfor %}
</fieldset>
{% elif i.type == "signature" %}
<fieldset class="pp-signature">
<legend>{{ i.label_html|safe }}</legend>
<div class="pp-field"><label for="{{ fid }}_name">Full name <span class="pp-hint">(typing your name here is your signature)</span></label>
<input type="text" id="{{ fid }}_name" name="{{ i.name }}_name"{% if not pdf %}{{ page_attrs(i, i.name ~ "_name", "signature_name", i.label) }}{% endif %}></div>
<div class="pp-field pp-date"><label for="{{ fid }}_date">Date signed <span class="pp-hint">(day/month/year)</span></label>
<input type="text" id="{{ fid }}_date" name="{{ i.name }}_date"{% if not pdf %}{{ page_attrs(i, i.name ~ "_date", "signature_date", i.label) }}{% endif %}></div>
</fieldset>
{% endif %}
{% endfor %}
</section>
{% endfor %}
{% if not pdf %}
<section class="pp-form-send" aria-labelledby="{{ p }}send" hidden>
<h2 id="{{ p }}send">Save your answers in the school's form</h2>
<p>The button below fills in the school's PDF form with your answers and saves it on this
device, ready to send or hand in as "When you have filled this in" says. Nothing is sent
anywhere and nothing is stored: your answers stay on this device, and this page forgets them
when you close it.</p>
<button type="submit" class="pp-button">Fill in and download the PDF</button>
<p class="pp-form-status" role="status"></p>
</section>
<div class="pp-form-nofill" hidden>
<p><strong>This page cannot fill in the PDF here.</strong> It has been opened from a file on this
device, and browsers do not let a page opened that way read the form's PDF. Your answers have
not been saved or sent. Instead, <a href="{{ pdf_href }}" download>download the fillable PDF</a>,
fill it in and return it as "When you have filled this in" says.</p>
</div>
{% endif %}
</form>
{% if f.notes_html %}<div class="pp-form-notes">{{ f.notes_html|safe }}</div>{% endif %}
<p class="pp-form-version">{{ f.title }}, version {{ f.version }} ({{ f.date_text }}), {{ f.school_name }}.</p>
</div>
{% if not pdf and script_href %}
<script src="{{ script_href }}"></script>
{% endif %}
""")

def page_attrs(item, field: str, kind: str, label: str):
    """The page's attributes of one input: the PDF field it fills, what it holds (``kind``, for
    the page's checks), its label for error messages, required."""
    from markupsafe import Markup, escape
    out = f' data-pdf-field="{escape(field)}" data-kind="{escape(kind)}" data-label="{escape(label)}"'
    if kind in ("date", "signature_date"):
        out += ' inputmode="numeric" autocomplete="off"'
    if item.required:
        out += ' required aria-required="true"'
    return Markup(out)


def file_name_field(f: ResolvedForm) -> str:
    """The page field whose answer names the downloaded PDF: the pupil, else the first name
    asked for, else the main signature's name."""
    items = list(f.items)
    for role in ("pupil", "parent"):
        for i in items:
            if i.register == role:
                return i.name
    for i in items:
        if i.type == "text" and "name" in i.name:
            return i.name
    for i in items:
        if i.type == "signature":
            return f"{i.name}_name"
    return ""


def audience_text(f: ResolvedForm) -> str:
    return AUDIENCE_TEXT.get(f.audience, "")


def form_body(f: ResolvedForm, pdf: bool, pdf_href: str = "", script_href: str = "") -> str:
    """The form's questions: for the PDF (``pdf``: tick boxes, ids as the field names) or for
    the page (radio buttons, ids prefixed with the form's id, a link to the PDF)."""
    return _BODY.render(f=f, pdf=pdf, pdf_href=pdf_href, p="" if pdf else f"{f.id}--",
                        audience=audience_text(f), script_href=script_href,
                        page_attrs=page_attrs, name_field=file_name_field(f))


def form_html(f: ResolvedForm, pdf_href: str, script_href: str = "") -> str:
    """The form's page body for the school website (no <html>/<head>; ``pp:`` links left as they
    are). With ``script_href`` (the theme's js/pp-form.js) the page fills in the PDF itself."""
    return form_body(f, pdf=False, pdf_href=pdf_href, script_href=script_href)
