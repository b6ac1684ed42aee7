"""How much address space this process holds, and a limit on how much more it may take: the
renderer's budget (build/workers.py) and the returned-forms reader (returns/reader.py) both give a
process a number of megabytes on top of what it already holds (a forked process inherits its
parent's, which in a large process can be most of a fixed cap)."""

from __future__ import annotations


def address_space() -> int | None:
    """This process's address space in bytes (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/statm") as f:
            import resource
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, ImportError):
        return None


def soft_limit(which: int, cap: int):
    """Set resource ``which``'s soft limit to ``cap`` (never at or past its hard limit). Returns
    the limit to put back, or None where none was set."""
    try:
        import resource
        old = resource.getrlimit(which)
        if old[1] != resource.RLIM_INFINITY and cap >= old[1]:
            return None
        resource.setrlimit(which, (cap, old[1]))
        return old
    except (ImportError, ValueError, OSError):
        return None


def limit_growth(extra_bytes: int):
    """Let this process take at most ``extra_bytes`` more address space (RLIMIT_AS). Returns the
    limit to put back, or None where none was set (no /proc, no resource module, a lower hard
    limit already)."""
    try:
        import resource
    except ImportError:
        return None
    used = address_space()
    return None if used is None else soft_limit(resource.RLIMIT_AS, used + extra_bytes)
