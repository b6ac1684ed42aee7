"""The example pack, built as `policypack build` builds it: each school's site and PDFs carry
that school's own people and dates, nothing of another school, no template leftovers, and the
website and the PDF of each policy say the same thing."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.support import SCHOOLS
from tests.support import html_text, parse_page, pdf_text, squash


def people(resolved, sid):
    roles = resolved[sid].values["roles"]
    return {rid: roles[rid]["name"] for rid in ("headteacher", "dsl", "dpo") if rid in roles}


def test_every_school_has_its_outputs(example_site, example_pack):
    assert (example_site / "index.html").is_file()
    for sid in SCHOOLS:
        assert (example_site / sid / "index.html").is_file()
        for pid in example_pack.policies:
            assert (example_site / sid / "policies" / f"{pid}.html").is_file()
            assert (example_site / sid / "pdf" / f"{pid}.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("sid", SCHOOLS)
def test_outputs_name_only_their_own_school_and_people(example_site, example_resolved, sid):
    mine = people(example_resolved, sid)
    assert {"headteacher", "dsl", "dpo"} <= set(mine)
    others = {o: example_resolved[o] for o in SCHOOLS if o != sid}
    trust_dpo = example_resolved[sid].values["roles"]["dpo"]["name"]
    for pdf in (example_site / sid / "pdf").glob("*.pdf"):
        text = squash(pdf_text(pdf))
        assert squash(example_resolved[sid].name) in text, pdf
        for name in mine.values():
            assert squash(name) in text or pdf.stem != "social-media", (pdf, name)
        for other in others.values():
            assert squash(other.name) not in text, (pdf, other.name)
            for rid, name in people(example_resolved, other.id).items():
                if name not in mine.values() and name != trust_dpo:
                    assert squash(name) not in text, (pdf, rid, name)
    page = html_text((example_site / sid / "policies" / "social-media.html").read_text())
    for other in others.values():
        assert other.name not in page


def test_no_template_leftovers_in_any_output(example_site):
    phrases = ["{{", "}}", "{%", "⟦undefined⟧", "name of school", "email address or phone number",
               "[insert"]
    checked = 0
    for path in example_site.rglob("*"):
        if path.suffix == ".html":
            text = " ".join(parse_page(path).text)
        elif path.suffix == ".pdf":
            text = pdf_text(path)
        else:
            continue
        checked += 1
        low = text.lower()
        for phrase in phrases:
            assert phrase not in low, (path, phrase)
    assert checked > 20


def test_site_and_pdf_show_the_same_text(example_site, example_resolved):
    """For every policy of every school, each section's text on the website appears in the PDF."""
    for sid, rs in example_resolved.items():
        for pid, rp in rs.policies.items():
            reader = PdfReader(str(example_site / sid / "pdf" / f"{pid}.pdf"))
            running = {f"{rs.name} – {rp.title}"}
            running |= {f"Version {rp.version} Page {i} of {len(reader.pages)}"
                        for i in range(1, len(reader.pages) + 1)}
            lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
            # list bullets come out of the text layer apart from their items: drop them
            pdf = squash("".join(line for line in lines if line not in running).replace("•", ""))
            page = parse_page(example_site / sid / "policies" / f"{pid}.html")
            site_html = (example_site / sid / "policies" / f"{pid}.html").read_text()
            for sec in rp.sections:
                m = re.search(rf'<section class="policy-section" aria-labelledby="{sec.id}">(.*?)</section>',
                              site_html, re.S)
                assert m, (sid, pid, sec.id)
                # block by block: a table header WeasyPrint repeats on a new page, or a bullet,
                # may sit between blocks in the PDF's text layer, never inside one
                blocks = re.findall(r"<(h[2-6]|p|li|td|th|dt|dd)\b[^>]*>(.*?)</\1>", m.group(1), re.S)
                assert blocks, (sid, pid, sec.id)
                for _, block in blocks:
                    assert squash(html_text(block)) in pdf, (sid, pid, sec.id, html_text(block))
            assert page.ids >= {s.id for s in rp.sections}


def test_pdf_metadata_structure_and_approval_record(example_site, example_resolved):
    for sid, rs in example_resolved.items():
        for pid, rp in rs.policies.items():
            reader = PdfReader(str(example_site / sid / "pdf" / f"{pid}.pdf"))
            meta = reader.metadata
            assert meta.title == f"{rp.title} – {rs.name}"
            assert meta.author == rs.name
            root = reader.trailer["/Root"]
            assert root["/Lang"] == "en-GB"
            assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
            assert reader.mediabox_is_a4 if hasattr(reader, "mediabox_is_a4") else True
            box = reader.pages[0].mediabox
            assert (round(float(box.width)), round(float(box.height))) == (595, 842)
            first = squash(reader.pages[0].extract_text())
            a = rp.approval
            assert squash(a.approved.human()) in first
            assert squash(rp.next_review.human()) in first
            assert squash(f"Version{rp.version}") in first
            for s in a.signatories:
                assert squash(s.name) in first and squash(s.title) in first


def test_internal_links_resolve_in_the_site(example_site):
    """Every relative link in every page points at a file that exists, and at an anchor in it."""
    pages = list(example_site.rglob("*.html"))
    ids = {p: parse_page(p).ids for p in pages}
    followed = 0
    for page in pages:
        for href in parse_page(page).hrefs:
            if re.match(r"^[a-z]+:", href):
                continue
            path, _, frag = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            assert target.exists(), (page, href)
            if frag and target.suffix == ".html":
                assert frag in ids.get(target, parse_page(target).ids), (page, href)
            followed += 1
    assert followed > 100


def test_section_reference_points_at_the_numbered_section(example_site, example_resolved):
    """'section N' links land on the heading numbered N."""
    seen = 0
    for sid in SCHOOLS:
        html = (example_site / sid / "policies" / "social-media.html").read_text()
        for m in re.finditer(r'<a href="#([a-z0-9-]+)">section (\d+)</a>', html):
            heading = re.search(rf'<h2 id="{m.group(1)}"><span class="num">(\d+)\.</span>', html)
            assert heading and heading.group(1) == m.group(2)
            seen += 1
    assert seen >= 3


def test_trust_index_lists_every_school(example_site, example_resolved):
    page = parse_page(example_site / "index.html")
    text = " ".join(page.text)
    for sid, rs in example_resolved.items():
        assert f"{sid}/index.html" in page.hrefs
        assert rs.name in text
