"""``python -m builder``: the policypack command.

``python -m`` puts the folder it is run from first on the module path; it goes last here, before
anything is imported, so a file in a pack's folder named like a library this tool uses ("docx.py",
"yaml.py") is never run in its place, in this process or in the render workers, which start with
this process's module path. (The installed ``policypack`` command never has that folder on it.)
"""

import os
import sys

_here = {"", ".", os.getcwd()}
sys.path[:] = [p for p in sys.path if p not in _here] + [p for p in sys.path if p in _here]

from builder.cli.main import main  # noqa: E402  (after the module path is set)

raise SystemExit(main())
