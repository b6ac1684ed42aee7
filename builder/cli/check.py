"""``policypack check``: read and resolve the pack, run every check, print the findings.

Exit status: 0 clean (or warnings and notices only), 1 errors (or warnings under --strict),
2 the pack could not be read.
"""

from __future__ import annotations

import sys

from builder.cli.build import parse_today
import os
from pathlib import Path

from builder.common.diagnostics import (Diagnostic, PackError, format_github, format_json,
                                        format_markdown, format_text)


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
    p.add_argument("--format", choices=("text", "json", "github", "markdown"), default="text",
                   help="text for people; json for scripts (a stable, sorted list); github for "
                        "GitHub Actions (each finding annotates its line in a pull request); "
                        "markdown for a CI job's summary page")
    p.add_argument("--school", action="append", default=[], metavar="ID",
                   help="check only this school (repeatable)")
    p.set_defaults(handler=run)


def _prefix(project) -> str:
    """The pack's folder from the current directory (a CI job's checkout), as annotations name
    files from the repository's root."""
    rel = Path(os.path.relpath(Path(project or ".").resolve(), Path.cwd())).as_posix()
    return "" if rel == "." else rel + "/"


def _emit(diags: list[Diagnostic], fmt: str, stream, project=None) -> None:
    text = {"json": format_json, "markdown": format_markdown,
            "github": lambda ds: format_github(ds, _prefix(project))}.get(fmt, format_text)(diags)
    print(text, file=stream)


def run(args) -> int:
    from builder.checks import has_errors, strictly
    from builder.project import Project

    today = parse_today(args.today)  # one reading of --today for every command
    try:
        project = Project(args.project, today)
        chosen = project.select(args.school)
    except PackError as exc:
        _emit(exc.diagnostics, args.format,
              sys.stderr if args.format == "text" else sys.stdout, args.project)
        return 2
    found = project.check(chosen)
    if args.strict:
        found = strictly(found)
    _emit(found, args.format, sys.stdout, args.project)
    return 1 if has_errors(found) else 0
