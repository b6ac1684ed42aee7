"""`policypack diff` over a revision whose files include a link or path leading out of the pack:
one E-PATH per entry, exit status 2, no traceback, nothing extracted outside."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support.bad_inputs import copy_small_pack

from builder.cli.main import main


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=t@example.org",
                           "-c", "commit.gpgsign=false", *args], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.parametrize("link", ["absolute", "dotdot", "absolute-in-school-folder"])
def test_a_link_out_of_the_pack_in_a_revision_is_a_diagnostic(tmp_path, capsys, link):
    repo = tmp_path / "repo"
    pack = copy_small_pack(repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    where = {"absolute": pack / "content" / "online-code" / "passwd.md",
             "dotdot": pack / "content" / "escape.md",
             "absolute-in-school-folder": pack / "schools" / "oak" / "online-code" / "extra.md"}[link]
    where.parent.mkdir(parents=True, exist_ok=True)
    target = "/etc/passwd" if link != "dotdot" else "../../../../outside.txt"
    os.symlink(target, where)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v2: a link")
    out = tmp_path / "diff-out"
    capsys.readouterr()
    status = main(["--project", str(pack), "diff", "--from", "HEAD~1", "--to", "HEAD", "--out", str(out),
                   "--no-pdf"])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    rel = where.relative_to(pack).as_posix()
    assert f"{rel}: error E-PATH: at revision 'HEAD' this link to '{target}' leads outside the pack" in err
    assert not (tmp_path / "outside.txt").exists()
