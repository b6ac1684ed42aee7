"""What resolution gives: one school's view of the pack (``ResolvedSchool``: its values, its
policies with their numbered sections as HTML, and its forms from resolve/forms.py). It is all
any check or renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from builder.common.diagnostics import Diagnostic
from builder.source.model import Approval, Policy, School, Where
from builder.source.values import PackDate

if TYPE_CHECKING:
    from builder.resolve.forms import ResolvedForm


@dataclass
class ResolvedSection:
    id: str
    number: int
    title: str
    markdown: str
    html: str
    origin: str        # "trust" or "school"
    shown: str         # source file
    editable: bool


@dataclass
class ResolvedPolicy:
    id: str
    title: str
    summary: str
    policy: Policy
    sections: list[ResolvedSection]
    approval: Approval | None
    next_review: PackDate | None
    review_cycle: int | None
    forms: list[str]
    related: list[str]
    roles_used: set[str] = field(default_factory=set)

    @property
    def state(self) -> str:
        """'draft' or 'approved' (a retired policy is not resolved: see ResolvedSchool.retired)."""
        return self.approval.state if self.approval else "draft"

    @property
    def version(self) -> str | None:
        if self.approval and self.approval.version:
            return self.approval.version
        return self.policy.current_version.version if self.policy.current_version else None


@dataclass(frozen=True)
class LeftOut:
    """A policy a school's site leaves out: its id, title, and for a retired one, when."""
    id: str
    title: str
    when: PackDate | None = None
    where: Where | None = None


@dataclass
class ResolvedSchool:
    school: School
    trust: dict[str, Any]
    values: dict[str, Any]
    policies: dict[str, ResolvedPolicy]
    forms: list[str]
    diagnostics: list[Diagnostic]
    # each appendix form as this school shows it (resolve/forms.py), in the order of ``forms``:
    # the form's PDF and its page on the site read the same resolved form
    resolved_forms: dict[str, ResolvedForm] = field(default_factory=dict, repr=False, compare=False)
    # policies the school's site does not show: retired ones (listed in the version history) and,
    # when resolved for publishing, drafts (publish says which it left out)
    retired: list[LeftOut] = field(default_factory=list)
    drafts_left_out: list[LeftOut] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.school.id

    @property
    def name(self) -> str:
        return self.school.name

    def role_title(self, role_id: str) -> str:
        """A role's title at the school, or its id made readable."""
        role = (self.values.get("roles") or {}).get(role_id) or {}
        return role.get("title") or role_id.replace("_", " ").replace("-", " ").capitalize()
