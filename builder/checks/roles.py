"""Empty required values: every role a school's text names (and each policy's owner) must have a
person and a way to reach them."""

from __future__ import annotations

import re

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.checks.sources import value_line

# roles a form's text names: {{ contact("dsl") }}, {{ roles.dsl.name }}, {{ roles["dsl"] }}
FORM_ROLE = re.compile(r"""contact\(\s*["']([\w-]+)["']\s*\)|\broles\.([\w-]+)|\broles\[\s*["']([\w-]+)["']""")


def form_roles(form) -> set[str]:
    found = set()
    for ys in form.texts():
        for m in FORM_ROLE.finditer(ys.value):
            found.add(next(g for g in m.groups() if g))
    return found


def _role_source(pack, school, rid):
    """The mapping that defines role ``rid`` for this school (its own file first, then trust
    defaults), as (roles mapping, role mapping)."""
    for roles in (school.written("roles"), pack.trust.defaults.get("roles")):
        if isinstance(roles, dict) and rid in roles:
            return roles, roles[rid]
    return None, None


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def check_roles(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for sid in sorted(resolved):
        rs = resolved[sid]
        school = rs.school
        users: dict[str, list[str]] = {}
        for pid in sorted(rs.policies):
            rp = rs.policies[pid]
            for rid in sorted(rp.roles_used | {rp.policy.owner}):
                why = f"policy '{pid}'" + (" (owner)" if rid == rp.policy.owner else "")
                users.setdefault(rid, []).append(why)
        for fid in rs.forms:
            if fid in pack.forms:
                for rid in sorted(form_roles(pack.forms[fid])):
                    users.setdefault(rid, []).append(f"form '{fid}'")
        merged = school.values.get("roles") or {}
        for rid in sorted(users):
            by = ", ".join(users[rid])
            role = merged.get(rid) if isinstance(merged, dict) else None
            roles_map, own = _role_source(pack, school, rid)
            if not isinstance(role, dict):
                line = school.line_of("roles")
                out.append(diagnostic(school.shown, line, "E-ROLE-MISSING",
                                      f"role '{rid}' is named by {by} but this school has no "
                                      f"such role: add 'roles: {rid}: {{name, title, email, phone}}'",
                                      sid))
                continue
            # report at the role's own line; a field a school file merely inherits from
            # trust.yml is reported at the trust's line
            path, line = value_line(roles_map, rid) if roles_map is not None else (school.shown, None)
            path = path or school.shown
            title = role.get("title") or rid
            if not _filled(role.get("name")):
                out.append(diagnostic(path, line, "E-ROLE-PERSON",
                                      f"role '{rid}' ({title}) has no person: add 'name' (named by "
                                      f"{by})", sid))
            if not (_filled(role.get("email")) or _filled(role.get("phone"))):
                out.append(diagnostic(path, line, "E-ROLE-CONTACT",
                                      f"role '{rid}' ({title}) has no contact: add 'email' or 'phone' "
                                      f"(named by {by})", sid))
    return out
