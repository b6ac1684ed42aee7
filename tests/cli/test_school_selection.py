"""An id that is not a school gets one message from every command that takes school ids."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.support.bad_inputs import TODAY, copy_small_pack

from builder.cli.main import main
from builder.common.diagnostics import PackError
from builder.common.selection import select_schools

UNKNOWN = ("schools: error E-SCHOOL: no school 'oaks' (schools/oaks.yml); did you mean 'oak'? "
           "schools: oak")


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    """The small pack, committed once (diff reads it from git)."""
    root = copy_small_pack(tmp_path_factory.mktemp("selection") / "pack")
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=str(root.parent),
               GIT_AUTHOR_DATE="2025-01-01T12:00:00Z", GIT_COMMITTER_DATE="2025-01-01T12:00:00Z")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "v1"]):
        subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=t@example.org",
                        "-c", "commit.gpgsign=false", *args], check=True, capture_output=True, env=env)
    return root


COMMANDS = {
    "build": lambda out: ["build", "--out", str(out), "--today", TODAY, "-q", "-j", "1",
                          "--school", "oaks"],
    "check": lambda out: ["check", "--today", TODAY, "--school", "oaks"],
    "diff": lambda out: ["diff", "--from", "HEAD", "--out", str(out), "--school", "oaks"],
    "publish": lambda out: ["publish", "--out", str(out), "--site", str(out.parent / "site"),
                            "--today", TODAY, "-q", "-j", "1", "--school", "oaks"],
    "publish --no-build": lambda out: ["publish", "--no-build", "--out", str(out), "--site",
                                       str(out.parent / "site"), "--school", "oaks"],
    "serve": lambda out: ["serve", "oaks", "--port", "0"],
    "forms prefill": lambda out: ["forms", "prefill", "code-agreement", "--school", "oaks",
                                  "--csv", str(out.parent / "pupils.csv"), "--out", str(out)],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_gives_the_same_message(pack, tmp_path, capsys, command):
    out = tmp_path / "out"
    assert main(["--project", str(pack), *COMMANDS[command](out)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [UNKNOWN, "1 error(s), 0 warning(s), 0 notice(s)"], err
    assert not out.exists()  # stopped before writing anything


def test_every_unknown_id_is_listed_once_with_its_nearest_school():
    with pytest.raises(PackError) as info:
        select_schools(["chestnuts", "edith-cavell", "vine-tree"],
                       ["vine-tree", "chesnuts", "oak", "chesnuts"])
    assert [d.format() for d in info.value.diagnostics] == [
        "schools: error E-SCHOOL: no school 'chesnuts' (schools/chesnuts.yml); did you mean "
        "'chestnuts'? schools: chestnuts, edith-cavell, vine-tree",
        "schools: error E-SCHOOL: no school 'oak' (schools/oak.yml); schools: chestnuts, "
        "edith-cavell, vine-tree"]


def test_the_ids_given_each_once_in_order_else_every_school():
    assert select_schools(["a", "b", "c"], ["c", "a", "c"]) == ["c", "a"]
    assert select_schools(["a", "b", "c"], None) == ["a", "b", "c"]
    assert select_schools(["a", "b", "c"], []) == ["a", "b", "c"]


@pytest.mark.parametrize("where", ["before", "after"])
def test_the_pack_may_be_named_before_or_after_the_command(capsys, tmp_path, where):
    pack = copy_small_pack(tmp_path / "pack")
    args = ["--project", str(pack), "check", "--today", TODAY] if where == "before" else \
        ["check", "--project", str(pack), "--today", TODAY]
    assert main(args) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_every_command_and_option_says_what_it_is_for():
    import argparse
    from builder.cli.main import parser

    def commands(p, name="policypack"):
        yield name, p
        for a in p._actions:
            if isinstance(a, argparse._SubParsersAction):
                for sub_name, sub in a.choices.items():
                    yield from commands(sub, f"{name} {sub_name}")

    silent = []
    for name, p in commands(parser()):
        if not p.description:
            silent.append(f"{name}: no description")
        for a in p._actions:
            if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction)) and not a.help:
                silent.append(f"{name} {'/'.join(a.option_strings) or a.dest}: no help")
    assert not silent, silent
