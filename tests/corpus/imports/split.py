"""Split gathered import copies into the development and held-out halves, by the rule fixed
before the importer was tuned on them: a document goes to the held-out half when the SHA-256 of
its source address ends in an odd hex digit.

    python tests/corpus/imports/split.py GATHERED_FOLDER

GATHERED_FOLDER holds one folder per document, each with copy.txt and key.yaml.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def half(key: str) -> str:
    return "heldout" if int(hashlib.sha256(key.encode("utf-8")).hexdigest()[-1], 16) % 2 else "dev"


def split(gathered: Path) -> None:
    for doc in sorted(p for p in gathered.iterdir() if (p / "key.yaml").is_file() and (p / "copy.txt").is_file()):
        key = yaml.safe_load((doc / "key.yaml").read_text(encoding="utf-8"))
        dest = HERE / half(key["source"]) / doc.name
        if dest.exists():
            continue
        dest.mkdir(parents=True)
        for name in ("copy.txt", "key.yaml"):
            shutil.copy2(doc / name, dest / name)


if __name__ == "__main__":
    split(Path(sys.argv[1]))
