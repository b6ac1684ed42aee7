"""Doubled words (N-DOUBLED-WORDS, a notice): "uses my child my child's personal data", "the the",
"to the to the school". A sequence of one to three words written twice in a row, the words
separated only by spaces or a line break (a comma, a full stop, a list bullet or a table cell
between them means they were meant: "Yes, yes", "| No | No |"; so does a line break after a
heading: "## Cyberbullying" then "Cyberbullying is..."). A possessive counts as its word
("my child my child's"). Repeats English uses on purpose are left alone: "had had", "that
that", "is is" (what it is is...), "do do", "very very", "bye bye", "no no", and numbers.
"""

from __future__ import annotations

import re

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.checks.sources import line_at, mask_jinja, read_text, section_files, text_line
from builder.checks.references import _FORM_PROSE

MEANT = {"had", "that", "is", "do", "very", "bye", "no", "so", "really", "far", "again", "more",
         "many", "much", "round", "over", "on", "out", "knock", "tut", "ha", "hear", "well"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_GAP = re.compile(r"[ \t]*\n?[ \t]*\Z")


def _norm(word: str) -> str:
    return re.sub(r"['\u2019]s$", "", word.lower())


def _heading_line(text: str, offset: int) -> bool:
    """The line holding ``offset`` is a Markdown heading: a heading and the paragraph under it
    may start with the same words ("## Cyberbullying" then "Cyberbullying is...")."""
    start = text.rfind("\n", 0, offset) + 1
    return text[start:offset].lstrip().startswith("#")


def doubled(text: str):
    """(offset of the repeat, the words doubled) in ``text`` (Jinja already masked)."""
    words = [(m.start(), m.end(), _norm(m.group(0))) for m in _WORD.finditer(text)]
    joined = [i > 0 and _GAP.match(text[words[i - 1][1]:words[i][0]]) is not None
              and not ("\n" in text[words[i - 1][1]:words[i][0]] and _heading_line(text, words[i - 1][0]))
              for i in range(len(words))]
    i, out = 0, []
    while i < len(words):
        hit = None
        for n in (3, 2, 1):
            if i + 2 * n > len(words):
                continue
            a = [w[2] for w in words[i:i + n]]
            b = [w[2] for w in words[i + n:i + 2 * n]]
            if a != b or not all(joined[i + 1:i + 2 * n]):
                continue
            if n == 1 and a[0] in MEANT:
                continue
            hit = n
            break
        if hit:
            out.append((words[i + hit][0], text[words[i][0]:words[i + 2 * hit - 1][1]]))
            i += 2 * hit
        else:
            i += 1
    return out


def check_doubled(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for src in section_files(pack, resolved):
        text = read_text(src.path)
        if text is None:
            continue
        masked = mask_jinja(text)
        for offset, phrase in doubled(masked):
            shown = " ".join(phrase.split())
            out.append(diagnostic(src.shown, line_at(masked, offset), "N-DOUBLED-WORDS",
                                  f"'{shown}' repeats words: delete the repeat", src.school))
    for fid in sorted(pack.forms):
        form = pack.forms[fid]
        for ys in form.texts():
            if re.sub(r"\[\d+\]$", "", ys.key).rsplit(".", 1)[-1] not in _FORM_PROSE:
                continue
            masked = mask_jinja(ys.value)
            for offset, phrase in doubled(masked):
                out.append(Diagnostic(ys.path, text_line(ys, masked, offset), "notice",
                                      "N-DOUBLED-WORDS", f"'{' '.join(phrase.split())}' repeats "
                                      f"words: delete the repeat"))
    return out
