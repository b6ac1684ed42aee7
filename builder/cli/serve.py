"""``policypack serve SCHOOL-ID``: preview one school's site while editing (builder/serve/preview.py:
the edited pages first, the PDFs after, the pack's errors shown in every page)."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from builder.common.diagnostics import PackError, printable


def register(sub) -> None:
    p = sub.add_parser("serve", help="preview one school's site with live reload while editing")
    p.add_argument("school", metavar="SCHOOL-ID", nargs="?",
                   help="the school whose site is previewed (a schools/<id>.yml); without one, "
                        "serve lists the pack's schools")
    p.add_argument("--port", type=int, default=8000, help="the port the preview listens on (default: 8000)")
    p.add_argument("--host", default="127.0.0.1",
                   help="the address it listens on (default: 127.0.0.1, this computer only)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="date for review statuses (default: today)")
    p.set_defaults(handler=run)


def _interrupt(signum, frame):
    raise KeyboardInterrupt   # a terminate as Ctrl-C: the preview cleans up after itself


def run(args) -> int:
    from builder.serve.preview import serve
    from builder.cli.build import parse_today
    from builder.project import Project

    project = Path(args.project).resolve()
    today = parse_today(args.today)
    try:
        opened: Project | None = Project(project, today)
    except PackError:
        opened = None   # the preview reports it, in the terminal and in the page, and waits for the fix
    if args.school is None:
        if opened is None:
            Project(project, today)    # says why the pack cannot be read: status 2
        assert opened is not None
        schools = opened.pack.schools
        print("Which school? Give its id, for example: policypack serve "
              f"{next(iter(sorted(schools)), 'SCHOOL-ID')}\n" +
              "\n".join(f"  {sid:<24} {printable(schools[sid].name)}" for sid in sorted(schools)),
              file=sys.stderr)
        return 2
    if opened is not None:
        opened.select([args.school])   # an unknown school is E-SCHOOL, status 2
    signal.signal(signal.SIGTERM, _interrupt)
    return serve(project, args.school, args.host, args.port, today=today)
