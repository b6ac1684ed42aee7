"""What a school's text is rendered with: the variables (``context_for``), what ``ref()`` points
at (``make_resolver``) and the forms each policy lists for the school (``school_forms``). The
policies' and the forms' resolution both use them."""

from __future__ import annotations

from builder.common.diagnostics import Collector
from builder.source.model import Pack, Policy, School
from builder.resolve.templating import md_escape
from builder.source.values import address_as_shown, did_you_mean


def school_forms(pack: Pack, school: School, policy: Policy, out: Collector) -> list[str]:
    sp = school.policies.get(policy.id)
    forms = list(policy.forms)
    if sp:
        for fid in sp.forms_add:
            if fid not in forms:
                forms.append(fid)
        forms = [f for f in forms if f not in sp.forms_omit]
    return forms


RETIRED = "is retired at this school (remove the reference, or point it at what replaced it)"
UNPUBLISHED_DRAFT = "is a draft at this school, so it is not published"


def make_resolver(pack: Pack, school: School, numbers: dict, forms_by_policy: dict,
                  hidden: dict[str, str] | None = None):
    """What ``ref()`` in a school's text points at: (label, address) for a target, or KeyError
    (code, message). ``numbers`` is {policy: {section: number}}; ``forms_by_policy`` the forms
    each policy lists for this school (text outside a policy may name any of them); ``hidden``
    the policies this school's site does not show, with why ("is retired at this school")."""
    hidden = dict(hidden or {})

    def resolver(target: str, current: str | None):
        kind, _, rest = target.partition(":") if ":" in target else ("section", "", target)
        pointed = (rest.rpartition("#")[0] or current) if kind == "section" else rest
        if kind in ("section", "policy") and pointed in hidden:
            if hidden[pointed] == UNPUBLISHED_DRAFT and pointed in numbers:
                why = hidden.pop(pointed)
                try:
                    label, _ = resolver(target, current)   # the words, without the link
                finally:
                    hidden[pointed] = why
                return label, None
            raise KeyError("E-REF-POLICY", f"reference to policy '{pointed}', which "
                                           f"{hidden[pointed]}: its link would lead nowhere")
        if kind == "section":
            pid: str | None
            pid, _, sid = rest.rpartition("#")
            pid = pid or current
            if pid is None or pid not in numbers:
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
    shown = {**values, "address": address_as_shown(values["address"])} if "address" in values else values
    return {
        "trust": pack.trust.values,
        "school": shown,
        "roles": values.get("roles") or {},
        "lists": values.get("lists") or {},
        "options": values.get("options") or {},
        "extra": values.get("extra") or {},
    }
