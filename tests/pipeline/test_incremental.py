"""Incremental builds: after each kind of change, exactly the outputs that depend on it are
rendered again (BuildResult.rendered), and a build with nothing changed renders nothing.

One copy of the example pack is built once; the tests then change it step by step, in order.
"""

from __future__ import annotations

import re
import shutil

import pytest

from builder.pipeline import plan as plan_mod
from builder.pipeline.manifest import read_manifest
from builder.pipeline.build import build
from builder.pipeline.progress import Progress
from tests.support import SCHOOLS, TODAY, copy_pack

POLICIES = ["social-media", "staff-code"]


def outputs_of(site, school):
    return set(read_manifest(site).schools[school].outputs)


def run(pack, site, **kw):
    kw.setdefault("jobs", 2)
    return build(pack, site, today=TODAY, progress=Progress(quiet=True), **kw)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    pack = copy_pack(tmp_path_factory.mktemp("incremental") / "pack")
    site = pack.parent / "site"
    first = run(pack, site)
    return pack, site, first


def test_first_build_renders_every_output(built):
    pack, site, first = built
    everything = set().union(*(outputs_of(site, s) for s in SCHOOLS))
    assert set(first.rendered) == everything and not first.kept
    # each school: its site, one PDF per policy, its forms
    for s in SCHOOLS:
        assert {s, f"{s}/pdf/social-media.pdf", f"{s}/pdf/staff-code.pdf"} <= outputs_of(site, s)
        assert any(o.startswith(f"{s}/forms/") for o in outputs_of(site, s))


def test_no_op_build_renders_nothing(built):
    pack, site, first = built
    again = run(pack, site)
    assert again.rendered == []
    assert sorted(again.kept) == sorted(first.rendered)
    # the review warnings are still reported, though no school was resolved or checked again
    assert again.diagnostics == first.diagnostics
    assert any(d.code == "W-REVIEW-OVERDUE" for d in again.diagnostics)


def test_one_school_change_rebuilds_only_that_school(built):
    pack, site, _ = built
    edit(pack / "schools" / "vine-tree.yml", "01632 960 214", "01632 960 999")
    result = run(pack, site)
    assert result.rendered, "the school's site shows its phone number"
    assert "vine-tree" in result.rendered
    assert all(r == "vine-tree" or r.startswith("vine-tree/") for r in result.rendered), result.rendered
    assert "01632 960 999" in (site / "vine-tree" / "index.html").read_text(encoding="utf-8")


def test_one_policy_sentence_rebuilds_that_policy_in_every_school(built):
    pack, site, _ = built
    edit(pack / "content" / "staff-code" / "at-work.md", "Staff do not use social media for personal",
         "Staff never use social media for personal")
    result = run(pack, site)
    # the staff code's PDFs and sites; its acknowledgement form records what the code says (a
    # change of meaning: "never" for "do not"), so it is made again too; nothing else is
    forms = {f"{s}/forms/staff-code-acknowledgement.pdf" for s in SCHOOLS
             if f"{s}/forms/staff-code-acknowledgement.pdf" in outputs_of(site, s)}
    assert forms
    expected = {f"{s}/pdf/staff-code.pdf" for s in SCHOOLS} | set(SCHOOLS) | forms
    assert set(result.rendered) == expected   # no social-media PDF, no other form
    page = (site / "chestnuts" / "policies" / "staff-code.html").read_text(encoding="utf-8")
    assert "Staff never use social media" in page


def test_form_text_rebuilds_that_form_and_the_sites(built):
    pack, site, _ = built
    form = pack / "forms" / "staff-code-acknowledgement.yml"
    text = form.read_text(encoding="utf-8")
    # a reference to a section's number: the form now depends on the staff code's numbering
    text, n = re.subn(r"(?m)^(introduction: *[|>]-?\n)",
                      r'\1  Concerns are reported as {{ ref("staff-code#reporting") }} describes.\n', text)
    assert n == 1, "the form's introduction is no longer a block scalar: change this edit"
    form.write_text(text, encoding="utf-8")
    result = run(pack, site)
    with_form = [s for s in SCHOOLS if f"{s}/forms/staff-code-acknowledgement.pdf" in outputs_of(site, s)]
    assert with_form
    assert set(result.rendered) == {f"{s}/forms/staff-code-acknowledgement.pdf" for s in with_form} \
        | set(with_form)


def test_renumbering_a_policy_rebuilds_forms_that_cite_it(built):
    pack, site, _ = built
    folder = pack / "content" / "staff-code"
    (folder / "checks.md").write_text("Staff check their privacy settings every term.\n", encoding="utf-8")
    edit(folder / "policy.yml", "  - {id: reporting,", "  - {id: checks, title: Checking settings}\n"
                                                      "  - {id: reporting,")
    result = run(pack, site)
    forms = {r for r in result.rendered if "/forms/" in r}
    assert forms == {f"{s}/forms/staff-code-acknowledgement.pdf" for s in SCHOOLS
                     if f"{s}/forms/staff-code-acknowledgement.pdf" in outputs_of(site, s)}
    # the Social Media Policy cites staff code sections by number ("section 6 of the Staff
    # Social Media Code of Conduct"), so it is rendered again too; nothing else is
    assert any("staff-code#" in p.read_text(encoding="utf-8")
               for p in (pack / "content" / "social-media").glob("*.md"))
    assert set(result.rendered) == {f"{s}/pdf/{p}.pdf" for s in SCHOOLS for p in POLICIES} \
        | set(SCHOOLS) | forms


def test_theme_change_rebuilds_sites_only(built):
    pack, site, _ = built
    from builder.source.load import DEFAULT_THEME
    shutil.copytree(DEFAULT_THEME, pack / "themes" / "policypack")   # the pack's own theme
    css = pack / "themes" / "policypack" / "css" / "theme.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* a theme change */\n", encoding="utf-8")
    result = run(pack, site)
    assert sorted(result.rendered) == sorted(SCHOOLS)
    assert "a theme change" in (site / "chestnuts" / "css" / "theme.css").read_text(encoding="utf-8")


def test_builder_change_rebuilds_everything(built, monkeypatch):
    pack, site, _ = built
    monkeypatch.setattr(plan_mod, "builder_hash", lambda: "another builder")
    result = run(pack, site, schools=["chestnuts"], jobs=1)
    assert set(result.rendered) == outputs_of(site, "chestnuts")
    assert not result.kept
    # the other schools were not part of this build, and stay in the output and manifest
    assert set(read_manifest(site).schools) == set(SCHOOLS)


def test_force_rebuilds_everything(built):
    pack, site, _ = built
    result = run(pack, site, schools=["edith-cavell"], force=True)
    assert set(result.rendered) == outputs_of(site, "edith-cavell") and not result.kept


def test_removed_school_leaves_the_output(built):
    pack, site, _ = built
    (pack / "schools" / "chestnuts.yml").unlink()
    result = run(pack, site)
    assert not (site / "chestnuts").exists()
    assert set(read_manifest(site).schools) == {"edith-cavell", "vine-tree"}
    assert result.rendered == []
    assert 'href="chestnuts/' not in (site / "index.html").read_text(encoding="utf-8")


def test_tree_hash_sees_every_byte(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.py").write_text("x = 1\n")
    before = plan_mod.tree_hash(tmp_path / "a")
    (tmp_path / "a" / "x.py").write_text("x = 2\n")
    changed = plan_mod.tree_hash(tmp_path / "a")
    assert changed != before
    (tmp_path / "a" / "__pycache__").mkdir()
    (tmp_path / "a" / "__pycache__" / "x.pyc").write_bytes(b"junk")
    assert plan_mod.tree_hash(tmp_path / "a") == changed    # compiled files are not inputs
