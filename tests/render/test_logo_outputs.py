"""The school's logo in its outputs, and the review status on the policy PDF's cover.

The small pack with a PNG logo for oak is built once: the policy PDF and the form PDF carry the
image on page 1 with its alt text in the PDF's structure (a /Figure with /Alt), the site's
header shows it from a file of the site that the link check resolves, and the logo's bytes are
part of the outputs' keys (a changed logo renders them again, an unchanged one renders
nothing). The cover says the review status in words for the build's date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from builder.pipeline.manifest import read_manifest
from builder.pipeline.build import build
from builder.pipeline.progress import Progress
from tests.source.test_logo import SVG, png
from tests.support.bad_inputs import copy_small_pack, snapshot, sub

pytestmark = pytest.mark.build

TODAY = dt.date(2026, 11, 21)
ALT = "Oak Primary logo"


def add_logo(pack: Path, data: bytes, name: str = "logo.png") -> None:
    (pack / "schools" / "oak").mkdir(exist_ok=True)
    (pack / "schools" / "oak" / name).write_bytes(data)
    text = (pack / "schools" / "oak.yml").read_text(encoding="utf-8")
    if "logo:" in text:
        text = re.sub(r"logo: .*", f"logo: schools/oak/{name}", text, count=1)
        (pack / "schools" / "oak.yml").write_text(text, encoding="utf-8")
    else:
        sub(pack, "schools/oak.yml", "colour:", f"logo: schools/oak/{name}\ncolour:")


def run(pack, site, today=TODAY, **kw):
    return build(pack, site, today=today, jobs=1, progress=Progress(quiet=True), **kw)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("logo")
    pack = copy_small_pack(base / "pack")
    add_logo(pack, png(48, 24))
    site = base / "site"
    first = run(pack, site)
    return pack, site, first


def figures(reader: pypdf.PdfReader) -> list[tuple[str, str | None]]:
    """(structure type, /Alt) of every /Figure in the PDF's structure tree."""
    found, todo = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if not isinstance(node, dict):
            continue
        if node.get("/S") == "/Figure":
            found.append((str(node["/S"]), node.get("/Alt")))
        kids = node.get("/K")
        todo.extend(kids if isinstance(kids, list) else [kids] if kids is not None else [])
    return found


def page_one_images(reader: pypdf.PdfReader) -> list:
    xobjects = reader.pages[0]["/Resources"].get("/XObject") or {}
    return [x.get_object() for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]


def the_pdf(site: Path, rel: str) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO((site / rel).read_bytes()))


@pytest.mark.parametrize("rel", ["oak/pdf/online-code.pdf", "oak/forms/code-agreement.pdf"])
def test_the_pdf_shows_the_logo_on_page_one_with_its_alt_text(built, rel):
    _pack, site, _ = built
    reader = the_pdf(site, rel)
    images = page_one_images(reader)
    assert len(images) == 1, rel
    assert (images[0]["/Width"], images[0]["/Height"]) == (48, 24)
    assert ("/Figure", ALT) in figures(reader), figures(reader)


class _Imgs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.imgs = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.imgs.append(dict(attrs))


def header_imgs(page: Path) -> list[dict]:
    text = page.read_text(encoding="utf-8")
    head = text[text.index('<header class="site-header">'):text.index("</header>")]
    parser = _Imgs()
    parser.feed(head)
    return parser.imgs


@pytest.mark.parametrize("page", ["index.html", "policies/online-code.html", "forms/code-agreement.html",
                                  "changelog.html"])
def test_every_site_page_has_the_logo_in_its_header_from_a_file_of_the_site(built, page):
    pack, site, _ = built
    (img,) = header_imgs(site / "oak" / page)
    assert img["alt"] == ALT
    assert not img["src"].startswith(("data:", "/", "http"))
    target = (site / "oak" / page).parent / img["src"]
    assert target.resolve() == (site / "oak" / "assets" / "logo.png").resolve()
    assert target.read_bytes() == (pack / "schools/oak/logo.png").read_bytes()


def test_the_link_check_reads_the_logo_as_a_file_of_the_site(built, tmp_path):
    from builder.pipeline.links import check_outputs
    _pack, site, _ = built
    assert [d.format() for d in check_outputs(site) if d.severity == "error"] == []
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "oak" / "assets" / "logo.png").unlink()
    found = [d.format() for d in check_outputs(copy)]
    assert any("assets/logo.png" in f for f in found), found


def test_an_unchanged_logo_renders_nothing_and_a_changed_one_renders_its_outputs(built):
    pack, site, first = built
    assert run(pack, site).rendered == []
    add_logo(pack, png(48, 24, colour=(200, 30, 30)))
    again = run(pack, site)
    outputs = set(read_manifest(site).schools["oak"].outputs)
    assert set(again.rendered) == outputs, (again.rendered, outputs)
    assert run(pack, site).rendered == []
    (img,) = page_one_images(the_pdf(site, "oak/pdf/online-code.pdf"))
    assert img["/Width"] == 48


def test_an_svg_logo_is_drawn_in_the_pdf_and_copied_into_the_site(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    add_logo(pack, SVG.format('<rect width="10" height="10" fill="#1f5c3a"/>').encode(), "logo.svg")
    site = tmp_path / "site"
    run(pack, site)
    reader = the_pdf(site, "oak/pdf/online-code.pdf")
    assert ("/Figure", ALT) in figures(reader)
    # drawn as vectors in the school's green (0.122 0.361 0.227 rg), not fetched
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert re.search(r"0\.12\d* 0\.36\d* 0\.22\d* rg", content), content[:2000]
    assert (site / "oak/assets/logo.svg").read_bytes() == (pack / "schools/oak/logo.svg").read_bytes()
    assert not (site / "oak/assets/logo.png").exists()
    (img,) = header_imgs(site / "oak/index.html")
    assert img["src"] == "assets/logo.svg"


def test_a_school_without_a_logo_shows_none(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    site = tmp_path / "site"
    run(pack, site)
    assert header_imgs(site / "oak/index.html") == []
    assert not (site / "oak/assets").exists()
    assert page_one_images(the_pdf(site, "oak/pdf/online-code.pdf")) == []


def test_a_hostile_logo_stops_the_build_and_keeps_the_last_output(built, tmp_path, capsys):
    from builder.cli.main import main
    pack, site, _ = built
    copy_pack, copy_site = tmp_path / "pack", tmp_path / "site"
    shutil.copytree(pack, copy_pack)
    shutil.copytree(site, copy_site)
    before = snapshot(copy_site)
    (copy_pack / "schools/oak/logo.png").write_bytes(SVG.format('<rect onload="x()"/>').encode())
    for command in (["check"], ["build", "--out", str(copy_site), "-j", "1", "-q"]):
        capsys.readouterr()
        status = main(["--project", str(copy_pack), *command, "--today", TODAY.isoformat()])
        err = capsys.readouterr().err
        assert status == 2, err
        assert "Traceback" not in err
        assert "schools/oak.yml:5: error E-LOGO: logo 'schools/oak/logo.png' holds SVG data" in err, err
        assert "[oak]" in err
    assert snapshot(copy_site) == before


# ---------------------------------------------------------------- the cover's review status

def cover_status(pack_dir: Path, today: dt.date) -> tuple[str, str]:
    from builder.render.policy.render import policy_pdf_html
    from builder.resolve.school import resolve_school
    from builder.source.load import load_pack
    pack = load_pack(pack_dir)
    rs = resolve_school(pack, pack.schools["oak"])
    html = policy_pdf_html(rs, rs.policies["online-code"], pack, today)
    row = re.search(r'<tr class="review-status status-([a-z-]+)"><th scope="row">Review status</th>'
                    r"<td>(.*?)</td></tr>", html)
    assert row, html[:3000]
    return row[1], row[2]


# The small pack's oak approved online-code on 2026-07-01 with a 2-year cycle: next review due
# on 1 July 2028; the review window is 60 days.
@pytest.mark.parametrize("today, status, words", [
    (dt.date(2026, 11, 21), "current", "Current"),
    (dt.date(2028, 5, 1), "current", "Current"),
    (dt.date(2028, 5, 2), "due-soon", "Review due soon"),
    (dt.date(2028, 7, 1), "due-soon", "Review due soon"),
    (dt.date(2028, 7, 2), "overdue", "Review overdue (by 1 day)"),
    (dt.date(2028, 9, 9), "overdue", "Review overdue (by 70 days)"),
    (dt.date(2031, 1, 1), "overdue", "Review overdue (by 914 days)"),
])
def test_the_cover_says_the_review_status_in_words(tmp_path, today, status, words):
    assert cover_status(copy_small_pack(tmp_path / "pack"), today) == (status, words)


def test_the_words_are_the_sites_labels():
    from builder.resolve.status import STATUSES
    from builder.render.policy.render import review_words
    from builder.source.values import PackDate
    june = PackDate(2024, 6, None)          # due on 30 June 2024
    assert review_words("missing", None, TODAY) == STATUSES["missing"] == "No review date"
    assert review_words("overdue", june, dt.date(2026, 11, 20)) == "Review overdue (by 873 days)"
    assert review_words("due-soon", june, dt.date(2024, 6, 1)) == STATUSES["due-soon"]
    assert review_words("current", june, dt.date(2024, 1, 1)) == STATUSES["current"]


def test_the_built_cover_shows_the_words_and_a_later_day_that_changes_them_renders_again(built, tmp_path):
    pack, site, _ = built
    copy_pack, copy_site = tmp_path / "pack", tmp_path / "site"
    shutil.copytree(pack, copy_pack)
    shutil.copytree(site, copy_site)
    text = the_pdf(copy_site, "oak/pdf/online-code.pdf").pages[0].extract_text()
    assert "Review status" in text and "Current" in text
    # a later day with the same status renders no PDF; one past the review date does
    assert not [r for r in run(copy_pack, copy_site, dt.date(2026, 11, 22)).rendered if r.endswith(".pdf")
                and "/pdf/" in r]
    later = run(copy_pack, copy_site, dt.date(2028, 9, 9))
    assert "oak/pdf/online-code.pdf" in later.rendered
    text = " ".join(the_pdf(copy_site, "oak/pdf/online-code.pdf").pages[0].extract_text().split())
    assert "Review overdue (by 70 days)" in text, text


def test_a_changed_trust_logo_outside_the_school_folders_renders_the_schools_outputs(tmp_path):
    """The logo may be any file of the pack (the trust's, in assets/): its bytes are part of the
    school's fingerprint, so a changed file is seen even though no school file changed."""
    from builder.pipeline.plan import Planner
    from builder.source.load import load_pack
    pack = copy_small_pack(tmp_path / "pack")
    (pack / "assets").mkdir()
    (pack / "assets/trust.png").write_bytes(png(20, 20))
    sub(pack, "trust.yml", "defaults:\n", "defaults:\n  logo: assets/trust.png\n")
    site = tmp_path / "site"
    run(pack, site)
    (img,) = header_imgs(site / "oak/index.html")
    assert img["alt"] == "Larkspur Schools Trust logo"
    before = Planner(load_pack(pack), TODAY).fingerprint(load_pack(pack).schools["oak"])
    (pack / "assets/trust.png").write_bytes(png(20, 20, colour=(0, 0, 0)))
    after = Planner(load_pack(pack), TODAY).fingerprint(load_pack(pack).schools["oak"])
    assert before != after
    again = run(pack, site)
    assert {"oak", "oak/pdf/online-code.pdf", "oak/forms/code-agreement.pdf"} <= set(again.rendered)
    assert (site / "oak/assets/logo.png").read_bytes() == (pack / "assets/trust.png").read_bytes()


def test_the_logos_bytes_are_in_the_policy_pdf_form_pdf_and_site_keys(tmp_path):
    from builder.render.builders import BUILDERS
    from builder.pipeline.plan import Planner
    from builder.resolve.school import resolve_school
    from builder.source.load import load_pack

    def keys(pack_dir):
        pack = load_pack(pack_dir)
        planner = Planner(pack, TODAY)
        rs = resolve_school(pack, pack.schools["oak"])
        return {job.rel: job.key for b in BUILDERS for job in b.plan(planner, rs)}

    pack = copy_small_pack(tmp_path / "pack")
    add_logo(pack, png(10, 10))
    first = keys(pack)
    assert keys(pack) == first
    add_logo(pack, png(10, 10, colour=(1, 2, 3)))
    second = keys(pack)
    for rel in ("oak/pdf/online-code.pdf", "oak/forms/code-agreement.pdf", "oak"):
        assert first[rel] != second[rel], rel
