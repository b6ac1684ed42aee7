"""A policy's approval record as every output shows it (the site's policy page, the PDF's
approval page, the trust index, ``publish``'s feed): ``approval_facts(rs, rp)``."""

from __future__ import annotations

from dataclasses import dataclass

from builder.resolve.model import ResolvedPolicy, ResolvedSchool
from builder.resolve.status import NOT_RECORDED
from builder.source.values import cycle_words


@dataclass(frozen=True)
class SignatoryFacts:
    name: str
    title: str
    signed: str          # the date as shown, or ""
    digital: bool
    n: int               # 1-based, the signature field's number


@dataclass(frozen=True)
class PreviousFacts:
    """An earlier approval, as the version history shows it."""
    version: str
    approved: str
    body: str
    meeting: str
    minute: str


@dataclass(frozen=True)
class ApprovalFacts:
    body: str
    approved: str        # as shown ("15 June 2022", or "Not recorded")
    approved_iso: str    # YYYY-MM-DD or YYYY-MM, or ""
    version: str
    next_review: str
    next_review_iso: str
    review_cycle: str    # in words ("every 2 years"), or ""
    owner: str           # the owning role's title
    signatories: tuple[SignatoryFacts, ...]
    state: str           # "approved" or "draft"
    meeting: str         # the approving meeting and the minute reference, or ""
    minute: str
    previous: tuple[PreviousFacts, ...]   # earlier approvals, newest first


def approval_facts(rs: ResolvedSchool, rp: ResolvedPolicy) -> ApprovalFacts:
    """The approval record of policy ``rp`` at school ``rs``, as shown."""
    a = rp.approval
    return ApprovalFacts(
        body=(a.body if a and a.body else rp.policy.approving_body),
        approved=a.approved.human() if a and a.approved else NOT_RECORDED,
        approved_iso=str(a.approved) if a and a.approved else "",
        version=rp.version or NOT_RECORDED,
        next_review=rp.next_review.human() if rp.next_review else NOT_RECORDED,
        next_review_iso=str(rp.next_review) if rp.next_review else "",
        review_cycle=cycle_words(rp.review_cycle) if rp.review_cycle else "",
        owner=role_title(rs, rp.policy.owner),
        signatories=tuple(SignatoryFacts(s.name, s.title, s.signed.human() if s.signed else "",
                                         s.digital, i + 1)
                          for i, s in enumerate(a.signatories if a else [])),
        state=rp.state,
        meeting=a.meeting or "" if a else "",
        minute=a.minute or "" if a else "",
        previous=tuple(PreviousFacts(p.version, p.approved.human(), p.body or "", p.meeting or "",
                                     p.minute or "") for p in (a.previous if a else [])),
    )


def role_title(rs: ResolvedSchool, role_id: str) -> str:
    """A role's title at the school, or its id made readable."""
    return rs.role_title(role_id)
