"""The import on real published copies nobody here wrote (tests/corpus/imports): both halves,
each held to the figures the import reached when it last changed (benchmarks/imports.py prints
them). A change that loses ground fails here; raise a floor when the import improves, and set
them again, on the figures measured, only when the corpus grows."""

from __future__ import annotations

import pytest

from tests.support import copy_pack, imports

# (precision floor, recall floor, most predictions the key does not hold) per measure and half
FLOORS = {
    # (sections' recall a point lower for six of precision: nothing pairs by place in a copy where
    # no pair stands on its own)
    # (values: a few more drafted than the development keys hold, each read and right, people the keys
    # leave out: an acting deputy head, a college's acting principal)
    # (defects: one development key reads a next review in "the Autumn Term 2015" as September, and so
    # a year's cycle from November 2014 as contradicted; the import reads a term as all its months)
    # (held-out sections: one more pair than before is not the key's since "setting an example", not
    # any title with "example" in it, names a code's standards: "Example consent form" is not one)
    "dev": {"sections": (0.759, 0.454, 55), "values": (0.876, 0.81, 49), "defects": (0.77, 0.377, 14)},
    # (held-out defects: one more flag than the keys hold since the eighteenth round, whose checks' rules it
    # shares; not looked at, so as not to tune on the held-out half)
    # (held-out sections: one more pair than the keys hold since "Introductory Statement" is read as
    # the statement of intent, as the development half's copies pair it; and one fewer right since a new
    # school's master names its gaps by the trust's titles, not by one school's own post: not looked at)
    "heldout": {"sections": (0.65, 0.391, 72), "values": (0.78, 0.683, 74), "defects": (0.486, 0.377, 57)},
}


@pytest.fixture(scope="module", params=imports.HALVES)
def scored(request, tmp_path_factory):
    half = request.param
    work = tmp_path_factory.mktemp(half)
    pack = copy_pack(work / "pack")
    return half, [imports.score(doc, work, pack) for doc in imports.documents(half)]


def test_every_copy_imports(scored):
    half, results = scored
    assert len(results) >= 6, f"the {half} half lost its copies"
    assert not [r.crashed for r in results if r.crashed]


@pytest.mark.parametrize("measure", ["sections", "values", "defects"])
def test_each_measure_holds_its_floor(scored, measure):
    half, results = scored
    total = imports.Tally()
    for r in results:
        total.add(getattr(r, measure))
    precision, recall, most_wrong = FLOORS[half][measure]
    assert total.precision >= precision, f"{half} {measure}: {total.right} right of {total.predicted}"
    assert total.recall >= recall, f"{half} {measure}: {total.found} found of {total.keyed}"
    assert total.predicted - total.right <= most_wrong, f"{half} {measure}: {total.predicted - total.right} wrong"
