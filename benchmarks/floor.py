"""The floor for benchmarks/run.py: WeasyPrint and MkDocs alone on the documents a build makes.

    python benchmarks/floor.py PACK TODAY PROCS

Plans the build first (not timed): every policy PDF's and form's HTML and every school site's
pages, the build's own payloads. Then times only the rendering: WeasyPrint for each PDF (the
policy and form stylesheets, PDF/UA, form fields), MkDocs for each site, in PROCS processes
(largest first, like the build). Prints JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from collections import Counter
from multiprocessing import get_context
from pathlib import Path


def documents(pack_dir: Path, today: dt.date) -> list[tuple]:
    """The build's own payloads (plan.py), largest first: the same HTML, pages and config."""
    from builder.source.load import load_pack
    from builder.pipeline.plan import Planner
    from builder.resolve.school import resolve_school

    pack = load_pack(pack_dir)
    planner = Planner(pack, today)
    jobs = [job for school in pack.schools.values()
            for job in planner.jobs(resolve_school(pack, school))]
    jobs.sort(key=lambda j: -j.cost)
    return [(j.builder, j.payload) for j in jobs]


def _warm() -> None:
    import mkdocs.commands.build  # noqa: F401
    import weasyprint  # noqa: F401

    import builder.render.builders  # noqa: F401


def render(doc: tuple) -> int:
    """WeasyPrint or MkDocs alone, called as the build calls them (one font configuration and
    one parsed stylesheet per process), without the build's finishers: no form field clean-up,
    signature fields, /ID or link outline. Each builder says what that is (``Builder.floor``)."""
    from builder.render.builders import BY_NAME
    name, payload = doc
    with tempfile.TemporaryDirectory() as tmp:
        BY_NAME[name].floor(payload, Path(tmp))
    return 1


def main() -> int:
    pack_dir, today, procs = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2]), int(sys.argv[3])
    docs = documents(pack_dir, today)
    counts = dict(Counter(name for name, _ in docs))
    t0 = time.perf_counter()
    if procs == 1:
        _warm()
        for doc in docs:
            render(doc)
    else:
        ctx = get_context("forkserver")
        ctx.set_forkserver_preload(["weasyprint", "mkdocs.commands.build", "builder.render.engine",
                                   "builder.render.builders"])
        with ctx.Pool(procs, initializer=_warm) as pool:
            list(pool.imap_unordered(render, docs, chunksize=1))
    print(json.dumps({"seconds": round(time.perf_counter() - t0, 2), "documents": counts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
