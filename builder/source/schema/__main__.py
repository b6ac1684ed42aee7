"""``python -m builder.source.schema``: print the key reference or a JSON Schema, or rewrite the
README's key reference section.

    python -m builder.source.schema --markdown          # the "Key reference" section
    python -m builder.source.schema --readme README.md  # rewrite that section in place
    python -m builder.source.schema --json policy       # JSON Schema of policy.yml
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from builder.source.schema.export import json_schema, markdown, with_section
from builder.source.schema.files import FILES


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m builder.source.schema",
                                 description="The pack files' declared schema, written out.")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--markdown", action="store_true", help="print the README's key reference")
    group.add_argument("--readme", metavar="FILE", type=Path,
                       help="replace the key reference section of this README")
    group.add_argument("--json", metavar="KIND", choices=sorted(FILES),
                       help="print the JSON Schema of one file kind")
    args = ap.parse_args(argv)
    if args.markdown:
        sys.stdout.write(markdown())
    elif args.json:
        sys.stdout.write(json.dumps(json_schema(args.json), indent=2, ensure_ascii=False) + "\n")
    else:
        text = args.readme.read_text(encoding="utf-8")
        args.readme.write_text(with_section(text, markdown()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
