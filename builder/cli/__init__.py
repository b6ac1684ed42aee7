"""The command line: argument parsing only; each command module hands its work to a Project
and the library below it. A command's modules are imported inside its ``run``, when that
command runs, so ``policypack --help`` and a mistyped option answer without loading the
pipeline, WeasyPrint or MkDocs."""

from builder.cli.main import main

__all__ = ["main"]
