"""A form's accessible HTML: the fields as one template, for the school site's form page and,
wrapped by ``pdf.py``, for the fillable PDF (one template, so the page and the PDF ask the same
questions in the same words). Reads a ``ResolvedForm`` (resolve/forms.py) and nothing else.

The page is in GOV.UK's order: what the form is for and where it goes (the ``return`` text, its
email address a mailto: link), the web form, then "or download the PDF to fill in another
way"; once the page has filled in the PDF, "What happens next" says where to send it, with a
mailto: link whose subject is the form's name. An address becomes a link only when it is one
plain mailbox (``valid_email``).
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

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
{% endif %}
{% if f.intro_html %}<div class="pp-form-intro">{{ f.intro_html|safe }}</div>{% endif %}
<section class="pp-form-return" aria-labelledby="{{ p }}return">
<h2 id="{{ p }}return">When you have filled this in</h2>
{{ (f.return_html if pdf else return_page_html)|safe }}
</section>
{% if not pdf %}
<noscript><p class="pp-form-download">This page needs JavaScript to put your answers in the
school's form. <a href="{{ pdf_href }}" download>Download the {{ f.title }} (PDF)</a> to fill it
in another way.</p></noscript>
{% endif %}
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
<input type="text" id="{{ fid }}_name" name="{{ i.name }}_name"{% if not pdf %}{{ page_attrs(i, i.name ~ "_name", "signature_name", "Full name", sig_context(i)) }}{% endif %}></div>
<div class="pp-field pp-date"><label for="{{ fid }}_date">Date signed <span class="pp-hint">(day/month/year)</span></label>
<input type="text" id="{{ fid }}_date" name="{{ i.name }}_date"{% if not pdf %}{{ page_attrs(i, i.name ~ "_date", "signature_date", "Date signed", sig_context(i)) }}{% endif %}></div>
</fieldset>
{% endif %}
{% endfor %}
</section>
{% endfor %}
{% if not pdf %}
<section class="pp-form-send" aria-labelledby="{{ p }}send" hidden>
<h2 id="{{ p }}send">Save your answers in the school's form</h2>
<p>The button below puts your answers in the school's PDF form and saves it on this device.
Nothing is sent anywhere and nothing is stored: your answers stay on this device, and this page
forgets them when you close it.</p>
<button type="submit" class="pp-button">Fill in and download the PDF</button>
<p class="pp-form-status" role="status"></p>
</section>
{# shown when the PDF is filled in; its links have their address only then (pp-form.js), so
   none waits unreachable in a hidden part of the page, and it repeats the return text #}
<section class="pp-form-done" aria-labelledby="{{ p }}done" hidden>
<h2 id="{{ p }}done">What happens next</h2>
<p>The school does not have your answers yet. Send it the PDF
<strong class="pp-form-file">{{ f.id }}.pdf</strong>, saved on this device (most browsers put it
in Downloads).</p>
{% if mail_to %}
<p class="pp-form-mail"><a class="pp-form-mailto" data-address="{{ mail_to }}" data-subject="{{ f.title }}">Email the PDF to {{ mail_to }}</a>
(your email program opens a new email with the form's name as its subject: attach the PDF to it).</p>
{% endif %}
<div class="pp-form-done-return" data-from="{{ p }}return"></div>
</section>
<div class="pp-form-nofill" hidden>
<p><strong>This page cannot fill in the PDF here.</strong> It has been opened from a file on this
device, and browsers do not let a page opened that way read the form's PDF. Your answers have
not been saved or sent. Instead, <a href="{{ pdf_href }}" download>download the fillable PDF</a>,
fill it in and return it as "When you have filled this in" says.</p>
</div>
{% endif %}
</form>
{% if not pdf %}
<p class="pp-form-download">Or <a href="{{ pdf_href }}" download>download the {{ f.title }} (PDF)</a>
to fill in another way: on a computer, tablet or phone, or printed and filled in by hand.</p>
{% endif %}
{% if f.notes_html %}<div class="pp-form-notes">{{ f.notes_html|safe }}</div>{% endif %}
<p class="pp-form-version">{{ f.title }}, version {{ f.version }} ({{ f.date_text }}), {{ f.school_name }}.</p>
</div>
{% if not pdf and script_href %}
<script src="{{ script_href }}"></script>
{% endif %}
""")

def page_attrs(item, field: str, kind: str, label: str, context: str = ""):
    """The page's attributes of one input: the PDF field it fills, what it holds (``kind``, for
    the page's checks), its own label for error messages (``context``: which of several
    signatures it belongs to), required."""
    out = f' data-pdf-field="{escape(field)}" data-kind="{escape(kind)}" data-label="{escape(label)}"'
    if context:
        out += f' data-context="{escape(context)}"'
    if kind in ("date", "signature_date"):
        out += ' inputmode="numeric" autocomplete="off"'
    if item.required:
        out += ' required aria-required="true"'
    return Markup(out)


# An address a mailto: link may carry: a plain mailbox, no spaces, quotes, "?", "&", "%" or
# "#" (which would add headers or break the link), a dotted domain with a top-level name.
_EMAIL = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
                    r"[A-Za-z]{2,24}")
_EMAIL_IN_TEXT = re.compile(r"(?<![\w.+@-])" + _EMAIL.pattern + r"(?![\w@-]|\.[A-Za-z0-9])")
_HREF = re.compile(r'href="([^"]*)"')


def valid_email(address: str) -> bool:
    """Whether ``address`` is one plain mailbox a mailto: link may carry as it is."""
    return len(address) <= 254 and _EMAIL.fullmatch(address) is not None


def mailto_href(address: str, subject: str) -> str:
    """``mailto:`` for a valid ``address`` with ``subject`` percent-encoded (RFC 6068; a
    space as %20, never "+"); "" for an address that is not valid."""
    if not valid_email(address):
        return ""
    return f"mailto:{address}?subject={quote(subject, safe='')}"


def return_address(return_html: str) -> str:
    """The address the form goes to: the first valid email address in the form's ``return``
    text (a mailto: link, as ``contact()`` writes, or an address written out, as
    ``{{ school.email }}`` gives), else ""."""
    found = []
    for m in _HREF.finditer(return_html):
        href = html_lib.unescape(m.group(1))
        if href.lower().startswith("mailto:"):
            found.append((m.start(), href[len("mailto:"):].split("?")[0]))
    for start, text in _text_runs(return_html):
        for m in _EMAIL_IN_TEXT.finditer(html_lib.unescape(text)):
            found.append((start, m.group(0)))
    for _at, address in sorted(found, key=lambda x: x[0]):
        if valid_email(address):
            return address
    return ""


def _text_runs(fragment: str):
    """(offset, text) of each run of text in an HTML fragment outside tags and outside links."""
    depth, at = 0, 0
    for m in re.finditer(r"<[^>]*>", fragment):
        if m.start() > at and depth == 0:
            yield at, fragment[at:m.start()]
        tag = m.group(0).lower()
        if re.match(r"<a[\s>]", tag):
            depth += 1
        elif tag.startswith("</a"):
            depth = max(0, depth - 1)
        at = m.end()
    if at < len(fragment) and depth == 0:
        yield at, fragment[at:]


def linked_return_html(return_html: str, subject: str) -> str:
    """The ``return`` text for the page: each valid address written out becomes a mailto: link,
    and each mailto: link to a valid address gets ``subject`` (the form's title)."""
    def link_text(text: str) -> str:
        def one(m):
            address = m.group(0)
            href = mailto_href(address, subject)
            return f'<a href="{escape(href)}">{address}</a>' if href else address
        return _EMAIL_IN_TEXT.sub(one, text)

    def set_subject(m):
        old = html_lib.unescape(m.group(1))
        if not old.lower().startswith("mailto:"):
            return m.group(0)
        href = mailto_href(old[len("mailto:"):], subject)
        return f'href="{escape(href)}"' if href else m.group(0)

    out, last = [], 0
    for start, text in _text_runs(return_html):
        out.append(return_html[last:start])
        out.append(link_text(text))
        last = start + len(text)
    out.append(return_html[last:])
    return _HREF.sub(set_subject, "".join(out))


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


def sig_context(f: ResolvedForm):
    """For a form with more than one signature, each signature's name and date fields say
    which signature they are in their error messages (its legend: "Requested by")."""
    several = sum(1 for i in f.items if i.type == "signature") > 1
    return lambda item: item.label if several else ""


def form_body(f: ResolvedForm, pdf: bool, pdf_href: str = "", script_href: str = "") -> str:
    """The form's questions: for the PDF (``pdf``: tick boxes, ids as the field names) or for
    the page (radio buttons, ids prefixed with the form's id, the web form first and the PDF
    to download after it, and what happens next once the PDF is filled in)."""
    return _BODY.render(f=f, pdf=pdf, pdf_href=pdf_href, p="" if pdf else f"{f.id}--",
                        audience=audience_text(f), script_href=script_href,
                        page_attrs=page_attrs, name_field=file_name_field(f),
                        sig_context=sig_context(f),
                        mail_to="" if pdf else return_address(f.return_html),
                        return_page_html="" if pdf else linked_return_html(f.return_html, f.title))


def form_html(f: ResolvedForm, pdf_href: str, script_href: str = "") -> str:
    """The form's page body for the school website (no <html>/<head>; ``pp:`` links left as they
    are). With ``script_href`` (the theme's js/pp-form.js) the page fills in the PDF itself."""
    return form_body(f, pdf=False, pdf_href=pdf_href, script_href=script_href)
