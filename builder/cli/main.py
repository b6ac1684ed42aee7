"""The command line: parse arguments, call the pipeline, print diagnostics. Nothing else.

Each command lives in its own module in ``builder/cli/`` with ``register(subparsers)``; its handler returns the exit
status. A PackError anywhere prints compiler-style diagnostics and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder import __version__
from builder.cli import (import_, build, check, diff, doctor, forms, merge, new, publish, schema,
                         serve, verify)
from builder.common.diagnostics import PackError, error, format_text, wrapped_pack_error

# The commands, in the order `policypack --help` lists them. Each module is imported by name: a
# renamed or missing one fails here, loudly, instead of vanishing from --help.
COMMANDS = (new, check, build, serve, diff, forms, verify, publish, merge, schema, import_, doctor)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="policypack", description="One trust's policy text, every "
                                "school's published policy pack: websites, signed policy PDFs, "
                                "fillable forms, changelogs, diffs and checks.")
    p.add_argument("--version", action="version", version=f"policypack {__version__}")
    p.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                   help="the pack directory (default: the current directory)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    _project_after_the_command(sub)
    return p


def _project_after_the_command(sub) -> None:
    """``--project`` is read after a command's name too (``policypack check --project DIR``), in
    every command and sub-command; given there, it wins over one given before. A command whose
    parser has no description of its own is described by its line in ``policypack --help``."""
    said = {a.dest: a.help for a in sub._choices_actions}     # what `policypack --help` says of each
    for name, command in sub.choices.items():
        if command.description is None and said.get(name):   # ... and its own --help too
            command.description = said[name][:1].upper() + said[name][1:] + "."
    for command in dict.fromkeys(sub.choices.values()):
        if not any("--project" in a.option_strings for a in command._actions):
            command.add_argument("--project", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                                 help="the pack directory (default: the current directory)")
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _project_after_the_command(action)


def main(argv=None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not getattr(args, "handler", None):
        p.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except PackError as exc:
        print(format_text(exc.diagnostics), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a folder that cannot be written, a disk that is full
        where = exc.filename or "policypack"
        print(format_text([error(str(where), None, "E-IO", f"cannot read or write: {exc.strerror or exc}")]),
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("policypack: interrupted; the previous output is left as it was", file=sys.stderr)
        return 130
    except SystemExit:
        raise
    except BaseException as exc:  # a PackError a library wrapped (WeasyPrint's fetch errors)
        found = wrapped_pack_error(exc)
        if found is None:
            raise
        print(format_text(found.diagnostics), file=sys.stderr)
        return 2
