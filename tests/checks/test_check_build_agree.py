"""`policypack check` and `policypack build` agree: over the bad-input table and a set of packs
with broken form text, the errors `check` reports are exactly the errors `build` stops on, by
(code, file, line, school); `check` exits 1 on the text (2 when the pack cannot be read, as the
build does), and names every school an error concerns.

Both commands run the same resolution (a school's policies and its forms, resolve/school.py and
resolve/forms.py) and the same checks, so a pack `check` calls clean is a pack that builds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.bad_inputs import CASES, TODAY, copy_small_pack, sub, write

from builder.cli.main import main

FORM = "forms/code-agreement.yml"
SCHOOLS = ("oak", "elm", "ash")
# outputs, not text: the theme is rendered by MkDocs, which only the build runs
RENDERING_ONLY = {"theme-template-error", "theme-symlink-outside", "theme-sandbox"}


def three_schools(p: Path) -> None:
    """The small pack with two more schools like oak (elm with a motto, ash without)."""
    oak = (p / "schools/oak.yml").read_text(encoding="utf-8")
    people = (("Kit Lowe", "Dee Hart"), ("Ray Moss", "Ana Lim"))
    for n, (sid, name) in enumerate((("elm", "Elm Primary"), ("ash", "Ash Primary"))):
        # each school its own phone and people: the same ones would be another school's details
        text = oak.replace("Oak Primary", name).replace("short_name: Oak", f"short_name: {name[:3]}") \
                  .replace("oak.example", f"{sid}.example").replace("960300", f"96031{n}") \
                  .replace("Jo Park", people[n][0]).replace("Sam Reid", people[n][1])
        write(p, f"schools/{sid}.yml", text)
    sub(p, "schools/elm.yml", "phone:", "motto: Growing together\nphone:")
    sub(p, "schools/oak.yml", "phone:", "motto: Reaching high\nphone:")


def form_field(p: Path, line: str) -> None:
    """One more field at the end of the form's only section."""
    sub(p, FORM, "      - {name: signature,", line + "\n      - {name: signature,")


# id -> break the pack (after three_schools); the schools the errors must name
FORM_CASES = {
    "introduction-every-school": (
        lambda p: sub(p, FORM, "introduction: Everyone at {{ school.name }}",
                      "introduction: Everyone at {{ school.no_such_value }}"), SCHOOLS),
    "introduction-one-school": (
        lambda p: sub(p, FORM, "introduction: Everyone at {{ school.name }} signs this form.",
                      "introduction: Everyone at {{ school.name }} ({{ school.motto }}) signs this form."),
        ("ash",)),
    "return-every-school": (
        lambda p: sub(p, FORM, "{{ school.email }}", "{{ school.office_email }}"), SCHOOLS),
    "notes-every-school": (
        lambda p: sub(p, FORM, "sections:\n", "notes: |\n  Kept by {{ school.bursar }}.\nsections:\n"),
        SCHOOLS),
    "label-every-school": (
        lambda p: sub(p, FORM, "label: I agree to follow the online code",
                      "label: 'I agree to follow the code of {{ school.nmae }}'"), SCHOOLS),
    "label-one-school": (
        lambda p: sub(p, FORM, "label: Your full name", 'label: "Your full name ({{ school.motto }})"'),
        ("ash",)),
    "section-text-every-school": (
        lambda p: sub(p, FORM, "    title: Agreement\n",
                      "    title: Agreement\n    text: |\n      Read it first.\n\n      Then ask {{ school.head }}.\n"),
        SCHOOLS),
    "bad-ref-section": (
        lambda p: sub(p, FORM, "introduction: Everyone at {{ school.name }} signs this form.",
                      'introduction: Everyone at {{ school.name }} signs this form ({{ ref("no-such-section") }}).'),
        SCHOOLS),
    "bad-ref-form": (
        lambda p: sub(p, FORM, "return: Hand the signed form",
                      'return: Keep {{ ref("form:no-such-form") }}. Hand the signed form'), SCHOOLS),
    "for-each-missing-list": (
        lambda p: form_field(p, "      - {name: photos, type: yesno, for_each: photo_places, key: place, "
                                "label: 'Photos on {{ item.place }}'}"), SCHOOLS),
    "for-each-list-in-one-school-only": (
        lambda p: (form_field(p, "      - {name: photos, type: yesno, for_each: photo_places, key: place, "
                                 "label: 'Photos on {{ item.place }}'}"),
                   sub(p, "schools/oak.yml", "roles:", "lists:\n  photo_places: [{place: Website}]\nroles:"),
                   sub(p, "schools/elm.yml", "roles:", "lists:\n  photo_places: [{place: Website}]\nroles:")),
        ("ash",)),
    "options-from-missing-list": (
        lambda p: form_field(p, "      - {name: clubs, type: choice, options_from: clubs, option: title, "
                                "label: Clubs}"), SCHOOLS),
    "several-form-errors": (
        lambda p: (sub(p, FORM, "introduction: Everyone at {{ school.name }}",
                       "introduction: Everyone at {{ school.motto }}"),
                   sub(p, FORM, "label: Signed by", "label: 'Signed by {{ trust.chair }}'")),
        SCHOOLS),
}

DIAG = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?P<severity>error|warning|notice) "
                  r"(?P<code>[EWN]-[A-Z0-9-]+): ")
SCHOOL_AT_END = re.compile(r" \[(?P<school>[a-z0-9]+(?:-[a-z0-9]+)*)\]$")


def parse_text(text: str) -> set[tuple]:
    """(code, path, line, school) of every error in compiler-style output (a message may run
    over several lines: the school is at the end of its last)."""
    found, current = [], None
    for line in text.splitlines():
        m = DIAG.match(line)
        if m:
            current = [m, line]
            found.append(current)
        elif current is not None and not re.match(r"^\d+ error\(s\)", line):
            current[1] += "\n" + line
    errors = set()
    for m, whole in found:
        if m["severity"] != "error":
            continue
        s = SCHOOL_AT_END.search(whole)
        errors.add((m["code"], m["path"], int(m["line"]) if m["line"] else None, s["school"] if s else None))
    return errors


def check(pack: Path, capsys) -> tuple[int, set[tuple]]:
    capsys.readouterr()
    status = main(["--project", str(pack), "check", "--format", "json", "--today", TODAY])
    out = capsys.readouterr().out
    diags = json.loads(out)
    return status, {(d["code"], d["path"], d["line"], d["school"]) for d in diags if d["severity"] == "error"}


def build(pack: Path, out: Path, capsys) -> tuple[int, set[tuple], str]:
    capsys.readouterr()
    status = main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-j", "1", "-q"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, parse_text(err), err


def agree(pack: Path, tmp_path: Path, capsys) -> set[tuple]:
    status_c, from_check = check(pack, capsys)
    status_b, from_build, err = build(pack, tmp_path / "site", capsys)
    assert status_b == 2, err
    assert from_build, err
    assert from_check == from_build, (f"only check: {sorted(from_check - from_build, key=str)}\n"
                                      f"only build: {sorted(from_build - from_check, key=str)}")
    # 2 when the pack cannot be read (neither command gets as far as the text), else 1
    assert status_c == (1 if readable(pack) else 2), err
    return from_check


def readable(pack: Path) -> bool:
    from builder.common.diagnostics import PackError
    from builder.source.load import load_pack
    try:
        load_pack(pack)
    except PackError:
        return False
    return True


@pytest.mark.parametrize("case", sorted(set(CASES) - RENDERING_ONLY))
def test_check_reports_what_build_stops_on(case, tmp_path, capsys):
    mutate, _ = CASES[case]
    pack = copy_small_pack(tmp_path / "pack")
    mutate(pack, tmp_path)
    agree(pack, tmp_path, capsys)


@pytest.mark.parametrize("case", sorted(FORM_CASES))
def test_form_text_errors_agree_and_name_every_school(case, tmp_path, capsys):
    mutate, schools = FORM_CASES[case]
    pack = copy_small_pack(tmp_path / "pack")
    three_schools(pack)
    mutate(pack)
    errors = agree(pack, tmp_path, capsys)
    status, _ = check(pack, capsys)
    assert status == 1
    assert {e[1] for e in errors} == {FORM}, errors
    assert {e[3] for e in errors} == set(schools), errors


# The build runs a school's checks only when its text resolved, and when any school's text did
# not, stops on the resolver's errors alone (build/pipeline.py); `check` reports every finding.
@pytest.mark.parametrize("case", ["same-school", "other-school"])
def test_text_and_check_errors_together_agree(case, tmp_path, capsys):
    pack = copy_small_pack(tmp_path / "pack")
    three_schools(pack)
    # a role the form names that no school has: E-UNDEFINED (text) and E-ROLE-MISSING (check)
    if case == "same-school":
        sub(pack, FORM, "sections:\n", "notes: Kept by {{ roles.bursar.name }}.\nsections:\n")
    else:   # ash's text does not resolve; elm has a role without a contact
        sub(pack, FORM, "introduction: Everyone at {{ school.name }}",
            "introduction: Everyone at {{ school.motto or school.nmae }}")
        sub(pack, "schools/elm.yml", ", email: dsl@elm.example}", "}")
    agree(pack, tmp_path, capsys)


def test_the_three_school_pack_is_clean(tmp_path, capsys):
    pack = copy_small_pack(tmp_path / "pack")
    three_schools(pack)
    status, errors = check(pack, capsys)
    assert (status, errors) == (0, set())
    assert main(["--project", str(pack), "build", "--out", str(tmp_path / "site"), "--today", TODAY,
                 "-j", "1", "-q"]) == 0
