"""The bounds every build works within, so hostile or mistaken input ends with a message
(E-LIMIT) instead of a hang or an exhausted machine.

The defaults suit any real pack many times over; ``settings: limits`` in trust.yml raises (or
lowers) them for the whole pack. The trust file itself is read within the defaults. ``use``
sets the limits of the pack being read (load_pack calls it once trust.yml is checked), and
``current`` gives them to the readers, the template sandbox and the render workers.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Limits:
    file_size_kb: int = 1024          # any one pack file read (YAML, Markdown, snippet)
    yaml_nodes: int = 100_000         # values in one YAML file, every alias counted in full
    template_output_kb: int = 1024    # one rendered text (a section, a form's text)
    render_seconds: int = 300         # one output document (a PDF, a school's site)
    render_memory_mb: int = 2048      # memory one output document may add while it renders
    logo_kb: int = 512                # a school's or the trust's logo file (SVG or PNG)
    check_seconds: int = 120          # every check of the pack, together (check, build, preview)
    import_seconds: int = 120         # reading one copy and pairing it with the master (import)
    import_paragraphs: int = 20_000   # paragraphs (and table rows) of one imported copy
    list_items: int = 200             # entries of any one list in a pack file

    # fixed (not settable): what no policy text needs
    template_loop_items: int = 1_000_000   # items all loops of one text may go through
    template_number_bits: int = 4096       # about 1,200 digits

    def as_dict(self) -> dict:
        return asdict(self)


DEFAULT = Limits()
SETTABLE = ("file_size_kb", "yaml_nodes", "template_output_kb", "render_seconds", "render_memory_mb",
            "logo_kb", "check_seconds", "import_seconds", "import_paragraphs", "list_items")
_current = DEFAULT


def use(limits: Limits | dict | None) -> Limits:
    global _current
    if isinstance(limits, dict):
        limits = Limits(**{k: int(v) for k, v in limits.items() if k in SETTABLE and v is not None})
    _current = limits or DEFAULT
    return _current


@contextlib.contextmanager
def using(limits: Limits | dict | None):
    """``use(limits)`` for the length of a ``with`` block, then the limits before it again."""
    before = _current
    try:
        yield use(limits)
    finally:
        use(before)


def current() -> Limits:
    return _current


def limit_message(what: str, limit: str, setting: str | None = None) -> str:
    where = f" (settings: limits: {setting} in trust.yml)" if setting else ""
    return f"{what}: the limit is {limit}{where}"


class TimeLimit(Exception):
    """A step ran past its time limit (``time_limit``)."""


@contextlib.contextmanager
def time_limit(seconds: int, stop):
    """Run the block for at most ``seconds``: past it, ``stop()`` is called and whatever it
    raises (an E-LIMIT PackError) ends the block. On the main thread a timer interrupts the
    block wherever it is (a regular expression included, which checks for signals as it runs);
    elsewhere (the preview's worker thread) ``over()`` is asked between steps."""
    global _deadline
    before = _deadline
    _deadline = time.monotonic() + seconds
    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def ring(signum, frame):
        raise TimeLimit()

    if timed:
        old = signal.signal(signal.SIGALRM, ring)
        # an enclosing limit that ends sooner rings first (its handler then re-raises outward)
        ends = min(_deadline, before) if before is not None else _deadline
        signal.setitimer(signal.ITIMER_REAL, max(0.001, ends - time.monotonic()))
    try:
        yield
    except TimeLimit:
        if _deadline is not None and time.monotonic() < _deadline:
            raise        # an enclosing limit's time ran out, not this one's
        stop()
        raise
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
            if before is not None:      # an enclosing limit keeps its own time
                signal.setitimer(signal.ITIMER_REAL, max(0.001, before - time.monotonic()))
        _deadline = before


_deadline: float | None = None


def over() -> bool:
    """The time limit of the step under way has passed (see ``time_limit``)."""
    return _deadline is not None and time.monotonic() > _deadline
