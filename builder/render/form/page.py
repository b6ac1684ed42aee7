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


def audience_text(f: ResolvedForm) -> str:
    return AUDIENCE_TEXT.get(f.audience, "")


def form_body(f: ResolvedForm, pdf: bool, pdf_href: str = "") -> str:
    """The form's questions: for the PDF (``pdf``: tick boxes, ids as the field names) or for
    the page (radio buttons, ids prefixed with the form's id, a link to the PDF)."""
    return _BODY.render(f=f, pdf=pdf, pdf_href=pdf_href, p="" if pdf else f"{f.id}--",
                        audience=audience_text(f))


def form_html(f: ResolvedForm, pdf_href: str) -> str:
    """The form's page body for the school website (no <html>/<head>; ``pp:`` links left as they are)."""
    return form_body(f, pdf=False, pdf_href=pdf_href)
