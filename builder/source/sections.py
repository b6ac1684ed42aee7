"""A school's sections of a policy: the master's order with the school's replacements, omissions
and additions (``section_order``), each problem (an unknown or trust-locked section, a duplicate
id) reported at the school file's line."""

from __future__ import annotations

from builder.common.diagnostics import Collector
from builder.source.model import Policy, School, SectionSpec
from builder.source.values import did_you_mean


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
