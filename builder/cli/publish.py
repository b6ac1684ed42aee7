"""`policypack publish`: its arguments."""

from __future__ import annotations

from pathlib import Path


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
    from builder.publish.package import run as run_command  # the pipeline loads when the command runs
    return run_command(args)
