"""Where every output lives: the one place that names the files of a build.

A build's folder holds the trust index (``index.html``, its stylesheet in ``assets/``), the
manifest, and one folder per school. Inside a school's folder (paths here are relative to it
unless the function takes a school id):

    index.html, changelog.html, accessibility.html    the site's own pages
    policies/<policy>.html                            a policy's page
    pdf/<policy>.pdf                                  a policy's PDF
    forms/<form>.html                                 a form's page
    forms/<form>.pdf                                  a form's fillable PDF

``href(source, target)`` is the relative address of one of them from another (a sibling by its
name, anything else by way of the school's folder), as every page and PDF links them; ``in_school``
names a school's file inside the whole build.
"""

from __future__ import annotations

import posixpath

MANIFEST = "manifest.json"
TRUST_INDEX = "index.html"
TRUST_INDEX_CSS = "assets/theme.css"

HOME = "index.html"
CHANGELOG = "changelog.html"
ACCESSIBILITY = "accessibility.html"


def policy_page(policy: str) -> str:
    return f"policies/{policy}.html"


def policy_pdf(policy: str) -> str:
    return f"pdf/{policy}.pdf"


def form_page(form: str) -> str:
    return f"forms/{form}.html"


def form_pdf(form: str) -> str:
    return f"forms/{form}.pdf"


def in_school(school: str, rel: str = "") -> str:
    """A school's file (or, with no ``rel``, its folder) as a path in the build's folder."""
    return f"{school}/{rel}" if rel else school


def up(source: str) -> str:
    """From the file ``source`` back to the folder its path starts from ("" or "../"...)."""
    return "../" * source.count("/")


def href(source: str, target: str) -> str:
    """The relative address of ``target`` from the file ``source`` (both paths from one folder):
    a file in the same folder by its name, any other by way of that folder."""
    if posixpath.dirname(source) == posixpath.dirname(target):
        return posixpath.basename(target)
    return up(source) + target


def rooted(source: str, target: str) -> str:
    """The address of ``target`` from ``source`` always by way of the folder both start from
    (the site's section links: ``../policies/x.html`` even from ``policies/y.html``)."""
    return up(source) + target
