"""``policypack serve SCHOOL-ID``: preview one school's site, rebuilt and reloaded on every edit."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from builder.common.diagnostics import format_text, PackError
from builder.common.selection import select_schools


def register(sub) -> None:
    p = sub.add_parser("serve", help="preview one school's site with live reload while editing")
    p.add_argument("school", metavar="SCHOOL-ID")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1")
    p.set_defaults(handler=run)


def run(args) -> int:
    from mkdocs.livereload import LiveReloadServer

    from builder.build.pipeline import build
    from builder.build.progress import Progress
    from builder.source.load import load_pack

    project = Path(args.project).resolve()
    try:
        pack = load_pack(project)
    except PackError:
        pack = None  # rebuild() reports it, and the preview waits for the fix
    if pack is not None:
        select_schools(pack.schools, [args.school])
    with tempfile.TemporaryDirectory(prefix="policypack-serve-") as tmp:
        out = Path(tmp) / "site"

        def rebuild():
            try:
                build(project, out, [args.school], progress=Progress(quiet=True), run_checks=False)
                print(f"rebuilt {args.school}", file=sys.stderr)
            except PackError as exc:  # keep serving the last good build
                print(format_text(exc.diagnostics), file=sys.stderr)

        rebuild()
        server = LiveReloadServer(builder=rebuild, host=args.host, port=args.port, root=str(out),
                                  mount_path="/")
        for folder in ("content", "forms", "schools", "themes"):
            if (project / folder).exists():
                server.watch(str(project / folder))
        server.watch(str(project / "trust.yml"))
        print(f"serving {args.school} at http://{args.host}:{args.port}/{args.school}/index.html "
              f"(Ctrl-C to stop)", file=sys.stderr)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    return 0
