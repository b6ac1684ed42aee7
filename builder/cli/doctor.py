"""``policypack doctor``: is this machine ready to build? Python, the Pango library WeasyPrint
draws text with (and its version), git (for diffs and imports of a pack's history), and the
fonts every PDF is set in. Each problem comes with the fix for this operating system.

Exit status 0 when everything is there, 1 when something is missing.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PYTHON = (3, 11)
PANGO = (1, 44)          # the oldest Pango WeasyPrint draws with


def register(sub) -> None:
    p = sub.add_parser("doctor", help="check this machine can build: Python, Pango, git, fonts",
                       description="Check that this machine has what policypack needs (Python, "
                                   "the Pango library, git, the PDF fonts) and print the fix for "
                                   "this operating system for anything missing. Exit status 0 "
                                   "when ready, 1 when something is missing.")
    p.set_defaults(handler=run)


@dataclass(frozen=True)
class Finding:
    what: str
    ok: bool
    said: str            # the version found, or what is wrong
    fix: str = ""


def _system() -> str:
    """'debian' (and Ubuntu), 'fedora', 'macos', 'windows', 'wsl' or 'linux'."""
    name = platform.system()
    if name == "Darwin":
        return "macos"
    if name == "Windows":
        return "windows"
    release = platform.release().lower()
    try:
        os_release = Path("/etc/os-release").read_text(encoding="utf-8").lower()
    except OSError:
        os_release = ""
    if "microsoft" in release:
        return "wsl"
    if "debian" in os_release or "ubuntu" in os_release:
        return "debian"
    if "fedora" in os_release or "rhel" in os_release:
        return "fedora"
    return "linux"


FIXES = {
    "pango": {
        "debian": "sudo apt install libpango-1.0-0 libpangoft2-1.0-0",
        "wsl": "sudo apt install libpango-1.0-0 libpangoft2-1.0-0",
        "fedora": "sudo dnf install pango",
        "macos": "brew install pango   (Homebrew: https://brew.sh), then reinstall policypack "
                 "with pipx",
        "windows": "use WSL (wsl --install, then the Ubuntu instructions in the docs' Install "
                   "page), or let the pack's GitHub workflow build it with nothing installed",
        "linux": "install Pango 1.44 or newer with your system's package manager",
    },
    "git": {
        "debian": "sudo apt install git", "wsl": "sudo apt install git",
        "fedora": "sudo dnf install git", "macos": "xcode-select --install   (or brew install git)",
        "windows": "install Git for Windows (https://git-scm.com), or use WSL",
        "linux": "install git with your system's package manager",
    },
    "python": {
        "debian": "sudo apt install python3 python3-venv   (Python 3.11 or newer)",
        "wsl": "sudo apt install python3 python3-venv   (Python 3.11 or newer)",
        "fedora": "sudo dnf install python3", "macos": "brew install python@3.12",
        "windows": "use WSL, or install Python 3.11 or newer from python.org",
        "linux": "install Python 3.11 or newer",
    },
}


def _pango() -> tuple[tuple[int, int] | None, str]:
    """Pango's version as WeasyPrint loads it, or None and why it would not load."""
    try:
        from weasyprint.text.ffi import pango
        number = int(pango.pango_version())
    except (OSError, ImportError, AttributeError) as exc:
        return None, " ".join(str(exc).split())[:200] or type(exc).__name__
    return (number // 10000, number // 100 % 100), f"{number // 10000}.{number // 100 % 100}.{number % 100}"


def _git() -> str | None:
    path = shutil.which("git")
    if not path:
        return None
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def findings() -> list[Finding]:
    from builder.common.fonts import FONT_FILES, FONTS_DIR
    system = _system()
    out = []
    py = sys.version_info[:2]
    out.append(Finding("Python", py >= PYTHON, platform.python_version(),
                       "" if py >= PYTHON else FIXES["python"][system]))
    version, said = _pango()
    good = version is not None and version >= PANGO
    if version is not None and not good:
        said += f" (policypack needs {PANGO[0]}.{PANGO[1]} or newer)"
    out.append(Finding("Pango (draws the PDFs' text)", good,
                       said if version is not None else f"not found: {said}",
                       "" if good else FIXES["pango"][system]))
    git = _git()
    out.append(Finding("git (diffs, the workflow)", git is not None, git or "not found",
                       "" if git else FIXES["git"][system]))
    missing = [name for name in FONT_FILES if not (FONTS_DIR / name).is_file()]
    out.append(Finding("Fonts (Atkinson Hyperlegible Next)", not missing,
                       "all four files" if not missing else "missing: " + ", ".join(missing),
                       "" if not missing else "reinstall policypack: its fonts travel with it"))
    return out


def run(args) -> int:
    found = findings()
    for f in found:
        print(f"{'ok ' if f.ok else 'NO '} {f.what}: {f.said}")
        if not f.ok:
            print(f"     fix: {f.fix}")
    bad = [f for f in found if not f.ok]
    print("Ready to build." if not bad else
          f"{len(bad)} thing(s) to fix before policypack can build on this machine.")
    return 1 if bad else 0
