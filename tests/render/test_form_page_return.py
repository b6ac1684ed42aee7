"""The form page's order and where it says to send the form: the web form before the PDF to
download; "What happens next" with a mailto: link to the address in the form's ``return`` text
(the school's email, or the person ``contact()`` names), its subject the form's name,
percent-encoded; a mailto: link only for an address that is one plain mailbox, so a school's
email written wrong never becomes a link that adds recipients or headers."""

from __future__ import annotations

import copy
import re
from urllib.parse import unquote

import pytest
from markupsafe import escape

from builder.render.form.page import (form_html, linked_return_html, mailto_href, return_address,
                                      valid_email)
from builder.resolve.forms import resolve_form
from tests.support import SCHOOLS

VALID = ["admin@chestnutsprimary.org.uk", "head.teacher+forms@school.sch.uk", "a_b-c@x-y.co",
         "Office@School.ORG.UK"]
INVALID = ["", "admin", "admin@school", "a b@school.uk", "a@school .uk", "a@b.uk?cc=c@d.uk",
           "a@b.uk&bcc=c@d.uk", "a@b.uk#x", "a%40b@c.uk", "a..b@c.uk", ".a@c.uk", "a@-b.uk",
           "a@b.uk.", "javascript:alert(1)//@x.uk", '"a"@b.uk', "a@b.uk\n", "a@b.uk\r\nBcc: c@d.uk",
           "<a@b.uk>", "a@b.c", "x" * 250 + "@b.uk", "ad\u00efn@school.uk"]


@pytest.mark.parametrize("address", VALID)
def test_a_plain_mailbox_is_a_mailto_link(address):
    assert valid_email(address)
    href = mailto_href(address, "Form")
    assert href == f"mailto:{address}?subject=Form"


@pytest.mark.parametrize("address", INVALID)
def test_anything_else_is_no_link(address):
    assert not valid_email(address)
    assert mailto_href(address, "Form") == ""


def test_the_subject_is_percent_encoded():
    title = 'Pupils\' "trips" & <visits> form – Zoë?x=1#y'
    href = mailto_href("office@school.uk", title)
    subject = href.split("?subject=", 1)[1]
    assert re.fullmatch(r"[A-Za-z0-9%._~-]*", subject), subject     # nothing left to mean anything
    assert " " not in href and "+" not in subject and "&" not in subject and "#" not in subject
    assert unquote(subject) == title


@pytest.mark.parametrize("html, address", [
    ('<p>Email it to <a href="mailto:head@x.org.uk">head@x.org.uk</a> or to admin@y.org.uk.</p>',
     "head@x.org.uk"),
    ("<p>Email it to admin@y.org.uk, or hand it to <a href=\"mailto:head@x.org.uk\">Sam</a>.</p>",
     "admin@y.org.uk"),
    ("<p>Hand it in at the school office.</p>", ""),
    ("<p>Email it to office(at)school.uk or admin@school.</p>", ""),
    ('<p>Email <a href="mailto:a@b.uk?cc=evil@c.uk">the office</a>.</p>', "a@b.uk"),
    ('<p>Email <a href="mailto:bad address@b.uk">them</a>, or admin@y.org.uk.</p>', "admin@y.org.uk"),
    ("<p>Email it to admin@y.org.uk.</p>", "admin@y.org.uk"),       # the full stop is the sentence's
])
def test_the_address_is_the_first_in_the_return_text(html, address):
    assert return_address(html) == address


def test_the_return_text_links_its_addresses_with_the_subject():
    html = ('<p>Email it to admin@y.org.uk, or to <a href="mailto:head@x.org.uk">head@x.org.uk</a>; '
            'not office(at)school.uk.</p>')
    out = linked_return_html(html, "Consent & <form>")
    assert out.count("<a ") == 2
    assert '<a href="mailto:admin@y.org.uk?subject=Consent%20%26%20%3Cform%3E">admin@y.org.uk</a>' in out
    assert 'href="mailto:head@x.org.uk?subject=Consent%20%26%20%3Cform%3E"' in out
    assert "office(at)school.uk" in out and "<form>" not in out
    # an address inside a link's text is not linked again
    assert linked_return_html('<p><a href="https://x.uk">admin@y.org.uk</a></p>', "F") == \
        '<p><a href="https://x.uk">admin@y.org.uk</a></p>'


def test_each_form_page_puts_the_web_form_first_and_says_where_to_send_it(example_resolved):
    for sid in SCHOOLS:
        rs = example_resolved[sid]
        for fid, f in rs.resolved_forms.items():
            html = form_html(f, f"{fid}.pdf", "../js/pp-form.js")
            noscript_end = html.index("</noscript>")
            form_start, form_end = html.index("<form "), html.index("</form>")
            downloads = [m.start() for m in re.finditer(r'<a href="[^"]*\.pdf" download>', html)]
            # the download links: in the no-script note, in the note for a page opened from a
            # file (inside the form, hidden unless so), and the one after the form
            visible = [d for d in downloads if d > noscript_end and not form_start < d < form_end]
            assert visible and min(visible) > form_end, (sid, fid)
            assert html.index('class="pp-form-intro"' if f.intro_html else 'class="pp-form-return"') < form_start
            assert html.index('class="pp-form-return"') < form_start
            address = return_address(f.return_html)
            assert address, (sid, fid, f.return_html)
            assert address in (rs.values["email"], *(r.get("email") for r in rs.values["roles"].values()))
            start = html.index('class="pp-form-done"')
            done = html[start:html.index("</section>", start)]
            # the link has its address when the page shows it (pp-form.js): a hidden link
            # would be one Tab could never reach
            m = re.search(r'<a class="pp-form-mailto" data-address="([^"]+)" data-subject="([^"]+)"', done)
            assert m, (sid, fid)
            assert m.group(1) == address and m.group(2) == escape(f.title)
            assert "What happens next" in done
            assert "href=" not in done, (sid, fid)
            # the return text on the page links its address, the subject the form's name
            ret = html[html.index('class="pp-form-return"'):form_start]
            assert f'href="{escape(mailto_href(address, f.title))}"' in ret, (sid, fid)


@pytest.mark.parametrize("email, linked", [
    ("office(at)chestnuts.uk", None),
    ("office@chestnuts", None),
    ('office@chestnuts.uk"><script>alert(1)</script>', "office@chestnuts.uk"),
    ("office@chestnuts.uk?bcc=list@else.uk", "office@chestnuts.uk"),
])
def test_a_school_email_written_wrong_is_never_a_link_that_does_more(example_pack, example_resolved,
                                                                      email, linked):
    school = example_resolved[SCHOOLS[0]]
    rs = copy.copy(school)
    rs.values = dict(school.values, email=email)
    rs.school = copy.copy(school.school)
    rs.school.values = rs.values
    f = resolve_form(example_pack, rs, example_pack.forms["social-media-consent"])
    html = form_html(f, "x.pdf", "../js/pp-form.js")
    assert "<script>alert" not in html
    hrefs = re.findall(r'href="mailto:([^"]*)"', html)
    for href in hrefs:
        address, _, query = href.partition("?")
        assert valid_email(address), href
        assert query == "" or re.fullmatch(r"subject=[A-Za-z0-9%._~-]*", query), href
    done = html[html.index('class="pp-form-done"'):]
    if linked is None:
        assert 'class="pp-form-mailto"' not in done
        assert "data-address" not in html
    else:
        assert f'data-address="{linked}"' in done
    assert "bcc" not in "".join(hrefs)
