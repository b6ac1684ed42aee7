"""The diagnostic codes are declared once (builder/common/codes.py): the docs' diagnostics tables
(docs/reference/diagnostics.md) are written from the declarations, every code the builder names
is declared there, and every declared code is one the builder writes."""

from __future__ import annotations

import pytest

from tests.support import ROOT
from tests.support.codes import CODE_IN_TEXT, builder_modules, codes_named

from builder.common.codes import (CODES, COMMAND, END, PAGE, START, Code, Group, Variant, _assemble,
                                  markdown, section_of, severity_of, with_section)


def test_the_docs_tables_are_the_generated_ones():
    page = (ROOT / PAGE).read_text(encoding="utf-8")
    assert section_of(page) == markdown(), (
        f"{PAGE}'s diagnostics tables differ from builder/common/codes.py: run `{COMMAND}`")
    assert f"--docs {PAGE}" in COMMAND and COMMAND in START


def test_every_code_named_in_the_builder_is_declared():
    used, documented = codes_named(builder_modules())
    unknown = {c: where for c, where in {**documented, **used}.items() if c not in CODES}
    assert not unknown, f"codes not declared in builder/common/codes.py: {unknown}"


def test_every_declared_code_is_written_somewhere():
    used, _ = codes_named(builder_modules())
    assert sorted(set(CODES) - set(used)) == [], "declared but never written by the builder"


def test_a_severity_follows_from_the_first_letter():
    assert {c.severity for c in CODES.values()} == {"error", "warning", "notice"}
    for code, c in CODES.items():
        assert code == c.code
        letter = {"E": "error", "W": "warning", "N": "notice"}[code[0]]
        assert c.severity == letter == severity_of(code)
    with pytest.raises(ValueError, match="not a declared diagnostic code"):
        severity_of("E-NO-SUCH-CODE")
    with pytest.raises(ValueError, match="E-, W- or N-"):
        Code("X-THING", Group.OTHER, "a summary", example="x", fix="y")
    with pytest.raises(ValueError, match="E-, W- or N-"):
        Code("E-thing", Group.OTHER, "a summary", example="x", fix="y")


def test_each_example_is_a_message_of_its_own_code():
    for c in CODES.values():
        assert c.summary and "\n" not in c.summary, c.code
        for example in ([c.example] if c.example else []) + [v.example for v in c.variants]:
            assert f"{c.severity} {c.code}:" in example, (c.code, example)


def test_rows_are_declared_once_and_name_declared_codes():
    a = Code("E-A", Group.OTHER, "a", example="x: error E-A: m", fix="f")
    with pytest.raises(ValueError, match="declared twice"):
        _assemble((a, a))
    with pytest.raises(ValueError, match="not declared before it"):
        _assemble((Variant("E-A", Group.OTHER, example="e", fix="f"), a))
    with pytest.raises(ValueError, match="row_of"):
        _assemble((a, Code("E-B", Group.TEXT, "b", row_of="E-A")))
    with pytest.raises(ValueError, match="not both"):
        Code("E-B", Group.OTHER, "b", example="e", fix="f", row_of="E-A")
    codes = _assemble((a, Variant("E-A", Group.TEXT, label="v", example="e", fix="f"),
                       Code("E-B", Group.OTHER, "b", row_of="E-A")))
    assert [v.label for v in codes["E-A"].variants] == ["v"] and codes["E-B"].row_of == "E-A"


def test_the_tables_show_shared_rows_and_variants():
    text = markdown()
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == \
        [g.value for g in Group]
    assert "| `E-SIGN`, `E-SIGN-ANCHOR`, `E-SIGN-FIELD`, `E-SIGN-CERT` | `trust.p12: error " in text
    assert "| `E-HTML` (sanitiser) | " in text and "| `E-OUT` (import) | " in text
    assert "| ``schools/vine-tree.yml:66: error E-DATE: " in text     # a message with a backtick
    assert "for example `approved: 2025-09-01` `` |" in text
    other = text[text.index("## Other commands"):]
    assert other.count("| `E-OUT` | ") == 1 and "| `E-PATH` (diff) |" in other
    every = set(CODE_IN_TEXT.findall(" ".join(line.split(" | ")[0] for line in text.splitlines())))
    assert every == set(CODES)


def test_the_command_prints_lists_and_rewrites(tmp_path, capsys):
    from builder.common.codes import main
    assert main(["--markdown"]) == 0
    assert capsys.readouterr().out == markdown()
    assert main(["--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == len(CODES) and listed[0].split()[:2] == ["E-PROJECT", "error"]
    page = tmp_path / "diagnostics.md"
    page.write_text(f"# Diagnostics\n\nintro\n\n{START}\nOLD-TABLES\n{END}\n\n"
                    f"## After\n", encoding="utf-8")
    assert main(["--docs", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert section_of(text) == markdown() and "OLD-TABLES" not in text
    assert text.startswith("# Diagnostics\n\nintro\n\n")
    assert text.endswith(f"{END}\n\n## After\n")
    assert with_section(text, markdown()) == text
    with pytest.raises(ValueError, match="codes:start"):
        with_section("# x\n", markdown())
