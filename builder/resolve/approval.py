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
        state="approved" if a and a.approved else "draft",
    )


def role_title(rs: ResolvedSchool, role_id: str) -> str:
    """A role's title at the school, or its id made readable."""
    role = (rs.values.get("roles") or {}).get(role_id) or {}
    return role.get("title") or role_id.replace("_", " ").replace("-", " ").capitalize()
