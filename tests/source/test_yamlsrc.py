"""The YAML reader: LibYAML's fast parser and PyYAML's own give the same values and lines, and a
file the fast one rejects is reported with PyYAML's more precise message."""

from __future__ import annotations


import pytest
import yaml

from builder.source import yamlsrc
from builder.common.diagnostics import PackError
from tests.support import PACK_PARTS, ROOT

EXAMPLE_YAML = sorted(p for part in PACK_PARTS
                      for p in ([ROOT / part] if part.endswith(".yml") else (ROOT / part).rglob("*.yml")))


def _with_lines(value):
    """The value with every mapping's and list's recorded lines, for comparing two parses."""
    if isinstance(value, dict):
        return ("map", value.line, dict(value.lines), {k: _with_lines(v) for k, v in value.items()})
    if isinstance(value, list):
        return ("list", value.line, list(value.lines), [_with_lines(v) for v in value])
    return value


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"),
                    reason="PyYAML was built without LibYAML: there is only one parser")
@pytest.mark.parametrize("path", EXAMPLE_YAML, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_both_parsers_read_the_same_values_and_lines(path):
    text = path.read_text(encoding="utf-8")
    fast = yamlsrc._parse(yamlsrc._FastLoader, text, path, "x.yml", None)
    slow = yamlsrc._parse(yamlsrc._Loader, text, path, "x.yml", None)
    assert _with_lines(fast) == _with_lines(slow)


def test_example_pack_has_yaml_to_compare():
    assert len(EXAMPLE_YAML) >= 8


def test_dates_stay_text_for_the_pack_to_check(tmp_path):
    f = tmp_path / "s.yml"
    f.write_text("approved: 2026-02-30\n", encoding="utf-8")
    assert yamlsrc.load_yaml(f, "s.yml") == {"approved": "2026-02-30"}


def test_a_tab_is_named_with_its_line(tmp_path):
    f = tmp_path / "oak.yml"
    f.write_text("name: Oak\nroles:\n\theadteacher: Ann\n", encoding="utf-8")
    with pytest.raises(PackError) as info:
        yamlsrc.load_yaml(f, "schools/oak.yml", "oak")
    (d,) = info.value.diagnostics
    assert (d.path, d.line, d.code, d.school) == ("schools/oak.yml", 3, "E-YAML", "oak")
    assert "character '\\t'" in d.message
