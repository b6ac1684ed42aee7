"""The floor for benchmarks/run.py: WeasyPrint and MkDocs alone on the documents a build makes.

    python benchmarks/floor.py PACK TODAY PROCS

Makes every policy PDF's and form's HTML and every school site's pages first (not timed), then
times only the rendering: WeasyPrint for each PDF (the policy and form stylesheets, PDF/UA, form
fields), MkDocs for each site, in PROCS processes (largest first, like the build). Prints JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path


def documents(pack_dir: Path, today: dt.date) -> list[tuple]:
    from builder.load import load_pack
    from builder.render_pdf import policy_pdf_html
    from builder.render_site import site_inputs
    from builder.resolve import resolve_school

    pack = load_pack(pack_dir)
    docs = []
    for sid, school in pack.schools.items():
        rs = resolve_school(pack, school)
        for rp in rs.policies.values():
            html = policy_pdf_html(rs, rp, pack)
            docs.append((len(html), "pdf", html))
        try:
            from builder.render_form import form_pdf_html, resolve_form
            for fid in rs.forms:
                f = resolve_form(pack, rs, pack.forms[fid])
                html = form_pdf_html(f, str(rs.values.get("colour") or "#1d4e89"))
                docs.append((len(html) / 4, "form", html))
        except ImportError:
            pass
        files, config = site_inputs(rs, pack, today)
        docs.append((sum(map(len, files.values())) / 20, "site", (files, config, str(pack.theme_dir))))
    docs.sort(key=lambda d: -d[0])
    return [d[1:] for d in docs]


def _warm() -> None:
    import mkdocs.commands.build  # noqa: F401
    import weasyprint  # noqa: F401


def render(doc: tuple) -> int:
    kind, payload = doc
    if kind == "pdf":
        from builder.render_pdf import html_to_pdf
        return len(html_to_pdf(payload))
    if kind == "form":
        from weasyprint import CSS, HTML

        from builder.render_form import CSS_FILE
        return len(HTML(string=payload).write_pdf(
            stylesheets=[CSS(string=CSS_FILE.read_text(encoding="utf-8"))],
            pdf_variant="pdf/ua-1", pdf_forms=True))
    from builder.render_site import mkdocs_build
    files, config, theme = payload
    with tempfile.TemporaryDirectory() as tmp:
        mkdocs_build(files, config, Path(theme), Path(tmp) / "site")
    return 1


def main() -> int:
    pack_dir, today, procs = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2]), int(sys.argv[3])
    docs = documents(pack_dir, today)
    counts = {k: sum(1 for d in docs if d[0] == k) for k in ("pdf", "form", "site")}
    t0 = time.perf_counter()
    if procs == 1:
        _warm()
        for doc in docs:
            render(doc)
    else:
        ctx = get_context("forkserver")
        ctx.set_forkserver_preload(["weasyprint", "mkdocs.commands.build", "builder.render_pdf"])
        with ctx.Pool(procs, initializer=_warm) as pool:
            list(pool.imap_unordered(render, docs, chunksize=1))
    print(json.dumps({"seconds": round(time.perf_counter() - t0, 2), "documents": counts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
