"""The text values a pack file gives, each with the file and line it was written on: what the
checks read of a school's, a policy's, a form's or the trust's file (``Written.texts``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from builder.source.yamlsrc import SrcDict, SrcList


@dataclass(frozen=True)
class YamlString:
    path: str
    line: int | None
    key: str        # dotted key, such as roles.dsl.email
    value: str
    file: str = ""  # the file read (absolute), to find a line inside a block scalar
    number: bool = False   # written without quotes as a number (``phone: 01632 960123`` stays text)


def yaml_strings(node, key: str = "", path: str = "", line: int | None = None,
                 file: str = "", numbers: bool = False) -> Iterator[YamlString]:
    """Every text value under a parsed YAML node, with the file and line it was written on (and,
    with ``numbers``, every number, as written)."""
    path = getattr(node, "path", "") or path
    file = getattr(node, "file", "") or file
    if isinstance(node, dict):
        for k, v in node.items():
            ln = node.line_of(k) if isinstance(node, SrcDict) else line
            yield from yaml_strings(v, f"{key}.{k}" if key else str(k), path, ln, file, numbers)
    elif isinstance(node, list):
        lines = node.lines if isinstance(node, SrcList) else []
        for i, v in enumerate(node):
            ln = lines[i] if i < len(lines) else line
            yield from yaml_strings(v, f"{key}[{i}]", path, ln, file, numbers)
    elif isinstance(node, str):
        yield YamlString(path, line, key, node, file)
    elif numbers and isinstance(node, (int, float)) and not isinstance(node, bool):
        yield YamlString(path, line, key, getattr(node, "written", "") or str(node), file, number=True)


class Written:
    """A pack file read into the model, as written: its text values and its keys' lines.
    ``raw`` is the file as parsed (with lines), ``shown`` its path as messages name it."""

    raw: dict
    shown: str

    def _mapping(self) -> dict:
        return self.raw if isinstance(self.raw, dict) else {}

    def texts(self, *, leave_out: tuple[str, ...] = (), numbers: bool = False) -> Iterator[YamlString]:
        """Every text value the file gives (but under the top-level keys in ``leave_out``), and
        with ``numbers`` every number as written."""
        raw = self._mapping()
        file = getattr(raw, "file", "")
        for key, value in raw.items():
            if key not in leave_out:
                line = raw.line_of(key) if isinstance(raw, SrcDict) else None
                yield from yaml_strings(value, str(key), self.shown, line, file, numbers)

    def written(self, key: str):
        """The value of a top-level key as the file itself gives it (not merged with defaults)."""
        return self._mapping().get(key)

    def line_of(self, key: str) -> int:
        """The line of a top-level key, or 1 when the file does not give it."""
        raw = self._mapping()
        line = raw.line_of(key) if isinstance(raw, SrcDict) and key in raw else None
        return line or 1
