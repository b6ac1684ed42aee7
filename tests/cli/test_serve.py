"""`policypack serve` previews one school's site and rebuilds it when a file changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from tests.support import copy_pack


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_shows_the_school_and_picks_up_an_edit(tmp_path):
    pack = copy_pack(tmp_path / "pack")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "builder", "--project", str(pack), "serve",
                             "vine-tree", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/vine-tree/index.html"
        assert "Vine Tree Primary" in fetch(url)
        school = pack / "schools" / "vine-tree.yml"
        school.write_text(school.read_text().replace("name: Vine Tree Primary", "name: Vine Tree Primary Academy", 1))
        deadline = time.monotonic() + 60
        while "Vine Tree Primary Academy" not in fetch(url):
            assert time.monotonic() < deadline, "the edit never reached the preview"
            time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
