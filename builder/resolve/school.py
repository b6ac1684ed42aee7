"""Resolution: one school's view of the pack. Orders and numbers sections (with the school's
additions and replacements), fills variables, resolves references, renders Markdown to HTML.

The result (a ResolvedSchool: its policies and, from resolve/forms.py, its forms) is all any
renderer reads.
"""

from __future__ import annotations

from builder.common.diagnostics import Collector, PackError
from builder.common.files import read_pack_text
from builder.resolve.context import (RETIRED, UNPUBLISHED_DRAFT, context_for, make_resolver,
                                     school_forms)
from builder.resolve.forms import resolve_forms
from builder.resolve.markdown import to_html
from builder.resolve.model import LeftOut, ResolvedPolicy, ResolvedSchool, ResolvedSection
from builder.resolve.status import NOT_RECORDED_IN_TEXT
from builder.resolve.templating import Renderer
from builder.source.model import Pack, School, Where
from builder.source.sections import section_order
from builder.source.values import cycle_words


def resolve_school(pack: Pack, school: School, drafts: bool = True) -> ResolvedSchool:
    """School ``school``'s view of the pack: every policy but the retired ones, and drafts only
    when ``drafts`` (publishing resolves without them)."""
    out = Collector()
    orders = {pid: section_order(p, school, out) for pid, p in pack.policies.items()}
    numbers = {pid: {s.id: i + 1 for i, s in enumerate(order)} for pid, order in orders.items()}
    forms_by_policy = {pid: school_forms(pack, school, p, out) for pid, p in pack.policies.items()}

    states = {pid: (sp.approval.state if sp and sp.approval else "draft")
              for pid in pack.policies for sp in [school.policies.get(pid)]}
    hidden = {pid: RETIRED if state == "retired" else UNPUBLISHED_DRAFT
              for pid, state in states.items()
              if state == "retired" or (state == "draft" and not drafts)}
    renderer = Renderer(school.id, make_resolver(pack, school, numbers, forms_by_policy, hidden),
                        snippets=pack.root / "content" / "_snippets")
    base = context_for(pack, school)
    policies = {}
    retired: list[LeftOut] = []
    left_out: list[LeftOut] = []
    for pid, policy in pack.policies.items():
        sp = school.policies.get(pid)
        approval = sp.approval if sp else None
        state = states[pid]
        if pid in hidden:
            where = (approval.where if approval else sp.where if sp else
                     Where(school.shown, school.line_of("policies"), school.id))
            (retired if state == "retired" else left_out).append(
                LeftOut(pid, policy.title, approval.retired if approval else None, where))
            continue
        cycle = (approval.review_cycle if approval and approval.review_cycle else policy.review_cycle)
        next_review = approval.due(cycle or pack.trust.settings.default_review_cycle) if approval else None
        ctx = dict(base)
        ctx["policy"] = {
            "id": pid, "title": policy.title,
            "version": (approval.version if approval and approval.version else
                        (policy.current_version.version if policy.current_version else "")),
            "approving_body": (approval.body if approval and approval.body else policy.approving_body),
            "approved": approval.approved.human() if approval and approval.approved else NOT_RECORDED_IN_TEXT,
            "next_review": next_review.human() if next_review else NOT_RECORDED_IN_TEXT,
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
    for pid in policies:
        for fid in forms_by_policy[pid]:
            if fid not in forms:
                forms.append(fid)
    rs = ResolvedSchool(school=school, trust=pack.trust.values, values=school.values,
                        policies=policies, forms=forms, diagnostics=out.items,
                        retired=retired, drafts_left_out=left_out)
    rs.resolved_forms = resolve_forms(pack, rs, out)
    rs.diagnostics = out.items
    return rs


def _cycle_text(months):
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
