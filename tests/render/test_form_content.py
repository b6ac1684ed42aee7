"""What the forms and PDFs say: the staff code acknowledgement points at the staff code; links
between published files use the school's full address when the pack knows it (so a downloaded
or emailed PDF's links work) and stay relative when it does not; no text names a role twice."""

from __future__ import annotations

import re

import pytest

from tests.support import copy_pack


def _resolve(root):
    from builder.resolve.school import resolve_all
    from builder.source.load import load_pack
    pack = load_pack(root)
    return pack, resolve_all(pack)


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_staff_code_acknowledgement_points_at_the_staff_code(example_resolved):
    for sid, rs in example_resolved.items():
        f = rs.resolved_forms["staff-code-acknowledgement"]
        assert "pp:policy/staff-code" in f.intro_html or "staff-code" in " ".join(_hrefs(f.intro_html)), sid
        assert "social-media" not in " ".join(_hrefs(f.intro_html)), sid
        assert "Staff Social Media Code of Conduct" in f.intro_html, sid


def _form_pdf_html(pack, rs, fid):
    from builder.common import paths
    from builder.render.form.pdf import form_pdf_html
    from builder.render.pages import pdf_linker
    links, _ = pdf_linker(rs, pack.trust, paths.form_pdf(fid), None)
    return form_pdf_html(rs.resolved_forms[fid], "#123456", links)


def test_pdf_links_use_the_school_website_when_known(example_pack, example_resolved):
    from builder.render.policy.render import policy_pdf_html
    for sid, rs in example_resolved.items():
        site = rs.values["website"].rstrip("/") + "/policies/"
        html = _form_pdf_html(example_pack, rs, "staff-code-acknowledgement")
        assert f'{site}pdf/staff-code.pdf' in _hrefs(html), sid
        phtml = policy_pdf_html(rs, rs.policies["social-media"], example_pack)
        outside = [h for h in _hrefs(phtml) if h.endswith(".pdf") or ".pdf#" in h]
        assert outside and all(h.startswith(site) for h in outside), (sid, outside[:3])


@pytest.mark.parametrize("site_url", ["https://policies.example.org/schools", "https://policies.example.org/schools/"])
def test_pdf_links_use_the_trust_site_url_first(tmp_path, site_url):
    root = copy_pack(tmp_path / "pack")
    trust = (root / "trust.yml").read_text(encoding="utf-8")
    trust = trust.replace("\nsettings:\n", f"\nsettings:\n  site_url: {site_url}\n", 1)
    (root / "trust.yml").write_text(trust, encoding="utf-8")
    pack, schools = _resolve(root)
    for sid, rs in schools.items():
        html = _form_pdf_html(pack, rs, "staff-code-acknowledgement")
        assert f"https://policies.example.org/schools/{sid}/pdf/staff-code.pdf" in _hrefs(html), sid


def test_pdf_links_stay_relative_without_an_address(tmp_path):
    from builder.render.policy.render import policy_pdf_html
    pack, schools = _resolve(copy_pack(tmp_path / "pack"))     # a private copy: changed below
    for sid, rs in schools.items():
        rs.school.values = {k: v for k, v in rs.school.values.items() if k != "website"}
        html = _form_pdf_html(pack, rs, "staff-code-acknowledgement")
        assert "../pdf/staff-code.pdf" in _hrefs(html), sid
        phtml = policy_pdf_html(rs, rs.policies["social-media"], pack)
        assert not [h for h in _hrefs(phtml) if h.startswith("http") and ".pdf" in h], sid


def _texts(rs):
    for f in rs.resolved_forms.values():
        yield f"form {f.id}", " ".join([f.intro_html, f.return_html, f.notes_html or ""]
                                       + [s.html for s in f.sections])
    for pid, rp in rs.policies.items():
        yield f"policy {pid}", " ".join(s.html for s in rp.sections)


def test_no_text_names_a_role_twice(example_resolved):
    """"the Data Protection Officer, Clare Wilson (Data Protection Officer)" and the like."""
    found = []
    for sid, rs in example_resolved.items():
        roles = [r for r in (rs.values.get("roles") or {}).values() if r.get("name") and r.get("title")]
        for where, html in _texts(rs):
            text = re.sub(r"<[^>]+>", "", html)
            text = re.sub(r"\s+", " ", text)
            for r in roles:
                title, name = re.escape(r["title"]), re.escape(r["name"])
                pattern = rf"{title}\W{{1,3}}(?:is |was |, )?\W{{0,2}}{name} \({title}\)"
                if re.search(pattern, text, re.I):
                    found.append(f"{sid} {where}: {r['title']} named twice")
    assert not found, "\n".join(found)


def test_contact_can_leave_the_title_out():
    from builder.resolve.templating import Renderer
    r = Renderer.__new__(Renderer)
    r.context = {"roles": {"dpo": {"name": "Clare Wilson", "title": "Data Protection Officer",
                                   "email": "dpo@example.org"}}}
    r.roles_used = set()
    r.diagnostics = []
    assert str(r.contact("dpo")).startswith("Clare Wilson (Data Protection Officer), ")
    assert str(r.contact("dpo", title=False)).startswith("Clare Wilson, ")
    assert "Data Protection Officer" not in str(r.contact("dpo", title=False))
