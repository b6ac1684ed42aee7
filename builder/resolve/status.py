"""Review status of a school's policy (draft, current, due soon, overdue, missing) and the review row
every output shows it in.

``review_rows(rs, today, window)`` makes a school's rows (``ReviewRow``, one per policy) from the
resolved school; the site's pages, the build's manifest and the trust index all read these.
The manifest keeps them as JSON (``ReviewRow.to_json`` writes one, ``ReviewRow.from_json`` reads
it back), so the trust index of a sharded build is drawn without resolving any school again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.source.values import DATE_RE, PackDate

STATUSES = {
    "draft": "Draft: not approved",
    "overdue": "Review overdue",
    "missing": "No review date",
    "due-soon": "Review due soon",
    "current": "Current",
}
NOT_RECORDED = "Not recorded"   # what an output shows for a version or date nobody wrote
# ... and what the text prints for such a date ({{ policy.approved }} in a draft, or in the master text
# an import compares a copy with), in running text: never an empty "()"
NOT_RECORDED_IN_TEXT = NOT_RECORDED.lower()


def review_status(next_review, today: dt.date, window_days: int) -> str:
    """'overdue', 'due-soon', 'current' or 'missing'. A month (YYYY-MM) is due on its last day."""
    if next_review is None:
        return "missing"
    due = next_review.last
    if due < today:
        return "overdue"
    if (due - today).days <= window_days:
        return "due-soon"
    return "current"




@dataclass(frozen=True)
class ReviewRow:
    """One policy at one school: its version, approval and next review, and their status."""
    school: str
    school_name: str
    policy: str
    title: str
    version: str | None
    approved: PackDate | None
    next_review: PackDate | None
    status: str          # a key of STATUSES
    owner: str = ""      # the owning role's title at the school ("Headteacher")

    @property
    def label(self) -> str:
        return STATUSES[self.status]

    @property
    def due(self) -> dt.date | None:
        """The last day of the next review (a month's last day for YYYY-MM)."""
        return self.next_review.last if self.next_review else None

    def days(self, today: dt.date) -> int | None:
        """Days from ``today`` until the review is due (negative when overdue)."""
        return (self.due - today).days if self.due else None

    # as the outputs show them
    @property
    def version_text(self) -> str:
        return self.version or NOT_RECORDED

    @property
    def approved_text(self) -> str:
        return self.approved.human() if self.approved else NOT_RECORDED

    @property
    def next_review_text(self) -> str:
        return self.next_review.human() if self.next_review else NOT_RECORDED

    @property
    def approved_iso(self) -> str:
        return str(self.approved) if self.approved else ""

    @property
    def next_review_iso(self) -> str:
        return str(self.next_review) if self.next_review else ""

    def to_json(self) -> dict:
        """The row as a build manifest keeps it, in its school's summary."""
        return {"policy": self.policy, "title": self.title, "version": self.version_text,
                "approved": self.approved_text, "approved_iso": self.approved_iso,
                "next_review": self.next_review_text, "next_review_iso": self.next_review_iso,
                "status": self.status, "status_label": self.label, "owner": self.owner}

    @classmethod
    def from_json(cls, school: str, school_name: str, data) -> ReviewRow:
        """A row ``to_json`` wrote; ValueError if it is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("policy"), str):
            raise ValueError("not a review row")
        if data.get("status") not in STATUSES:
            raise ValueError(f"unknown review status {data.get('status')!r}")
        version = data.get("version")
        return cls(school, school_name, data["policy"], str(data.get("title", data["policy"])),
                   None if version in (None, "", NOT_RECORDED) else str(version),
                   _date(data.get("approved_iso")), _date(data.get("next_review_iso")),
                   data["status"], str(data.get("owner") or ""))


def _date(text) -> PackDate | None:
    m = DATE_RE.match(text) if isinstance(text, str) else None
    return PackDate(int(m[1]), int(m[2]), int(m[3]) if m[3] else None) if m else None


def review_rows(rs, today: dt.date, window_days: int) -> list[ReviewRow]:
    """A resolved school's rows, one per policy in the school's order."""
    rows = []
    for pid, rp in rs.policies.items():
        rows.append(ReviewRow(rs.id, rs.name, pid, rp.title, rp.version or None,
                              rp.approval.approved if rp.approval else None, rp.next_review,
                              "draft" if rp.state == "draft" else
                              review_status(rp.next_review, today, window_days),
                              rs.role_title(rp.policy.owner)))
    return rows
