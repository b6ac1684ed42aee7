"""`policypack doctor` says whether this machine can build, and for what is missing, the fix for
this operating system: here everything is found; with Pango missing (a WeasyPrint that cannot
load it, as on a machine without the library) it names Pango and the command that installs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

pytestmark = pytest.mark.unit


def doctor(extra_path: Path | None = None) -> subprocess.CompletedProcess:
    path = os.pathsep.join(str(p) for p in (extra_path, ROOT) if p)
    return subprocess.run([sys.executable, "-m", "builder", "doctor"], cwd=ROOT, text=True,
                          capture_output=True, timeout=120, env=dict(os.environ, PYTHONPATH=path))


def test_doctor_passes_here():
    done = doctor()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Ready to build." in done.stdout
    assert "Pango" in done.stdout and "NO " not in done.stdout


def test_doctor_names_the_fix_when_pango_is_missing(tmp_path):
    fake = tmp_path / "weasyprint"
    (fake / "text").mkdir(parents=True)
    (fake / "__init__.py").write_text("", encoding="utf-8")
    (fake / "text" / "__init__.py").write_text("", encoding="utf-8")
    (fake / "text" / "ffi.py").write_text(   # what cffi raises when the library is not there
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open "
        "shared object file: No such file or directory\")\n", encoding="utf-8")
    done = doctor(tmp_path)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    [pango] = [n for n, line in enumerate(lines) if line.startswith("NO ") and "Pango" in line]
    assert "cannot load library" in lines[pango]
    fix = lines[pango + 1]
    assert fix.strip().startswith("fix:") and ("pango" in fix.lower() or "WSL" in fix)
    assert "Traceback" not in done.stderr
