"""``policypack import``: a school's own copy of a policy, compared with the master.

(``import`` is a Python keyword, hence this module's name.) Exit status: 0 when the report is
written (the copy's defects are in it, and printed compiler-style), 2 when an input is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

from builder.common.diagnostics import format_json, format_text


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import", help="compare a school's Word or text copy of a policy with the master",
        description="Read each FILE (a school's own copy of a policy: .docx, or .txt/.md exported "
                    "from Word), pair its sections with the master policy as written for the "
                    "school, draft the school's values and its own sections, and write a report "
                    "(report.html, report.json) with the copy's defects at their lines. The "
                    "pack's content/ and schools/ are never written (except content/ID/ with "
                    "--new-policy). Exit status 0 when the report is written, 2 on bad input.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="the school's copy (.docx, .txt, .md)")
    p.add_argument("--policy", required=True, metavar="ID",
                   help="the master policy to compare with (a folder of content/); with --new-policy, "
                        "the id of the policy to make")
    p.add_argument("--school", default=None, metavar="ID",
                   help="the school the copy belongs to: one of the pack's (its values are used), or a "
                        "new id for a school not in the pack yet (default: the school whose name "
                        "the copy states, or a new school)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="the output folder (default: imported/ in the pack); replaced whole on each "
                        "import, and refused if something else wrote it")
    p.add_argument("--new-policy", action="store_true",
                   help="make content/ID/ (policy.yml and a Markdown file per section) from the copy")
    p.add_argument("--today", default=None, metavar="YYYY-MM-DD",
                   help="the date to judge the copy's review dates by, shown in the report "
                        "(default: today, not shown)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="what is printed: the copy's defects compiler-style (text) or a JSON summary")
    p.set_defaults(handler=run)


def run(args) -> int:
    from builder.importing.run import run_import
    from builder.cli.build import parse_today

    today = parse_today(args.today) if args.today else None
    result = run_import(args.project, list(args.files), args.policy, school=args.school,
                        out=args.out, new_policy=args.new_policy, today=today)
    diags = result.diagnostics
    if args.format == "json":
        summary = {"out": str(result.out),
                   "new_policy": str(result.new_policy) if result.new_policy else None,
                   "documents": [{"path": r.display, "folder": r.folder, "school": r.report["school"],
                                  "summary": r.report["summary"]} for r in result.documents],
                   "diagnostics": json.loads(format_json(diags))}
        print(json.dumps(summary, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        print(format_text(diags))
        where = f"; made {result.new_policy}" if result.new_policy else ""
        print(f"policypack import: {len(result.documents)} document(s); wrote {result.out}{where}")
    return 0
