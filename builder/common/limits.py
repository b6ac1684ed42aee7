"""The bounds every build works within, so hostile or mistaken input ends with a message
(E-LIMIT) instead of a hang or an exhausted machine.

The defaults suit any real pack many times over; ``settings: limits`` in trust.yml raises (or
lowers) them for the whole pack. The trust file itself is read within the defaults. ``use``
sets the limits of the pack being read (load_pack calls it once trust.yml is checked), and
``current`` gives them to the readers, the template sandbox and the render workers.
"""

from __future__ import annotations

import contextlib

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Limits:
    file_size_kb: int = 1024          # any one pack file read (YAML, Markdown, snippet)
    yaml_nodes: int = 100_000         # values in one YAML file, every alias counted in full
    template_output_kb: int = 1024    # one rendered text (a section, a form's text)
    render_seconds: int = 300         # one output document (a PDF, a school's site)
    render_memory_mb: int = 2048      # memory one output document may add while it renders
    logo_kb: int = 512                # a school's or the trust's logo file (SVG or PNG)

    # fixed (not settable): what no policy text needs
    template_loop_items: int = 1_000_000   # items all loops of one text may go through
    template_number_bits: int = 4096       # about 1,200 digits

    def as_dict(self) -> dict:
        return asdict(self)


DEFAULT = Limits()
SETTABLE = ("file_size_kb", "yaml_nodes", "template_output_kb", "render_seconds", "render_memory_mb",
            "logo_kb")
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
