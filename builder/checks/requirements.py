"""The requirements register against each school (builder/source/requirements.py): a required
policy that is neither in the pack nor linked in ``external_policies`` (W-REQUIRED-MISSING, with
the nearest title), a review cycle longer than the guidance allows (W-REVIEW-FREQUENCY), a
``meets`` naming no requirement (E-MEETS), and a school that does not say its type and phase
(N-SCHOOL-KIND): with neither, its required policies are not listed; with one, it is held to
what applies whatever the other.

``coverage(pack, rs)`` is the one reading of what a school has: the check, the trust dashboard
and ``publish`` all use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.source.requirements import Requirement, applies, likeness, register, same_title
from builder.source.values import cycle_words, did_you_mean


@dataclass(frozen=True)
class Covered:
    """One requirement at one school: 'held' (a policy of the pack), 'linked' (an external
    policy) or 'missing'; what meets it and where parents find it."""
    requirement: Requirement
    state: str
    policy: str | None = None      # the pack policy that meets it
    title: str = ""                # the title of what meets it
    url: str | None = None         # an external policy's address

    def to_json(self) -> dict:
        return {"id": self.requirement.id, "title": self.requirement.title, "state": self.state,
                "policy": self.policy, "met_by": self.title, "url": self.url,
                "publish_online": self.requirement.publish_online}


def _register(pack) -> list[Requirement]:
    if "requirements" not in pack.memo:
        pack.memo["requirements"] = register(pack)
    return pack.memo["requirements"]


def _meets(req: Requirement, ident: str, title: str, meets) -> bool:
    return req.id in meets or ident == req.id or any(same_title(title, t) for t in req.titles)


def kind_of(rs) -> tuple[str | None, str | None]:
    return rs.values.get("type"), rs.values.get("phase")


def coverage(pack, rs) -> list[Covered]:
    """Every requirement that applies to school ``rs``, and how the school meets it."""
    school_type, phase = kind_of(rs)
    out = []
    for req in _register(pack):
        if not applies(req, school_type, phase):
            continue
        held = next((pid for pid, rp in rs.policies.items()
                     if _meets(req, pid, rp.title, rp.policy.meets)), None)
        if held is not None:
            out.append(Covered(req, "held", held, rs.policies[held].title))
            continue
        linked = next((e for eid, e in rs.school.external.items()
                       if _meets(req, eid, e.title, e.meets)), None)
        if linked is not None:
            out.append(Covered(req, "linked", None, linked.title, linked.url))
        else:
            out.append(Covered(req, "missing"))
    return out


def check_requirements(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    known = {r.id for r in _register(pack)}
    for pid, policy in sorted(pack.policies.items()):
        for rid in policy.meets:
            if rid not in known:
                out.append(diagnostic(policy.shown, policy.lines.get("meets"), "E-MEETS",
                                      f"policy '{pid}' meets '{rid}', which is not in the "
                                      f"requirements register{did_you_mean(rid, known)}"))
    for sid in sorted(resolved):
        rs = resolved[sid]
        school = rs.school
        for eid, ext in sorted(school.external.items()):
            for rid in ext.meets:
                if rid not in known:
                    out.append(diagnostic(ext.where.path or school.shown, ext.where.line, "E-MEETS",
                                          f"external policy '{eid}' meets '{rid}', which is not in "
                                          f"the requirements register{did_you_mean(rid, known)}",
                                          sid))
        school_type, phase = kind_of(rs)
        if school_type is None and phase is None:
            out.append(diagnostic(school.shown, 1, "N-SCHOOL-KIND",
                                  f"{rs.name} does not say its type and phase (type: maintained "
                                  f"or academy; phase: primary, secondary...), so the required "
                                  f"policies it lacks are not listed", sid))
            continue
        if school_type is None or phase is None:
            missing = "type (maintained or academy)" if school_type is None else \
                "phase (primary, secondary...)"
            out.append(diagnostic(school.shown, 1, "N-SCHOOL-KIND",
                                  f"{rs.name} does not say its {missing}, so it is held only to "
                                  f"the requirements every such school has", sid))
        line = school.line_of("type") if school_type else school.line_of("name")
        titles = [*(rp.title for rp in rs.policies.values()), *(e.title for e in school.external.values())]
        for c in coverage(pack, rs):
            req = c.requirement
            if c.state == "missing":
                near = max(titles, key=lambda t: max(likeness(t, x) for x in req.titles), default=None)
                hint = (f"; did you mean '{near}'? If it is, add `meets: [{req.id}]` to it"
                        if near and max(likeness(near, x) for x in req.titles) >= 60 else "")
                online = " and publish online" if req.publish_online else ""
                source = req.source.get("title", "")
                out.append(diagnostic(school.shown, line, "W-REQUIRED-MISSING",
                                      f"no policy in the pack or in external_policies is the "
                                      f"{req.title} ('{req.id}'), which a school like "
                                      f"{rs.name} must have{online}"
                                      f"{f' ({source})' if source else ''}{hint}", sid))
            elif c.state == "held" and req.review and c.policy is not None:
                rp = rs.policies[c.policy]
                if rp.review_cycle and rp.review_cycle > req.review:
                    a = rp.approval
                    path, at = ((a.where.path or school.shown, a.lines.get("review_cycle"))
                                if a is not None and a.review_cycle else
                                (rp.policy.shown, rp.policy.lines.get("review_cycle")))
                    out.append(diagnostic(path, at, "W-REVIEW-FREQUENCY",
                                          f"policy '{c.policy}' ({rp.title}) is reviewed "
                                          f"{cycle_words(rp.review_cycle)} here, but the "
                                          f"{req.title} must be reviewed at least "
                                          f"{cycle_words(req.review)}"
                                          f"{' (' + req.source['title'] + ')' if req.source.get('title') else ''}",
                                          sid))
    return out
