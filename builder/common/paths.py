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
names a school's file inside the whole build. ``base_for`` is the published web address a
school's files are linked under, when the pack (or ``publish --base-url``) gives one.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from builder.common.addresses import safe_web_address

MANIFEST = "manifest.json"
TRUST_INDEX = "index.html"
TRUST_INDEX_CSS = "assets/theme.css"
DIFF_FOLDER = "diff"    # `policypack diff` writes its redlines here in the site, by default
REVIEWS = "reviews.ics"  # the review calendar: every school's at the top, each school's in its own
# the build folder's own names, which no school's folder may take
TOP_LEVEL = frozenset({MANIFEST, TRUST_INDEX, TRUST_INDEX_CSS.split("/")[0], DIFF_FOLDER, REVIEWS})

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


# ------------------------------------------------------------------ published addresses

@dataclass
class Base:
    url: str | None        # absolute, ending "/", or None (relative links only)
    source: str            # where it came from, for the user

    def href(self, rel: str) -> str:
        return self.url + quote(rel) if self.url else rel


def base_for(school, trust, override: str | None, many: bool) -> Base:
    """The web address a school's published files are linked under. Every candidate passes the
    address rule (``common/addresses.py``) again here: the pack's values were checked at load,
    and an address that is not a web address never reaches policies.json, sitemap or snippet."""
    if override:
        url = override.replace("{school}", school.id)
        if "{school}" not in override and many:
            url = url.rstrip("/") + "/" + school.id
        return Base(_slash(url), "--base-url")
    site_url = safe_web_address(getattr(trust.settings, "site_url", None))
    if site_url:
        return Base(_slash(str(site_url)) + school.id + "/", "the trust's settings: site_url")
    website = safe_web_address((school.values or {}).get("website"))
    if website:
        return Base(_slash(str(website)) + "policies/", "the school's website, policies/ folder")
    return Base(None, "none")


def _slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
