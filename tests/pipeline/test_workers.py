"""The worker processes that render a build's jobs (builder/workers.py), with real jobs planned
from the example pack: recycled workers render every job exactly as one process does, a
worker's error reaches the build as its diagnostic, a worker that dies is reported, and the
planner never runs more than a bounded number of jobs ahead."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from builder.common.diagnostics import PackError
from builder.render.base import Job
from builder.pipeline.plan import Planner
from builder.render.form.builder import FORM_PDF
from builder.render.policy.builder import POLICY_PDF, PolicyPdfPayload
from builder.pipeline.workers import Scheduler, Workers
from tests.support import TODAY


@pytest.fixture(scope="module")
def planned(example_pack, example_resolved):
    """Every job of one school, as the build plans them (payloads included)."""
    planner = Planner(example_pack, TODAY)
    return lambda: planner.jobs(example_resolved["vine-tree"])


def run(jobs: list[Job], stage: Path, workers: int, **kw) -> dict:
    done = {}
    sched = Scheduler(workers, stage, True, lambda job, result: done.setdefault(job.rel, result), **kw)
    try:
        for job in jobs:
            sched.add(job)
            sched.pump()
        sched.finish()
    finally:
        sched.close()
    return done


def files_under(stage: Path) -> dict[str, bytes]:
    return {p.relative_to(stage).as_posix(): p.read_bytes() for p in sorted(stage.rglob("*")) if p.is_file()}


def test_recycled_workers_render_every_job_as_one_process_does(planned, tmp_path):
    jobs = planned()
    alone = run(planned(), tmp_path / "one", 1)
    recycled = run(jobs, tmp_path / "two", 2, recycle=1)   # a fresh worker for every job
    assert set(recycled) == {j.rel for j in jobs} == set(alone)
    assert files_under(tmp_path / "two") == files_under(tmp_path / "one")
    assert len(files_under(tmp_path / "two")) > len(jobs)          # the site is many files
    # the outlines the link check reads came back from the workers, one per page and PDF
    for rel, (_, files, outlines) in recycled.items():
        assert set(outlines) == {f for f in files if f.endswith((".html", ".pdf"))}
        assert outlines == alone[rel][2]
    assert all(j.payload is None for j in jobs)    # sent: the payloads are not held any more


def test_every_worker_is_replaced_after_its_share(planned, tmp_path):
    jobs = [j for j in planned() if j.builder == FORM_PDF.name]
    assert len(jobs) >= 5   # more than two workers' share: a worker must be replaced
    workers = Workers(2, recycle=2)
    try:
        pids, sent, got = set(), 0, []
        while len(got) < len(jobs):
            while sent < len(jobs) and workers.send(sent, (jobs[sent], str(tmp_path), False)):
                sent += 1
            pids |= {w.proc.pid for w in workers.slots if w is not None}
            got += workers.results(None)
        workers.close()
    finally:
        workers.kill()
    assert sorted(task for task, _ in got) == list(range(len(jobs)))
    assert len(pids) >= len(jobs) // 2   # six forms, at most two each: three workers or more


def test_an_error_in_a_worker_is_the_build_error(tmp_path):
    html = "<html lang='en'><head><title>t</title></head><body><p>no signature boxes</p></body></html>"
    job = Job(POLICY_PDF.name, "oak", "p", "k", POLICY_PDF.address("oak", "p"), 1.0,
              PolicyPdfPayload(html, [("signature-1", "signature_chair", "Signature of the chair")]))
    with pytest.raises(PackError) as exc:
        run([job], tmp_path, 2)
    d = exc.value.diagnostics[0]
    assert d.code == "E-SIGN-ANCHOR" and d.path == "oak/pdf/p.pdf"
    assert not (tmp_path / "oak" / "pdf" / "p.pdf").exists()


def test_a_worker_that_dies_is_reported(planned, tmp_path):
    pdf = max((j for j in planned() if j.builder == POLICY_PDF.name), key=lambda j: j.cost)
    workers = Workers(1)
    try:
        assert workers.ready(wait=True) and workers.send(0, (pdf, str(tmp_path), False))
        os.kill(workers.slots[0].proc.pid, signal.SIGKILL)
        with pytest.raises(PackError) as exc:
            for _ in range(50):   # bounded: a pool that missed the death would return nothing
                workers.results(5)
        assert exc.value.diagnostics[0].code == "E-RENDER"
        assert "stopped unexpectedly" in str(exc.value)
    finally:
        workers.kill()


def test_planning_runs_a_bounded_way_ahead(planned, tmp_path):
    waiting, done = [], []
    sched = Scheduler(2, tmp_path, False, lambda job, result: done.append(job.rel), lookahead=2)
    try:
        for job in planned() + planned():
            sched.add(job)
            sched.pump()
            waiting.append(len(sched.waiting))
        sched.finish()
    finally:
        sched.close()
    assert max(waiting) <= 2 and not sched.waiting and not sched.sent
    assert len(done) == 2 * len(planned())     # nothing dropped on the way


STOPPED_MID_SITE = r"""
import sys, time
from pathlib import Path
from builder.pipeline.plan import Planner
from builder.pipeline.workers import Workers
from builder.render.site.builder import SITE
from builder.resolve.school import resolve_all
from builder.source.load import load_pack
import datetime as dt

root, stage, scratch = map(Path, sys.argv[1:4])
pack = load_pack(root)
job = next(j for j in Planner(pack, dt.date(2026, 11, 21)).jobs(resolve_all(pack)["vine-tree"])
           if j.builder == SITE.name)
workers = Workers(1)
assert workers.ready(wait=True) and workers.send(0, (job, str(stage), False))
for _ in range(12000):   # until MkDocs has its pages, wherever it keeps them
    if any(p.name.startswith("policypack-docs-") for where in (stage, scratch) for p in where.rglob("*")):
        break
    time.sleep(0.01)
else:
    sys.exit("MkDocs never wrote its pages: nothing was stopped half-way")
workers.kill()   # as a build does when another job fails
"""


def test_a_worker_stopped_mid_site_leaves_nothing_in_the_system_temp_folder(tmp_path):
    """A build that stops on an error ends its workers at once: whatever a worker was writing is
    in the staging folder the build removes, none of it left behind in the system's temp folder."""
    import shutil
    import subprocess
    import sys
    import tempfile

    from tests.support import ROOT
    stage = tmp_path / "stage"
    stage.mkdir()
    scratch = Path(tempfile.mkdtemp(prefix="pp-"))   # short: the workers' socket is made in it
    try:
        env = dict(os.environ, TMPDIR=str(scratch), PYTHONPATH=str(ROOT))
        subprocess.run([sys.executable, "-c", STOPPED_MID_SITE, str(ROOT), str(stage), str(scratch)],
                       env=env, check=True, timeout=120)
        assert [p.name for p in scratch.iterdir() if not p.name.startswith("pymp-")] == []
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
