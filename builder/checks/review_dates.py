"""Review dates, per school and policy: missing, passed, due soon, not matching the approval date
plus the review cycle, and a policy stating two different review cycles."""

from __future__ import annotations

import datetime as dt

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.resolve.status import review_status
from builder.source.values import cycle_words


def _approval_at(approval, sp, school, key=None) -> tuple[str, int | None]:
    """File and line of an approval field (the approval block when the field is not written)."""
    path = getattr(approval.where, "path", "") or ""
    lines = approval.lines or {}
    line = lines.get(key) if key else None
    if path:
        return path, line or approval.where.line
    return school.shown, sp.where.line if sp else None


def check_review_dates(pack, resolved, today: dt.date) -> list[Diagnostic]:
    settings = pack.trust.settings
    out: list[Diagnostic] = []
    for sid in sorted(resolved):
        rs = resolved[sid]
        school = rs.school
        for pid in sorted(rs.policies):
            rp = rs.policies[pid]
            policy = rp.policy
            sp = school.policies.get(pid)
            a = rp.approval
            name = f"policy '{pid}' ({policy.title})"

            def diag(severity, code, message, key=None):
                path, line = _approval_at(a, sp, school, key)  # noqa: B023 - used in this pass only
                out.append(Diagnostic(path, line, severity, code, message, sid))  # noqa: B023 - likewise

            if rp.state == "draft":
                if a is None:
                    path = school.shown
                    line = sp.where.line if sp is not None else school.line_of("policies")
                    why = "has no approval record"
                else:
                    path, line = _approval_at(a, sp, school, "status" if a.status else None)
                    why = ("is marked status: draft" if a.status == "draft" else
                           "has no 'approved' date")
                out.append(diagnostic(path, line, "N-POLICY-DRAFT",
                                      f"{name} {why}, so it is a draft: it builds with \"Draft: "
                                      f"not approved\" on every page and publish leaves it out; "
                                      f"record 'approved' (the meeting's date) and 'version' when "
                                      f"it is approved", sid))
                continue
            assert a is not None   # approved: it has a record
            if a.approved is None:
                diag("error", "E-REVIEW-NO-DATE",
                     f"the approval of {name} says status: approved but gives no 'approved' "
                     f"date: add the date the approving body approved it", "status")
                continue

            if a.review_cycle and policy.review_cycle and a.review_cycle != policy.review_cycle:
                diag("warning", "W-REVIEW-CYCLES",
                     f"{name} states two review cycles: {cycle_words(a.review_cycle)} here, "
                     f"{cycle_words(policy.review_cycle)} in {policy.shown}"
                     f"{_line_suffix(policy.lines.get('review_cycle'))}: keep one", "review_cycle")

            cycle = a.review_cycle or policy.review_cycle or settings.default_review_cycle
            if a.approved and a.next_review and cycle:
                expected = a.approved.add_months(cycle)
                if (expected.year, expected.month) != (a.next_review.year, a.next_review.month):
                    diag("warning", "W-REVIEW-MISMATCH",
                         f"next review {a.next_review} of {name} does not match approval "
                         f"{a.approved} plus the review cycle ({cycle_words(cycle)}), which gives "
                         f"{expected.human()}: correct 'next_review' or 'review_cycle'",
                         "next_review")

            due = rp.next_review
            status = review_status(due, today, settings.review_window_days)
            key = "next_review" if a.next_review else "approved"
            if status == "overdue":
                days = (today - due.last).days
                diag("warning", "W-REVIEW-OVERDUE",
                     f"the review of {name} was due {due.human()} ({days} days ago); the policy "
                     f"stays published until replaced: review it and record the new approval", key)
            elif status == "due-soon":
                days = (due.last - today).days
                diag("notice", "N-REVIEW-DUE",
                     f"the review of {name} is due {due.human()} (in {days} days)", key)
    return out


def _line_suffix(line):
    return f":{line}" if line else ""
