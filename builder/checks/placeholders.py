"""Template phrases left behind ("name of school", "[insert ...]", "TBC"...) in the source text,
in the values schools and the trust write, in policy metadata and in the rendered text."""

from __future__ import annotations

import functools
import re

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.checks.sources import line_at, mask_jinja, read_text, section_files, text_line
from builder.checks import template_shapes
from builder.source.model import Trust


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


LABELLED = re.compile(r"(?:[ \t]*/[ \t]*[A-Za-z]+)*[ \t]*[:|][ \t]*[^\s_.…|:\[<({]")   # ("Name of school/setting |")


def phrase_hits(pattern: re.Pattern, text: str) -> list[tuple[int, str]]:
    """(offset, text) of each of the trust's phrases in ``text``, except a phrase that labels the
    value written after it ("School name: Oak Hill", "School Name | Oak Hill") or, alone on its
    line, below it ("Name of School" over "Oak Hill Primary School"): a label, not a gap."""
    return [(m.start(), m.group(0)) for m in pattern.finditer(text) if not LABELLED.match(text, m.end()) and not (
        re.search(r"(?:^|\n)[ \t]*$", text[max(0, m.start() - 80):m.start()])
        and template_shapes.VALUE_BELOW.match(text, m.end())) and not (
        OWN_WORDS.search(text, max(0, m.start() - 12), m.start()) and re.fullmatch(r"\w+(?: \w+)+", m.group(0)))]


# a phrase that is the sentence's own words after its article, not a field: "using the school name
# on posts" (not "[school name]", "Welcome to school name")
OWN_WORDS = re.compile(r"\b(?:the|our|its|their|your|a)[ \t]+$", re.I)


@functools.lru_cache(maxsize=4096)
def gaps(text: str, pattern: re.Pattern | None) -> tuple[tuple[int, str], ...]:
    """(offset, text found) of each template gap in ``text``: a trust's phrase, or a gap's shape
    (template_shapes.py); one finding per place. Cached: the trust's texts are the same for
    every school."""
    found = template_shapes.find(text)
    if pattern is not None:
        found += phrase_hits(pattern, text)
    out: list[tuple[int, str]] = []
    for off, what in sorted(found, key=lambda f: (f[0], -len(f[1]))):
        if not (out and off < out[-1][0] + len(out[-1][1])):
            out.append((off, what))
    return tuple(out)


@functools.lru_cache(maxsize=512)
def _source_hits(pattern: re.Pattern | None, text: str) -> tuple[tuple[str, int], ...]:
    """(gap as written, line) for each template gap in a source text, Jinja blanked out. Cached:
    a build checks school by school, and the trust's own texts are the same for every school."""
    masked = mask_jinja(text, filled=True)
    return tuple((found, line_at(masked, off)) for off, found in gaps(masked, pattern))


def _message(found: str, where: str) -> str:
    return (f"template text '{' '.join(found.split())}' left {where}: replace it with the real "
            f"value (a gap's shape, such as XXXX, ____ or [School name], or one of "
            f"settings.placeholder_phrases in trust.yml)")


def check_placeholders(pack, resolved) -> list[Diagnostic]:
    pattern = phrase_pattern(pack.trust.settings.placeholder_phrases)
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
            for off, found in gaps(ys.value, pattern):
                value_hits[sid].add(found.lower())
                out.append(Diagnostic(ys.path, text_line(ys, ys.value, off), "error",
                                      "E-PLACEHOLDER", _message(found, f"in the value '{ys.key}'"),
                                      sid))

    # 3. the rendered text: a phrase that none of the above explains came from somewhere else
    #    (a form title, a value the text computes); report it at the section it shows in
    for sid in sorted(resolved):
        if pattern is None:
            break
        known = value_hits[None] | value_hits.get(sid, set())
        for pid in sorted(resolved[sid].policies):
            for sec in resolved[sid].policies[pid].sections:
                explained = " \n ".join(known | source_hits.get(sec.shown, set()))
                for _, hit in phrase_hits(pattern, sec.markdown):
                    if hit.lower() in explained:
                        continue
                    out.append(diagnostic(sec.shown, None, "E-PLACEHOLDER",
                                          _message(hit, f"in the rendered text of section "
                                                               f"'{sec.id}' of policy '{pid}'"), sid))
    return _unique(out)


# the keys of a form whose text is prose to read, where a gap's shape is a mistake (a label or a
# hint names or shows a gap on purpose: "Name of child", "DD/MM/YYYY")
_FORM_PROSE = ("note", "notes", "introduction", "intro", "text", "return", "description",
               "declaration", "help")


def _shared_value_hits(pack, pattern: re.Pattern | None) -> tuple[list[Diagnostic], frozenset[str]]:
    """Gaps in the trust's values (not its settings, which list the phrases), in policy metadata
    and in forms (their prose by shape and phrase, titles and labels by phrase, hints not at all):
    the same for every school, so worked out once per loaded pack."""
    key = ("placeholders", pattern.pattern if pattern is not None else None)
    if key in pack.memo:
        return pack.memo[key]
    out: list[Diagnostic] = []
    hits: set[str] = set()
    sources = [(pack.trust.texts(leave_out=Trust.CONFIG), "in the value '{}'", False)]
    sources += [(pack.policies[pid].texts(), "in '{}'", False) for pid in sorted(pack.policies)]
    sources += [(pack.forms[fid].texts(), "in '{}'", True) for fid in sorted(pack.forms)]
    for texts, where, is_form in sources:
        for ys in texts:
            leaf = re.sub(r"\[\d+\]$", "", ys.key).rsplit(".", 1)[-1]
            if is_form and leaf == "hint":
                continue
            text = mask_jinja(ys.value) if is_form else ys.value
            if not is_form or leaf in _FORM_PROSE:
                found = gaps(text, pattern)
            else:
                found = tuple(phrase_hits(pattern, text)) if pattern else ()
            for off, what in found:
                hits.add(what.lower())
                out.append(Diagnostic(ys.path, text_line(ys, ys.value, off), "error",
                                      "E-PLACEHOLDER", _message(what, where.format(ys.key))))
    pack.memo[key] = (out, frozenset(hits))
    return pack.memo[key]


def _unique(diags):
    return list(dict.fromkeys(diags))
