"""``policypack build``: every school's website, policy PDFs and forms, and the trust index."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from builder.common.diagnostics import PackError, error, format_text


def register(sub) -> None:
    p = sub.add_parser("build", help="build every school's pack (website, PDFs, forms) into site/")
    p.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: site/ in the pack)")
    p.add_argument("--school", action="append", metavar="ID", help="build only this school (repeatable)")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="render N outputs at once (default: cores)")
    p.add_argument("--force", action="store_true", help="render everything, even unchanged outputs")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="date for review statuses (default: today)")
    p.add_argument("--sign-with", type=Path, metavar="CERT.p12",
                   help="sign each policy PDF with this certificate; password from POLICYPACK_SIGN_PASSWORD")
    p.add_argument("--shard", metavar="K/N", help="build every N-th school, starting with the K-th")
    p.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    p.set_defaults(handler=run)


def parse_today(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PackError(error("--today", None, "E-ARG", f"'{value}' is not a date: write YYYY-MM-DD")) from None


def parse_shard(value: str | None):
    if not value:
        return None
    m = re.fullmatch(r"(\d+)/(\d+)", value)
    if not m or not 1 <= int(m[1]) <= int(m[2]):
        raise PackError(error("--shard", None, "E-ARG", f"'{value}' must be K/N with 1 <= K <= N, e.g. 1/4"))
    return int(m[1]), int(m[2])


def run(args) -> int:
    from builder.pipeline.build import build
    from builder.pipeline.progress import Progress

    if args.jobs is not None and args.jobs < 1:
        raise PackError(error("--jobs", None, "E-ARG", "--jobs must be 1 or more"))
    result = build(args.project, args.out, args.school, jobs=args.jobs, force=args.force,
                   today=parse_today(args.today), sign_with=args.sign_with,
                   shard=parse_shard(args.shard), progress=Progress.auto(quiet=args.quiet))
    if result.diagnostics:
        print(format_text(result.diagnostics), file=sys.stderr)
    if not args.quiet:
        print(f"wrote {result.out}/index.html")
    return 0
