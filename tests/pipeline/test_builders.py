"""One builder per output kind (build/builders.py), the typed manifest, and the one place each
for output paths (common/paths.py) and the source date (common/dates.py)."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import pytest

from builder.render.base import Builder
from builder.render.builders import BUILDERS, BY_NAME
from builder.pipeline.manifest import Manifest, SchoolEntry, read_manifest, write_manifest
from builder.pipeline.plan import Planner
from builder.common import dates, paths
from tests.support import SCHOOLS, TODAY


def test_every_builder_has_a_name_and_an_address():
    assert len(BY_NAME) == len(BUILDERS) and all(b.name for b in BUILDERS)
    assert BY_NAME["policy-pdf"].address("oak", "p") == "oak/pdf/p.pdf"
    assert BY_NAME["form-pdf"].address("oak", "f") == "oak/forms/f.pdf"
    assert BY_NAME["site"].address("oak") == "oak"
    assert BY_NAME["trust-index"].address() == "index.html"


def test_planned_jobs_sit_at_their_builders_address_and_pickle(example_pack, example_resolved):
    planner = Planner(example_pack, TODAY)
    rs = example_resolved["vine-tree"]
    jobs = planner.jobs(rs)
    made = {j.builder for j in jobs}
    assert made == {"policy-pdf", "form-pdf", "site"}          # the index is made at the end
    for job in jobs:
        assert job.rel == BY_NAME[job.builder].address(job.school, job.item)
        assert pickle.loads(pickle.dumps(job)) == job           # it crosses to a worker
    assert {j.item for j in jobs if j.builder == "policy-pdf"} == set(rs.policies)
    assert {j.item for j in jobs if j.builder == "form-pdf"} == set(rs.resolved_forms)
    # keys differ by kind even for equal parts, and are stable for equal inputs
    assert len({j.key for j in jobs}) == len(jobs)
    assert [j.key for j in Planner(example_pack, TODAY).jobs(rs)] == [j.key for j in jobs]


def test_the_manifest_reads_back_as_it_was_written(example_site, tmp_path):
    manifest = read_manifest(example_site)
    assert isinstance(manifest, Manifest) and sorted(manifest.schools) == SCHOOLS
    entry = manifest.schools["vine-tree"]
    assert isinstance(entry, SchoolEntry) and entry.summary.school == "vine-tree"
    assert entry.diagnostics is not None and entry.outputs["vine-tree"].files
    write_manifest(tmp_path, manifest)
    assert (tmp_path / paths.MANIFEST).read_bytes() == (example_site / paths.MANIFEST).read_bytes()


def test_an_unreadable_manifest_is_none_and_a_bad_entry_is_built_again(tmp_path):
    assert read_manifest(tmp_path) is None
    (tmp_path / paths.MANIFEST).write_text("[1, 2]", encoding="utf-8")
    assert read_manifest(tmp_path) is None
    (tmp_path / paths.MANIFEST).write_text(json.dumps({"schools": {
        "oak": {"name": "Oak", "inputs": "x", "outputs": {"oak": {"key": "k", "files": ["oak/a"]}},
                "summary": {"name": "Oak", "policies": [{"policy": "p", "status": "lost"}]}},
        "elm": "not an entry"}}), encoding="utf-8")
    m = read_manifest(tmp_path)
    assert set(m.schools) == {"oak"}
    oak = m.schools["oak"]
    assert oak.summary is None and oak.diagnostics is None and oak.files() == ["oak/a"]


def test_addresses_between_outputs():
    # a sibling by its name, anything else by way of the school's folder
    assert paths.href(paths.policy_pdf("a"), paths.policy_pdf("b")) == "b.pdf"
    assert paths.href(paths.policy_pdf("a"), paths.form_pdf("f")) == "../forms/f.pdf"
    assert paths.href(paths.form_pdf("f"), paths.policy_pdf("a")) == "../pdf/a.pdf"
    assert paths.href(paths.HOME, paths.policy_page("a")) == "policies/a.html"
    assert paths.href(paths.policy_page("a"), paths.CHANGELOG) == "../changelog.html"
    assert paths.rooted(paths.policy_page("a"), paths.policy_page("b")) == "../policies/b.html"
    assert paths.in_school("oak", paths.form_page("f")) == "oak/forms/f.html"


def test_the_source_date(monkeypatch):
    monkeypatch.delenv(dates.VARIABLE, raising=False)
    assert dates.source_epoch() == ""
    assert dates.source_time(dt.date(2026, 9, 1)) == dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
    assert dates.source_day() == dt.date(2000, 1, 1)
    assert dates.zip_time() == (1980, 1, 1, 0, 0, 0)
    monkeypatch.setenv(dates.VARIABLE, "not a number")
    assert dates.source_epoch() == "" and dates.source_day(dt.date(2026, 9, 1)) == dt.date(2026, 9, 1)
    monkeypatch.setenv(dates.VARIABLE, "1790000000")
    assert dates.source_day(dt.date(2026, 9, 1)) == dt.date(2026, 9, 21)
    assert dates.epoch_text(dt.datetime(2026, 9, 1, tzinfo=dt.UTC)) == "1790000000"
    assert dates.zip_time() == (2026, 9, 21, 14, 13, 20)
    monkeypatch.setenv(dates.VARIABLE, "100")
    assert dates.zip_time() == (1980, 1, 1, 0, 0, 0)        # no zip time before 1980
    with dates.epoch_set("5"):
        assert dates.source_epoch() == "5"
    assert dates.source_epoch() == "100"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_a_builder_that_plans_jobs_renders_them(name):
    kind = type(BY_NAME[name])
    plans = kind.plan is not Builder.plan
    assert plans == (kind.render is not Builder.render), name
    assert plans or kind.finish is not Builder.finish, f"{name} makes nothing"
