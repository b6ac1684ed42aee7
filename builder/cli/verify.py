"""`policypack verify FILE.pdf...`: is each policy PDF signed, by whom, and unaltered since?"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from builder.common.diagnostics import Collector

if TYPE_CHECKING:   # pyHanko is imported when the command runs, so --help stays quick
    from builder.sign.verify import Result


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "verify", help="check the digital signatures of policy PDFs",
        description="Report for each PDF whether it is signed, by whom and when, whether it was "
                    "changed after signing, and which school, policy and version it is. Exit "
                    "status 0 only when every file is signed and unaltered; 1 otherwise; 2 if "
                    "a file cannot be read.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE.pdf", help="the PDFs to verify")
    p.add_argument("--trust", action="append", type=Path, default=[], metavar="CERT.pem",
                   help="a certificate (PEM or DER) to trust as a root; may be repeated")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="what is printed: a line for each PDF (text, the default) or JSON")
    p.set_defaults(handler=run)


def run(args) -> int:
    from builder.sign.verify import verify_each
    collector = Collector()
    results = verify_each(args.files, args.trust, collector)
    if args.format == "json":
        print(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
    else:
        for r in results:
            print(format_result(r))
    sys.stdout.flush()
    collector.raise_if_errors()  # unreadable files: the CLI prints them and exits 2
    return 0 if results and all(r.ok for r in results) else 1


def format_result(r: Result) -> str:
    status = "OK" if r.ok else ("NOT SIGNED" if not r.signed else "ALTERED")
    what = ", ".join(x for x in (
        r.school and f"school {r.school}", r.policy and f"policy {r.policy}",
        r.version and f"version {r.version}", r.approved and f"approved {r.approved}",
        r.state and f"state {r.state}") if x) or "no policypack metadata"
    lines = [f"{r.path}: {status}: {r.message}", f"  {what}"]
    if r.empty_fields:
        lines.append(f"  unsigned signature fields: {', '.join(r.empty_fields)}")
    return "\n".join(lines)
