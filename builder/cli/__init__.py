"""The command line: argument parsing only; each command module hands its work to the pipeline."""

from builder.cli.main import main

__all__ = ["main"]
