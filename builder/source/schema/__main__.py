"""``python -m builder.source.schema``: print the key reference or a JSON Schema, or rewrite the
key reference in the docs.

    python -m builder.source.schema --markdown                      # the key reference
    python -m builder.source.schema --docs docs/reference/keys.md   # rewrite it there, between the markers
    python -m builder.source.schema --json policy                   # JSON Schema of policy.yml
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from builder.source.schema.export import PAGE, json_schema, markdown, with_section
from builder.source.schema.files import FILES


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m builder.source.schema",
                                 description="The pack files' declared schema, written out.")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--markdown", action="store_true", help="print the key reference")
    group.add_argument("--docs", metavar="FILE", type=Path,
                       help=f"replace the key reference between the keys markers of this page (the docs' is {PAGE})")
    group.add_argument("--json", metavar="KIND", choices=sorted(FILES),
                       help="print the JSON Schema of one file kind")
    args = ap.parse_args(argv)
    if args.markdown:
        sys.stdout.write(markdown())
    elif args.json:
        sys.stdout.write(json.dumps(json_schema(args.json), indent=2, ensure_ascii=False) + "\n")
    else:
        text = args.docs.read_text(encoding="utf-8")
        args.docs.write_text(with_section(text, markdown()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
