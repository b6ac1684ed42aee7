"""``policypack import --new-policy``: a new master policy made from a school's document.

The document's sections become ``content/<id>/policy.yml`` and one Markdown file per section
(ids slugged from the titles, unique, safe as the pack's ids are). The text is made a template:

* what reads as Jinja or HTML in the document prints as typed (``Section.markdown`` writes
  it so): a document is text, never code;
* the school's own name, contacts and people, as ``find_values`` found them, become the
  variables they correspond to (``{{ school.name }}``, ``{{ roles.dsl.name }}``...), longest
  value first, whole words only -- those variables every school of the pack gives, so the new
  text renders for each (a role no school has yet stays as the document's text);
* a typed section number is left out of the title (the builder numbers sections) and
  reported, at its line, as ``N-IMPORT-NUMBER``.

The text before the first heading (a title page, a table of contents) is not a section and is
left out. The folder is written beside its place and renamed into it; an existing
``content/<id>/`` is refused (``E-OUT``).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from builder.importing.read.markdown import section_markdown
from builder.importing.read.split import SENTENCE_END
from builder.importing.align import SectionRow, explode, slug_id
from builder.common.diagnostics import Diagnostic, PackError, diagnostic, error
from builder.common.files import write_text
from builder.common.files import UMASK

# Keys of a school file whose found values the new text names by variable.
SCHOOL_KEYS = {"name": "school.name", "short_name": "school.short_name", "email": "school.email",
               "phone": "school.phone", "website": "school.website"}
ROLE_FIELDS = ("name", "email", "phone")
SHORTEST = 4   # a value shorter than this ("Ms", "IT") is left as text: too likely a false match



@dataclass
class NewPolicy:
    policy_id: str
    title: str
    rows: list[SectionRow]
    drafts: dict[int, dict]
    files: dict[str, str]             # "content/<id>/..." -> text
    diagnostics: list[Diagnostic] = field(default_factory=list)


def known_keys(pack) -> set[str] | None:
    """The variables every school of the pack gives ("name", "roles.dsl.name"...): only these
    replace a value, so the new text renders for every school. None: no pack, no limit."""
    if pack is None:
        return None
    keys = None
    for school in pack.schools.values():
        values = school.values
        have = {k for k in SCHOOL_KEYS if values.get(k)}
        for rid, person in (values.get("roles") or {}).items():
            if isinstance(person, dict):
                have |= {f"roles.{rid}.{k}" for k in ROLE_FIELDS if person.get(k)}
        keys = have if keys is None else keys & have
    return keys or set()


def variables(found, allowed: set[str] | None = None) -> list[tuple[str, str]]:
    """(value, "{{ variable }}") for each school value the text may name, longest value first;
    with ``allowed``, only the keys it holds."""
    pairs: dict[str, str] = {}
    for f in found:
        if not isinstance(f.value, str) or len(f.value.strip()) < SHORTEST:
            continue
        parts = f.key.split(".")
        var = None
        if f.key in SCHOOL_KEYS:
            var = SCHOOL_KEYS[f.key]
        elif len(parts) == 3 and parts[0] == "roles" and parts[2] in ROLE_FIELDS:
            var = f.key
        if var and allowed is not None and f.key not in allowed:
            var = None
        if var and f.value.strip() not in pairs:
            pairs[f.value.strip()] = "{{ " + var + " }}"
    return sorted(pairs.items(), key=lambda kv: (-len(kv[0]), kv[0]))


def templated(markdown: str, found, allowed: set[str] | None = None) -> str:
    """The section's Markdown (``Section.markdown``: Jinja and HTML in it already made inert,
    read/markdown.py) with the school's values made variables: only where a whole value stands
    on its own, never inside a word, an email address or a web address ("Jane.Smith@...",
    "www.oakhill.org.uk/Oak Hill")."""
    text = markdown
    pairs = variables(found, allowed)
    if not pairs:
        return text
    pattern = re.compile("|".join(rf"(?<![\w@./:%+-]){re.escape(v)}(?![\w@%+-]|[./:]\w)" for v, _ in pairs))
    table = dict(pairs)
    return pattern.sub(lambda m: table[m.group()], text)


def plan_policy(doc, found, policy_id: str, school_id: str | None = None, pack=None) -> NewPolicy:
    """The new policy's files and the report's rows (status ``new``), in memory. A document
    that is one heading with numbered sub-headings under it (a chapter of a handbook) gives a
    section per sub-heading (a single line under its title, a subtitle, is left out with it).
    """
    sections = [s for s in doc.sections if s.title]
    lost = [s for s in doc.sections if not s.title]    # text above the first heading: no section's
    title = (doc.title or (sections[0].title if sections else "") or policy_id).strip()
    if len(sections) == 1:
        whole = sections[0]
        sections = explode(whole)
        if len(sections) > 1 and sections[0] is not whole and \
                sections[0].line == whole.line and len(sections[0].paragraphs) <= 1 and \
                not any(SENTENCE_END.search(p.text.strip()) for p in sections[0].paragraphs):
            # (a paragraph of prose, its sentence ended, under the chapter's title is a section's
            # text, never dropped; a subtitle is a line: "Staff Handbook – Section 5: Social Media Code")
            if sections[0].paragraphs and not doc.title:
                title = sections[0].paragraphs[0].text.strip() or title
            sections = sections[1:]     # the chapter's title and a subtitle: the policy's title
    allowed = known_keys(pack)
    rows, drafts, files, diags = [], {}, {}, []
    taken: set[str] = set()
    entries = []
    for k, section in enumerate(sections):
        sid = slug_id(section.title, taken)
        taken.add(sid)
        path = f"content/{policy_id}/{sid}.md"
        files[path] = templated(section_markdown(section).rstrip(), found, allowed) + "\n"
        entries.append({"id": sid, "title": section.title})
        # the report shows the text as the pack will hold it: the values made variables
        rows.append(SectionRow("new", section, k, None, None, None, None,
                               [replace(p, text=templated(p.text, found, allowed))
                                for p in section.paragraphs if p.text]))
        drafts[k] = {"id": sid, "title": section.title, "after": entries[-2]["id"] if k else None,
                     "file": path}
        numbered = [(section.line, section.number, section.title)] if section.number else []
        numbered += [(p.line, p.number, p.text) for p in section.paragraphs
                     if p.kind == "heading" and p.number]
        for line, number, what in numbered:
            diags.append(diagnostic(doc.display, line, "N-IMPORT-NUMBER",
                                    f"typed section number '{number}' before '{what[:60]}' is left out "
                                    f"of the new policy: the builder numbers sections itself",
                                    school_id))
    if not entries:
        raise PackError(error(doc.display, None, "E-IMPORT-EMPTY",
                              "the document has no headings, so it gives no sections for a new "
                              "policy: give its section titles Word heading styles (or lines of "
                              "their own in a text file)"))
    for s in lost if entries else ():
        diags.append(diagnostic(doc.display, s.line, "W-IMPORT-LOST",
                                "the text above the first heading is in no section of the new policy: "
                                "give it a heading of its own (a Word heading style, or a line of its own) "
                                "and import the copy again, or paste it into a section", school_id))
    cycles = [f.value for f in found if f.key == f"policies.{policy_id}.approval.review_cycle"
              and isinstance(f.value, str)]
    policy = {"title": title}
    if cycles:
        policy["review_cycle"] = cycles[0]
    policy["summary"] = ""
    policy["sections"] = entries
    head = (f"# Made by policypack import --new-policy from {doc.display}: check each section's\n"
            f"# text, give the policy its owner, approving body, summary and versions.\n")
    files[f"content/{policy_id}/policy.yml"] = head + yaml.safe_dump(
        policy, allow_unicode=True, sort_keys=False, width=100)
    return NewPolicy(policy_id, title, rows, drafts, files, diags)


def write_policy(project: Path, policy_id: str, files: dict[str, str]) -> Path:
    """Write ``content/<id>/`` whole: made beside its place, then renamed into it."""
    content = Path(project) / "content"
    target = content / policy_id
    if target.exists():
        raise PackError(error(f"content/{policy_id}", None, "E-OUT",
                              f"policy '{policy_id}' is already in the pack: --new-policy never "
                              f"writes over a policy folder; choose another id"))
    content.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=content, prefix=f".{policy_id}.", suffix=".new"))
    try:
        prefix = f"content/{policy_id}/"
        for rel, text in sorted(files.items()):
            if rel.startswith(prefix):
                write_text(tmp / rel[len(prefix):], text)
        os.chmod(tmp, 0o777 & ~_umask())
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _umask() -> int:
    return UMASK
