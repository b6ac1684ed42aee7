"""Dates and review cycles in an imported policy: how surely a line's review cycle is the
policy's, and which of the dates the copy states have passed. The dates and cycles themselves are
read by builder/source/review_text.py, as the checks read the pack's own text."""

from __future__ import annotations

import datetime as dt
import re

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.importing.values.found import FoundValue
from builder.source.review_text import CYCLE_LABEL, NEXT_CUES
from builder.source.values import PackDate, cycle_words

REVIEW_WORD = re.compile(r"\breview|\brenew|\brevis", re.I)
ABOUT_POLICY = re.compile(r"\bpolic|\bdocument|\bcode\b|\bguidance\b|\bthis\b", re.I)
# the document as a sentence's subject, to be reviewed: "This policy will be reviewed", "The code is to be reviewed"
POLICY_REVIEWED = re.compile(r"\b(?:this|the)\s+(?:policy|document|code)\s+(?:will|shall|is(?:\s+to)?|must|should)\s+"
                             r"be\s+(?:re)?viewed", re.I)
ABOUT_OTHER = re.compile(r"consent|\bform|training|password|record|\baccounts?\b|filter|"
                         r"risk assessment|\bdbs\b", re.I)


def cycle_strength(text: str, section: str) -> int:
    """How surely a line's review cycle is the policy's: 3 a labelled line ("Renewal: Every two
    years"), 2 a sentence about reviewing in a section on review, 1 a sentence about reviewing
    this policy elsewhere, 0 not the policy's (a consent form renewed yearly)."""
    if CYCLE_LABEL.search(text):
        return 3
    if NEXT_CUES.search(text):      # "Next review: June 2025 (every three years)"
        return 2
    if not REVIEW_WORD.search(text):
        return 0
    if ABOUT_OTHER.search(text) and not re.search(r"\bpolic", text, re.I):
        return 0
    if re.search(r"review", section, re.I) or POLICY_REVIEWED.search(text):
        return 2
    return 1 if ABOUT_POLICY.search(text) else 0


# ---------------------------------------------------------------- stale dates

# a next review written as a term (the note the date's reader gives it), and the months each term holds
TERM_NOTE = re.compile(r"^'(spring|summer|autumn)\b", re.I)
TERM_MONTHS = {"spring": range(1, 5), "summer": range(4, 8), "autumn": range(9, 13)}

def stale_dates(found, doc, today: dt.date, school_id: str | None, policy_id: str | None = None,
                cycle: int | None = None, window_days: int = 60) -> list[Diagnostic]:
    """Dates the copy states that have passed, in the words the pack's review checks use: a next
    review before ``today`` (W-REVIEW-OVERDUE), or within ``window_days`` of it (N-REVIEW-DUE);
    with no next review, the approval date plus the cycle the copy states (else ``cycle``, the
    policy's in the pack, in months); and a next review that is not the approval plus that cycle
    (W-REVIEW-MISMATCH). Each at its line in the copy. A copy of ``policy_id`` that states neither
    when it was approved nor when it is next reviewed is told so (N-IMPORT-UNDATED)."""
    by_policy: dict[str, dict[str, FoundValue]] = {}
    for f in found:
        m = re.fullmatch(r"policies\.([^.]+)\.approval\.(approved|next_review|review_cycle)", f.key)
        if m and m[2] not in by_policy.setdefault(m[1], {}):
            by_policy[m[1]][m[2]] = f
    out = []
    if policy_id is not None and not {"approved", "next_review"} & set(by_policy.get(policy_id, {})):
        out.append(diagnostic(doc.display, None, "N-IMPORT-UNDATED",
                              f"the copy states no approval date and no next review for policy '{policy_id}': "
                              f"the draft leaves them out; record them (approved, next_review) from the "
                              f"approving body's minutes", school_id))
    for pid in sorted(by_policy):
        got = by_policy[pid]
        name = f"policy '{pid}'"
        approved = found_date(got.get("approved"))
        nxt = found_date(got.get("next_review"))
        stated = _months(got.get("review_cycle"))
        assumed = not stated and pid == policy_id and cycle is not None
        cycle_of = stated or (cycle if assumed else None)
        if approved and nxt and stated:
            expected = approved.add_months(stated)
            if not (expected.year == nxt.year and expected.month in months_meant(got["next_review"], nxt)):
                # (a term is its months: "Spring 2027" holds March 2027)
                f = got["next_review"]
                out.append(diagnostic(doc.display, f.line, "W-REVIEW-MISMATCH",
                                      f"next review {nxt} of {name} does not match approval "
                                      f"{approved} plus the review cycle ({cycle_words(stated)}), "
                                      f"which gives {expected.human()}: correct 'next_review' or "
                                      f"'review_cycle'", school_id))
        if nxt:
            due, at = nxt, got["next_review"]
        elif approved and cycle_of:
            due, at = approved.add_months(cycle_of), got["approved"]
        else:
            continue
        # (no review date nor cycle in the copy: its approval plus the policy's cycle in the pack)
        how = f"; approved {approved.human()}, no review date in the copy, the pack reviews it " \
              f"{cycle_words(cycle_of)}" if not nxt and assumed and approved and cycle_of else ""
        if due.last < today:
            days = (today - due.last).days
            out.append(diagnostic(doc.display, at.line, "W-REVIEW-OVERDUE",
                                  f"the review of {name} was due {due.human()} ({days} days ago{how}); "
                                  f"the policy stays published until replaced: review it and "
                                  f"record the new approval", school_id))
        elif (due.last - today).days <= window_days:
            out.append(diagnostic(doc.display, at.line, "N-REVIEW-DUE",
                                  f"the review of {name} is due {due.human()} (in "
                                  f"{(due.last - today).days} days{how})", school_id))
    return out


def months_meant(f: FoundValue, date: PackDate) -> range:
    """The months of its year a found date may mean: a term's ("Autumn Term 2015", September to
    December), else its own month."""
    term = TERM_MONTHS.get(m[1].lower()) if (m := TERM_NOTE.search(f.note)) else None
    return term or range(date.month, date.month + 1)


def found_date(f) -> PackDate | None:
    """The date a found value holds ("2024-03", "2024-03-14"), or None."""
    if f is None:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(f.value))
    return PackDate(int(m[1]), int(m[2]), int(m[3]) if m[3] else None) if m else None


def _months(f) -> int | None:
    if f is None:
        return None
    text = str(f.value)
    if text == "annually":
        return 12
    m = re.fullmatch(r"(\d+) (year|month)s?", text)
    return (int(m[1]) * (12 if m[2] == "year" else 1)) if m else None
