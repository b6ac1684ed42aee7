"""The import measured on real published copies: section pairing, values and defects, precision
and recall on each half of the corpus (tests/corpus/imports; its README says where each copy comes
from and how its answer key was written).

    python benchmarks/imports.py             # the table, both halves
    python benchmarks/imports.py --misses    # and, for the development half only, each pair,
                                             # value and defect got wrong or missed

Sections: a pair is right when the key pairs that heading of the copy with that master section.
Values: the school's details, its people's names and contacts and the approval record the import
drafts, right when they equal the key's (a value the copy does not state is invented). Defects:
typed references, template text, review statements and another school's details, right when
flagged on the line with the key's class.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support import copy_pack
from tests.support import imports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the development half's mistakes")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        pack = copy_pack(Path(tmp) / "pack")
        for half in imports.HALVES:
            docs = imports.documents(half)
            totals = {k: imports.Tally() for k in ("sections", "values", "defects")}
            seconds, crashed = [], []
            start = time.perf_counter()
            for doc in docs:
                got = imports.score(doc, Path(tmp) / half, pack)
                for k in totals:
                    totals[k].add(getattr(got, k))
                seconds.append(got.seconds)
                if got.crashed:
                    crashed.append(f"{doc.name}: {got.crashed}")
            shutil.rmtree(Path(tmp) / half, ignore_errors=True)
            print(f"\n{half} half: {len(docs)} documents, imported in {time.perf_counter() - start:.1f} s "
                  f"(slowest {max(seconds, default=0):.2f} s)")
            print(f"  {'':<10}{'keyed':>7}{'predicted':>11}{'right':>7}{'precision':>11}{'recall':>8}")
            for k, t in totals.items():
                print(f"  {k:<10}{t.keyed:>7}{t.predicted:>11}{t.right:>7}{t.precision:>11.1%}{t.recall:>8.1%}")
            for c in crashed:
                print(f"  REFUSED {c}")
            if args.misses and half == "dev":
                for k, t in totals.items():
                    for w in t.wrong:
                        print(f"  {k}: {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
