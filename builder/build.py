"""``policypack build``: load, resolve, check, render, publish.

Every output has a key: a hash of everything it is made from (its HTML or pages, the school's and
trust's values, the theme, the builder's own code). The manifest in the output folder records the
keys; an output whose key is unchanged is kept as it is, so a build with nothing changed renders
nothing, and a change to one school or one policy renders only what it reaches. Rendering runs
in worker processes (``--jobs``); the output is swapped in only when all of it succeeded.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .diagnostics import Collector, Diagnostic, PackError
from .load import load_pack
from .model import Pack
from .progress import Progress
from .publish import Staging, write_bytes, write_text
from .resolve import ResolvedSchool, resolve_all, resolve_school

MANIFEST = "manifest.json"
BUILDER_DIR = Path(__file__).parent


def tree_hash(*folders: Path) -> str:
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()
                           and "__pycache__" not in p.parts and not p.name.endswith(".pyc")):
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def key_of(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


@dataclass
class Job:
    """One output to render: kind is 'site', 'pdf' or 'form'."""
    kind: str
    school: str
    item: str | None
    key: str
    rel: str                      # path under the output folder (a folder for 'site')


@dataclass
class BuildResult:
    out: Path
    rendered: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


# ------------------------------------------------------------------ the plan (main process)

class Planner:
    """Works out every output's key from the resolved pack, without rendering anything."""

    def __init__(self, pack: Pack, today: dt.date, signing: str | None = None):
        self.pack = pack
        self.today = today
        self.builder = tree_hash(BUILDER_DIR)
        self.theme = tree_hash(pack.theme_dir)
        self.signing = signing

    def jobs(self, rs: ResolvedSchool) -> list[Job]:
        from .render_pdf import policy_pdf_html
        from .render_site import site_inputs

        jobs = []
        for pid, rp in rs.policies.items():
            html = policy_pdf_html(rs, rp, self.pack)
            jobs.append(Job("pdf", rs.id, pid, key_of("pdf", self.builder, html, self.signing),
                            f"{rs.id}/pdf/{pid}.pdf"))
        for fid in rs.forms:
            form = self.pack.forms.get(fid)
            if form is None:
                continue
            jobs.append(Job("form", rs.id, fid, key_of("form", self.builder, form.raw, rs.values,
                                                       rs.trust, form_source(form)),
                            f"{rs.id}/forms/{fid}.pdf"))
        files, config = site_inputs(rs, self.pack, self.today)
        jobs.append(Job("site", rs.id, None, key_of("site", self.builder, self.theme, files, config),
                        rs.id))
        return jobs


def form_source(form) -> str:
    try:
        return form.path.read_text(encoding="utf-8")
    except OSError:
        return ""


# ------------------------------------------------------------------ rendering (worker processes)

_WORKER: dict = {}


def _init_worker(root: str, today: str, env: dict) -> None:
    os.environ.update(env)
    _WORKER.clear()
    _WORKER["pack"] = load_pack(Path(root))
    _WORKER["today"] = dt.date.fromisoformat(today)
    _WORKER["schools"] = {}


def _school(sid: str) -> ResolvedSchool:
    cache = _WORKER["schools"]
    if sid not in cache:
        cache.clear()  # jobs arrive school by school: keep one, so memory stays flat
        cache[sid] = resolve_school(_WORKER["pack"], _WORKER["pack"].schools[sid])
    return cache[sid]


def render_job(job: Job, stage: str) -> tuple[str, list[str]]:
    """Render one output into the staging folder. Returns (rel, files written under rel)."""
    pack = _WORKER["pack"]
    rs = _school(job.school)
    dest = Path(stage) / job.rel
    if job.kind == "pdf":
        from .render_pdf import html_to_pdf, policy_pdf_html
        from .signing import add_signature_fields, signature_fields_for
        rp = rs.policies[job.item]
        write_bytes(dest, html_to_pdf(policy_pdf_html(rs, rp, pack)))
        fields = signature_fields_for(rp.approval.signatories if rp.approval else [])
        if fields:
            add_signature_fields(dest, fields)
        return job.rel, [job.rel]
    if job.kind == "form":
        from .render_form import write_form_pdf
        with tempfile.TemporaryDirectory(dir=Path(stage)) as tmp:
            tmp_pdf = Path(tmp) / "form.pdf"
            write_form_pdf(pack, rs, pack.forms[job.item], tmp_pdf)
            write_bytes(dest, tmp_pdf.read_bytes())
        return job.rel, [job.rel]
    if job.kind == "site":
        from .render_site import mkdocs_build, site_inputs
        files, config = site_inputs(rs, pack, _WORKER["today"])
        with tempfile.TemporaryDirectory(dir=Path(stage)) as tmp:
            built = Path(tmp) / "site"
            mkdocs_build(files, config, pack.theme_dir, built)
            written = []
            for path in sorted(p for p in built.rglob("*") if p.is_file()):
                rel = f"{job.rel}/{path.relative_to(built).as_posix()}"
                target = Path(stage) / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
                written.append(rel)
        return job.rel, written
    raise ValueError(job.kind)


# ------------------------------------------------------------------ the build

def build(project: Path, out: Path | None = None, schools: list[str] | None = None, *,
          jobs: int | None = None, force: bool = False, today: dt.date | None = None,
          sign_with: Path | None = None, shard: tuple[int, int] | None = None,
          progress: Progress | None = None, run_checks: bool = True) -> BuildResult:
    project = Path(project)
    out = Path(out) if out else project / "site"
    today = today or dt.date.today()
    progress = progress or Progress.auto()
    pack = load_pack(project)
    unknown = [s for s in schools or [] if s not in pack.schools]
    if unknown:
        from .diagnostics import error
        raise PackError([error("schools", None, "E-SCHOOL", f"no school '{s}' in this pack "
                               f"(schools: {', '.join(pack.schools)})") for s in unknown])
    chosen = list(schools or pack.schools)
    if shard:
        k, n = shard
        chosen = [s for i, s in enumerate(sorted(chosen)) if i % n == k - 1]
    resolved = resolve_all(pack, chosen)
    result = BuildResult(out=out)
    if run_checks:
        result.diagnostics = pre_render_checks(pack, resolved, today)
    signing = None
    if sign_with:
        from .signing import certificate_fingerprint
        signing = certificate_fingerprint(Path(sign_with))
    planner = Planner(pack, today, signing)

    with Staging(out) as staging:
        stage = staging.stage
        old = read_manifest(stage)
        manifest = {"builder": __version__, "trust": pack.trust.values.get("name", ""),
                    "schools": dict(old.get("schools", {})) if (schools or shard) else {}}
        todo: list[Job] = []
        for sid in chosen:
            rs = resolved[sid]
            prev = old.get("schools", {}).get(sid, {}).get("outputs", {})
            entry = {"name": rs.name, "outputs": {}, "summary": school_summary(rs, pack, today)}
            for job in planner.jobs(rs):
                before = prev.get(job.rel)
                if (not force and before and before["key"] == job.key
                        and all((stage / f).exists() for f in before["files"])):
                    entry["outputs"][job.rel] = before
                    result.kept.append(job.rel)
                else:
                    todo.append(job)
                    if before and job.kind == "site":
                        for f in before["files"]:
                            (stage / f).unlink(missing_ok=True)
            manifest["schools"][sid] = entry
        if not (schools or shard):
            for gone in set(old.get("schools", {})) - set(chosen):
                shutil.rmtree(stage / gone, ignore_errors=True)
        for rel, files in run_jobs(todo, project, stage, today, jobs, progress):
            job = next(j for j in todo if j.rel == rel)
            manifest["schools"][job.school]["outputs"][rel] = {"key": job.key, "files": files}
            result.rendered.append(rel)
        if sign_with:
            from .signing import sign_outputs
            signed = [stage / j.rel for j in todo if j.kind == "pdf"]
            if signed:
                sign_outputs(signed, Path(sign_with))
        write_text(stage / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False))
        from .render_index import write_trust_index
        write_trust_index(stage, manifest, pack, today)
        if run_checks:
            post = post_render_checks(stage)
            result.diagnostics += post
            errors = [d for d in post if d.severity == "error"]
            if errors:
                raise PackError(errors)
        staging.commit()
    progress.done(len(result.rendered), len(result.kept))
    return result


def read_manifest(folder: Path) -> dict:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def run_jobs(todo: list[Job], project: Path, stage: Path, today: dt.date, jobs: int | None,
             progress: Progress):
    """Render the jobs, in worker processes when there is more than one job and core."""
    jobs = jobs or os.cpu_count() or 1
    env = {k: v for k, v in os.environ.items() if k == "SOURCE_DATE_EPOCH"}
    order = sorted(todo, key=lambda j: (j.kind == "site", j.school, j.rel))  # PDFs first: slowest
    progress.start(len(order))
    if jobs == 1 or len(order) <= 1:
        _init_worker(str(project), today.isoformat(), env)
        for job in order:
            progress.step(job.rel)
            yield render_job(job, str(stage))
        return
    import multiprocessing as mp
    ctx = mp.get_context("forkserver" if hasattr(os, "fork") else "spawn")
    with cf.ProcessPoolExecutor(max_workers=min(jobs, len(order)), mp_context=ctx,
                                initializer=_init_worker,
                                initargs=(str(project), today.isoformat(), env),
                                max_tasks_per_child=200) as pool:
        futures = {pool.submit(render_job, job, str(stage)): job for job in order}
        try:
            for fut in cf.as_completed(futures):
                progress.step(futures[fut].rel)
                yield fut.result()
        except BaseException:
            for f in futures:
                f.cancel()
            raise


def school_summary(rs: ResolvedSchool, pack: Pack, today: dt.date) -> dict:
    """What the trust index shows for a school: kept in the manifest, so shards can be merged."""
    from .pages import approval_facts
    from .review import STATUSES, review_status
    rows = []
    for pid, rp in rs.policies.items():
        facts = approval_facts(rs, rp)
        status = review_status(rp.next_review, today, pack.trust.settings.review_window_days)
        rows.append({"policy": pid, "title": rp.title, "version": facts["version"],
                     "approved": facts["approved"], "approved_iso": facts["approved_iso"],
                     "next_review": facts["next_review"], "next_review_iso": facts["next_review_iso"],
                     "status": status, "status_label": STATUSES[status]})
    return {"name": rs.name, "policies": rows, "forms": list(rs.forms)}


def pre_render_checks(pack: Pack, resolved: dict, today: dt.date) -> list[Diagnostic]:
    """The checks on the resolved pack: errors stop the build before anything is rendered."""
    try:
        from .checks import run_checks
    except ImportError:
        return []
    diags = run_checks(pack, resolved, today)
    errors = [d for d in diags if d.severity == "error"]
    if errors:
        raise PackError(diags)
    return diags


def post_render_checks(stage: Path) -> list[Diagnostic]:
    """Every internal link and anchor in the rendered site and PDFs resolves."""
    try:
        from .checks import check_outputs
    except ImportError:
        return []
    return check_outputs(stage)
