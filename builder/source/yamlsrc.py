"""YAML that remembers where each value came from, so errors can name a line."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import yaml

from builder.common.diagnostics import PackError, error
from builder.common.files import read_pack_text
from builder.common.limits import current, limit_message


class SrcDict(dict):
    """A mapping with the source line of itself (``line``) and of each key (``lines``); ``path``
    is the file as shown in messages, ``file`` the file read (absolute). ``given``: in a mapping
    the schema checked, the keys the file gave (the others hold their defaults); None when every
    key was given, as in a mapping read from YAML."""

    path: str = ""
    file: str = ""
    line: int | None = None
    lines: Mapping[Any, int] = MappingProxyType({})   # a mapping made in code has no lines of its own
    given: frozenset | None = None

    def line_of(self, key) -> int | None:
        return self.lines.get(key, self.line)


class SrcList(list):
    path: str = ""
    file: str = ""
    line: int | None = None
    lines: Sequence[int] = ()


class _Loader(yaml.SafeLoader):
    """PyYAML's own parser: its messages name the character at fault (a tab, say)."""

    src_path: str                  # set by _parse: the file as shown, the file read, its school
    src_file: str
    src_school: str | None


if TYPE_CHECKING:
    _FastBase = yaml.SafeLoader
else:
    _FastBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLoader(_FastBase):
    """LibYAML's parser where PyYAML was built with it: the same nodes and lines, several
    times faster. A file it rejects is parsed again by ``_Loader`` for the message."""

    src_path: str
    src_file: str
    src_school: str | None


# Dates stay strings: the pack parses them itself and reports bad ones with a line.
_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader | _FastLoader, node: yaml.MappingNode):
    loader.flatten_mapping(node)
    out = SrcDict()
    out.path = loader.src_path
    out.file = loader.src_file
    out.line = node.start_mark.line + 1
    out.lines = lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or isinstance(key, bool):
            key = str(key)
        if key in out:
            raise PackError(
                error(loader.src_path, key_node.start_mark.line + 1, "E-YAML-DUPKEY",
                      f"key '{key}' appears twice in this mapping; keep one", loader.src_school)
            )
        out[key] = loader.construct_object(value_node, deep=True)
        lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _Loader | _FastLoader, node: yaml.SequenceNode):
    out = SrcList(loader.construct_object(child, deep=True) for child in node.value)
    out.path = loader.src_path
    out.file = loader.src_file
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


class WrittenFloat(float):
    """A number with a decimal point, which remembers how it was written: ``version: 1.10`` is the
    number 1.1, but a text value (a version, a room) is "1.10" as the file gives it."""

    written: str = ""


def _construct_float(loader: _Loader | _FastLoader, node: yaml.ScalarNode):
    value = WrittenFloat(loader.construct_yaml_float(node))
    value.written = str(node.value)
    return value


def _construct_int(loader: _Loader | _FastLoader, node: yaml.ScalarNode):
    """An integer, or one clear error for a number longer than Python reads (4,300 digits)."""
    try:
        return loader.construct_yaml_int(node)
    except ValueError:
        digits = sum(c.isdigit() for c in str(node.value))
        raise PackError(error(loader.src_path, node.start_mark.line + 1, "E-YAML",
                              f"a number of {digits:,} digits is no value a pack holds: if it is text, "
                              f"put it in quotes", loader.src_school)) from None


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor("tag:yaml.org,2002:int", _construct_int)
    _cls.add_constructor("tag:yaml.org,2002:float", _construct_float)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path, shown: str, school: str | None = None):
    """Parse ``path``; ``shown`` is the path printed in messages (relative to the pack)."""
    text = read_pack_text(path, shown, school)
    try:
        return _parse(_FastLoader, text, path, shown, school)
    except (yaml.YAMLError, RecursionError):
        pass
    try:
        return _parse(_Loader, text, path, shown, school)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "malformed YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        reserved = re.search(r"found character '([@`])' that cannot start any token", problem)
        if reserved and mark is not None:     # "handle: @oak_primary": YAML keeps @ and ` for itself
            lines = text.splitlines()
            written = lines[mark.line][mark.column:].rstrip() if mark.line < len(lines) else ""
            problem += (f": a value that starts with '{reserved[1]}' must be in quotes"
                        + (f" (\"{written}\")" if written and '"' not in written and len(written) <= 80 else ""))
        raise PackError(error(shown, line, "E-YAML", f"malformed YAML: {problem}", school)) from exc
    except yaml.YAMLError as exc:
        raise PackError(error(shown, None, "E-YAML", f"malformed YAML: {exc}", school)) from exc
    except RecursionError:
        raise PackError(error(shown, None, "E-LIMIT",
            "the YAML nests too deeply to read: keep it to a few dozen levels", school)) from None


def _parse(loader_class, text: str, path: Path, shown: str, school: str | None):
    loader = loader_class(text)
    loader.src_path = shown
    loader.src_file = str(Path(path).absolute())
    loader.src_school = school
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _count_nodes(node, current().yaml_nodes, shown, school)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _count_nodes(root: yaml.Node, cap: int, shown: str, school: str | None) -> None:
    """Refuse a document whose values, with every alias counted in full (as anything walking
    the values meets them), are more than ``cap``: an alias bomb ("billion laughs") is a few
    lines that stand for billions of values. Counted once per node, so this is quick."""
    size: dict[int, int] = {}
    open_: set[int] = set()    # begun, not finished: met again below itself, it is a loop
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in size:
            continue
        if not done and id(node) in open_:
            raise PackError(error(shown, node.start_mark.line + 1, "E-YAML",
                                  "malformed YAML: this value contains itself through an alias "
                                  "(*name)", school))
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            size[id(node)] = 1
            continue
        if not done:
            open_.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in size)
            continue
        total = 1 + sum(size.get(id(c), 0) for c in children)
        if total > cap:
            raise PackError(error(shown, node.start_mark.line + 1, "E-LIMIT", limit_message(
                "too many values here once every alias (*name) is expanded",
                f"{cap:,} values in one file", "yaml_nodes"), school))
        size[id(node)] = total
