"""Jinja2 for policy and form text: variables are Markdown-escaped, undefined ones are errors,
and ``ref()`` / ``contact()`` turn ids into links the renderers point at their own outputs.

A reference renders as a Markdown link to a ``pp:`` address (``pp:section/<policy>/<section>``,
``pp:policy/<id>``, ``pp:form/<id>``); each renderer maps those to its own files.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from types import FrameType

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from builder.common.diagnostics import Diagnostic, PackError, error
from builder.common.files import read_pack_text
from builder.source.paths import outside
from builder.source.yamlsrc import SrcDict, SrcList
from builder.common.limits import current as current_limits, limit_message

EMAIL_SHAPE = re.compile(r"[^\s@]+@[^\s@]+")   # what a mailto: link is made for (the values check judges the rest)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&\"'=^$:;@%?/])")


class MdSafe(str):
    """Markdown produced by the builder itself (links); not escaped again."""


def md_escape(value) -> str:
    if isinstance(value, MdSafe):
        return value
    if value is None:
        return ""
    text = str(value)
    text = text.replace("\r\n", "\n").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", text)


class Ns(Mapping):
    """A read-only mapping that knows its dotted name, so an undefined key names itself fully."""

    def __init__(self, data, path: str, seen: set | None = None):
        self._data = data
        self._path = path
        self._seen = seen if seen is not None else set()

    def __getitem__(self, key):
        value = self._data[key]
        self._seen.add(f"{self._path}.{key}")
        if _blank(value) and isinstance(self._data, SrcDict) and self._data.path:     # written so in a file
            return _empty(value, f"{self._path}.{key}", f" ({self._data.path}, line {self._data.line_of(key)})")
        return wrap(value, f"{self._path}.{key}", self._seen)

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)

    def __str__(self):
        return ", ".join(str(v) for v in self._data.values())


class Empty(str):
    """A key a pack file writes with no value ("email:" and nothing after it, or ""): false in an
    ``if`` (and ``none`` when nothing was written), and an error when printed, where it would leave a
    gap in the text ("email it to , or print it"). Only a file's own keys: a value the pack works
    out, such as a draft's empty approval date, prints as it is."""

    _path = ""
    _where = ""
    _none = False


def _empty(value, path: str, where: str) -> Empty:
    empty = Empty(value or "")    # (blanks kept as they are, for what the text does with them)
    empty._path, empty._where, empty._none = path, where, value is None
    return empty


def _blank(value) -> bool:
    return value is None or isinstance(value, str) and not isinstance(value, Empty) and not value.strip()


def wrap(value, path: str, seen: set):
    if isinstance(value, Mapping) and not isinstance(value, Ns):
        return Ns(value, path, seen)
    if isinstance(value, list):
        src = value if isinstance(value, SrcList) and value.path else None
        lines = src.lines if src is not None else None
        return NsList([_empty(v, f"{path}[{i}]", f" ({src.path}, line {lines[i]})")
                       if src is not None and lines is not None and i < len(lines) and _blank(v)
                       else wrap(v, f"{path}[{i}]", seen)
                       for i, v in enumerate(value)], path)
    return value


class NsList(list):
    """A list that knows its dotted name, so printing it whole can name it."""

    def __init__(self, items, path: str):
        super().__init__(items)
        self._path = path


def template_line() -> tuple[str | None, int | None]:
    """The template file and line being rendered, found from the running frames."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        tmpl = frame.f_globals.get("__jinja_template__")
        if tmpl is not None:
            return tmpl.filename, tmpl.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return None, None


# Compiled templates by (source, file name): every Renderer's environment is configured alike,
# so a section's code compiled for one school serves the next (half the cost of resolving).
_CODE: dict = {}
# The includes found in each (file name, source), for the same reason: parsed once.
_INCLUDES: dict = {}
# Each keeps at most this many entries (the oldest goes first): a school's own sections add a
# few, and memory must not grow with the number of schools.
KEEP = 2048


def _remember(cache: dict, key, value):
    if len(cache) >= KEEP:
        del cache[next(iter(cache))]
    cache[key] = value
    return value


class TemplateLimit(Exception):
    """Text that would take more work than a policy text ever needs (E-LIMIT)."""


_DIGITS = re.compile(r"\d{7,}")   # a width or precision of millions, in a format string


class _BoundedCode(CodeGenerator):
    """Joins (``~``) go through the environment, which checks their length."""

    def _output_child_to_const(self, node, frame, finalize):
        if isinstance(node, nodes.TemplateData):   # the text as written
            return super()._output_child_to_const(node, frame, finalize)
        raise nodes.Impossible()   # a value is worked out when rendering, never while compiling

    def visit_Concat(self, node, frame):
        self.write("environment.pp_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox with bounds on the work one text may do (``common/limits.py``): numbers of
    more than ``template_number_bits`` bits, texts and lists longer than the output limit, and
    more than ``template_loop_items`` loop items or range() values, or a text that runs past
    its time, stop with TemplateLimit. Every ``for`` loop's items pass through ``pp_loop``,
    which counts them; the count starts again with each text (``start``)."""

    intercepted_binops = frozenset(["*", "**", "%", "+"])
    code_generator_class = _BoundedCode
    SECONDS = 30    # one text; real policy text renders in milliseconds

    def start(self) -> None:
        lim = current_limits()
        self.pp_chars = lim.template_output_kb * 1024
        self.pp_bits = lim.template_number_bits
        self.pp_items = lim.template_loop_items
        self.pp_count = 0
        self.pp_deadline = time.monotonic() + self.SECONDS

    def _size(self, value, what):
        if isinstance(value, int) and not isinstance(value, bool):
            if value.bit_length() > self.pp_bits:
                raise TemplateLimit(limit_message(f"{what} is a number too large",
                                                  f"{self.pp_bits} bits (about "
                                                  f"{self.pp_bits * 3 // 10:,} digits)"))
        elif isinstance(value, (str, list, tuple)) and len(value) > self.pp_chars:
            raise TemplateLimit(limit_message(f"{what} is too long", f"{self.pp_chars // 1024} KB "
                                              f"of text", "template_output_kb"))
        return value

    def _tick(self, n=1):
        self.pp_count += n
        if self.pp_count > self.pp_items:
            raise TemplateLimit(limit_message("the text's loops go round too many times",
                                              f"{self.pp_items:,} items in one text"))
        if time.monotonic() > self.pp_deadline:
            raise TemplateLimit(limit_message("the text takes too long to render",
                                              f"{self.SECONDS} seconds for one text"))

    def call_binop(self, context, operator, left, right):
        nums = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
        if operator == "**" and nums and right > 0 and \
                max(abs(left).bit_length() - 1, 0) * right > self.pp_bits:
            self._size(1 << (self.pp_bits + 1), "the result")
        if operator == "*" and nums and left.bit_length() + right.bit_length() > self.pp_bits + 1:
            self._size(1 << (self.pp_bits + 1), "the result")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and \
                        len(seq) * n > self.pp_chars:
                    self._size("x" * (self.pp_chars + 1), "the repeated text")
        if operator == "%" and isinstance(left, str):
            args = right if isinstance(right, tuple) else (right,)
            if _DIGITS.search(left) or any(isinstance(a, int) and abs(a) > self.pp_chars for a in args):
                self._size("x" * (self.pp_chars + 1), "the formatted text")
        if operator == "+" and all(isinstance(v, (str, list, tuple)) for v in (left, right)) and \
                len(left) + len(right) > self.pp_chars:
            self._size("x" * (self.pp_chars + 1), "the joined text")
        return self._size(super().call_binop(context, operator, left, right), "the result")

    def call(__self, __context, __obj, *args, **kwargs):
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > __self.pp_chars:
                raise TemplateLimit(limit_message(f"the number {value} is too large for this",
                                                  f"{__self.pp_chars:,}"))
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)   # str.format
        if isinstance(owner, str) and _DIGITS.search(owner):
            __self._size("x" * (__self.pp_chars + 1), "the formatted text")
        __self._tick()
        return __self._size(SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs),
                            "the result")

    def pp_join(self, parts, what="the joined text"):
        out, total = [], 0
        for part in parts:
            part = str(part)
            total += len(part)
            if total > self.pp_chars:
                self._size("x" * (self.pp_chars + 1), what)
            out.append(part)
        return "".join(out)

    def _parse(self, source, name, filename):
        return _bound_loops(super()._parse(source, name, filename))

    def pp_loop(self, items):
        self._size(items, "the list")
        for item in items:
            self._tick()
            yield item

    def pp_range(self, *args):
        rng = range(*args)
        self._tick(len(rng))
        return rng

    def pp_filter(self, name, fn):
        skip = 1 if hasattr(fn, "jinja_pass_arg") else 0   # a context or environment comes first

        def bounded(*all_args, **kwargs):
            args = all_args[skip:]
            for value in (*args[1:], *kwargs.values()):
                if isinstance(value, int) and not isinstance(value, bool) and \
                        abs(value) > self.pp_chars:
                    raise TemplateLimit(limit_message(f"the number {value} is too large for "
                                                      f"|{name}", f"{self.pp_chars:,}"))
            if name == "format" and args and _DIGITS.search(str(args[0])):
                self._size("x" * (self.pp_chars + 1), "the formatted text")
            if name == "replace" and len(args) >= 3:
                grow = len(str(args[0])) * max(1, len(str(args[2]))) // max(1, len(str(args[1])))
                if grow > self.pp_chars:
                    self._size("x" * (self.pp_chars + 1), "the replaced text")
            self._tick()
            result = self._size(fn(*all_args, **kwargs), f"the result of |{name}")
            if args and isinstance(args[0], Empty) and isinstance(result, str) and not isinstance(result, Empty) \
                    and not result.strip():
                return _empty(result, args[0]._path, args[0]._where)    # still nothing: "{{ x | upper }}"
            return result
        for attr in ("jinja_pass_arg",):
            if hasattr(fn, attr):
                setattr(bounded, attr, getattr(fn, attr))
        return bounded

    def bound(self):
        """Wrap the filters and range() once the environment is made."""
        self.filters = {k: self.pp_filter(k, f) for k, f in self.filters.items()}
        self.globals["range"] = self.pp_range
        self.start()
        return self


def _bound_loops(tree):
    """Every ``for`` loop's items go through ``environment.pp_loop`` (not a name the text could
    set)."""
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Call(nodes.EnvironmentAttribute("pp_loop"), [loop.iter], [], None, None)
    return tree


class Renderer:
    """Renders one school's texts. Problems are collected as diagnostics, all of them."""

    def __init__(self, school_id: str | None, resolver, snippets: Path | None = None):
        """``snippets`` is the pack's ``content/_snippets`` folder; when not given it is found
        from the trust's values in the context (each knows the file it was read from)."""
        self.school_id = school_id
        self.resolver = resolver  # callable(kind, target, current_policy) -> (text, address) or raises KeyError
        self.diagnostics: list[Diagnostic] = []
        self.current_policy: str | None = None
        renderer = self

        class Undefined(jinja2.StrictUndefined):
            def _name(self):
                owner = self._undefined_obj
                base = getattr(owner, "_path", None) if isinstance(owner, Ns) else None
                name = self._undefined_name
                return f"{base}.{name}" if base else str(name)

            def __str__(self):
                if self._undefined_exception is SecurityError:   # ''.__class__ and the like
                    renderer.report("E-TEMPLATE", f"template error: not allowed in policy text "
                                                  f"({self._undefined_hint})")
                    return "⟦undefined⟧"
                renderer.report("E-UNDEFINED", f"undefined variable '{self._name()}'")
                return "⟦undefined⟧"

            def __getattr__(self, attr):
                if attr[:2] == "__":
                    raise AttributeError(f"'{attr}' is not allowed in policy text")
                return type(self)(obj=self._undefined_obj, name=f"{self._undefined_name}.{attr}")

            __getitem__ = __getattr__

            def _fail_with_undefined_error(self, *args, **kwargs):
                raise UndefinedError(f"undefined variable '{self._name()}'")

            __iter__ = __bool__ = __len__ = __eq__ = __ne__ = _fail_with_undefined_error
            # StrictUndefined's __hash__ raises; these hash as objects do (the stubs type it as raising)
            __hash__ = object.__hash__  # type: ignore[assignment]

        self.snippets = SnippetLoader(snippets)
        # Sandboxed: the text can read values, never reach Python internals (``__class__``...).
        self.env = BoundedSandbox(
            loader=self.snippets,
            undefined=Undefined,
            finalize=self._finalize,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            optimized=False,   # nothing is worked out while compiling, outside the bounds
        ).bound()
        self.env.globals.update(ref=self.ref, Ref=self.Ref, contact=self.contact)
        # (a key written with nothing after it is none, as YAML reads it)
        self.env.tests["none"] = lambda v: v is None or isinstance(v, Empty) and v._none

    def _finalize(self, value):
        """What ``{{ ... }}`` prints: escaped text; a whole mapping or list is an error naming it
        (``{{ school }}`` would print every value of the school's file run together)."""
        if isinstance(value, (Mapping, list)) and not isinstance(value, str):
            name = getattr(value, "_path", None) or "a value"
            what = "mapping" if isinstance(value, Mapping) else "list"
            data = getattr(value, "_data", value)
            keys = [k for k, v in data.items() if not isinstance(v, (Mapping, list))] \
                if isinstance(data, Mapping) else []
            hint = (f"print one of its values, such as {{{{ {name}.{keys[0]} }}}}" if keys and
                    isinstance(keys[0], str) else
                    f"print its entries with {{% for x in {name} %}}{{{{ x }}}}{{% endfor %}}"
                    if what == "list" else "print one of its values")
            self.report("E-PRINT", f"'{{{{ {name} }}}}' prints a whole {what} into the text: {hint}")
            return ""
        if isinstance(value, Empty):
            self.report("E-UNDEFINED", f"'{value._path}' is written with no value{value._where}, so the text "
                                       f"would have a gap where it is printed: write its value (in quotes "
                                       f"if it starts with '#', which YAML reads as a comment)")
            return ""
        return md_escape(value)

    # -- diagnostics
    def report(self, code, message):
        path, line = template_line()
        self.diagnostics.append(error(path or getattr(self, "rendering", None) or "?", line, code,
                                      message, self.school_id))

    # -- helpers available in text
    def ref(self, target, text=None) -> MdSafe:
        target = str(target)
        try:
            label, address = self.resolver(target, self.current_policy)
        except KeyError as exc:
            self.report(exc.args[0] if exc.args else "E-REF", exc.args[1] if len(exc.args) > 1
                        else f"reference to unknown target '{target}'")
            return MdSafe(md_escape(target))
        label = md_escape(text) if text is not None else label
        if address is None:    # a policy this site leaves out (a draft, when publishing): no link
            return MdSafe(label)
        return MdSafe(f"[{label}]({address})")

    def Ref(self, target, text=None) -> MdSafe:
        link = self.ref(target, text)
        if link.startswith("["):
            return MdSafe("[" + link[1:2].upper() + link[2:])
        return link

    def contact(self, role_id, title=True) -> MdSafe:
        """'Name (Title), email, phone' for a role; a missing role or person is an error.
        ``title=False`` leaves the title out, for a text that has just named the role."""
        show_title = bool(title)
        roles = self.context.get("roles") or {}
        role = roles.get(role_id) if isinstance(roles, Mapping) else None
        if not isinstance(role, Mapping):
            self.report("E-UNDEFINED", f"undefined variable 'roles.{role_id}' (contact('{role_id}'))")
            return MdSafe(md_escape(role_id))
        self.roles_used.add(role_id)
        parts = []
        name, title = role.get("name"), role.get("title")
        if name:
            parts.append(md_escape(name) + (f" ({md_escape(title)})" if title and show_title else ""))
        elif title:
            parts.append(md_escape(title))
        if role.get("email"):
            e = str(role["email"])
            # (a link only to an address: a stand-in's "[email of the DSL]" is shown as it is)
            parts.append(f"[{md_escape(e)}](mailto:{md_escape(e)})" if EMAIL_SHAPE.fullmatch(e) else md_escape(e))
        if role.get("phone"):
            parts.append(md_escape(role["phone"]))
        return MdSafe(", ".join(parts))

    # -- rendering
    def render(self, source: str, name: str, context: dict) -> str:
        self.context = context
        self.rendering = name
        self.roles_used = set()
        seen: set = set()
        ctx = {k: wrap(v, k, seen) for k, v in context.items()}
        if self.snippets.folder is None:
            self.snippets.set_pack(_pack_root(context))
        running = None   # the rendering, once it runs (an output limit names its line)
        try:
            # includes are checked before anything renders: a cycle or a missing snippet is one
            # clear error at the include line, never a deep recursion
            problem = self.snippets.check_includes(self.env, source, name) if "include" in source \
                else None
            if problem:
                self.diagnostics.append(error(problem[0], problem[1], problem[2], problem[3],
                                              self.school_id))
                return ""
            # compiled with the file's name, so tracebacks and frames map back to its lines
            code = _CODE.get((source, name))
            if code is None:
                code = _remember(_CODE, (source, name),
                                 self.env.compile(source, name=name, filename=name))
            tmpl = self.env.template_class.from_code(self.env, code, self.env.make_globals(None), None)
            self.env.start()
            running = tmpl.generate(**ctx)
            text = self.env.pp_join(running, "the rendered text")
        except TemplateSyntaxError as exc:
            self.diagnostics.append(error(exc.filename or name, exc.lineno, "E-TEMPLATE",
                                          f"template syntax: {exc.message}", self.school_id))
            return ""
        except UndefinedError as exc:
            line = _traceback_line(exc, name)
            self.diagnostics.append(error(name, line, "E-UNDEFINED", str(exc.message), self.school_id))
            return ""
        except SecurityError as exc:
            line = _traceback_line(exc, name)
            self.diagnostics.append(error(name, line, "E-TEMPLATE",
                                          f"template error: not allowed in policy text ({exc})",
                                          self.school_id))
            return ""
        except TemplateLimit as exc:
            line = _traceback_line(exc, name) or _suspended_line(running)
            self.diagnostics.append(error(name, line, "E-LIMIT", str(exc), self.school_id))
            return ""
        except PackError:
            raise
        except RecursionError as exc:
            self.diagnostics.append(error(name, _traceback_line(exc, name), "E-TEMPLATE",
                                          "template error: the text nests or repeats itself too deeply",
                                          self.school_id))
            return ""
        except Exception as exc:  # noqa: BLE001 - a filter or test used wrongly in the text
            line = _traceback_line(exc, name)
            self.diagnostics.append(error(name, line, "E-TEMPLATE",
                                          f"template error: {exc}", self.school_id))
            return ""
        self.roles_used |= self._roles_from(seen)
        return text

    @staticmethod
    def _roles_from(seen):
        out = set()
        for p in seen:
            parts = p.split(".")
            if parts[0] == "roles" and len(parts) > 1:
                out.add(parts[1])
            elif parts[:2] == ["school", "roles"] and len(parts) > 2:
                out.add(parts[2])
        return out


def _suspended_line(gen) -> int | None:
    """The template line a paused rendering (a generator) last wrote output from."""
    line = None
    while gen is not None:
        frame = getattr(gen, "gi_frame", None)
        tmpl = frame.f_globals.get("__jinja_template__") if frame is not None else None
        if tmpl is not None and frame is not None:
            line = tmpl.get_corresponding_lineno(frame.f_lineno)
        gen = getattr(gen, "gi_yieldfrom", None)
    return line


def _traceback_line(exc, name) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == name:
            line = tb.tb_lineno
        tmpl = tb.tb_frame.f_globals.get("__jinja_template__")
        if tmpl is not None and getattr(tmpl, "filename", None) == name:
            line = tmpl.get_corresponding_lineno(tb.tb_lineno)
        tb = tb.tb_next
    return line


# ---------------------------------------------------------------- shared snippets

SNIPPETS = "content/_snippets"
SNIPPET_NAME = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*\.md$")


def _pack_root(context) -> Path | None:
    trust = context.get("trust")
    file = getattr(trust, "file", None)
    return Path(file).parent if file else None


class SnippetLoader(jinja2.BaseLoader):
    """``{% include "name.md" %}`` reads ``content/_snippets/name.md`` and nothing else: a plain
    file name, inside the pack (symlinks resolved), shown in messages by its pack path."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else None
        self.root = self.folder.parent.parent if self.folder else None

    def set_pack(self, root: Path | None) -> None:
        if root is not None:
            self.root = Path(root)
            self.folder = self.root / SNIPPETS

    def problem(self, name) -> tuple[str, str] | None:
        """(code, message) if ``name`` cannot be included, else None."""
        if not isinstance(name, str) or not SNIPPET_NAME.match(name):
            return "E-INCLUDE", (f"include '{name}': give the file name of a snippet in {SNIPPETS}/, "
                                 f"such as \"contact-block.md\"")
        if self.folder is None or self.root is None:
            return "E-INCLUDE", f"include '{name}': this pack has no {SNIPPETS}/ folder"
        path = self.folder / name
        why = outside(self.root, path)
        if why:
            return "E-PATH", f"snippet '{SNIPPETS}/{name}' {why}"
        if not path.resolve().is_file():
            return "E-INCLUDE", f"include '{name}': there is no {SNIPPETS}/{name}"
        return None

    def get_source(self, environment, template):
        if self.problem(template):
            raise TemplateNotFound(template)
        path = self.folder / template
        text = read_pack_text(path, f"{SNIPPETS}/{template}")
        mtime = path.stat().st_mtime
        return text, f"{SNIPPETS}/{template}", lambda: path.stat().st_mtime == mtime

    def _includes_of(self, env, source: str, name: str) -> list[tuple[object, int]]:
        """(snippet name or None for a computed one, line) for each include in the text."""
        key = (name, source)
        found = _INCLUDES.get(key)
        if found is None:
            found = []
            for node in env.parse(source, name=name, filename=name).find_all(nodes.Include):
                tmpl = node.template
                found.append((tmpl.value if isinstance(tmpl, nodes.Const) else None, node.lineno))
            _remember(_INCLUDES, key, found)
        return found

    def check_includes(self, env, source: str, name: str):
        """None, or (file, line, code, message) for the first include that cannot work: a
        computed name, a missing or outside snippet, or a cycle (the chain is named)."""

        def visit(src, shown, chain):
            for target, line in self._includes_of(env, src, shown):
                if target is None:
                    return (shown, line, "E-INCLUDE",
                            "include needs a quoted snippet file name, not a computed one")
                bad = self.problem(target)
                if bad:
                    return (shown, line, bad[0], bad[1])
                assert isinstance(target, str) and self.folder is not None   # as problem() found
                if target in chain:
                    loop = " -> ".join([*chain[chain.index(target):], target])
                    return (shown, line, "E-INCLUDE", f"snippets include each other in a cycle: {loop}")
                try:   # too large, not UTF-8
                    text = read_pack_text(self.folder / target, f"{SNIPPETS}/{target}")
                except PackError as exc:
                    d = exc.diagnostics[0]
                    return (d.path, d.line, d.code, d.message)
                found = visit(text, f"{SNIPPETS}/{target}", [*chain, target])
                if found:
                    return found
            return None

        return visit(source, name, [])
