"""``policypack build``: load, resolve, check, render, publish.

Every output has a key: a hash of what it is made from (the HTML a PDF is rendered from, a
form's resolved text and fields, a site's pages and config, plus the theme and the builder's own
code and library versions). The manifest in the output folder records the keys; an output whose
key is unchanged is kept as it is, so a build with nothing changed renders nothing, and a change
to one school or one policy renders only what it reaches.

Working out the keys means rendering HTML, so each school also records the fingerprint of its
input files (its own files, the trust's shared ones, the theme, the builder, the date): when that
is unchanged the recorded keys are reused without rendering any HTML. Rendering runs in worker
processes (``--jobs``), largest outputs first; the output is swapped in only when all of it
succeeded.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import functools
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
from .resolve import ResolvedSchool, resolve_school

MANIFEST = "manifest.json"
BUILDER_DIR = Path(__file__).parent
# The libraries whose output ends up in the files: a new version may change every byte.
RENDER_LIBRARIES = ("weasyprint", "pydyf", "mkdocs", "pypdf", "pyhanko", "jinja2", "markdown-it-py")
# Modules each worker process starts with, so no worker pays for importing WeasyPrint itself.
PRELOAD = ["builder.render_pdf", "builder.render_site", "builder.signing", "weasyprint",
           "mkdocs.commands.build", "pypdf", "pyhanko.sign.fields",
           "pyhanko.pdf_utils.incremental_writer"]
ROUND = 30   # batches a worker renders before its pool is replaced (see run_jobs)


def tree_hash(*paths: Path) -> str:
    """SHA-256 over the relative names and bytes of every file under the paths (files too)."""
    h = hashlib.sha256()
    for base in map(Path, paths):
        if base.is_file():
            files = [base]
            base = base.parent
        else:
            files = sorted(p for p in base.rglob("*") if p.is_file()
                           and "__pycache__" not in p.parts and not p.name.endswith(".pyc"))
        for path in files:
            h.update(path.relative_to(base).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


@functools.cache
def builder_hash() -> str:
    """The builder's code, templates and library versions, hashed once per process: the code
    this process runs is what renders, even if the files change while it runs."""
    from importlib.metadata import PackageNotFoundError, version

    libs = []
    for name in RENDER_LIBRARIES:
        try:
            libs.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            libs.append(f"{name}=-")
    return key_of(__version__, tree_hash(BUILDER_DIR), libs)


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
    cost: float = 1.0             # estimated seconds to render, to schedule largest first
    html: str | None = None       # a policy PDF's HTML, made when planning: the worker needs no
                                  # resolved school for it


@dataclass
class BuildResult:
    out: Path
    rendered: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


# ------------------------------------------------------------------ the plan (main process)

def source_epoch() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return epoch if epoch.isdigit() else ""


class Planner:
    """Works out every output's key from the resolved pack, without rendering any PDF or page."""

    def __init__(self, pack: Pack, today: dt.date, signing: str | None = None):
        self.pack = pack
        self.today = today
        self.builder = builder_hash()
        self.theme = tree_hash(pack.theme_dir)
        self.signing = signing
        self.epoch = source_epoch()
        root = Path(pack.root)
        shared = [p for p in (root / "trust.yml", root / "content", root / "forms") if p.exists()]
        self.shared = key_of(self.builder, self.theme, tree_hash(*shared), today.isoformat(),
                             self.epoch, signing)

    def fingerprint(self, school) -> str:
        """Everything a school's outputs are made from, as files: equal fingerprints mean equal
        keys. (Its own file and folder, the shared text, theme, builder, date and options.)"""
        own = [p for p in (school.path, school.path.with_suffix("")) if p.exists()]
        return key_of(self.shared, school.id, tree_hash(*own))

    def jobs(self, rs: ResolvedSchool) -> list[Job]:
        from .render_pdf import policy_pdf_html
        from .render_site import site_inputs
        from .signing import signature_fields_for

        jobs = []
        for pid, rp in rs.policies.items():
            html = policy_pdf_html(rs, rp, self.pack)
            fields = signature_fields_for(rp.approval.signatories if rp.approval else [])
            jobs.append(Job("pdf", rs.id, pid, key_of("pdf", self.builder, html, fields, self.signing),
                            f"{rs.id}/pdf/{pid}.pdf", cost=pdf_cost(html, fields), html=html))
        for fid in rs.forms:
            form = self.pack.forms.get(fid)
            if form is None:
                continue
            jobs.append(Job("form", rs.id, fid, key_of("form", self.builder, *form_inputs(self.pack, rs, form)),
                            f"{rs.id}/forms/{fid}.pdf", cost=0.25))
        files, config = site_inputs(rs, self.pack, self.today)
        jobs.append(Job("site", rs.id, None, key_of("site", self.builder, self.theme, files, config,
                                                    site_epoch(rs)),
                        rs.id, cost=0.1 + 0.01 * len(files)))
        return jobs


def pdf_cost(html: str, fields: list) -> float:
    """Seconds, roughly, as measured: WeasyPrint ~1 s per 35 kB of HTML; adding signature
    fields (an incremental update) ~0.1 s."""
    return len(html) / 35000 + (0.1 if fields else 0)


def form_inputs(pack: Pack, rs: ResolvedSchool, form) -> tuple:
    """What a form's PDF is made from: the resolved form (text, fields, date, identity) and the
    school's colour; render_form.render_form_pdf reads nothing else."""
    from .render_form import resolve_form
    return (repr(resolve_form(pack, rs, form)), str(rs.values.get("colour") or ""))


def site_epoch(rs: ResolvedSchool) -> str:
    """The date MkDocs stamps into a site (its sitemap): SOURCE_DATE_EPOCH, else the school's
    newest approval or version date, so a rebuild on another day gives the same bytes."""
    from .pages import source_date
    epoch = source_epoch()
    if epoch:
        return epoch
    newest = max((source_date(rs, rp) for rp in rs.policies.values()), default=source_date(rs))
    return str(int(newest.timestamp()))


# ------------------------------------------------------------------ rendering (worker processes)

_WORKER: dict = {}


def _init_worker(root: str, today: str, env: dict, worker_process: bool = False) -> None:
    if worker_process:
        # Ctrl-C reaches the whole process group: the main process stops the build and ends
        # the workers itself, so a worker does not die half-way through a file on its own
        import signal
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.update(env)
    _WORKER.clear()
    _WORKER["pack"] = load_pack(Path(root))
    _WORKER["today"] = dt.date.fromisoformat(today)
    _WORKER["schools"] = {}


def _school(sid: str) -> ResolvedSchool:
    cache = _WORKER["schools"]
    if sid not in cache:
        cache.clear()  # keep one school: memory stays flat however many schools there are
        cache[sid] = resolve_school(_WORKER["pack"], _WORKER["pack"].schools[sid])
    return cache[sid]


def render_job(job: Job, stage: str) -> tuple[str, list[str]]:
    """Render one output into the staging folder. Returns (rel, files written under rel)."""
    pack = _WORKER["pack"]
    dest = Path(stage) / job.rel
    if job.kind == "pdf":
        from .render_pdf import html_to_pdf, policy_pdf_html
        from .signing import add_signature_fields, signature_fields_for
        html = job.html
        if html is None:
            rs = _school(job.school)
            html = policy_pdf_html(rs, rs.policies[job.item], pack)
        sp = pack.schools[job.school].policies.get(job.item)   # the approval, as resolve reads it
        approval = sp.approval if sp else None
        write_bytes(dest, html_to_pdf(html))
        fields = signature_fields_for(approval.signatories if approval else [])
        if fields:
            add_signature_fields(dest, fields)
        return job.rel, [job.rel]
    rs = _school(job.school)
    if job.kind == "form":
        from .pages import linker
        from .render_form import render_form_pdf
        # a form PDF sits in <school>/forms/: its links reach the policy PDFs beside it
        links = linker("pdf", None, policy_href=lambda pid: f"../pdf/{pid}.pdf",
                       form_href=lambda fid: f"{fid}.pdf")
        write_bytes(dest, render_form_pdf(pack, rs, pack.forms[job.item], links))
        return job.rel, [job.rel]
    if job.kind == "site":
        from .render_site import mkdocs_build, site_inputs
        files, config = site_inputs(rs, pack, _WORKER["today"])
        with tempfile.TemporaryDirectory(dir=Path(stage)) as tmp:
            built = Path(tmp) / "site"
            saved = os.environ.get("SOURCE_DATE_EPOCH")
            os.environ["SOURCE_DATE_EPOCH"] = site_epoch(rs)   # MkDocs' sitemap dates
            try:
                mkdocs_build(files, config, pack.theme_dir, built)
            finally:
                if saved is None:
                    os.environ.pop("SOURCE_DATE_EPOCH", None)
                else:
                    os.environ["SOURCE_DATE_EPOCH"] = saved
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

def choose_schools(pack: Pack, schools: list[str] | None, shard: tuple[int, int] | None) -> list[str]:
    unknown = [s for s in schools or [] if s not in pack.schools]
    if unknown:
        from .diagnostics import error
        raise PackError([error("schools", None, "E-SCHOOL", f"no school '{s}' in this pack "
                               f"(schools: {', '.join(pack.schools)})") for s in unknown])
    chosen = list(schools or pack.schools)
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
    project = Path(project)
    out = Path(out) if out else project / "site"
    today = today or dt.date.today()
    progress = progress or Progress.auto()
    pack = load_pack(project)
    chosen = choose_schools(pack, schools, shard)
    result = BuildResult(out=out)
    signing = None
    if sign_with:
        from .signing import certificate_fingerprint
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
        # resolve, check and plan one school at a time: only one resolved school is held
        todo: dict[str, Job] = {}
        errors = Collector()
        diags: list[Diagnostic] = []
        failed = False
        for sid in chosen:
            prev = old_schools.get(sid, {})
            fingerprint = planner.fingerprint(pack.schools[sid])
            outputs = prev.get("outputs", {}) if isinstance(prev.get("outputs"), dict) else {}
            if (not force and not errors.items and not failed and prev.get("inputs") == fingerprint
                    and outputs and "summary" in prev
                    and (not run_checks or isinstance(prev.get("diagnostics"), list))
                    and all((stage / f).exists() for o in outputs.values() for f in o["files"])):
                # nothing this school is made from has changed: its outputs, its findings and
                # its index summary are as recorded, so it is neither resolved nor checked again
                manifest["schools"][sid] = prev
                if run_checks:
                    diags += [Diagnostic(**d) for d in prev["diagnostics"]]
                result.kept += sorted(outputs)
                continue
            rs = resolve_school(pack, pack.schools[sid])
            bad = [d for d in rs.diagnostics if d.severity == "error"]
            errors.extend(bad)
            found = []
            if run_checks and not bad:
                found = school_checks(pack, rs, today)
                diags += found
                failed = failed or any(d.severity == "error" for d in found)
            if errors.items or failed:
                continue   # go on to report every school's errors, but plan nothing more
            entry = {"name": rs.name, "inputs": fingerprint, "outputs": {},
                     "summary": school_summary(rs, pack, today)}
            if run_checks:
                entry["diagnostics"] = [d.to_json() for d in found]
            manifest["schools"][sid] = entry
            for job in planner.jobs(rs):
                before = outputs.get(job.rel)
                if (not force and before and before["key"] == job.key
                        and all((stage / f).exists() for f in before["files"])):
                    entry["outputs"][job.rel] = before
                    result.kept.append(job.rel)
                else:
                    todo[job.rel] = job
                    if before and job.kind == "site":
                        for f in before["files"]:
                            (stage / f).unlink(missing_ok=True)
            for gone in set(outputs) - set(entry["outputs"]) - set(todo):
                for f in outputs[gone]["files"]:   # an output no longer made (a form taken out)
                    (stage / f).unlink(missing_ok=True)
        errors.raise_if_errors()
        diags = list(dict.fromkeys(diags))
        if any(d.severity == "error" for d in diags):
            raise PackError(diags)
        result.diagnostics = diags
        if not schools or shard:
            for gone in set(old_schools) - set(chosen):
                shutil.rmtree(stage / gone, ignore_errors=True)
        # closing(): an interrupt between two results still stops the workers before the
        # staging folder is removed
        with contextlib.closing(run_jobs(list(todo.values()), project, stage, today, jobs,
                                         progress)) as results:
            for rel, files in results:
                job = todo[rel]
                manifest["schools"][job.school]["outputs"][rel] = {"key": job.key, "files": files}
                result.rendered.append(rel)
        if sign_with:
            from .signing import sign_outputs
            signed = [stage / j.rel for j in todo.values() if j.kind == "pdf"]
            if signed:
                sign_outputs(signed, Path(sign_with))
        write_manifest(stage, manifest)
        from .render_index import write_trust_index
        write_trust_index(stage, manifest, pack, today)
        if run_checks:
            touched = sorted({j.school for j in todo.values()})
            post = post_render_checks(stage, out.name, touched, jobs or os.cpu_count() or 1)
            result.diagnostics += post
            if any(d.severity == "error" for d in post):
                raise PackError([d for d in post if d.severity == "error"])
        staging.commit()
    progress.done(len(result.rendered), len(result.kept))
    return result


def read_manifest(folder: Path) -> dict:
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def write_manifest(folder: Path, manifest: dict) -> None:
    write_text(Path(folder) / MANIFEST,
               json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def run_jobs(todo: list[Job], project: Path, stage: Path, today: dt.date, jobs: int | None,
             progress: Progress):
    """Render the jobs, largest first, in worker processes when there is more than one job and
    core. Yields (rel, files) as each finishes."""
    jobs = jobs or os.cpu_count() or 1
    env = {k: v for k, v in os.environ.items() if k == "SOURCE_DATE_EPOCH"}
    order = sorted(todo, key=lambda j: (-j.cost if j.kind == "pdf" else 0, j.school, j.rel))
    progress.start(len(order))
    if not order:
        return
    if jobs == 1 or len(order) <= 1:
        _init_worker(str(project), today.isoformat(), env)
        for job in order:
            done = render_job(job, str(stage))
            progress.step(job.rel)
            yield done
        return
    import multiprocessing as mp
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
    else:
        ctx = mp.get_context("spawn")
    # Workers are replaced every ROUND batches: WeasyPrint's caches grow with every document,
    # so memory stays flat however many schools there are. (A fresh pool per round rather than
    # max_tasks_per_child, which can leave Python 3.11's executor waiting for ever.)
    work = batches(order)
    step = ROUND * jobs
    for first in range(0, len(work), step):
        yield from _round(work[first:first + step], ctx, jobs, (str(project), today.isoformat(), env, True),
                          stage, progress)


def _round(work: list[list[Job]], ctx, jobs: int, initargs: tuple, stage: Path, progress: Progress):
    """Render some batches in a fresh pool of worker processes; yields (rel, files)."""
    pool = cf.ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=ctx,
                                  initializer=_init_worker, initargs=initargs)
    futures = {pool.submit(render_jobs, batch, str(stage)): batch for batch in work}
    try:
        for fut in cf.as_completed(futures):
            for job, done in zip(futures[fut], fut.result()):
                progress.step(job.rel)
                yield done
    except BaseException:
        # an error, Ctrl-C or the build abandoning us: stop at once, no waiting for the rest
        workers = list((getattr(pool, "_processes", None) or {}).values())  # before shutdown drops them
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in workers:
            proc.terminate()
        for proc in workers:  # gone before the staging folder is removed
            proc.join(timeout=10)
        raise
    pool.shutdown(wait=True)


def batches(order: list[Job]) -> list[list[Job]]:
    """PDFs one at a time; a school's forms and site together, so one worker resolves the
    school once for them. Largest first."""
    out = [[j] for j in order if j.kind == "pdf"]
    rest: dict[str, list[Job]] = {}
    for j in order:
        if j.kind != "pdf":
            rest.setdefault(j.school, []).append(j)
    out += sorted(rest.values(), key=lambda b: -sum(j.cost for j in b))
    return sorted(out, key=lambda b: -sum(j.cost for j in b))


def render_jobs(jobs: list[Job], stage: str) -> list[tuple[str, list[str]]]:
    return [render_job(job, stage) for job in jobs]


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


def school_checks(pack: Pack, rs: ResolvedSchool, today: dt.date) -> list[Diagnostic]:
    """The checks on one resolved school (and the trust's shared files, deduplicated later)."""
    from .checks import run_checks
    return run_checks(pack, {rs.id: rs}, today)


def post_render_checks(stage: Path, label: str | None = None,
                       schools: list[str] | None = None, jobs: int = 1) -> list[Diagnostic]:
    """Every internal link and anchor in the rendered outputs resolves. With ``schools``, only
    those schools' folders and the trust index are read: links never cross from one school's
    folder to another's, so an unchanged school's links were checked when it was built."""
    from .checks import check_outputs
    if schools is None:
        return check_outputs(stage, label, jobs=jobs)
    paths = [Path(stage) / "index.html"]
    for sid in schools:
        paths += sorted(p for p in (Path(stage) / sid).rglob("*") if p.is_file())
    return check_outputs(stage, label, paths, jobs=jobs)
