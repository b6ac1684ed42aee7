"""The review calendars: ``<school>/reviews.ics`` (one school's reviews) and ``reviews.ics`` at
the top of the build (every school's), in iCalendar (RFC 5545), written with the icalendar
library (line folding, escaping and the format's other rules are its job, not ours).

One all-day event per policy on its next review date (a month-only date falls on the month's
last day, as review statuses read it), naming the policy, the school and the owning role, with a
reminder the trust's ``settings: review_reminders`` days before (default 60, 30 and 7). A draft
has no review date and so no event. Every event's UID is the school and policy, so a subscribed
calendar updates an event when its date moves rather than adding another; the stamp is the
build's date, so the same pack on the same date gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from icalendar import Alarm, Calendar, Event

from builder.resolve.status import ReviewRow

PRODID = "-//policypack//policy reviews//EN"


def review_calendar(rows: Iterable[ReviewRow], name: str, trust: str, reminders: Iterable[int],
                    today: dt.date) -> bytes:
    """The calendar named ``name`` of the review dates in ``rows``, of the trust named ``trust``
    (its name, made an id, keeps the events' UIDs apart from another trust's)."""
    domain = re.sub(r"[^a-z0-9]+", "-", trust.lower()).strip("-") or "trust"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    days = sorted({int(d) for d in reminders if int(d) > 0}, reverse=True)
    for row in sorted(rows, key=lambda r: (r.due or dt.date.max, r.school, r.policy)):
        if row.due is None:
            continue
        event = Event()
        event.add("uid", f"review-{row.school}-{row.policy}@{domain}.policypack")
        event.add("dtstamp", stamp)
        event.add("dtstart", row.due)
        event.add("dtend", row.due + dt.timedelta(days=1))
        event.add("summary", f"Review due: {row.title} ({row.school_name})")
        owner = f" The policy's owner is the {row.owner}." if row.owner else ""
        event.add("description",
                  f"The {row.title} at {row.school_name} is due for review by "
                  f"{row.due.strftime('%-d %B %Y')} (version {row.version_text}, approved "
                  f"{row.approved_text}).{owner} Record the new approval in the school's file "
                  f"once the approving body has approved it.")
        event.add("categories", ["Policy review"])
        event.add("transp", "TRANSPARENT")
        for n in days:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", dt.timedelta(days=-n))
            alarm.add("description", f"{row.title} ({row.school_name}): review due in {n} days")
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
