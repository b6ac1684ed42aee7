"""What the preview and its server share: each served page's hash, the errors shown over the
pages, and the condition every waiting page wakes on (``PreviewState``); a page's name as both
use it (``page_key``)."""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field

from builder.common.diagnostics import Diagnostic


def page_key(rel: str) -> str:
    """A served page's name as the server and its pages use it: ``school/dir/index.html``."""
    rel = rel.strip("/")
    return rel + "/index.html" if rel and not rel.endswith(".html") and "." not in rel.rsplit("/", 1)[-1] \
        else (rel or "index.html")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class PreviewState:
    """What the server reads, guarded by one condition: every waiting page wakes on a change."""

    pages: dict[str, str] = field(default_factory=dict)   # served page -> hash of its bytes
    assets: str = ""                                       # hash of the other files pages load
    errors: list[Diagnostic] = field(default_factory=list)
    pages_done: int = 0      # refreshes of the pages that wrote the served folder
    pdfs_done: int = -1      # the pages' refresh whose PDFs are in the served folder
    pdfs_wanted: int = -1    # the last refresh the PDF build was asked for
    stopping: bool = False
    cond: threading.Condition = field(default_factory=threading.Condition)

    def error_key(self) -> str:
        return digest(json.dumps([d.to_json() for d in self.errors], sort_keys=True).encode())

    def token(self, page: str) -> str:
        """Changes when the page's bytes, the theme's files or the error state change."""
        return digest(f"{self.pages.get(page, 'missing')} {self.assets} {self.error_key()}".encode())

    def wait(self, page: str, token: str, timeout: float) -> tuple[bool, str]:
        """(changed, current token): returns as soon as ``page``'s token is not ``token``."""
        with self.cond:
            self.cond.wait_for(lambda: self.stopping or self.token(page) != token, timeout)
            now = self.token(page)
            return now != token, now

    def wait_for_pdfs(self, timeout: float) -> bool:
        """Wait until the PDFs of the last refresh are in place (or their build gave up)."""
        with self.cond:
            return self.cond.wait_for(lambda: self.stopping or self.pdfs_done >= self.pdfs_wanted,
                                      timeout)
