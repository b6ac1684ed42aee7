"""An approval record that cannot be right: approved after the day checked (W-APPROVED-FUTURE),
signed by a role the school does not have (E-SIGNATORY-ROLE), or saying no version
(E-APPROVAL-VERSION: the PDF's approval record and the version shown would be guesses)."""

from __future__ import annotations

import datetime as dt

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.checks.review_dates import _approval_at
from builder.source.values import nearest_key


def check_approvals(pack, resolved, today: dt.date) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for sid in sorted(resolved):
        school = pack.schools[sid]
        roles = school.values.get("roles") or {}
        for pid in sorted(school.policies):
            sp = school.policies[pid]
            a = sp.approval
            if a is None:
                continue
            name = f"policy '{pid}'"
            if a.approved and a.approved.first > today:
                path, line = _approval_at(a, sp, school, "approved")
                out.append(diagnostic(path, line, "W-APPROVED-FUTURE",
                                      f"{name} is recorded as approved {a.approved.human()}, after "
                                      f"today ({today.isoformat()}): write the date of the meeting "
                                      f"that approved it, from its minutes", sid))
            if not a.version:
                path, line = _approval_at(a, sp, school)
                current = pack.policies[pid].current_version if pid in pack.policies else None
                example = current.version if current else "1.0"
                out.append(diagnostic(path, line, "E-APPROVAL-VERSION",
                                      f"the approval of {name} gives no version: write the version "
                                      f"approved, quoted (version: \"{example}\")", sid))
            for sig in a.signatories:
                if sig.role and sig.role not in roles:
                    near = nearest_key(sig.role, roles)
                    hint = (f"; did you mean '{near}'?" if near else
                            f"; this school's roles: {', '.join(sorted(roles)) or 'none'}")
                    out.append(Diagnostic(sig.where.path or school.shown, sig.where.line, "error",
                                          "E-SIGNATORY-ROLE",
                                          f"signatory {sig.name} of {name} has role '{sig.role}', "
                                          f"which is not one of this school's roles{hint}", sid))
    return out
