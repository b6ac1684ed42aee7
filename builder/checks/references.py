"""Cross-references the resolver cannot see: related policies and appendix forms named in
metadata but absent, and section numbers typed by hand in the text instead of ``ref()``.

(References written with ``ref()`` are checked while resolving: E-REF-SECTION, E-REF-POLICY,
E-REF-FORM. An external policy without a link is refused when the pack is read.)
"""

from __future__ import annotations

import re

from builder.common.diagnostics import Diagnostic
from builder.source.yamlsrc import SrcList
from builder.checks.sources import line_at, mask_jinja, read_text, section_files


def _item_lines(pack, policy, key) -> list[int | None]:
    """Line of each item of a list in policy.yml (the key's line when unknown)."""
    items = policy.raw.get(key) if isinstance(policy.raw, dict) else None
    return list(items.lines) if isinstance(items, SrcList) else []


def check_metadata_refs(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for pid in sorted(pack.policies):
        policy = pack.policies[pid]
        related_lines = _item_lines(pack, policy, "related")
        form_lines = _item_lines(pack, policy, "forms")
        for i, fid in enumerate(policy.forms):
            if fid not in pack.forms:
                line = form_lines[i] if i < len(form_lines) else policy.lines.get("forms")
                out.append(Diagnostic(policy.shown, line, "error", "E-FORM-MISSING",
                                      f"policy '{pid}' lists appendix form '{fid}', but there is no "
                                      f"forms/{fid}.yml{_near(fid, pack.forms)}"))
        for i, rid in enumerate(policy.related):
            if rid in pack.policies:
                continue
            line = related_lines[i] if i < len(related_lines) else policy.lines.get("related")
            for sid in sorted(resolved):
                school = pack.schools[sid]
                if rid not in school.external:
                    out.append(Diagnostic(
                        policy.shown, line, "error", "E-RELATED-MISSING",
                        f"policy '{pid}' lists related policy '{rid}', which is neither in content/ "
                        f"nor in this school's external_policies: add it to external_policies "
                        f"(title and url) in {school.shown} or trust.yml defaults{_near(rid, pack.policies)}",
                        sid))
    for sid in sorted(resolved):
        school = pack.schools[sid]
        for pid in sorted(school.policies):
            sp = school.policies[pid]
            for fid in sp.forms_add:
                if fid not in pack.forms:
                    out.append(Diagnostic(school.shown, sp.where.line, "error", "E-FORM-MISSING",
                                          f"the settings for policy '{pid}' add form '{fid}', but there "
                                          f"is no forms/{fid}.yml{_near(fid, pack.forms)}", sid))
    return out


def _near(name, known) -> str:
    import difflib
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# "see section 4", "paragraph 6.2", "section 4 of this policy", "clause 3.1", "sections 4 and 5"
HAND_REF = re.compile(r"\b(sections?|paragraphs?|paras?|clauses?)\s+(\d+(?:\.\d+)*)\b", re.I)
# ... of this policy / of the policy: about this text, so always a hand-written reference
OF_THIS = re.compile(r"\s+of\s+(?:this|the)\s+(?:policy|document|code|procedure|plan|agreement)\b", re.I)
# ... of the Education Act 2002 / of Keeping Children Safe in Education: another document
OF_OTHER = re.compile(r"\s+of\s+", re.I)
# Communications Act 2003: Section 127 / KCSIE paragraph 137: another document's numbering
AFTER_NAME = re.compile(r"(?:\bAct(?:\s+\d{4})?|\b[A-Z]{2,}|\bRegulations(?:\s+\d{4})?|\))[\s:,(]*$")


def hand_refs(text: str):
    """(offset, phrase) of each section number typed by hand in ``text`` (Jinja masked)."""
    for m in HAND_REF.finditer(text):
        rest = text[m.end():m.end() + 80]
        if OF_THIS.match(rest):
            yield m.start(), m.group(0) + OF_THIS.match(rest).group(0)
            continue
        if OF_OTHER.match(rest):
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if AFTER_NAME.search(before):
            continue
        yield m.start(), m.group(0)


def check_hand_refs(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for src in section_files(pack, resolved):
        text = read_text(src.path)
        if text is None:
            continue
        masked = mask_jinja(text)
        for offset, phrase in hand_refs(masked):
            out.append(Diagnostic(
                src.shown, line_at(masked, offset), "error", "E-HAND-REF",
                f"'{phrase}' is a section number typed by hand; numbers change when sections move: "
                f"write {{{{ ref(\"section-id\") }}}} (or \"policy-id#section-id\") instead",
                src.school))
    return out
