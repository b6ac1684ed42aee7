"""Where the publishing workflow installs policypack from: exactly where this copy came from.

Never a bare name an index could serve (whoever registered the name would run code in every
trust's publishing job). In order:

1. ``--policypack-source`` as given: a git URL over https at a full commit
   (``policypack @ git+https://host/org/policypack@<40 hex>``) or a wheel file, which is copied
   into the pack's ``.policypack/`` folder and installed from there;
2. what pip recorded when it installed this copy (PEP 610's ``direct_url.json``): a git URL at a
   commit, or a wheel file (copied into the pack as above);
3. the git checkout this copy runs from (an editable install from a clone): its ``origin``
   remote at the checked-out commit, when the remote is https and the package's files have no
   uncommitted changes;
4. otherwise nothing: the workflow's install step stops with a message naming the line to set,
   and ``policypack new`` says so.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from builder.common.diagnostics import PackError, error

WHEEL_FOLDER = ".policypack"
_GIT_SPEC = re.compile(r"policypack @ git\+https://[\w.-]+(?::\d+)?/[\w.~/-]+@[0-9a-f]{40}")
_WHEEL_NAME = re.compile(r"policypack-[\w.]+-py3-none-any\.whl")
_SSH_REMOTE = re.compile(r"git@([\w.-]+):([\w.~/-]+?)(?:\.git)?")


@dataclass(frozen=True)
class Source:
    spec: str          # what `pip install` is given in the workflow ('' when unknown)
    said: str          # one sentence for `policypack new` to print


def _git_spec(url: str, commit: str) -> str | None:
    m = _SSH_REMOTE.fullmatch(url)
    if m:
        url = f"https://{m[1]}/{m[2]}"
    url = url.removesuffix("/")
    spec = f"policypack @ git+{url}@{commit}"
    return spec if _GIT_SPEC.fullmatch(spec) else None


def _keep_wheel(wheel: Path, dest: Path) -> Source:
    if not (wheel.is_file() and _WHEEL_NAME.fullmatch(wheel.name)):
        raise PackError(error("--policypack-source", None, "E-ARG",
                              f"'{wheel}' is not a policypack wheel file (policypack-<version>-"
                              f"py3-none-any.whl)"))
    folder = dest / WHEEL_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(wheel, folder / wheel.name)
    spec = f"./{WHEEL_FOLDER}/{wheel.name}"
    return Source(spec, f"the publishing workflow installs policypack from the wheel it keeps "
                        f"in {WHEEL_FOLDER}/ ({wheel.name}); commit that file")


def _recorded() -> dict:
    from importlib import metadata
    try:
        return json.loads(metadata.distribution("policypack").read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        return {}


def _checkout() -> str | None:
    """The origin remote at HEAD of the git checkout this package runs from, if it is one and
    the package's files are as committed."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file() or not (root / ".git").exists():
        return None

    def git(*args) -> str:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              timeout=30)
        return done.stdout.strip() if done.returncode == 0 else ""

    try:
        url, commit = git("remote", "get-url", "origin"), git("rev-parse", "HEAD")
        dirty = git("status", "--porcelain", "--", "builder", "pyproject.toml")
    except (OSError, subprocess.SubprocessError):
        return None
    if not url or not re.fullmatch(r"[0-9a-f]{40}", commit) or dirty:
        return None
    return _git_spec(url, commit)


def policypack_source(dest: Path, given: str | None = None) -> Source:
    """The source for a new pack in ``dest``, a wheel copied into it where that is the source."""
    if given is not None:
        if given.endswith(".whl"):
            return _keep_wheel(Path(given), dest)
        if not _GIT_SPEC.fullmatch(given):
            raise PackError(error("--policypack-source", None, "E-ARG",
                                  f"'{given}' is not a pinned source: give a wheel file, or "
                                  f"'policypack @ git+https://<host>/<org>/policypack@<full "
                                  f"commit>' (never a bare name an index could serve)"))
        return Source(given, f"the publishing workflow installs {given}")
    direct = _recorded()
    url, vcs = str(direct.get("url", "")), direct.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and vcs.get("commit_id"):
        spec = _git_spec(url, str(vcs["commit_id"]))
        if spec:
            return Source(spec, f"the publishing workflow installs {spec}, where this copy came "
                                f"from")
    if "archive_info" in direct and url.startswith("file://") and url.endswith(".whl"):
        return _keep_wheel(Path(unquote(urlparse(url).path)), dest)
    spec = _checkout()
    if spec:
        return Source(spec, f"the publishing workflow installs {spec}, the commit this copy "
                            f"runs from")
    return Source("", "could not tell where this copy of policypack came from: set POLICYPACK in "
                      ".github/workflows/publish.yml (or run new again with --policypack-source) "
                      "before the first push")
