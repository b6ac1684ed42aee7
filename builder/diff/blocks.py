"""Rendered HTML cut into *blocks*, the unit a redline compares.

A block is a run of inline content (a paragraph, a list item, a table cell, a heading) with the
path of block elements around it; its words, spaces and void inline elements are *tokens*, each
with the inline elements it sits in. ``parse_blocks(fragment)`` does the cutting; the comparison
(``words``, ``compare``) and the rendering (``redline_html``) work on what it returns. Pure: no
git, no files.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

INLINE_TAGS = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i",
               "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
               "time", "u", "var", "wbr"}
VOID_TAGS = {"br", "hr", "img", "wbr", "col", "input"}


@dataclass(frozen=True)
class Tok:
    """One word, space or void inline element, with the inline elements it sits in."""

    text: str
    marks: tuple = ()          # ((tag, attrs), ...) outermost first
    void: str | None = None    # "br", "img"... rendered as that element

    @property
    def key(self):
        return (self.text, self.marks, self.void)


@dataclass(frozen=True)
class Elem:
    """A block element around a block: tag, attributes, which occurrence, its place among siblings."""

    tag: str
    attrs: tuple
    uid: int
    ordinal: int = 1


@dataclass
class Block:
    path: tuple                # (Elem, ...) outermost first
    toks: tuple                # (Tok, ...)

    @property
    def leaf(self) -> str:
        return self.path[-1].tag if self.path else ""

    @property
    def key(self):
        return (self.leaf, tuple(t.key for t in self.toks))

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(t.text for t in self.toks)).strip()



_WORD_RE = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)


_UIDS = itertools.count(1)  # element identities, unique across every parse (never rendered)


class _BlockParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.path: list[Elem] = []
        self.children: list[Counter] = [Counter()]
        self.marks: list[tuple] = []
        self.toks: list[Tok] = []
        self.pre = 0

    def flush(self):
        toks = self.toks
        if self.pre == 0:
            while toks and not toks[0].void and not toks[0].text.strip():
                toks = toks[1:]
            while toks and not toks[-1].void and not toks[-1].text.strip():
                toks = toks[:-1]
        if toks:
            self.blocks.append(Block(tuple(self.path), tuple(toks)))
        self.toks = []

    def handle_starttag(self, tag, attrs):
        attrs = tuple((k, v or "") for k, v in attrs if k != "id")
        if tag in INLINE_TAGS:
            if tag in VOID_TAGS:
                self.toks.append(Tok("", tuple(self.marks), _void_html(tag, attrs)))
            else:
                self.marks.append((tag, attrs))
            return
        self.flush()
        self.children[-1][tag] += 1
        elem = Elem(tag, attrs, next(_UIDS), self.children[-1][tag])
        if tag in VOID_TAGS:
            self.blocks.append(Block(tuple(self.path) + (elem,), (Tok("", (), _void_html(tag, attrs)),)))
            return
        self.path.append(elem)
        self.children.append(Counter())
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in INLINE_TAGS:
            for i in range(len(self.marks) - 1, -1, -1):
                if self.marks[i][0] == tag:
                    del self.marks[i:]
                    break
            return
        if not any(e.tag == tag for e in self.path):
            return  # a stray end tag
        self.flush()
        while self.path:
            elem = self.path.pop()
            self.children.pop()
            if elem.tag == "pre":
                self.pre -= 1
            if elem.tag == tag:
                break

    def handle_data(self, data):
        marks = tuple(self.marks)
        if self.pre:
            parts = re.findall(r"\n|[^\S\n]+|\w+|[^\w\s]", data)
        else:
            parts = [" " if p.isspace() else p for p in _WORD_RE.findall(data)]
        for p in parts:
            if self.toks and p == " " and self.toks[-1].text == " " and self.toks[-1].marks == marks:
                continue
            self.toks.append(Tok(p, marks))

    def close(self):
        super().close()
        self.flush()


def _void_html(tag, attrs) -> str:
    return f"<{tag}{attrs_html(attrs)}>"


def attrs_html(attrs) -> str:
    return "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs)


def parse_blocks(fragment: str) -> list[Block]:
    """Cut an HTML fragment into blocks of inline content, each with its enclosing block path."""
    p = _BlockParser()
    p.feed(fragment)
    p.close()
    return p.blocks


def words_of(text: str) -> tuple:
    """Plain text (a heading) as tokens, for comparing it word by word."""
    return tuple(Tok(" " if p.isspace() else p) for p in _WORD_RE.findall(text or ""))

