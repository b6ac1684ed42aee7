"""Template phrases left behind ("name of school", "[insert ...]", "TBC"...) in the source text,
in the values schools and the trust write, in policy metadata and in the rendered text."""

from __future__ import annotations

import functools
import re

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.checks.sources import line_at, mask_jinja, read_text, section_files, text_line


def phrase_pattern(phrases) -> re.Pattern | None:
    """One case-insensitive pattern for all phrases. A phrase that starts or ends with a letter
    or digit must start or end a word there, so 'tbc' never matches inside 'tbcx'."""
    parts = []
    for p in sorted({str(p).strip().lower() for p in phrases if str(p).strip()}, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in p.split())
        if p[0].isalnum() or p[0] == "_":
            body = r"(?<!\w)" + body
        if p[-1].isalnum() or p[-1] == "_":
            body += r"(?!\w)"
        parts.append(body)
    return re.compile("|".join(parts), re.I) if parts else None


@functools.lru_cache(maxsize=512)
def _source_hits(pattern: re.Pattern, text: str) -> tuple[tuple[str, int], ...]:
    """(phrase as written, line) for each phrase in a source text, Jinja blanked out. Cached:
    a build checks school by school, and the trust's own texts are the same for every school."""
    masked = mask_jinja(text)
    return tuple((m.group(0), line_at(masked, m.start())) for m in pattern.finditer(masked))


def _message(found: str, where: str) -> str:
    return (f"template phrase '{found}' left {where}: replace it with the real value "
            f"(the phrases checked are settings.placeholder_phrases in trust.yml)")


def check_placeholders(pack, resolved) -> list[Diagnostic]:
    pattern = phrase_pattern(pack.trust.settings.placeholder_phrases)
    if pattern is None:
        return []
    out: list[Diagnostic] = []

    # 1. the Markdown sources (Jinja blanked out: a variable's name is not text)
    source_hits: dict[str, set[str]] = {}
    for src in section_files(pack, resolved):
        text = read_text(src.path)
        if text is None:
            continue
        for found, line in _source_hits(pattern, text):
            source_hits.setdefault(src.shown, set()).add(found.lower())
            out.append(Diagnostic(src.shown, line, "error",
                                  "E-PLACEHOLDER", _message(found, "in the text"), src.school))

    # 2. values: the trust's, policy metadata and forms (once per pack), each school's
    shared, shared_hits = _shared_value_hits(pack, pattern)
    out += shared
    value_hits: dict[str | None, set[str]] = {None: set(shared_hits)}
    for sid in sorted(resolved):
        school = pack.schools[sid]
        value_hits[sid] = set()
        for ys in school.texts():
            for m in pattern.finditer(ys.value):
                value_hits[sid].add(m.group(0).lower())
                out.append(Diagnostic(ys.path, text_line(ys, ys.value, m.start()), "error",
                                      "E-PLACEHOLDER", _message(m.group(0), f"in the value '{ys.key}'"),
                                      sid))

    # 3. the rendered text: a phrase that none of the above explains came from somewhere else
    #    (a form title, a value the text computes); report it at the section it shows in
    for sid in sorted(resolved):
        known = value_hits[None] | value_hits.get(sid, set())
        for pid in sorted(resolved[sid].policies):
            for sec in resolved[sid].policies[pid].sections:
                for m in pattern.finditer(sec.markdown):
                    found = m.group(0).lower()
                    if found in known or found in source_hits.get(sec.shown, set()):
                        continue
                    out.append(diagnostic(sec.shown, None, "E-PLACEHOLDER",
                                          _message(m.group(0), f"in the rendered text of section "
                                                               f"'{sec.id}' of policy '{pid}'"), sid))
    return _unique(out)


def _shared_value_hits(pack, pattern: re.Pattern) -> tuple[list[Diagnostic], frozenset[str]]:
    """Phrases in the trust's values (not its settings, which list the phrases), in policy
    metadata and in forms' texts and labels (not hints, where "DD/MM/YYYY" is meant): the same
    for every school, so worked out once per loaded pack."""
    key = ("placeholders", pattern.pattern)
    if key in pack.memo:
        return pack.memo[key]
    out: list[Diagnostic] = []
    hits: set[str] = set()
    sources = [(pack.trust.texts(leave_out=("settings",)), "in the value '{}'", False)]
    sources += [(pack.policies[pid].texts(), "in '{}'", False) for pid in sorted(pack.policies)]
    sources += [(pack.forms[fid].texts(), "in '{}'", True) for fid in sorted(pack.forms)]
    for texts, where, is_form in sources:
        for ys in texts:
            if is_form and ys.key.endswith("hint"):
                continue
            for m in pattern.finditer(mask_jinja(ys.value) if is_form else ys.value):
                hits.add(m.group(0).lower())
                out.append(Diagnostic(ys.path, text_line(ys, ys.value, m.start()), "error",
                                      "E-PLACEHOLDER", _message(m.group(0), where.format(ys.key))))
    pack.memo[key] = (out, frozenset(hits))
    return pack.memo[key]


def _unique(diags):
    return list(dict.fromkeys(diags))
