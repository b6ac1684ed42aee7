"""When each line of a pack file was written, as the pack's git history tells it.

``line_ages(root, relpath)`` maps each line number of the file to the time (seconds since the
epoch) of the commit that last wrote it, a line changed in the working tree and not yet committed
counting as the newest of all; None when the pack is in no git repository, git is not installed,
or the file is not tracked. Used to tell which of two files holding one value copied it: the
newer line is the copy (checks/other_school.py). Nothing is kept between runs: a preview that
checks again after an edit or a commit reads the history as it is then.
"""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

GIT_TIMEOUT = 10      # seconds one ``git blame`` may take before the history is taken as unknown


def line_ages(root: Path, relpath: str) -> dict[int, float] | None:
    try:
        done = subprocess.run(["git", "-C", str(root), "blame", "--porcelain", "--", relpath],
                              capture_output=True, text=True, check=False, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    ages: dict[int, float] = {}
    times: dict[str, float] = {}
    sha, line = "", 0
    for row in done.stdout.splitlines():
        if row.startswith("\t"):
            ages[line] = times.get(sha, math.inf)
            continue
        parts = row.split()
        if len(parts) >= 3 and len(parts[0]) == 40 and parts[1].isdigit() and parts[2].isdigit():
            sha, line = parts[0], int(parts[2])
            if set(sha) == {"0"}:
                times[sha] = math.inf        # not committed yet: the newest
        elif parts and parts[0] == "committer-time" and len(parts) == 2 and sha not in times:
            times[sha] = float(parts[1])
    return ages


def line_age(root: Path, shown: str, read: dict[str, dict[int, float] | None]) -> float | None:
    """The age of the line a ``file:line`` reference names (see ``line_ages``); ``read`` holds the
    files' ages already read in this run, so each file is read once."""
    path, _, line = shown.rpartition(":")
    if not path or not line.isdigit():
        return None
    if path not in read:
        read[path] = line_ages(Path(root), path)
    ages = read[path]
    return None if ages is None else ages.get(int(line))
