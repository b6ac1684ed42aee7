"""The corrected example a wrong-shaped value's message ends with, built from the value written:
``blocked_sites: TikTok, Snapchat`` where a list belongs gives "write it as a list:
`blocked_sites: [TikTok, Snapchat]`"; ``approved: 1 September 2025`` gives
"`approved: 2025-09-01`". Only the message uses it: nothing here changes a value.
"""

from __future__ import annotations

import re

import yaml

_YES = {"yes", "y", "on", "true", "ticked", "1"}
_NO = {"no", "n", "off", "false", "0", "none"}
# YAML 1.1's booleans that PyYAML reads as text, but other editors and tools read as true/false
_YAML11_BOOLS = {"y", "n"}


def _scalar(value) -> str:
    """A value as YAML writes it in flow style: plain when YAML reads it back as that very text
    in a flow list, else quoted (a number, date, boolean or null, or text with YAML's marks)."""
    text = str(value).strip()
    try:
        plain = bool(text) and yaml.safe_load(f"[{text}]") == [text]
    except yaml.YAMLError:
        plain = False
    plain = plain and text.lower() not in _YAML11_BOOLS
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _items(value) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if not isinstance(v, (list, dict))]
    if isinstance(value, dict):
        return [str(v) for v in value.values() if not isinstance(v, (list, dict))]
    text = str(value).strip()
    parts = [p.strip() for p in re.split(r"\s*[,;\n]\s*|\s+and\s+", text) if p.strip()]
    return parts or [text]


def name_of(label: str | None) -> str:
    """The key as the file writes it: the last part of ``lists.blocked_sites``."""
    label = (label or "value").rsplit(".", 1)[-1]
    return re.sub(r"^an entry of ", "", label).replace(" ", "_")


def fix(name: str, need: str, value) -> str:
    """'; write it as ...: `name: ...`', or '' when no example would help."""
    need = need.lower()
    if value is None:
        return ""
    if "list" in need and "text or" not in need:
        if isinstance(value, dict) and "mappings" in need:   # one entry, written without its "- "
            entry = ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items())
            return f"; write it as a list of one entry: `{name}: [{{{entry}}}]` (or a line `- ` before its first key)"
        items = ", ".join(_scalar(i) for i in _items(value))
        return f"; write it as a list: `{name}: [{items}]`"
    if "text or" in need and isinstance(value, dict):
        items = ", ".join(_scalar(i) for i in _items(value))
        return f"; write it as one line of text, or a list of lines: `{name}: [{items}]`"
    if need.startswith("text") or "text or" in need:
        if isinstance(value, (list, dict)):
            return f"; write it as one line of text: `{name}: {_scalar(', '.join(_items(value)))}`"
        return ""
    if "number" in need:
        digits = re.search(r"\d+", str(value)) if not isinstance(value, (list, dict)) else None
        if digits:
            return f"; write it as a number, without quotes: `{name}: {digits.group(0)}`"
        return f"; write it as a number, without quotes, such as `{name}: 2`"
    if "true or false" in need:
        word = str(value).strip().lower() if not isinstance(value, (list, dict)) else ""
        if word in _YES or word.startswith("yes"):
            return f"; write `{name}: true`"
        if word in _NO or word.startswith("no"):
            return f"; write `{name}: false`"
        return f"; write `{name}: true` or `{name}: false`"
    if "mapping" in need:
        return f"; write it as a mapping, one `key: value` per line indented under `{name}:`"
    return ""


