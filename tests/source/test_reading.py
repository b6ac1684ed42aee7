"""Reading pack files: UTF-8 with a byte-order mark dropped, other bytes E-ENCODING at their
line, a size limit, and control characters printed escaped; YAML values counted with their
aliases expanded. Property-based where the input is open-ended."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from tests.support.bad_inputs import alias_bomb, copy_small_pack

from builder.common import limits
from builder.common.diagnostics import PackError, error, format_text, printable
from builder.common.files import read_pack_text
from builder.source.yamlsrc import load_yaml

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@given(st.binary(max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_bytes_read_as_text_or_an_encoding_error_at_the_right_line(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("r") / "x.md"
    path.write_bytes(data)
    try:
        expected = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        with pytest.raises(PackError) as caught:
            read_pack_text(path, "x.md", "oak")
        (d,) = caught.value.diagnostics
        assert (d.code, d.path, d.school) == ("E-ENCODING", "x.md", "oak")
        assert d.line == data[:exc.start].count(b"\n") + 1
        assert f"byte 0x{data[exc.start]:02x}" in d.message
    else:
        assert read_pack_text(path, "x.md") == expected.removeprefix("\ufeff")


@pytest.mark.parametrize("text", ["# Rules\n\nBe kind.\n", "name: Oak\n", "\ufeff\ufeffx"])
def test_a_byte_order_mark_is_dropped_once(tmp_path, text):
    path = tmp_path / "x"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_pack_text(path, "x") == text


def test_a_byte_order_mark_keeps_a_sections_first_heading(tmp_path):
    from builder.resolve.school import resolve_school
    from builder.source.load import load_pack
    pack = copy_small_pack(tmp_path / "pack")
    (pack / "content/online-code/rules.md").write_bytes(
        b"\xef\xbb\xbf## Online\n\n- Be kind online.\n")
    (pack / "schools/oak.yml").write_bytes(b"\xef\xbb\xbf" + (pack / "schools/oak.yml").read_bytes())
    loaded = load_pack(pack)
    rs = resolve_school(loaded, loaded.schools["oak"])
    assert [d for d in rs.diagnostics if d.severity == "error"] == []
    html = rs.policies["online-code"].sections[1].html
    assert re.search(r"<h\d[^>]*>.*Online</h\d>", html), html
    assert "\ufeff" not in html


def test_the_size_limit_follows_the_setting(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(b"x" * 2048)
    with limits.using({"file_size_kb": 2}):
        assert len(read_pack_text(path, "x.md")) == 2048
    with limits.using({"file_size_kb": 1}):
        with pytest.raises(PackError, match="E-LIMIT: the file is too large: the limit is 1 KB"):
            read_pack_text(path, "x.md")


@pytest.mark.parametrize("levels,width,fails", [(5, 9, False), (6, 9, True), (9, 4, True), (12, 3, True)])
def test_aliases_count_in_full(tmp_path, levels, width, fails):
    path = tmp_path / "x.yml"
    path.write_text(alias_bomb(levels, width), encoding="utf-8")
    if fails:
        with pytest.raises(PackError, match="E-LIMIT: too many values here once every alias"):
            load_yaml(path, "x.yml")
    else:
        assert len(load_yaml(path, "x.yml")["extra"]) == levels


@given(st.text())
def test_printed_diagnostics_hold_no_control_characters(text):
    line = error(f"schools/{text}.yml", 3, "E-KEY", f"unknown key '{text}'", text).format()
    assert not CONTROL.search(line)
    assert not CONTROL.search(format_text([error("a", None, "E-KEY", text)]))
    if not CONTROL.search(text):
        assert printable(text) == text   # ordinary text is printed as it is


def test_a_terminal_escape_is_shown_as_an_escape():
    assert printable("a\x1b[2Jb\x07\r\u202e\n\t") == "a\\x1b[2Jb\\x07\\x0d\\u202e\n\t"


@pytest.mark.parametrize("loader", ["_FastLoader", "_Loader"])
def test_both_yaml_parsers_count_aliases(tmp_path, loader):
    """LibYAML's parser (where PyYAML has it) and PyYAML's own, which reads a file LibYAML
    rejects, both stop an alias bomb."""
    from builder.source import yamlsrc
    path = tmp_path / "x.yml"
    path.write_text(alias_bomb(8), encoding="utf-8")
    with pytest.raises(PackError, match="E-LIMIT: too many values here once every alias") as caught:
        yamlsrc._parse(getattr(yamlsrc, loader), path.read_text(encoding="utf-8"), path, "x.yml", "oak")
    assert caught.value.diagnostics[0].line == 7   # l5: 1 + 9 * 66,430 values


@pytest.mark.parametrize("text,months", [("every 2 yrs", 24), ("18 months", 18), ("3 yrs.", 36), ("6 mths", 6),
                                         ("every two years", 24),
                                         ("2-yearly", 24), ("three-yearly", 36), ("6-monthly", 6),
                                         ("six-monthly", 6), ("tri-ennial", 36), ("Triennially", 36)])
def test_review_cycles_in_short_forms(text, months):
    from builder.source.values import Where, parse_cycle
    assert parse_cycle(text, Where("trust.yml", 3)) == months
