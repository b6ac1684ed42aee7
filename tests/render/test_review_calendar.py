"""The review calendars, read back by a real iCalendar parser (the icalendar library): each
school's and the trust's hold one all-day event per policy on its next review date, naming the
policy, school and owner, with the trust's reminders; UIDs are stable and the bytes reproducible;
the home page and the dashboard link to them."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from builder.cli import main
from tests.support import SCHOOLS, copy_pack, parse_page

pytestmark = pytest.mark.build


def events(path) -> list:
    cal = Calendar.from_ical(path.read_bytes())
    assert cal["version"] == "2.0" and cal["prodid"]
    return list(cal.walk("VEVENT"))


def test_each_school_has_an_event_per_policy_on_its_review_date(example_site, example_resolved):
    for sid in SCHOOLS:
        rs = example_resolved[sid]
        found = {str(e["uid"]): e for e in events(example_site / sid / "reviews.ics")}
        assert len(found) == len(rs.policies)
        for pid, rp in rs.policies.items():
            [event] = [e for uid, e in found.items() if f"-{sid}-{pid}@" in uid]
            assert event.decoded("dtstart") == rp.next_review.last          # an all-day date
            assert not isinstance(event.decoded("dtstart"), dt.datetime)
            assert rp.title in str(event["summary"]) and rs.name in str(event["summary"])
            owner = rs.values["roles"][rp.policy.owner]["title"]
            assert f"owner is the {owner}" in str(event["description"]).replace("\n", "")
            triggers = sorted(a.decoded("trigger") for a in event.walk("VALARM"))
            assert triggers == [dt.timedelta(days=-60), dt.timedelta(days=-30), dt.timedelta(days=-7)]


def test_the_trust_calendar_has_every_school(example_site, example_resolved):
    found = events(example_site / "reviews.ics")
    assert len(found) == sum(len(rs.policies) for rs in example_resolved.values())
    assert len({str(e["uid"]) for e in found}) == len(found)


def test_home_page_and_dashboard_link_the_calendars(example_site):
    home = parse_page(example_site / "vine-tree" / "index.html")
    assert any(href == "reviews.ics" for href in home.hrefs)
    index = parse_page(example_site / "index.html")
    assert "reviews.ics" in index.hrefs


def test_reminders_come_from_the_trust_settings_and_two_builds_are_identical(tmp_path):
    pack = copy_pack(tmp_path / "pack")
    trust = pack / "trust.yml"
    text = trust.read_text(encoding="utf-8")
    assert "settings:" in text
    trust.write_text(text.replace("settings:", "settings:\n  review_reminders: [14, 1]", 1),
                     encoding="utf-8")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"site{n}"
        assert main(["--project", str(pack), "build", "--today", "2026-11-21", "--quiet",
                     "--school", "chestnuts", "--out", str(out)]) == 0
        outs.append(out)
    a, b = (o / "chestnuts" / "reviews.ics" for o in outs)
    assert a.read_bytes() == b.read_bytes()
    [event, *_] = events(a)
    assert sorted(x.decoded("trigger") for x in event.walk("VALARM")) == [
        dt.timedelta(days=-14), dt.timedelta(days=-1)]
