"""The text readers on hostile text: how long each of the checks' and the import's readers takes
on each long run of the shapes it looks for (tests/support/hostile.py), slowest first.

    .venv/bin/python benchmarks/hostile.py [--target 2.0]

Target: each reader reads each run (up to about 100,000 characters) in under 2 seconds on this
project's two-core machine; an ordinary policy of 30,000 characters reads in a fraction of one. The
test suite only guards against a reader that never ends (tests/checks/test_hostile_text.py);
speed is measured here. Exit status 1 when any reading is over the target.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.hostile import HOSTILE, READERS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=2.0, help="seconds allowed for one reading")
    args = parser.parse_args(argv)
    timings = []
    for shape, text in HOSTILE.items():
        for name, read in READERS.items():
            start = time.perf_counter()
            read(text)
            timings.append((time.perf_counter() - start, name, shape, len(text)))
    timings.sort(reverse=True)
    print(f"{'seconds':>8}  reader / hostile run (characters)")
    for seconds, name, shape, size in timings[:15]:
        print(f"{seconds:8.3f}  {name} / {shape} ({size:,})")
    over = [t for t in timings if t[0] > args.target]
    print(f"\n{len(timings)} readings, {len(over)} over the target of {args.target} s; "
          f"all together {sum(t[0] for t in timings):.1f} s")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
