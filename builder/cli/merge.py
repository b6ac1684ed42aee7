"""`policypack merge`: its arguments."""

from __future__ import annotations

import sys
from pathlib import Path

from builder.common.diagnostics import format_text


def register(sub) -> None:
    p = sub.add_parser("merge", help="combine the output folders of a sharded build (--shard K/N)",
                       description="Combine the folders written by 'policypack build --shard K/N' "
                                   "into one output with the trust index over every school.")
    p.add_argument("shards", nargs="+", type=Path, metavar="SHARD_DIR",
                   help="an output folder of 'policypack build --shard K/N'")
    p.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: site/ in the pack)")
    p.add_argument("--today", metavar="YYYY-MM-DD",
                   help="date shown on the index (default: the date the shards were built for)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    p.set_defaults(handler=run)


def run(args) -> int:
    from builder.pipeline.merge import merge_shards  # the pipeline loads when the command runs
    from builder.cli.build import parse_today

    today = parse_today(args.today) if args.today else None
    result = merge_shards(args.project, args.shards, args.out, today=today)
    if result.diagnostics:
        print(format_text(result.diagnostics), file=sys.stderr)
    if not args.quiet:
        print(f"merged {len(result.schools)} school(s) from {len(args.shards)} shard(s) into "
              f"{result.out}/index.html")
    return 0
