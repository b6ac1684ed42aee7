"""`policypack diff`: its arguments."""

from __future__ import annotations

from pathlib import Path

from builder.common.diagnostics import printable


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "diff", help="redlines of each school's policies between two git revisions",
        description="Compare each school's rendered policies at two git revisions and write a "
                    "summary page, a redline page and a redline PDF per changed policy.")
    p.add_argument("--from", dest="rev_from", required=True, metavar="REV",
                   help="the earlier revision (a commit, tag or branch, e.g. HEAD~2 or v1.0)")
    p.add_argument("--to", dest="rev_to", metavar="REV",
                   help="the later revision (default: the working tree, uncommitted edits included)")
    p.add_argument("--school", dest="schools", action="append", metavar="ID",
                   help="only this school (repeatable; default: every school)")
    p.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: <project>/site/diff)")
    p.add_argument("--no-pdf", action="store_true", help="write the HTML pages only")
    p.set_defaults(handler=run)


def run(args) -> int:
    from builder.diff.command import run_diff  # the pipeline loads when the command runs
    result = run_diff(args.project, args.rev_from, args.rev_to, schools=args.schools, out=args.out,
                      pdf=not args.no_pdf)
    print(f"policypack diff: {len(result.schools)} school(s), {len(result.changed)} with changes, "
          f"{result.old.describe()} -> {result.new.describe()}; wrote {result.out}")
    for sd in result.changed:  # one line per changed policy: a CI job's summary lists them
        for d in sd.changed:
            print(printable(f"- {sd.name}: {d.title} ({d.status})"))
    return 0
