"""A process and its descendants, read from /proc (Linux): resident memory, each process's own
peak, and processor time. Used by run.py (a build's or a floor's whole process tree, sampled) and
floor.py (its own tree, before and after the timed rendering)."""

from __future__ import annotations

import os
from dataclasses import dataclass

TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Proc:
    rss: int           # bytes resident now
    hwm: int           # bytes: the process's own peak so far (VmHWM; ru_maxrss gives the same)
    cpu: float         # seconds of processor time (user + system) of the process itself
    cpu_reaped: float  # seconds of its children that have exited and that it has waited for


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += children.get(p, [])
    return found


def read(pid: int) -> Proc | None:
    """One process's figures, or None if it has gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/status") as f:
            status = dict(line.split(":", 1) for line in f if ":" in line)
        # fields[0] is the state (field 3 of proc(5)): utime, stime, cutime, cstime are 14-17
        utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
        return Proc(int(status.get("VmRSS", "0 kB").split()[0]) * 1024,
                    int(status.get("VmHWM", "0 kB").split()[0]) * 1024,
                    (utime + stime) / TICK, (cutime + cstime) / TICK)
    except (OSError, IndexError, ValueError):
        return None


def tree(pid: int) -> dict[int, Proc]:
    """Every process of the tree under ``pid`` (itself included), with its figures."""
    return {p: got for p in descendants(pid) if (got := read(p)) is not None}


def tree_cpu(pid: int) -> float:
    """Processor seconds of the whole tree so far: each live process's own, plus those of the
    exited processes the tree's processes have waited for (a worker replaced by the pool is
    waited for by the forkserver)."""
    return sum(p.cpu + p.cpu_reaped for p in tree(pid).values())
