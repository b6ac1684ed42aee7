"""`policypack serve` with no school says which schools there are, and how to name one."""

from __future__ import annotations

import pytest

from builder.cli import main
from tests.support import ROOT, SCHOOLS

pytestmark = pytest.mark.unit


def test_serve_without_a_school_lists_them(capsys):
    assert main(["--project", str(ROOT), "serve"]) == 2
    err = capsys.readouterr().err
    assert "policypack serve chestnuts" in err
    for sid in SCHOOLS:
        assert sid in err
    assert "Vine Tree Primary" in err and "Traceback" not in err


def test_serve_without_a_school_in_an_unreadable_pack_says_why(tmp_path, capsys):
    assert main(["--project", str(tmp_path / "missing"), "serve"]) == 2
    err = capsys.readouterr().err
    assert "E-PROJECT" in err and "Traceback" not in err
