"""Ids may not be names Windows keeps for devices (an output named after one could not be made
or copied there): con, prn, aux, nul, com0-com9, lpt0-lpt9, in any case, with any extension."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from builder.common.diagnostics import PackError
from builder.source.values import WINDOWS_RESERVED, Where, slug, windows_reserved

NAMES = sorted(WINDOWS_RESERVED)


@pytest.mark.parametrize("name", NAMES)
def test_every_device_name_is_refused_as_an_id(name):
    with pytest.raises(PackError, match=f"'{name}' is not a safe id: Windows keeps the name"):
        slug(name, Where("schools/x.yml", 1, "x"), "school file name")


@given(st.sampled_from(NAMES), st.sampled_from(["", ".txt", ".pdf", ".tar.gz", " .yml"]),
       st.lists(st.booleans(), min_size=4, max_size=4))
def test_device_names_are_found_in_any_case_with_any_extension(name, ext, upper):
    cased = "".join(c.upper() if u else c for c, u in zip(name, upper + [False] * 4))
    assert windows_reserved(cased + ext)


@pytest.mark.parametrize("name", ["con-school", "console", "nullable", "com10", "lpt", "aux2x", "prn-1",
                                  "oak", "comet"])
def test_ids_that_only_look_like_device_names_are_fine(name):
    assert not windows_reserved(name)
    assert slug(name, Where("x", 1), "id") == name


@pytest.mark.parametrize("value", ["oak\n", "oak\r\n", "oak\n\n", "\noak", "oak \n"])
def test_an_id_with_a_line_break_is_no_id(value):
    with pytest.raises(PackError):
        slug(value, Where("schools/oak.yml", 1), "school id")


def test_the_message_shows_a_line_break_as_an_escape():
    with pytest.raises(PackError) as refused:
        slug("oak\nx", Where("schools/oak.yml", 1), "school id")
    assert "\n" not in refused.value.diagnostics[0].message
