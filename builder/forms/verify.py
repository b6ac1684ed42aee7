"""What a returned form's identity is checked against: the schools and forms of this pack.

``Catalogue.from_pack`` reads the pack (``--project``) once: each school's name and forms, each
form's current version, and each school's item list of each form (``render/form/fields.py``'s
``items_json``, as the form PDF carries it). ``verify`` adds a follow-up note to a row whose
identity names a school or form the pack does not have, a form the school does not use, another
version than the current one, or an item list other than the one that version carries. When no
pack could be read, ``Catalogue.unavailable`` marks every identity as not verified.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from builder.common.diagnostics import PackError
from builder.project import Project
from builder.render.form.fields import items_json


@dataclass
class Catalogue:
    schools: dict[str, str] = field(default_factory=dict)        # id -> name
    forms: dict[str, str] = field(default_factory=dict)          # id -> current version
    audiences: dict[str, str] = field(default_factory=dict)      # id -> parents | staff
    uses: dict[str, set] = field(default_factory=dict)           # school -> its form ids
    items: dict[tuple, list] = field(default_factory=dict)       # (school, form) -> item list
    valid_for: dict[str, tuple] = field(default_factory=dict)    # form -> how long an answer lasts
    # (school, form) -> the policy it acknowledges there: (id, version, meaning key, [(version,
    # material as its changelog entry says)] newest first)
    policies: dict[tuple, tuple] = field(default_factory=dict)
    problem: str | None = None      # why no pack was read (identities then not verified)

    @classmethod
    def unavailable(cls, why: str) -> Catalogue:
        return cls(problem=why)

    @classmethod
    def from_pack(cls, root: Path) -> Catalogue:
        """The pack at ``root``; ``unavailable`` (with the first message) when it cannot be read."""
        try:
            project = Project(root)
            pack = project.pack
        except PackError as exc:
            first = next(iter(getattr(exc, "diagnostics", None) or []), None)
            return cls.unavailable(first.format() if first is not None else str(exc))
        except OSError as exc:
            return cls.unavailable(f"{root}: {exc.strerror or exc}")
        cat = cls(schools={sid: s.name for sid, s in pack.schools.items()},
                  forms={fid: str(f.version) for fid, f in pack.forms.items()},
                  audiences={fid: f.audience for fid, f in pack.forms.items()},
                  valid_for={fid: f.spec.valid_for for fid, f in pack.forms.items() if f.spec})
        for sid in pack.schools:
            try:
                rs = project.school(sid)
            except Exception:  # noqa: BLE001 - a school whose text is broken: ids still checked
                continue
            cat.uses[sid] = set(rs.forms)
            for fid, f in rs.resolved_forms.items():
                cat.items[(sid, fid)] = json.loads(items_json(f))
                if f.policy is not None:
                    pid = f.policy[0]
                    versions = [(v.version, v.material) for v in pack.policies[pid].versions]
                    cat.policies[(sid, fid)] = (*f.policy, versions)
        return cat

    def verify(self, row) -> None:
        """Notes on ``row`` (a collect.Row that has an identity) for what this pack does not know."""
        if self.problem is not None:
            row.follow_up.append("identity not verified: no pack was read")
            return
        school, form, version = row.school, row.form, row.form_version
        known_school, known_form = school in self.schools, form in self.forms
        if not known_school:
            row.follow_up.append(f"school '{school[:80]}' is not a school of this pack")
        if not known_form:
            row.follow_up.append(f"form '{form[:80]}' is not a form of this pack")
        if not (known_school and known_form):
            return
        if school in self.uses and form not in self.uses[school]:
            row.follow_up.append(f"school '{school}' does not use form '{form}'")
            return
        current = self.forms[form]
        if version != current:
            row.follow_up.append(f"version '{version[:40]}' of form '{form}' is not the current "
                                 f"one ({current}): check the answers against the version returned")
            return
        want = self.items.get((school, form))
        if want is not None and not row.items_guessed and row.items is not None \
                and _comparable(row.items) != _comparable(want):
            have = {i["name"] for i in row.items}
            names = {i["name"] for i in want}
            parts = []
            if names - have:
                parts.append("missing " + ", ".join(sorted(names - have)[:5]))
            if have - names:
                parts.append("not in the form " + ", ".join(sorted(have - names)[:5]))
            row.follow_up.append(f"the file's item list is not that of {form} {version} at "
                                 f"{school} ({'; '.join(parts) or 'items differ'})")


def _comparable(items: list) -> list:
    return [(i.get("name"), i.get("type"), bool(i.get("required")), i.get("register"),
             bool(i.get("main")), [tuple(o) for o in i.get("options") or []]) for i in items]
