"""``policypack schema --out DIR``: its arguments."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("schema", help="write the JSON Schemas of the pack files, for editors",
                       description="Write one JSON Schema per kind of pack file (trust, school, "
                                   "policy, form) into DIR, from the declaration the loader checks "
                                   "with; editors that use yaml-language-server validate and "
                                   "complete with them.")
    p.add_argument("--out", type=Path, default=Path(".schemas"), metavar="DIR",
                   help="the folder to write them into (default: .schemas)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from builder.source.schema.write import write_schemas

    out = args.out if args.out.is_absolute() else Path(args.project) / args.out
    for path in write_schemas(out):
        print(f"wrote {path}")
    return 0
