"""The checks measured on real text: precision and recall per class, on each half of the corpus.

    python benchmarks/checks.py            # the table, both halves
    python benchmarks/checks.py --misses   # and, for the development half only, each item missed
                                           # or raised wrongly (the held-out half is never listed)

The corpus (tests/corpus/checks, its README says where each text comes from) holds real sentences
from published school and trust policies, statutory guidance and legislation, which must raise
nothing, and mistakes of each class with near misses. Each item is checked where a trust officer
would have typed it in the example pack (tests/support/corpus.py). Recall: the class's mistakes
caught. Precision: of the items raising the class's findings, the share that are its mistakes.
Real alarms: real clean sentences raising anything at all. The last column: how many of the
class's mistakes are in real published text (the rest were written as variants), and how many of
those were caught.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support import corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true",
                        help="list the development half's misses and false alarms")
    args = parser.parse_args(argv)
    for half in corpus.HALVES:
        chosen = corpus.items(half)
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            outcome = corpus.run(chosen, Path(tmp))
            took = time.perf_counter() - start
        n = corpus.counts(chosen)
        real = sum(v for (g, _), v in n.items() if g == "real")
        print(f"\n{half} half: {len(chosen)} items ({real} real sentences, "
              f"{sum(v for (g, _), v in n.items() if g == 'mistake')} written mistakes, "
              f"{sum(v for (g, _), v in n.items() if g == 'near')} near misses), checked in {took:.1f} s")
        print(f"  {'class':<14}{'mistakes':>9}{'caught':>8}{'recall':>8}{'clean':>7}{'false':>7}{'precision':>11}"
              f"   {'of them real: caught'}")
        for s in corpus.scores(chosen, outcome):
            print(f"  {s.cls:<14}{s.mistakes:>9}{s.caught:>8}{s.recall:>8.1%}{s.clean:>7}{s.false:>7}"
                  f"{s.precision:>11.1%}   {s.real:>4}: {s.real_caught}")
        alarms, clean = corpus.real_alarms(chosen, outcome)
        print(f"  real clean sentences raising anything: {alarms} of {clean} ({alarms / max(clean, 1):.1%})")
        if outcome.crashed:
            print(f"  CRASHED on {len(outcome.crashed)} items")
        if args.misses and half == "dev":
            _misses(chosen, outcome)
    return 0


def _misses(chosen, outcome) -> None:
    for item in chosen:
        codes = outcome.raised[item.id]
        if item.cls and not corpus.caught(item, codes, item.cls):
            print(f"  MISSED {item.cls}: {item.id}: {item.text or item.field + ' = ' + item.value}")
        elif item.cls is None and codes:
            print(f"  RAISED {sorted(codes)}: {item.id}: {item.text or item.field + ' = ' + item.value}")
        if item.id in outcome.crashed:
            print(f"  CRASH {item.id}: {outcome.crashed[item.id]}")


if __name__ == "__main__":
    sys.exit(main())
