"""``policypack build``: load, resolve, check, render, publish.

Every output has a key: the hash of what it is made from (see plan.py). The manifest in the
output folder records the keys; an output whose key is unchanged is kept as it is, so a build
with nothing changed renders nothing, and a change to one school or one policy renders only
what it reaches. A school whose input files are unchanged (its fingerprint) is not even
resolved: its keys, findings and index summary are taken from the manifest.

Schools are resolved, checked and planned one at a time, and their jobs go to the worker
processes as they are planned (workers.py), so rendering starts at once and only a bounded
number of payloads is held. When a school's last output is written, its links are checked from
the outlines the workers took while rendering. The output is swapped in only when all of it
succeeded; after an error no more jobs are sent, but every school is still resolved and
checked so the report names every error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from builder import __version__
from builder.common.diagnostics import Collector, Diagnostic, PackError
from builder.build.progress import Progress
from builder.common.files import write_text
from builder.common.selection import select_schools
from builder.publish.staging import Staging

if TYPE_CHECKING:   # imported by _build: a first build starts its workers before loading them
    from builder.source.model import Pack
    from builder.build.plan import Job
    from builder.resolve.school import ResolvedSchool

MANIFEST = "manifest.json"


@dataclass
class BuildResult:
    out: Path
    rendered: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def choose_schools(pack: Pack, schools: list[str] | None, shard: tuple[int, int] | None) -> list[str]:
    chosen = select_schools(pack.schools, schools)
    if shard:
        k, n = shard
        chosen = [s for i, s in enumerate(sorted(chosen)) if i % n == k - 1]
    return chosen


def build(project: Path, out: Path | None = None, schools: list[str] | None = None, *,
          jobs: int | None = None, force: bool = False, today: dt.date | None = None,
          sign_with: Path | None = None, shard: tuple[int, int] | None = None,
          progress: Progress | None = None, run_checks: bool = True) -> BuildResult:
    """Build the chosen schools (all; ``schools``; or every N-th with ``shard=(K, N)``) into
    ``out``. With ``schools`` the other schools already in ``out`` are kept; a shard's folder
    holds only its own schools (``policypack merge`` combines shard folders)."""
    from builder.build.workers import Workers

    project = Path(project)
    out = Path(out) if out else project / "site"
    count = jobs or os.cpu_count() or 1
    # a first build or --force renders everything: the workers start (in the background)
    # before the pack is even read
    pool = Workers(count) if count > 1 and (force or not (out / MANIFEST).is_file()) else None
    try:
        return _build(project, out, schools, jobs=count, force=force, today=today,
                      sign_with=sign_with, shard=shard, progress=progress,
                      run_checks=run_checks, pool=pool)
    finally:
        if pool is not None:
            pool.kill()   # after an error; a no-op once the build has closed it


def _build(project: Path, out: Path, schools, *, jobs: int, force: bool, today, sign_with,
           shard, progress, run_checks: bool, pool) -> BuildResult:
    from builder.source.load import load_pack
    from builder.build.plan import Planner
    from builder.resolve.school import resolve_school
    from builder.build.workers import Scheduler

    today = today or dt.date.today()
    progress = progress or Progress.auto()
    pack = load_pack(project)
    chosen = choose_schools(pack, schools, shard)
    result = BuildResult(out=out)
    signing = None
    if sign_with:
        from builder.sign.certify import certificate_fingerprint
        signing = certificate_fingerprint(Path(sign_with))
    planner = Planner(pack, today, signing)

    with Staging(out) as staging:
        stage = staging.stage
        old = read_manifest(stage)
        old_schools = old.get("schools", {}) if isinstance(old.get("schools"), dict) else {}
        manifest = {"builder": __version__, "trust": pack.trust.values.get("name", ""),
                    "today": today.isoformat(),
                    "schools": dict(old_schools) if schools and not shard else {}}
        if shard:
            manifest["shard"] = f"{shard[0]}/{shard[1]}"
        errors = Collector()
        diags: list[Diagnostic] = []
        rendering = RenderState(stage, out.name, manifest, result, progress, run_checks)
        fingerprints = {sid: planner.fingerprint(pack.schools[sid]) for sid in chosen}

        def unchanged(sid: str) -> bool:
            prev = old_schools.get(sid, {})
            outputs = prev.get("outputs")
            return bool(not force and prev.get("inputs") == fingerprints[sid]
                        and isinstance(outputs, dict) and outputs and "summary" in prev
                        and (not run_checks or isinstance(prev.get("diagnostics"), list))
                        and all((stage / f).exists() for o in outputs.values() for f in o["files"]))

        # the worker processes start now (if not already), in the background, when a school
        # has changed: they are ready by the time its first job is planned
        scheduler = (Scheduler(jobs, stage, run_checks, rendering.done, workers=pool)
                     if jobs > 1 and not all(map(unchanged, chosen)) else None)
        progress.start(0)
        try:
            for sid in chosen:
                prev = old_schools.get(sid, {})
                fingerprint = fingerprints[sid]
                outputs = prev.get("outputs", {}) if isinstance(prev.get("outputs"), dict) else {}
                failing = bool(errors.items) or any(d.severity == "error" for d in diags)
                if not failing and unchanged(sid):
                    # nothing this school is made from has changed: its outputs, its findings
                    # and its index summary are as recorded; it is not resolved or checked
                    manifest["schools"][sid] = prev
                    if run_checks:
                        diags += [Diagnostic(**d) for d in prev["diagnostics"]]
                    result.kept += sorted(outputs)
                    continue
                rs = resolve_school(pack, pack.schools[sid])
                bad = [d for d in rs.diagnostics if d.severity == "error"]
                errors.extend(bad)
                found = school_checks(pack, rs, today) if run_checks and not bad else []
                diags += found
                if errors.items or any(d.severity == "error" for d in diags):
                    if scheduler is not None:
                        scheduler.cancel()   # render nothing more; go on to report every error
                        scheduler = None
                    failing = True
                if failing:
                    continue
                entry = {"name": rs.name, "inputs": fingerprint, "outputs": {},
                         "summary": school_summary(rs, pack, today)}
                if run_checks:
                    entry["diagnostics"] = [d.to_json() for d in found]
                manifest["schools"][sid] = entry
                todo = []
                for job in planner.jobs(rs):
                    before = outputs.get(job.rel)
                    if (not force and before and before["key"] == job.key
                            and all((stage / f).exists() for f in before["files"])):
                        entry["outputs"][job.rel] = before
                        result.kept.append(job.rel)
                    else:
                        todo.append(job)
                        if before and job.kind == "site":
                            for f in before["files"]:
                                (stage / f).unlink(missing_ok=True)
                planned = {j.rel for j in todo}
                for gone in set(outputs) - set(entry["outputs"]) - planned:
                    for f in outputs[gone]["files"]:   # an output no longer made (a form taken out)
                        (stage / f).unlink(missing_ok=True)
                if todo:
                    if scheduler is None:
                        scheduler = Scheduler(jobs, stage, run_checks, rendering.done)
                    rendering.expect(sid, todo)
                    for job in todo:
                        scheduler.add(job)
                    scheduler.pump()
            errors.raise_if_errors()
            diags = list(dict.fromkeys(diags))
            if any(d.severity == "error" for d in diags):
                raise PackError(diags)
            if scheduler is not None:
                scheduler.finish()
        finally:
            if scheduler is not None:
                scheduler.close()
        result.diagnostics = diags + rendering.diagnostics
        rendering.raise_if_errors()
        if not schools or shard:
            for gone in set(old_schools) - set(chosen):
                shutil.rmtree(stage / gone, ignore_errors=True)
        if sign_with:
            from builder.sign.certify import sign_outputs
            signed = [stage / rel for rel in rendering.policy_pdfs]
            if signed:
                sign_outputs(signed, Path(sign_with))
        write_manifest(stage, manifest)
        from builder.render.index.render import write_trust_index
        write_trust_index(stage, manifest, pack, today)
        if run_checks:
            post = post_render_checks(stage, out.name)
            result.diagnostics += post
            if any(d.severity == "error" for d in post):
                raise PackError([d for d in post if d.severity == "error"])
        staging.commit()
    progress.done(len(result.rendered), len(result.kept))
    return result


class RenderState:
    """What the build does with each finished job: record it in the manifest, count it, and
    when a school's last output is written, check that school's links from the outlines the
    workers took (then forget them: memory does not grow with the number of schools)."""

    def __init__(self, stage: Path, label: str, manifest: dict, result: BuildResult,
                 progress: Progress, run_checks: bool):
        self.stage, self.label, self.manifest, self.result = stage, label, manifest, result
        self.progress, self.run_checks = progress, run_checks
        self.left: dict[str, int] = {}
        self.outlines: dict[str, dict] = {}
        self.diagnostics: list[Diagnostic] = []
        self.policy_pdfs: list[str] = []

    def expect(self, sid: str, todo: list[Job]) -> None:
        self.left[sid] = len(todo)
        self.outlines[sid] = {}
        self.progress.more(len(todo))

    def done(self, job: Job, rendered: tuple) -> None:
        rel, files, outlines = rendered
        self.manifest["schools"][job.school]["outputs"][rel] = {"key": job.key, "files": files}
        self.result.rendered.append(rel)
        if job.kind == "pdf":
            self.policy_pdfs.append(rel)
        self.progress.step(rel)
        self.outlines[job.school].update(outlines)
        self.left[job.school] -= 1
        if self.left[job.school] == 0:
            known = {self.stage / f: o for f, o in self.outlines.pop(job.school).items()}
            if self.run_checks:
                self.diagnostics += post_render_checks(self.stage, self.label, sorted(known), known)

    def raise_if_errors(self) -> None:
        bad = [d for d in self.diagnostics if d.severity == "error"]
        if bad:
            raise PackError(bad)


def read_manifest(folder: Path) -> dict:
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def write_manifest(folder: Path, manifest: dict) -> None:
    write_text(Path(folder) / MANIFEST,
               json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def school_summary(rs: ResolvedSchool, pack: Pack, today: dt.date) -> dict:
    """What the trust index shows for a school: kept in the manifest, so shards can be merged."""
    from builder.render.pages import approval_facts
    from builder.checks.status import STATUSES, review_status
    rows = []
    for pid, rp in rs.policies.items():
        facts = approval_facts(rs, rp)
        status = review_status(rp.next_review, today, pack.trust.settings.review_window_days)
        rows.append({"policy": pid, "title": rp.title, "version": facts["version"],
                     "approved": facts["approved"], "approved_iso": facts["approved_iso"],
                     "next_review": facts["next_review"], "next_review_iso": facts["next_review_iso"],
                     "status": status, "status_label": STATUSES[status]})
    return {"name": rs.name, "policies": rows, "forms": list(rs.forms)}


def school_checks(pack: Pack, rs: ResolvedSchool, today: dt.date) -> list[Diagnostic]:
    """The checks on one resolved school (and the trust's shared files, deduplicated later)."""
    from builder.checks import run_checks
    return run_checks(pack, {rs.id: rs}, today)


def post_render_checks(stage: Path, label: str | None = None, paths: list[Path] | None = None,
                       known: dict | None = None) -> list[Diagnostic]:
    """Every internal link and anchor in ``paths`` (files in the staging folder; by default the
    trust index) resolves. Files in ``known`` are checked from their outlines (taken while
    rendering) rather than read again. A build checks each school's rendered files when the
    school is done: links never cross from one school's folder to another's, and a file kept
    from an earlier build was checked when it was rendered (its links are to anchors named by
    ids the resolver checks)."""
    from builder.checks import check_outlines
    return check_outlines(Path(stage), label, list(paths or [Path(stage) / "index.html"]), known or {})
