"""The floor for benchmarks/run.py: the build's own rendering of the build's own jobs, and nothing
else.

    python benchmarks/floor.py PACK TODAY WORKERS

Untimed first: the pack is loaded, every school resolved and planned by the build's Planner (every
policy PDF's and form's HTML, every school site's pages: the jobs `policypack build` renders), and
with WORKERS > 1 the build's worker pool is started and waited for (the forkserver that imports
WeasyPrint and MkDocs once, and the workers forked from it).

Timed: those jobs handed to the build's Scheduler, which renders them exactly as a build does:
with one worker in this process, with more in the pool's processes, largest job first, each
worker keeping its font configuration and parsed stylesheets from one document to the next, each
job through the builder that planned it (``render``, with every finisher: form field clean-up,
signature fields, document /ID), within the pack's render limits, written into a scratch folder.
Left out is everything else a build does: starting Python and importing the builder, loading,
resolving, checking and planning, the link check's outlines (jobs are sent with ``outline``
off), the manifest, the link checks, the trust index, signing and swapping the staging folder
in. All the jobs are known from the start (a build learns them school by school), so the
scheduler always has the largest waiting job to hand out. A build of the same pack with the same
number of workers therefore does strictly more work than this on the same processes, and the
ratio build/floor is what the build's own work costs. Prints JSON: the seconds from handing
the jobs over to the last result, and the processor seconds of this process and its workers in
that time (which, unlike the seconds, other programs on the machine hardly change).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import tree_cpu  # beside this file


def the_build():
    """The build's pieces the floor uses, all imported here: the planner, the resolver and
    loader it plans from, the scheduler and the worker pool (builders are reached only through
    the scheduler, as in a build). Imported when called, not with this module: the worker
    processes import this file as their main module, and a build's workers import no more than
    the pool's own preload."""
    from builder.pipeline.plan import Planner
    from builder.pipeline.workers import Scheduler, Workers
    from builder.resolve.school import resolve_school
    from builder.source.load import load_pack
    return Planner, Scheduler, Workers, resolve_school, load_pack


def planned_jobs(pack_dir: Path, today: dt.date) -> list:
    """Every job a full build of the pack renders, planned as the build plans them (payloads
    included): every school in the build's order, each school's jobs in the registry's order."""
    Planner, _, _, resolve_school, load_pack = the_build()
    pack = load_pack(pack_dir)
    planner = Planner(pack, today)
    return [job for school in pack.schools.values() for job in planner.jobs(resolve_school(pack, school))]


def floor(pack_dir: Path, today: dt.date, workers: int) -> dict:
    _, Scheduler, Workers, _, _ = the_build()
    t0 = time.perf_counter()
    jobs = planned_jobs(pack_dir, today)
    counts = dict(Counter(job.builder for job in jobs))
    t1 = time.perf_counter()
    pool = None
    if workers > 1:
        pool = Workers(workers)   # the build's pool: forkserver, preloaded modules, recycling
        pool.ready(wait=True)
    t2 = time.perf_counter()
    rendered, end = [], {}

    def done(job, result) -> None:
        rendered.append(job.rel)
        if len(rendered) == len(jobs):   # the last result: the rendering is over
            end.update(seconds=time.perf_counter(), cpu=tree_cpu(os.getpid()))

    with tempfile.TemporaryDirectory(prefix="policypack-floor-") as scratch:
        try:
            start_cpu, start = tree_cpu(os.getpid()), time.perf_counter()
            scheduler = Scheduler(workers, Path(scratch), False, done, workers=pool)
            for job in jobs:
                scheduler.add(job)
            scheduler.finish()
        finally:
            if pool is not None:
                pool.kill()   # a no-op once finish() has closed it
    if len(rendered) != len(jobs):
        raise SystemExit(f"floor: {len(rendered)} of {len(jobs)} jobs rendered")
    return {"seconds": round(end["seconds"] - start, 2), "cpu_s": round(end["cpu"] - start_cpu, 2),
            "workers": workers, "jobs": len(jobs), "documents": counts,
            "untimed_plan_s": round(t1 - t0, 2), "untimed_pool_start_s": round(t2 - t1, 2)}


def main() -> int:
    pack_dir, today, workers = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(floor(pack_dir, today, workers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
