"""``policypack check``: read and resolve the pack, run every check, print the findings.

Exit status: 0 clean (or warnings and notices only), 1 errors (or warnings under --strict),
2 the pack could not be read.
"""

from __future__ import annotations

import sys

from builder.cli.build import parse_today
from builder.common.diagnostics import Diagnostic, PackError, format_json, format_text


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check", help="check review dates, references, placeholders and contacts",
        description="Check the pack: review dates, cross-references, template phrases left in "
                    "the text, roles without a person or contact. Exit status 0 clean or "
                    "warnings only, 1 errors (or warnings with --strict), 2 the pack could not "
                    "be read.")
    p.add_argument("--today", default=None, metavar="YYYY-MM-DD",
                   help="the date to judge review dates by (default: today)")
    p.add_argument("--strict", action="store_true",
                   help="treat warnings (such as an overdue review) as errors")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text for people, json for CI (a stable, sorted list)")
    p.add_argument("--school", action="append", default=[], metavar="ID",
                   help="check only this school (repeatable)")
    p.set_defaults(handler=run)


def _emit(diags: list[Diagnostic], fmt: str, stream) -> None:
    print(format_json(diags) if fmt == "json" else format_text(diags), file=stream)


def run(args) -> int:
    from builder.checks import has_errors, strictly
    from builder.project import Project

    today = parse_today(args.today)  # one reading of --today for every command
    try:
        project = Project(args.project, today)
        chosen = project.select(args.school)
    except PackError as exc:
        _emit(exc.diagnostics, args.format, sys.stdout if args.format == "json" else sys.stderr)
        return 2
    found = project.check(chosen)
    if args.strict:
        found = strictly(found)
    _emit(found, args.format, sys.stdout)
    return 1 if has_errors(found) else 0
