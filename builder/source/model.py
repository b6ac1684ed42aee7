"""The typed model of a pack: trust, schools, policies, sections, approvals, forms.

Built once by ``load.py``; every value keeps the file and line it came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from builder.source.texts import Written
from builder.source.values import PackDate, Where

if TYPE_CHECKING:
    from builder.source.forms import FormSpec
    from builder.source.logo import Logo


@dataclass
class SectionSpec:
    id: str
    title: str
    source: Path          # the Markdown file
    shown: str            # that file as printed in messages
    where: Where          # where the section is declared
    editable: bool = False
    origin: str = "trust"  # "trust" (master text) or "school" (added or replaced by the school)
    after: str | None = None


@dataclass
class Version:
    version: str
    date: PackDate
    summary: str
    where: Where
    material: bool | None = None     # as the changelog entry says; None: the text decides


@dataclass
class Policy(Written):
    id: str
    title: str
    owner: str                   # role id, e.g. "headteacher"
    approving_body: str
    review_cycle: int | None     # months
    related: list[str]
    forms: list[str]
    sections: list[SectionSpec]
    versions: list[Version]
    summary: str
    shown: str
    where: Where
    lines: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict, repr=False)   # policy.yml as parsed, for line lookups
    meets: list[str] = field(default_factory=list)        # requirement ids it meets

    @property
    def current_version(self) -> Version | None:
        return self.versions[0] if self.versions else None


@dataclass
class Signatory:
    name: str
    role: str | None
    title: str
    signed: PackDate | None
    digital: bool
    where: Where


@dataclass
class PreviousApproval:
    version: str
    approved: PackDate
    body: str | None = None
    meeting: str | None = None
    minute: str | None = None


@dataclass
class Approval:
    body: str | None
    approved: PackDate | None
    version: str | None
    review_cycle: int | None
    next_review: PackDate | None
    signatories: list[Signatory]
    where: Where
    lines: dict = field(default_factory=dict)
    status: str | None = None        # as written; ``state`` is what it means
    meeting: str | None = None
    minute: str | None = None
    retired: PackDate | None = None
    previous: list[PreviousApproval] = field(default_factory=list)

    @property
    def state(self) -> str:
        """'draft', 'approved' or 'retired': as written, else approved when dated, else draft."""
        return self.status or ("approved" if self.approved else "draft")

    def due(self, default_cycle: int | None) -> PackDate | None:
        """The next review date: stated, or approval date plus the cycle."""
        if self.next_review:
            return self.next_review
        cycle = self.review_cycle or default_cycle
        if self.approved and cycle:
            return self.approved.add_months(cycle)
        return None


@dataclass
class SchoolPolicy:
    policy_id: str
    approval: Approval | None
    add_sections: list[SectionSpec]
    replace_sections: dict[str, SectionSpec]
    omit_sections: list[str]
    forms_add: list[str]
    forms_omit: list[str]
    where: Where


@dataclass
class ExternalPolicy:
    id: str
    title: str
    url: str
    where: Where
    meets: list[str] = field(default_factory=list)


@dataclass
class School(Written):
    id: str
    values: dict                # merged trust defaults + school file: name, roles, lists, options...
    policies: dict[str, SchoolPolicy]
    external: dict[str, ExternalPolicy]
    shown: str
    path: Path
    raw: dict                   # the school file as parsed, for line lookups
    logo: Logo | None = None  # its logo, checked (source/logo.py): its own or the trust's

    @property
    def name(self) -> str:
        return self.values.get("name", self.id)


@dataclass
class Trust(Written):
    # trust.yml's keys that configure the tool rather than give text a school shows
    CONFIG: ClassVar[tuple[str, ...]] = ("settings", "requirements")

    values: dict                # name, short_name, website...
    defaults: dict              # values every school inherits unless it overrides them
    settings: Settings
    shown: str
    raw: dict
    checked: dict = field(default_factory=dict, repr=False)   # trust.yml as the schema read it
    logo: Logo | None = None  # trust.logo, checked: shown by the schools without a logo


@dataclass
class Settings:
    """``settings:`` in trust.yml; the defaults are declared in the schema (source/schema)."""

    review_window_days: int
    default_review_cycle: int   # months
    placeholder_phrases: list[str]
    site_url: str | None
    review_reminders: list[int] = field(default_factory=lambda: [60, 30, 7])


@dataclass
class Form(Written):
    id: str
    title: str
    audience: str
    version: str
    raw: dict          # the form file as parsed
    shown: str
    path: Path
    spec: FormSpec | None = None   # its checked schema (source/forms.py), parsed once at load


@dataclass
class Pack:
    root: Path
    trust: Trust
    schools: dict[str, School]
    policies: dict[str, Policy]
    forms: dict[str, Form]
    theme_dir: Path
    # what a check works out from the trust's shared files alone, once per loaded pack (a
    # build checks school by school); keyed by the check's own name
    memo: dict = field(default_factory=dict, repr=False, compare=False)


def from_checked(cls, checked: Mapping, **given):
    """An instance of the dataclass ``cls`` from a mapping the schema checked (source/schema):
    each field named by a key of the declaration takes the checked value (a list copied), and
    ``given`` sets the fields the file does not hold as such (ids, lines, parsed parts)."""
    names = {f.name for f in fields(cls)}
    values = {k: list(v) if isinstance(v, list) else v for k, v in checked.items() if k in names}
    return cls(**{**values, **given})
