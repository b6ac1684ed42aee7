"""Resolution: one school's view of the pack. Orders and numbers sections (with the school's
additions and replacements), fills variables, resolves references, renders Markdown to HTML.

The result (a ResolvedSchool: its policies and, from resolve/forms.py, its forms) is all any
renderer reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from builder.common.diagnostics import Collector, Diagnostic, PackError
from builder.common.files import read_pack_text
from builder.resolve.markdown import to_html
from builder.source.model import Approval, Pack, Policy, School, SectionSpec
from builder.source.values import PackDate, did_you_mean
from builder.resolve.templating import Renderer, md_escape

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
    roles_used: set = field(default_factory=set)

    @property
    def version(self) -> str | None:
        if self.approval and self.approval.version:
            return self.approval.version
        return self.policy.current_version.version if self.policy.current_version else None


@dataclass
class ResolvedSchool:
    school: School
    trust: dict
    values: dict
    policies: dict[str, ResolvedPolicy]
    forms: list[str]
    diagnostics: list[Diagnostic]
    # each appendix form as this school shows it (resolve/forms.py), in the order of ``forms``:
    # the form's PDF and its page on the site read the same resolved form
    resolved_forms: dict[str, ResolvedForm] = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self):
        return self.school.id

    @property
    def name(self):
        return self.school.name


def section_order(policy: Policy, school: School, out: Collector) -> list[SectionSpec]:
    """The master order, with the school's replacements swapped in and additions placed."""
    sp = school.policies.get(policy.id)
    master = {s.id: s for s in policy.sections}
    order = list(policy.sections)
    if sp is None:
        return order
    for sid, spec in sp.replace_sections.items():
        if sid not in master:
            out.add(spec.where.err("E-REF-SECTION", f"replace_sections names '{sid}', which is not a "
                                                    f"section of policy '{policy.id}'"
                                                    f"{did_you_mean(sid, master)}"))
            continue
        if not master[sid].editable:
            out.add(spec.where.err("E-LOCKED", f"section '{sid}' of policy '{policy.id}' is trust-locked: "
                                               f"a school cannot replace it (ask the trust to mark it "
                                               f"editable, or add a section of your own)"))
            continue
        spec.editable = True
        order[[s.id for s in order].index(sid)] = spec
    for sid in sp.omit_sections:
        if sid not in master:
            out.add(sp.where.err("E-REF-SECTION", f"omit_sections names '{sid}', which is not a section "
                                                  f"of policy '{policy.id}'{did_you_mean(sid, master)}"))
        elif not master[sid].editable:
            out.add(sp.where.err("E-LOCKED", f"section '{sid}' of policy '{policy.id}' is trust-locked: "
                                             f"a school cannot leave it out"))
        else:
            order = [s for s in order if s.id != sid]
    for spec in sp.add_sections:
        ids = [s.id for s in order]
        if spec.id in ids:
            out.add(spec.where.err("E-DUP-ID", f"added section id '{spec.id}' is already a section of "
                                               f"policy '{policy.id}'; use replace_sections or another id"))
            continue
        if spec.after is None:
            order.append(spec)
        elif spec.after in ids:
            order.insert(ids.index(spec.after) + 1, spec)
        else:
            out.add(spec.where.err("E-REF-SECTION", f"added section '{spec.id}' goes after '{spec.after}', "
                                                    f"which is not a section of policy '{policy.id}'"
                                                    f"{did_you_mean(spec.after, ids)}"))
    return order


def section_problems(policies: dict, schools: dict, out: Collector) -> None:
    """What ``section_order`` reports for each school (locked or unknown sections), for a pack
    whose reading failed: each school file's problems come in one run, not one round each."""
    for sid in sorted(schools):
        for pid in sorted(schools[sid].policies):
            if pid in policies:
                section_order(policies[pid], schools[sid], out)


def school_forms(pack: Pack, school: School, policy: Policy, out: Collector) -> list[str]:
    sp = school.policies.get(policy.id)
    forms = list(policy.forms)
    if sp:
        for fid in sp.forms_add:
            if fid not in forms:
                forms.append(fid)
        forms = [f for f in forms if f not in sp.forms_omit]
    return forms


def make_resolver(pack: Pack, school: School, numbers: dict, forms_by_policy: dict):
    """What ``ref()`` in a school's text points at: (label, address) for a target, or KeyError
    (code, message). ``numbers`` is {policy: {section: number}}; ``forms_by_policy`` the forms
    each policy lists for this school (text outside a policy may name any of them)."""

    def resolver(target: str, current: str | None):
        kind, _, rest = target.partition(":") if ":" in target else ("section", "", target)
        if kind == "section":
            pid, _, sid = rest.rpartition("#")
            pid = pid or current
            if pid not in numbers:
                raise KeyError("E-REF-POLICY", f"reference to section '{rest}' of unknown policy '{pid}'"
                                               f"{did_you_mean(pid, numbers)}")
            if sid not in numbers[pid]:
                raise KeyError("E-REF-SECTION", f"reference to unknown section '{sid}' of policy '{pid}'"
                                                f"{did_you_mean(sid, numbers[pid])}")
            label = f"section {numbers[pid][sid]}"
            if pid != current:
                label += " of the " + md_escape(pack.policies[pid].title)
            return label, f"pp:section/{pid}/{sid}"
        if kind == "policy":
            if rest in pack.policies:
                return md_escape(pack.policies[rest].title), f"pp:policy/{rest}"
            if rest in school.external:
                ext = school.external[rest]
                return md_escape(ext.title), ext.url
            raise KeyError("E-REF-POLICY", f"reference to policy '{rest}', which is neither in the pack "
                                           f"nor declared in the school's external_policies"
                                           f"{did_you_mean(rest, [*pack.policies, *school.external])}")
        if kind == "form":
            allowed = (forms_by_policy.get(current, []) if current
                       else [f for forms in forms_by_policy.values() for f in forms])
            if rest not in pack.forms:
                raise KeyError("E-REF-FORM", f"reference to unknown form '{rest}'"
                                             f"{did_you_mean(rest, pack.forms)}")
            if rest not in allowed:
                where = f"this school's '{current}' policy does not list" if current else \
                    "this school does not have"
                raise KeyError("E-REF-FORM", f"reference to form '{rest}', which {where}")
            return md_escape(pack.forms[rest].title), f"pp:form/{rest}"
        raise KeyError("E-REF", f"reference '{target}': write 'section-id', 'policy:ID' or 'form:ID'")

    return resolver


def context_for(pack: Pack, school: School) -> dict:
    values = school.values
    return {
        "trust": pack.trust.values,
        "school": values,
        "roles": values.get("roles") or {},
        "lists": values.get("lists") or {},
        "options": values.get("options") or {},
        "extra": values.get("extra") or {},
    }


def resolve_school(pack: Pack, school: School) -> ResolvedSchool:
    out = Collector()
    orders = {pid: section_order(p, school, out) for pid, p in pack.policies.items()}
    numbers = {pid: {s.id: i + 1 for i, s in enumerate(order)} for pid, order in orders.items()}
    forms_by_policy = {pid: school_forms(pack, school, p, out) for pid, p in pack.policies.items()}

    renderer = Renderer(school.id, make_resolver(pack, school, numbers, forms_by_policy),
                        snippets=pack.root / "content" / "_snippets")
    base = context_for(pack, school)
    policies = {}
    for pid, policy in pack.policies.items():
        sp = school.policies.get(pid)
        approval = sp.approval if sp else None
        cycle = (approval.review_cycle if approval and approval.review_cycle else policy.review_cycle)
        next_review = approval.due(cycle or pack.trust.settings.default_review_cycle) if approval else None
        ctx = dict(base)
        ctx["policy"] = {
            "id": pid, "title": policy.title,
            "version": (approval.version if approval and approval.version else
                        (policy.current_version.version if policy.current_version else "")),
            "approving_body": (approval.body if approval and approval.body else policy.approving_body),
            "approved": approval.approved.human() if approval and approval.approved else "",
            "next_review": next_review.human() if next_review else "",
            "review_cycle": _cycle_text(cycle),
            "owner": policy.owner,
        }
        renderer.current_policy = pid
        sections, roles_used = [], {policy.owner}
        for n, spec in enumerate(orders[pid], start=1):
            try:
                source = read_pack_text(spec.source, spec.shown, school.id)
            except PackError as exc:   # too large, not UTF-8, unreadable
                out.extend(exc.diagnostics)
                continue
            text = renderer.render(source, spec.shown, ctx)
            roles_used |= renderer.roles_used
            html, diags = to_html(text, spec.shown, school.id, str(n), spec.id)
            out.extend(diags)
            sections.append(ResolvedSection(spec.id, n, spec.title, text, html, spec.origin, spec.shown,
                                            spec.editable))
        policies[pid] = ResolvedPolicy(
            id=pid, title=policy.title, summary=policy.summary, policy=policy, sections=sections,
            approval=approval, next_review=next_review, review_cycle=cycle,
            forms=forms_by_policy[pid], related=list(policy.related), roles_used=roles_used)
    out.extend(renderer.diagnostics)
    forms = []
    for pid in pack.policies:
        for fid in forms_by_policy[pid]:
            if fid not in forms:
                forms.append(fid)
    rs = ResolvedSchool(school=school, trust=pack.trust.values, values=school.values,
                        policies=policies, forms=forms, diagnostics=out.items)
    from builder.resolve.forms import resolve_forms   # it reads the resolved policies
    rs.resolved_forms = resolve_forms(pack, rs, out)
    rs.diagnostics = out.items
    return rs


def _cycle_text(months):
    from builder.source.values import cycle_words
    return cycle_words(months) if months else ""


def resolve_all(pack: Pack, school_ids=None) -> dict[str, ResolvedSchool]:
    """Resolve the chosen schools; every error across them is raised together."""
    out = Collector()
    result = {}
    for sid, school in pack.schools.items():
        if school_ids and sid not in school_ids:
            continue
        rs = resolve_school(pack, school)
        out.extend(rs.diagnostics)
        result[sid] = rs
    out.raise_if_errors()
    return result
