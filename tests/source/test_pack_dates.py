"""Dates a pack file gives, as people write them: every spelling of a real day reads back as that
day, and any other text is E-DATE saying why, never a wrong date nor a crash."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from builder.common.diagnostics import PackError
from builder.source.review_text import pack_date
from builder.source.values import Where

AT = Where("schools/oak.yml", 12, "oak")


@settings(max_examples=200, deadline=None)
@given(day=st.dates(dt.date(1995, 1, 1), dt.date(2095, 12, 31)),
       shape=st.sampled_from(["iso", "slash", "dot", "words", "abbr", "ordinal", "dashed", "weekday", "us"]))
def test_every_spelling_of_a_real_day_reads_back_as_that_day(day, shape):
    text = {"iso": day.isoformat(), "slash": f"{day:%d/%m/%Y}", "dot": f"{day.day}.{day.month}.{day.year}",
            "words": f"{day.day} {calendar.month_name[day.month]} {day.year}",
            "abbr": f"{day.day} {calendar.month_abbr[day.month]} {day.year}",
            "ordinal": f"{day.day}th {calendar.month_name[day.month]} {day.year}",
            "dashed": f"{day.day:02d}-{calendar.month_abbr[day.month]}-{day.year}",
            "weekday": f"{day:%A} {day.day} {calendar.month_name[day.month]} {day.year}",
            "us": f"{calendar.month_name[day.month]} {day.day}, {day.year}"}[shape]
    if shape == "ordinal" and day.day in (1, 2, 3, 21, 22, 23, 31):
        text = text.replace(f"{day.day}th", f"{day.day}{ {1: 'st', 2: 'nd', 3: 'rd'}[day.day % 10] }")
    got = pack_date(text, AT, "approved date")
    assert (got.year, got.month, got.day) == (day.year, day.month, day.day), text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_other_text_is_a_real_date_or_a_clear_error(text):
    try:
        got = pack_date(text, AT, "approved date")
    except PackError as exc:
        [d] = exc.diagnostics
        assert (d.code, d.path, d.line, d.school) == ("E-DATE", "schools/oak.yml", 12, "oak")
        assert "for example `approved: 2025-09-01`" in d.message
    else:
        dt.date(got.year, got.month, got.day or 1)    # a real day or month, never a made-up one


@pytest.mark.parametrize("text", ["Spring 2025", "14/01/25", "Monday 14 January 2025", "31/06/2022", "2025",
                                  "14st January 2025", "12nd May 2025", "3th March 2025"])
def test_a_term_a_short_year_a_wrong_weekday_or_no_day_is_refused(text):
    with pytest.raises(PackError) as exc:
        pack_date(text, AT, "approved date")
    assert exc.value.diagnostics[0].code == "E-DATE"


def test_a_days_wrong_ending_is_named_with_the_right_one():
    with pytest.raises(PackError) as exc:
        pack_date("14st January 2025", AT, "approved date")
    assert "'14st'" in exc.value.diagnostics[0].message and "14th" in exc.value.diagnostics[0].message
