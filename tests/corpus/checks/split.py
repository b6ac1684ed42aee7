"""Split gathered corpus files into the development and held-out halves, by a rule fixed before
any check was tuned: a real document goes to the held-out half when the SHA-256 of its source
address ends in an odd hex digit; a mistake or near miss likewise by the SHA-256 of its text (or
of its field and value). New items keep the halves of the old ones.

    python tests/corpus/checks/split.py GATHERED_FOLDER

GATHERED_FOLDER holds policies/*.yaml and guidance/*.yaml (real documents, each written whole to
one half) and mistakes/<class>.yaml (split item by item); items already in a half are skipped.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def half(key: str) -> str:
    return "heldout" if int(hashlib.sha256(key.encode("utf-8")).hexdigest()[-1], 16) % 2 else "dev"


def _dump(data, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def split(gathered: Path) -> None:
    for kind in ("policies", "guidance"):
        for path in sorted((gathered / kind).glob("*.yaml")):
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            _dump(doc, HERE / half(doc["source"]) / "real" / path.name)
    for path in sorted((gathered / "mistakes").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        parts = {h: {"class": doc["class"], "mistakes": [], "near_misses": []} for h in ("dev", "heldout")}
        for group in ("mistakes", "near_misses"):
            for item in doc.get(group) or []:
                key = item["text"] if "text" in item else f"{item['field']}={item['value']}"
                parts[half(key)][group].append(item)
        for h, part in parts.items():
            _dump(part, HERE / h / "mistakes" / path.name)


if __name__ == "__main__":
    split(Path(sys.argv[1]))
