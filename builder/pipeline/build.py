"""``policypack build``: load, resolve, check, render, publish.

Every output has a key: the hash of what it is made from (see plan.py). The manifest in the
output folder records the keys; an output whose key is unchanged is kept as it is, so a build
with nothing changed renders nothing, and a change to one school or one policy renders only
what it reaches. A school whose input files are unchanged (its fingerprint) is not even
resolved: its keys, findings and index summary are taken from the manifest.

Each output kind is a builder (builders.py): the build asks every builder for a school's jobs,
a worker renders each job through the builder that planned it, and once every school is done
each builder finishes what is made of the whole build (the signed PDFs, the trust index).

Schools are resolved, checked and planned one at a time, and their jobs go to the worker
processes as they are planned (workers.py), so rendering starts at once and only a bounded
number of payloads is held. When a school's last output is written, its links are checked from
the outlines the workers took while rendering. The output is swapped in only when all of it
succeeded; after an error no more jobs are sent, but every school is still resolved and
checked so the report names every error.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from builder import __version__
from builder.pipeline.progress import Progress
from builder.common import paths
from builder.common.diagnostics import Diagnostic, PackError
from builder.pipeline.staging import Staging
from builder.source.paths import refuse_output_in_sources

if TYPE_CHECKING:   # imported by _build: a first build starts its workers before loading them
    from builder.project import Project   # lazy: loaded after the workers start (see build)
    from builder.render.base import Finish   # lazy: loaded after the workers start (see build)
    from builder.pipeline.manifest import Manifest, SchoolSummary   # lazy: loaded after the workers start (see build)
    from builder.source.model import Pack   # lazy: loaded after the workers start (see build)
    from builder.render.base import Job   # lazy: loaded after the workers start (see build)
    from builder.resolve.model import ResolvedSchool   # lazy: loaded after the workers start (see build)


@dataclass
class BuildResult:
    out: Path
    rendered: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def build(project: Project | Path, out: Path | None = None, schools: list[str] | None = None, *,
          jobs: int | None = None, force: bool = False, today: dt.date | None = None,
          sign_with: Path | None = None, shard: tuple[int, int] | None = None,
          progress: Progress | None = None, run_checks: bool = True) -> BuildResult:
    """Build the chosen schools (all; ``schools``; or every N-th with ``shard=(K, N)``) into
    ``out``. With ``schools`` the other schools already in ``out`` are kept; a shard's folder
    holds only its own schools (``policypack merge`` combines shard folders)."""
    from builder.pipeline.workers import Workers   # lazy: a build starts its workers before the rest loads
    from builder.project import Project   # after the workers start: they load while the pack is read

    root = project.root if isinstance(project, Project) else Path(project)
    out = Path(out) if out else root / "site"
    refuse_output_in_sources(root, out, "a build")
    count = jobs or os.cpu_count() or 1
    # a first build or --force renders everything: the workers start (in the background)
    # before the pack is even read
    pool = Workers(count) if count > 1 and (force or not (out / paths.MANIFEST).is_file()) else None
    try:
        return _build(Project.of(project, today), out, schools, jobs=count, force=force, today=today,
                      sign_with=sign_with, shard=shard, progress=progress,
                      run_checks=run_checks, pool=pool)
    finally:
        if pool is not None:
            pool.kill()   # after an error; a no-op once the build has closed it


def _drop(stage: Path, rel: str, folder: bool = False) -> None:
    """Remove a file (or a school's folder) the last build wrote, and nothing outside the
    staging folder (the manifest's paths are checked when read; this is the second guard)."""
    path = stage / rel
    if not path.resolve().is_relative_to(stage.resolve()) or path.is_symlink() and folder:
        return
    if folder:
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _build(project: Project, out: Path, schools, *, jobs: int, force: bool, today, sign_with,
           shard, progress, run_checks: bool, pool) -> BuildResult:
    from builder.pipeline.plan import Planner   # lazy: loaded after the workers start (see build)
    from builder.pipeline.workers import Scheduler   # lazy: loaded after the workers start (see build)
    from builder.render.base import Finish   # lazy: loaded after the workers start (see build)
    from builder.pipeline.manifest import (   # lazy: loaded after the workers start (see build)
        Manifest, SchoolEntry, read_manifest, write_manifest)

    today = project.today
    progress = progress or Progress.auto()
    pack = project.pack
    chosen = project.select(schools, shard)
    result = BuildResult(out=out)
    signing = None
    if sign_with:
        from builder.sign.certify import certificate_fingerprint   # lazy: loaded after the workers start (see build)
        signing = certificate_fingerprint(Path(sign_with))
    planner = Planner(pack, today, signing, project.drafts)

    with Staging(out) as staging:
        stage = staging.stage
        old_schools = (read_manifest(stage) or Manifest()).schools
        manifest = Manifest(__version__, pack.trust.values.get("name", ""), today.isoformat(),
                            dict(old_schools) if schools and not shard else {},
                            f"{shard[0]}/{shard[1]}" if shard else None)
        diags: list[Diagnostic] = []
        rendering = RenderState(stage, out.name, manifest, result, progress, run_checks)
        fingerprints = {sid: planner.fingerprint(pack.schools[sid]) for sid in chosen}

        def unchanged(sid: str) -> bool:
            prev = old_schools.get(sid)
            return bool(not force and prev is not None and prev.inputs == fingerprints[sid]
                        and prev.outputs and prev.summary is not None
                        and (not run_checks or prev.diagnostics is not None)
                        and all((stage / f).exists() for f in prev.files()))

        # the worker processes start now (if not already), in the background, when a school
        # has changed: they are ready by the time its first job is planned
        scheduler = (Scheduler(jobs, stage, run_checks, rendering.done, workers=pool)
                     if jobs > 1 and not all(map(unchanged, chosen)) else None)
        progress.start(0)
        try:
            for sid in chosen:
                prev = old_schools.get(sid)
                fingerprint = fingerprints[sid]
                outputs = prev.outputs if prev is not None else {}
                failing = any(d.severity == "error" for d in diags)
                if not failing and prev is not None and unchanged(sid):
                    # nothing this school is made from has changed: its outputs, its findings
                    # and its index summary are as recorded; it is not resolved or checked
                    manifest.schools[sid] = prev
                    if run_checks:
                        diags += prev.diagnostics or []   # (kept: unchanged() saw them)
                    result.kept += sorted(outputs)
                    continue
                # what check reports for the school; without checks, the resolver's errors
                found = (project.findings(sid) if run_checks else
                         [d for d in _resolver_findings(project, sid) if d.severity == "error"])
                diags += found
                if any(d.severity == "error" for d in diags):
                    if scheduler is not None:
                        scheduler.cancel()   # render nothing more; go on to report every error
                        scheduler = None
                    failing = True
                if failing:
                    continue
                rs = project.school(sid)
                entry = SchoolEntry(rs.name, fingerprint, school_summary(rs, pack, today),
                                    diagnostics=found if run_checks else None)
                manifest.schools[sid] = entry
                todo = []
                for job in planner.jobs(rs):
                    before = outputs.get(job.rel)
                    if (not force and before and before.key == job.key
                            and all((stage / f).exists() for f in before.files)):
                        entry.outputs[job.rel] = before
                        result.kept.append(job.rel)
                    else:
                        todo.append(job)
                        if before:   # made again: its old files go (a site may have fewer pages)
                            for f in before.files:
                                _drop(stage, f)
                planned = {j.rel for j in todo}
                for gone in set(outputs) - set(entry.outputs) - planned:
                    for f in outputs[gone].files:   # an output no longer made (a form taken out)
                        _drop(stage, f)
                if todo:
                    if scheduler is None:
                        scheduler = Scheduler(jobs, stage, run_checks, rendering.done)
                    rendering.expect(sid, todo)
                    for job in todo:
                        scheduler.add(job)
                    scheduler.pump()
            diags = list(dict.fromkeys(diags))   # every error check would report
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
                _drop(stage, paths.in_school(gone), folder=True)
        # what is made of the whole build: the PDFs just rendered signed, the trust index
        written = finish_builders(Finish(stage, pack, manifest, today, rendering.by_builder, sign_with))
        write_manifest(stage, manifest)
        if run_checks:
            post = post_render_checks(stage, out.name, [stage / f for f in written])
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

    def __init__(self, stage: Path, label: str, manifest: Manifest, result: BuildResult,
                 progress: Progress, run_checks: bool):
        self.stage, self.label, self.manifest, self.result = stage, label, manifest, result
        self.progress, self.run_checks = progress, run_checks
        self.left: dict[str, int] = {}
        self.outlines: dict[str, dict] = {}
        self.diagnostics: list[Diagnostic] = []
        self.by_builder: dict[str, list[str]] = {}   # builder name -> outputs rendered

    def expect(self, sid: str, todo: list[Job]) -> None:
        self.left[sid] = len(todo)
        self.outlines[sid] = {}
        self.progress.more(len(todo))

    def done(self, job: Job, rendered: tuple) -> None:
        from builder.pipeline.manifest import Output   # lazy: loaded after the workers start (see build)
        rel, files, outlines = rendered
        self.manifest.schools[job.school].outputs[rel] = Output(job.key, files)
        self.result.rendered.append(rel)
        self.by_builder.setdefault(job.builder, []).append(rel)
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


def school_summary(rs: ResolvedSchool, pack: Pack, today: dt.date) -> SchoolSummary:
    """What the trust index shows for a school: kept in the manifest, so shards can be merged."""
    from builder.pipeline.manifest import SchoolSummary   # lazy: loaded after the workers start (see build)
    from builder.resolve.status import review_rows   # lazy: loaded after the workers start (see build)
    from builder.checks.requirements import coverage, kind_of   # lazy, as above
    required = ([c.to_json() for c in coverage(pack, rs)]
                if any(v is not None for v in kind_of(rs)) else None)
    return SchoolSummary(rs.id, rs.name, review_rows(rs, today, pack.trust.settings.review_window_days),
                         list(rs.forms), required)


def finish_builders(run: Finish) -> list[str]:
    """Every builder's ``finish``, in the registry's order: the files they wrote."""
    from builder.render.builders import BUILDERS   # lazy: loaded after the workers start (see build)
    return [f for b in BUILDERS for f in b.finish(run)]


def _resolver_findings(project: Project, sid: str) -> list[Diagnostic]:
    """The resolver's own findings for a school (the errors that stop it, when it cannot be
    resolved at all)."""
    try:
        return project.school(sid).diagnostics
    except PackError as exc:
        return exc.diagnostics


def post_render_checks(stage: Path, label: str | None = None, files: list[Path] | None = None,
                       known: dict | None = None) -> list[Diagnostic]:
    """Every internal link and anchor in ``files`` (files in the staging folder; by default the
    trust index) resolves. Files in ``known`` are checked from their outlines (taken while
    rendering) rather than read again. A build checks each school's rendered files when the
    school is done: links never cross from one school's folder to another's, and a file kept
    from an earlier build was checked when it was rendered (its links are to anchors named by
    ids the resolver checks)."""
    from builder.pipeline.links import check_outlines   # lazy: loaded after the workers start (see build)
    return check_outlines(Path(stage), label, list(files or [Path(stage) / paths.TRUST_INDEX]), known or {})
