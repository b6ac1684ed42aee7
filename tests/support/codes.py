"""The diagnostic codes a module names: code-shaped words in its strings (f-strings' text
included), told apart from those in its docstrings."""

from __future__ import annotations

import ast
import functools
import re

from tests.support import ROOT

CODE_IN_TEXT = re.compile(r"(?<![\w-])[EWN]-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?![\w-])")


def strings_in(path):
    """The codes a module's strings name: (those in its docstrings, those in its other strings,
    f-strings' text included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
    in_docs, in_code = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            (in_docs if id(node) in docs else in_code).update(CODE_IN_TEXT.findall(node.value))
    return in_docs, in_code


@functools.cache
def builder_modules():
    """Every module of the builder but the declarations themselves (common/codes.py)."""
    codes = ROOT / "builder" / "common" / "codes.py"
    return tuple(sorted(p for p in (ROOT / "builder").rglob("*.py") if p != codes))


@functools.cache
def codes_named(modules):
    """(code -> the modules that name it in a string other than a docstring, code -> the
    modules that name it in a docstring)."""
    used, documented = {}, {}
    for path in modules:
        in_docs, in_code = strings_in(path)
        shown = str(path.relative_to(ROOT))
        for code in in_code:
            used.setdefault(code, []).append(shown)
        for code in in_docs:
            documented.setdefault(code, []).append(shown)
    return used, documented
