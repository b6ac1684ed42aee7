"""A form's fillable, tagged PDF: the HTML document WeasyPrint lays out (``form_pdf_html``, made
in the planner) and the one rendering pass (``form_pdf``, run in a worker) in which the
``FormFields`` finisher (fields.py) cleans up the fields and metadata before the bytes are written.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from builder.render.form.fields import FormFields
from builder.render.form.page import audience_text, env, form_body
from builder.resolve.forms import ResolvedForm
from builder.resolve.markdown import rewrite_links
from builder.render.engine import html_to_pdf

CSS_FILE = Path(__file__).with_name("form.css")

_DOC = env.from_string("""\
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
{% if f.logo %}<img class="pp-logo" src="{{ f.logo.data_uri }}" alt="{{ f.logo.alt }}">{% endif %}
<p class="pp-school">{{ f.school_name }}</p>
<h1>{{ f.title }}</h1>
<p class="pp-form-meta">{{ audience }} · Version {{ f.version }}, {{ f.date_text }}</p>
</header>
{{ body|safe }}
</body>
</html>
""")


def form_pdf_html(f: ResolvedForm, colour: str, link_mapper=None) -> str:
    """The PDF's HTML document; ``link_mapper(kind, parts) -> href`` points ``pp:`` links
    somewhere (without one, links in the form's text print as plain text)."""
    body = form_body(f, pdf=True)
    body = rewrite_links(body, link_mapper or (lambda kind, parts: ""))
    body = body.replace(' href=""', "")           # a link with nowhere to go in the PDF: plain text
    stamp = f"{f.date:%Y-%m-%d}T00:00:00Z"
    return _DOC.render(f=f, body=body, stamp=stamp, colour=colour, audience=audience_text(f))


def form_identifier(f: ResolvedForm) -> bytes:
    """The first half of the PDF's /ID: fixed per school, form and version."""
    return hashlib.sha256(f.identity.encode()).hexdigest()[:32].encode()


def form_pdf(f: ResolvedForm, html: str, finishers=()) -> bytes:
    """The fillable, tagged PDF's bytes for ``html`` (from ``form_pdf_html``), in one pass.

    WeasyPrint lays out the form; ``FormFields(f)`` then the extra ``finishers`` (WeasyPrint
    finishers, ``finisher(document, pdf)``) edit the PDF's objects before the bytes are written.
    Needs nothing but its arguments, so a worker process can call it.
    """
    return html_to_pdf(html, CSS_FILE.read_text(encoding="utf-8"),
                       finishers=(FormFields(f), *finishers), identifier=form_identifier(f))


def render_form_pdf(f: ResolvedForm, colour: str, link_mapper=None) -> bytes:
    """The PDF's bytes in one call (byte-identical per input): ``form_pdf_html`` then ``form_pdf``."""
    return form_pdf(f, form_pdf_html(f, colour, link_mapper))
