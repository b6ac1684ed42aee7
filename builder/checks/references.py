"""Cross-references the resolver cannot see: related policies and appendix forms named in
metadata but absent, and section numbers typed by hand in the text instead of ``ref()``.

(References written with ``ref()`` are checked while resolving: E-REF-SECTION, E-REF-POLICY,
E-REF-FORM. An external policy without a link is refused when the pack is read.)
"""

from __future__ import annotations

import functools
import re

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.source.yamlsrc import SrcList
from builder.checks.sources import line_at, mask_jinja, masked_sections
from builder.checks.typed_refs import TITLE_NUMBER, heading_numbers, message, typed_refs
from builder.checks.sources import text_line


def _item_lines(pack, policy, key) -> list[int | None]:
    """Line of each item of a list in policy.yml (the key's line when unknown)."""
    items = policy.written(key)
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
                out.append(diagnostic(policy.shown, line, "E-FORM-MISSING",
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
                    out.append(diagnostic(school.shown, sp.where.line, "E-FORM-MISSING",
                                          f"the settings for policy '{pid}' add form '{fid}', but there "
                                          f"is no forms/{fid}.yml{_near(fid, pack.forms)}", sid))
    return out


def _near(name, known) -> str:
    import difflib
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def hand_refs(text: str, titles=()):
    """(offset, phrase) of each number typed by hand in ``text`` (Jinja masked); the rule is in
    typed_refs.py."""
    for ref in typed_refs(text, titles):
        yield ref.offset, ref.phrase


def _policy_of_file(pack) -> dict[str, str]:
    return {spec.shown: pid for pid in pack.policies for spec in pack.policies[pid].sections}


# form keys whose text is prose a reader sees (ids, names and types are not)
_FORM_PROSE = ("title", "label", "hint", "note", "notes", "introduction", "intro", "text", "return",
               "description", "declaration", "help")


@functools.lru_cache(maxsize=64)
def _typed_in(masked: str, titles: tuple, largest: int) -> tuple:
    """``typed_refs`` of a text, once: the trust's text is checked for every school."""
    return tuple(typed_refs(masked, titles, largest))


def owned_titles(pack) -> tuple[list[tuple[str, str]], frozenset[str]]:
    """((id, title) of the pack's policies and of the trust's and schools' own policies it links to,
    longest title first; the ids of those it only links to). A part of either typed by its number
    goes stale when that policy is renumbered."""
    owned = {pid: p.title for pid, p in pack.policies.items()}
    for school in pack.schools.values():
        for eid, ext in school.external.items():
            owned.setdefault(eid, ext.title)
    return sorted(owned.items(), key=lambda t: -len(t[1])), frozenset(owned) - set(pack.policies)


def check_hand_refs(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    titles, linked = owned_titles(pack)
    largest = largest_part(pack)
    owner = _policy_of_file(pack)
    school_owner = {spec.shown: pid for sid in resolved for pid, sp in pack.schools[sid].policies.items()
                    for spec in list(sp.add_sections) + list(sp.replace_sections.values())}
    for src, masked in masked_sections(pack, resolved):
        pid = owner.get(src.shown) or school_owner.get(src.shown)
        forms = pack.policies[pid].forms if pid in pack.policies else ()
        numbers = [(masked.find(number, offset), masked.find(number, offset) + len(number))
                   for offset, number in heading_numbers(masked)]
        for ref in _typed_in(masked, tuple(titles), largest):
            if any(a <= ref.offset < b for a, b in numbers):
                continue  # a heading's own number: E-HEADING-NUMBER below
            out.append(diagnostic(src.shown, line_at(masked, ref.offset), "E-HAND-REF",
                                  message(ref, forms, linked), src.school))
        for offset, number in heading_numbers(masked):
            out.append(Diagnostic(
                src.shown, line_at(masked, offset), "error", "E-HEADING-NUMBER",
                f"the heading starts with its own number '{number}'; the builder numbers headings "
                f"itself, so it would show twice (\"6.4 {number} ...\"): delete '{number}'",
                src.school))
    out += _form_text_refs(pack, titles, largest)
    out += _title_numbers(pack, resolved)
    return out


def largest_part(pack) -> int:
    """The highest number a part of the pack's documents can have: the most sections or forms of
    any policy, with room for the sections a school adds (a reference past it is another
    document's: "section 175", "paragraph 137")."""
    most = max((max(len(p.sections), len(p.forms)) for p in pack.policies.values()), default=0)
    return most + 10


def _form_text_refs(pack, titles, largest) -> list[Diagnostic]:
    """Typed numbers in forms' prose (labels, hints, notes, introductions, section texts)."""
    if "form-refs" in pack.memo:
        return pack.memo["form-refs"]
    out = []
    for fid in sorted(pack.forms):
        form = pack.forms[fid]
        for ys in form.texts():
            leaf = re.sub(r"\[\d+\]$", "", ys.key).rsplit(".", 1)[-1]
            if leaf not in _FORM_PROSE:
                continue
            masked = mask_jinja(ys.value)
            for ref in typed_refs(masked, titles, largest):
                out.append(Diagnostic(ys.path, _text_line(ys, masked, ref.offset), "error",
                                      "E-HAND-REF", message(ref, ()) + f" (in the form's {leaf})"))
    pack.memo["form-refs"] = out
    return out


def _text_line(ys, value: str, offset: int) -> int | None:
    return text_line(ys, value, offset)


def _title_numbers(pack, resolved) -> list[Diagnostic]:
    """A section title typed with its number ("title: 5.4 Passwords")."""
    out = []
    specs = [(spec, None) for pid in sorted(pack.policies) for spec in pack.policies[pid].sections]
    specs += [(spec, sid) for sid in sorted(resolved) for sp in pack.schools[sid].policies.values()
              for spec in list(sp.add_sections) + list(sp.replace_sections.values())]
    for spec, sid in specs:
        m = TITLE_NUMBER.match(spec.title or "")
        if m:
            number = m.group(0).strip()
            out.append(diagnostic(spec.where.path, spec.where.line, "E-HEADING-NUMBER",
                                  f"section '{spec.id}' has the title '{spec.title}', which starts "
                                  f"with its own number '{number}'; the builder numbers sections "
                                  f"itself: write the title alone", sid))
    return out
