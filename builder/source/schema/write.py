"""``policypack schema --out DIR``: one JSON Schema file per pack file kind, for editors
(``trust.schema.json``, ``school.schema.json``, ``policy.schema.json``, ``form.schema.json``)."""

from __future__ import annotations

import json
from pathlib import Path

from builder.common.files import write_text
from builder.source.schema.export import json_schema
from builder.source.schema.files import FILES


def schema_file(kind: str) -> str:
    return f"{kind}.schema.json"


def write_schemas(out: Path) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILES:
        path = out / schema_file(kind)
        write_text(path, json.dumps(json_schema(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n")
        written.append(path)
    return written
