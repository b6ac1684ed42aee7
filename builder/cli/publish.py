"""`policypack publish`: its arguments."""

from __future__ import annotations

import sys
from pathlib import Path

from builder.common.diagnostics import PackError, error, format_text


def register(sub) -> None:
    p = sub.add_parser("publish", help="each school's site as a folder (and zip) ready to upload, "
                                       "with policies.json, sitemap.xml and a snippet")
    p.add_argument("--out", type=Path, metavar="DIR", help="where to write (default: publish/ in the pack)")
    p.add_argument("--zip", action="store_true", help="also write <school-id>.zip beside each folder")
    p.add_argument("--school", action="append", metavar="ID", help="publish only this school (repeatable)")
    p.add_argument("--site", type=Path, metavar="DIR", help="the build folder (default: site/ in the pack)")
    p.add_argument("--base-url", metavar="URL",
                   help="where the school's pages will live, e.g. https://policies.example.org/{school}/")
    p.add_argument("--no-build", action="store_true", help="package the existing build without building")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="date for review statuses (default: today)")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="render N outputs at once (default: cores)")
    p.add_argument("--sign-with", type=Path, metavar="CERT.p12",
                   help="build with the policy PDFs signed, as build --sign-with (else a signed build "
                        "is rendered again unsigned)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    p.set_defaults(handler=run)


def run(args) -> int:
    from builder.pipeline.progress import Progress
    from builder.cli.build import parse_today
    from builder.publish.package import publish  # the pipeline loads when the command runs

    if args.jobs is not None and args.jobs < 1:
        raise PackError(error("--jobs", None, "E-ARG", "--jobs must be 1 or more"))
    done, diags = publish(args.project, args.out, args.school, site=args.site, make_zip=args.zip,
                          base_url=args.base_url, build_first=not args.no_build,
                          today=parse_today(args.today), jobs=args.jobs, sign_with=args.sign_with,
                          progress=Progress.auto(quiet=args.quiet))
    if diags:
        print(format_text(diags), file=sys.stderr)
    if not args.quiet:
        for sid, folder, base in done:
            where = f"for {base.url} (from {base.source})" if base.url else "with relative links"
            extra = f" and {folder}.zip" if args.zip else ""
            print(f"published {sid}: {folder}/{extra}, {where}")
    return 0
