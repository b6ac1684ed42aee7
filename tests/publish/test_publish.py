"""``policypack publish``: each school's folder and zip, policies.json, sitemap.xml, snippet.html,
the accessibility statement page, web addresses, reproducibility and refusals."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from tests.support import ROOT, SCHOOLS, TODAY, copy_pack

from builder.cli.main import main
from builder.common.diagnostics import PackError
from builder.publish.package import publish

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def published(example_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("pub") / "publish"
    done, diags = publish(ROOT, out, site=example_site, make_zip=True, build_first=False)
    return out, done, diags


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links(text: str) -> _Links:
    p = _Links()
    p.feed(text)
    return p


def test_every_school_gets_a_folder_and_a_zip(published, example_site):
    out, done, _ = published
    assert sorted(d[0] for d in done) == sorted(SCHOOLS)
    for school in SCHOOLS:
        folder = out / school
        for rel in ("index.html", "accessibility.html", "policies.json", "sitemap.xml", "snippet.html",
                    "pdf/social-media.pdf", "forms/social-media-consent.pdf", "search/search_index.js"):
            assert (folder / rel).is_file(), f"{school}/{rel}"
        # every built page and PDF is in the folder, byte for byte
        for path in (example_site / school).rglob("*"):
            if path.is_file():
                rel = path.relative_to(example_site / school)
                assert (folder / rel).read_bytes() == path.read_bytes(), rel
        assert all(oct(p.stat().st_mode)[-3:] == "644" for p in folder.rglob("*") if p.is_file())
        with zipfile.ZipFile(out / f"{school}.zip") as z:
            names = z.namelist()
            assert names == sorted(names)
            files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
            assert names == files
            for info in z.infolist():
                assert info.date_time == (1980, 1, 1, 0, 0, 0)
                assert z.read(info) == (folder / info.filename).read_bytes()


def test_feed_lists_each_policy_and_form_with_dates_and_addresses(published, example_resolved, example_pack):
    out, _, _ = published
    for school in SCHOOLS:
        rs = example_resolved[school]
        data = json.loads((out / school / "policies.json").read_text(encoding="utf-8"))
        assert data["format"] == "policypack-policies/1"
        assert data["school"] == {"id": school, "name": rs.name, "website": rs.values["website"]}
        base = rs.values["website"].rstrip("/") + "/policies/"
        assert data["base_url"] == base
        assert [p["id"] for p in data["policies"]] == list(rs.policies)
        for p in data["policies"]:
            rp = rs.policies[p["id"]]
            assert p["title"] == rp.title and p["version"] == rp.version
            assert p["approved"] == str(rp.approval.approved)
            assert p["next_review"] == str(rp.next_review)
            assert p["page"] == f"policies/{p['id']}.html" and p["pdf"] == f"pdf/{p['id']}.pdf"
            assert p["page_url"] == base + p["page"] and p["pdf_url"] == base + p["pdf"]
            assert (out / school / p["page"]).is_file() and (out / school / p["pdf"]).is_file()
        assert [f["id"] for f in data["forms"]] == list(rs.forms)
        for f in data["forms"]:
            assert f["title"] == example_pack.forms[f["id"]].title
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", f["date"]) and f["version"]
            assert (out / school / f["page"]).is_file() and (out / school / f["pdf"]).is_file()
            assert f["pdf_url"] == base + f"forms/{f['id']}.pdf"


def test_sitemap_lists_every_page_with_source_dates(published, example_resolved):
    out, _, _ = published
    for school in SCHOOLS:
        folder = out / school
        tree = ElementTree.parse(folder / "sitemap.xml")
        entries = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in tree.getroot()}
        base = example_resolved[school].values["website"].rstrip("/") + "/policies/"
        pages = {base + p.relative_to(folder).as_posix() for p in folder.rglob("*")
                 if p.suffix in (".html", ".pdf") and p.name != "snippet.html"}
        assert set(entries) == pages
        rs = example_resolved[school]
        for pid, rp in rs.policies.items():
            assert entries[base + f"policies/{pid}.html"] == str(rp.approval.approved)
        assert all(d and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", d) for d in entries.values())
        assert TODAY.isoformat() not in entries.values()


def test_snippet_links_every_policy_and_form(published, example_resolved):
    out, _, _ = published
    for school in SCHOOLS:
        rs = example_resolved[school]
        text = (out / school / "snippet.html").read_text(encoding="utf-8")
        parsed = links(text)
        assert "script" not in parsed.tags and "style" not in parsed.tags
        base = rs.values["website"].rstrip("/") + "/policies/"
        for pid, rp in rs.policies.items():
            assert base + f"policies/{pid}.html" in parsed.hrefs
            assert base + f"pdf/{pid}.pdf" in parsed.hrefs
            assert rp.title in text
        for fid in rs.forms:
            assert base + f"forms/{fid}.pdf" in parsed.hrefs
        assert base + "accessibility.html" in parsed.hrefs
        assert rs.name in text


def test_snippet_escapes_values():
    from types import SimpleNamespace
    from builder.publish.package import Base, Listed, SchoolFacts, snippet
    rs = SimpleNamespace(id="x", name="St <Mary> & Co")
    facts = SchoolFacts([Listed("p", "A <script>", "1", "policies/p.html", "pdf/p.pdf", None)], [])
    text = snippet(rs, facts, Base(None, "none"))
    assert "<script>" not in text and "A &lt;script&gt;" in text and "St &lt;Mary&gt; &amp; Co" in text
    assert 'href="policies/p.html"' in text and "relative" in text


def test_publish_is_reproducible(published, example_site, tmp_path):
    out, _, _ = published
    again = tmp_path / "again"
    publish(ROOT, again, site=example_site, make_zip=True, build_first=False)
    for school in SCHOOLS:
        assert (again / f"{school}.zip").read_bytes() == (out / f"{school}.zip").read_bytes()
        for name in ("policies.json", "sitemap.xml", "snippet.html"):
            assert (again / school / name).read_bytes() == (out / school / name).read_bytes()


def test_accessibility_statement_page(example_site, example_resolved):
    for school in SCHOOLS:
        rs = example_resolved[school]
        page = (example_site / school / "accessibility.html").read_text(encoding="utf-8")
        assert "<h1" in page and "Accessibility statement" in page
        assert rs.name in page and "WCAG" in page and "2.2" in page
        assert f'mailto:{rs.values["email"]}' in page and rs.values["phone"] in page
        assert "Equality Advisory and Support Service" in page
        assert re.search(r"last updated on \d{1,2} \w+ \d{4}", page)
        # in every page's navigation and footer
        for rel in ("index.html", "policies/social-media.html", "forms/social-media-consent.html"):
            other = (example_site / school / rel).read_text(encoding="utf-8")
            assert re.search(r'href="(\.\./)?accessibility\.html"', other), rel
    # the build writes no empty MkDocs sitemap (publish writes the real one)
    assert not (example_site / SCHOOLS[0] / "sitemap.xml").exists()


def test_base_url_option_and_trust_site_url(example_site, tmp_path):
    done, _ = publish(ROOT, tmp_path / "a", ["vine-tree"], site=example_site, build_first=False,
                      base_url="https://policies.example.org/{school}")
    data = json.loads((tmp_path / "a" / "vine-tree" / "policies.json").read_text())
    assert data["base_url"] == "https://policies.example.org/vine-tree/"
    assert data["policies"][0]["page_url"].startswith("https://policies.example.org/vine-tree/policies/")
    pack = copy_pack(tmp_path / "pack")
    trust = pack / "trust.yml"
    text = trust.read_text(encoding="utf-8")
    assert re.search(r"(?m)^settings:\n", text)
    trust.write_text(re.sub(r"(?m)^settings:\n", "settings:\n  site_url: https://bpet.example/packs\n", text),
                     encoding="utf-8")
    publish(pack, tmp_path / "b", ["chestnuts"], site=example_site, build_first=False)
    sitemap = (tmp_path / "b" / "chestnuts" / "sitemap.xml").read_text()
    assert "<loc>https://bpet.example/packs/chestnuts/index.html</loc>" in sitemap


def test_base_for_takes_option_then_site_url_then_website():
    from types import SimpleNamespace as NS
    from builder.publish.package import base_for
    school = NS(id="oak", values={"website": "https://oak-school.org.uk"})
    bare = NS(id="oak", values={})
    trust = NS(settings=NS(site_url="https://trust.example/packs"))
    no_url = NS(settings=NS(site_url=None))
    assert base_for(school, trust, "https://x.example/p/{school}", True).url == "https://x.example/p/oak/"
    assert base_for(school, trust, "https://x.example/p", True).url == "https://x.example/p/oak/"
    assert base_for(school, trust, "https://x.example/p", False).url == "https://x.example/p/"
    assert base_for(school, trust, None, True).url == "https://trust.example/packs/oak/"
    assert base_for(school, no_url, None, True).url == "https://oak-school.org.uk/policies/"
    assert base_for(bare, no_url, None, True).url is None


def test_without_any_address_links_are_relative_and_no_sitemap(example_site, tmp_path, monkeypatch):
    from builder.publish import package as publish_cmd
    monkeypatch.setattr(publish_cmd, "base_for", lambda *a: publish_cmd.Base(None, "none"))
    done, diags = publish(ROOT, tmp_path / "out", ["edith-cavell"], site=example_site, build_first=False)
    folder = tmp_path / "out" / "edith-cavell"
    assert not (folder / "sitemap.xml").exists()
    data = json.loads((folder / "policies.json").read_text())
    assert data["base_url"] is None and "page_url" not in data["policies"][0]
    assert [d.code for d in diags] == ["N-PUBLISH-NO-URL"] and diags[0].school == "edith-cavell"
    assert 'href="policies/social-media.html"' in (folder / "snippet.html").read_text()


def test_refuses_a_folder_it_did_not_write(example_site, tmp_path, capsys):
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("keep me")
    with pytest.raises(PackError) as exc:
        publish(ROOT, foreign, site=example_site, build_first=False)
    assert exc.value.diagnostics[0].code == "E-OUT"
    assert main(["--project", str(ROOT), "publish", "--no-build", "--site", str(example_site),
                 "--out", str(foreign)]) == 2
    assert "E-OUT" in capsys.readouterr().err
    assert (foreign / "thesis.txt").read_text() == "keep me"
    assert main(["--project", str(ROOT), "publish", "--no-build", "--site", str(tmp_path / "none"),
                 "--out", str(tmp_path / "o")]) == 2
    assert "E-PUBLISH-BUILD" in capsys.readouterr().err
    assert main(["--project", str(ROOT), "publish", "--no-build", "--site", str(example_site),
                 "--base-url", "ftp://x", "--out", str(tmp_path / "o")]) == 2
    assert "--base-url: error E-ARG" in capsys.readouterr().err
    assert main(["--project", str(ROOT), "publish", "--no-build", "--site", str(example_site),
                 "--school", "oak", "--out", str(tmp_path / "o")]) == 2
    assert "E-SCHOOL" in capsys.readouterr().err


def test_publishing_one_school_keeps_the_others(published, example_site, tmp_path):
    out = tmp_path / "pub"
    publish(ROOT, out, site=example_site, build_first=False)
    (out / "vine-tree" / "stale.html").write_text("old")
    publish(ROOT, out, ["vine-tree"], site=example_site, build_first=False, make_zip=True)
    assert not (out / "vine-tree" / "stale.html").exists()
    assert (out / "vine-tree.zip").exists() and not (out / "chestnuts.zip").exists()
    assert (out / "chestnuts" / "policies.json").exists()


def test_cli_builds_then_publishes(example_site, tmp_path, capsys):
    """`policypack publish` builds first: on an up-to-date build nothing is rendered again."""
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*.pdf")}
    code = main(["--project", str(ROOT), "publish", "--site", str(site), "--out", str(tmp_path / "pub"),
                 "--zip", "--school", "chestnuts", "--today", TODAY.isoformat(), "--quiet"])
    assert code == 0
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*.pdf")} == before
    assert (tmp_path / "pub" / "chestnuts.zip").is_file()
    assert not (tmp_path / "pub" / "vine-tree").exists()
    code = main(["--project", str(ROOT), "publish", "--site", str(site), "--out", str(tmp_path / "pub"),
                 "--no-build", "--school", "chestnuts"])
    assert code == 0
    assert "published chestnuts:" in capsys.readouterr().out
