"""The package is whole: a wheel built from the repository (not an editable install) carries the
default theme, templates, CSS and JavaScript, and builds a pack kept in any folder, with or
without a `themes/` of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, SCHOOLS, pdf_text

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel, built offline from a copy of the repository, unpacked into a folder of its own."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    skip_anywhere = shutil.ignore_patterns(".git", "node_modules", "*.egg-info", "__pycache__")

    def ignore(folder, names):   # the example's outputs and virtualenv, at the top only
        top = {".venv", "site", "build", "dist"} if Path(folder) == ROOT else set()
        return set(skip_anywhere(folder, names)) | (top & set(names))

    shutil.copytree(ROOT, src, ignore=ignore)
    wheels = tmp / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(src)], check=True, capture_output=True, text=True)
    wheel = next(wheels.glob("policypack-*.whl"))
    target = tmp / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True, capture_output=True, text=True)
    return target


def run_installed(target: Path, cwd: Path, *args) -> subprocess.CompletedProcess:
    """policypack from the unpacked wheel, never from the repository: the wheel's folder comes
    first on the path, and the command runs outside the repository."""
    env = dict(os.environ, PYTHONPATH=str(target))
    code = ("import sys, builder; assert builder.__file__.startswith(sys.argv[1]), builder.__file__;"
            "from builder.cli import main; sys.exit(main(sys.argv[2:]))")
    return subprocess.run([sys.executable, "-c", code, str(target), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def pack_without_theme(pack: Path) -> Path:
    """The example pack's own files only: trust.yml, content/, forms/ and schools/."""
    pack.mkdir()
    shutil.copy2(ROOT / "trust.yml", pack / "trust.yml")
    for part in ("content", "forms", "schools"):
        shutil.copytree(ROOT / part, pack / part)
    return pack


def test_wheel_carries_theme_templates_css_and_javascript(installed):
    files = {p.relative_to(installed).as_posix() for p in (installed / "builder").rglob("*") if p.is_file()}
    for needed in ("builder/render/site/theme/main.html", "builder/render/site/theme/mkdocs_theme.yml",
                   "builder/render/site/theme/css/theme.css", "builder/render/site/theme/js/search.js",
                   "builder/render/site/theme/js/nav.js", "builder/render/policy/policy.css",
                   "builder/render/policy/policy_pdf.html", "builder/render/form/form.css",
                   "builder/diff/redline.css"):
        assert needed in files, f"{needed} is not in the wheel"
    # every data file in the source tree is in the wheel
    source = {p.relative_to(ROOT).as_posix() for p in (ROOT / "builder").rglob("*")
              if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")}
    assert source - files == set()


def test_wheel_builds_a_pack_with_no_theme_of_its_own(installed, tmp_path):
    pack = pack_without_theme(tmp_path / "mytrust")
    assert not (pack / "themes").exists()
    done = run_installed(installed, pack, "build", "--today", "2026-11-21", "--quiet")
    assert done.returncode == 0, done.stderr
    site = pack / "site"
    for school in SCHOOLS:
        assert (site / school / "index.html").is_file()
        assert (site / school / "css" / "theme.css").is_file()
        assert "Social Media Policy" in pdf_text(site / school / "pdf" / "social-media.pdf")
        assert sorted(p.name for p in (site / school / "forms").glob("*.pdf"))
    assert (site / "index.html").is_file()
    check = run_installed(installed, pack, "check", "--today", "2026-11-21")
    assert check.returncode in (0, 1), check.stderr
    assert "error(s)" in check.stdout + check.stderr


def test_wheel_uses_a_packs_own_theme(installed, tmp_path):
    pack = pack_without_theme(tmp_path / "themed")
    theme = pack / "themes" / "policypack"
    shutil.copytree(installed / "builder" / "render" / "site" / "theme", theme)
    css = theme / "css" / "theme.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* the trust's own theme */\n", encoding="utf-8")
    done = run_installed(installed, pack, "build", "--today", "2026-11-21", "--quiet",
                         "--school", "vine-tree")
    assert done.returncode == 0, done.stderr
    assert "the trust's own theme" in (pack / "site" / "vine-tree" / "css" / "theme.css").read_text(
        encoding="utf-8")


def test_wheel_starts_checks_builds_and_serves_a_new_pack(installed, tmp_path):
    """From the wheel alone: policypack new, then check, build and serve in the new pack."""
    import socket
    import time
    import urllib.request

    made = run_installed(installed, tmp_path, "new", "mytrust", "--school-name", "Oak Hill Primary",
                         "--today", "2026-11-21")
    assert made.returncode == 0, made.stderr
    pack = tmp_path / "mytrust"
    kept = sorted((pack / ".policypack").glob("policypack-*.whl"))   # installed from a wheel file:
    assert len(kept) == 1, made.stdout                                # the pack keeps that wheel
    workflow = (pack / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert f'POLICYPACK: "./.policypack/{kept[0].name}"' in workflow
    check = run_installed(installed, pack, "check", "--today", "2026-11-21")
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_installed(installed, pack, "build", "--today", "2026-11-21", "--quiet")
    assert build.returncode == 0, build.stderr
    assert "Oak Hill Primary" in pdf_text(pack / "site" / "oak-hill-primary" / "pdf" / "online-safety.pdf")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(installed))
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from builder.cli import main; "
                             "sys.exit(main(sys.argv[1:]))", "serve", "oak-hill-primary",
                             "--port", str(port)], cwd=pack, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/oak-hill-primary/index.html",
                                            timeout=5) as r:
                    page = r.read().decode("utf-8")
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "serve never answered"
                time.sleep(0.3)
        assert "Oak Hill Primary" in page and "Online Safety Policy" in page
    finally:
        proc.terminate()
        proc.wait(timeout=60)      # it stops its PDF build first, slow on a loaded machine
