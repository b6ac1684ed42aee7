"""``policypack serve``'s preview: the school's web pages first, its PDFs after.

On an edit, the preview reads the pack, resolves the one school and runs MkDocs on its pages
(the same ``site_inputs`` and ``mkdocs_build`` calls, at the same source date, as the build's
site builder, so the pages are the build's byte for byte), then writes only the files whose
bytes changed into the served folder. The page shows the edit after that; the checks run next
(their errors join the overlay), and the PDFs are made last, by an ordinary incremental build of
the school in a separate process and folder (so only the PDFs the edit reaches are rendered
again). The PDFs are copied into the served folder when that build is done, unless a newer edit
came in meanwhile (then the next build follows). A PDF asked for while its build is still
running is served when the build is done.

The state the server reads (``PreviewState``): each page's hash, the diagnostics of severity
error (load, resolve, render, checks, the PDF build), and a token per page made of its hash, the
hash of the theme's files and the error state: a page reloads only when its token changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from builder.common.diagnostics import Diagnostic, PackError, diagnostic, format_text, sort_key, wrapped_pack_error
from builder.serve.state import PreviewState, digest
from builder.pipeline.build import build
from builder.pipeline.progress import Progress
from builder.serve.server import PreviewServer
from builder.project import Project
from builder.render.site.builder import SITE

# files that change with every edit of text but not what a page shows: they do not reload pages
NOT_RELOADING = ("search/search_index.js",)
PDF_SUFFIXES = (".pdf",)


class Preview:
    """One school's preview written into ``out`` (the folder the server serves)."""

    def __init__(self, project: Path, school: str, out: Path, *, today: dt.date | None = None,
                 pdfs: bool = True, log=None):
        self.project, self.school, self.out = Path(project).resolve(), school, Path(out)
        self.today, self.pdfs, self.log = today, pdfs, log or sys.stderr
        self.state = PreviewState()
        self.site_files: set[str] = set()      # under out: what the pages' refresh wrote
        self.pdf_files: set[str] = set()       # under out: what the PDF build brought
        self._lock = threading.Lock()          # one refresh at a time
        self._pdf_wake = threading.Event()
        self._pdf_thread: threading.Thread | None = None
        self._pdf_proc: subprocess.Popen | None = None
        self._page_errors: list[Diagnostic] = []
        self._pdf_errors: list[Diagnostic] = []
        self._last_shown: list[Diagnostic] | None = None
        self._scratch = Path(tempfile.mkdtemp(prefix="policypack-preview-"))
        self.out.mkdir(parents=True, exist_ok=True)

    # ------------------------------------------------------------------ the pages

    def refresh(self) -> list[str]:
        """Make the school's pages again; write the changed files; returns the pages changed."""
        with self._lock:
            return self._refresh()

    def _refresh(self) -> list[str]:
        changed: list[str] = []
        rendered = False
        try:
            project = Project(self.project, self.today)   # the files as saved now
            project.select([self.school])
            rs = project.school(self.school)
            if any(d.severity == "error" for d in rs.diagnostics):
                # as the build does: every finding of the school is reported with its errors
                raise PackError(project.findings(self.school))
            built = self._scratch / "pages"
            shutil.rmtree(built, ignore_errors=True)
            SITE.write(SITE.payload(project.pack, rs, project.today), built)   # the build's own site
            changed = self._write_pages(built)
            rendered = True
            shutil.rmtree(built, ignore_errors=True)
            # the page shows the edit now; the checks follow, and their errors join the overlay
            shown = project.findings(self.school)
        except PackError as exc:
            shown = list(exc.diagnostics)
        except Exception as exc:  # noqa: BLE001 - a fault of the preview itself: shown, and the next save tried
            found = wrapped_pack_error(exc)
            shown = list(found.diagnostics) if found else [Diagnostic(
                "policypack serve", None, "error", "E-PREVIEW",
                f"the preview could not make the pages ({type(exc).__name__}: {exc}); the last "
                f"good pages stay; save again to retry", self.school)]
        errors = [d for d in shown if d.severity == "error"]
        self._report([d for d in shown if d.severity != "notice"], changed)
        with self.state.cond:
            self._page_errors = errors
            self._set_errors()
            if rendered:
                self.state.pages_done += 1
                if self.pdfs and not errors:
                    # the PDF build's errors were of the files as they were: the build asked for
                    # now reports on them as they are (until then the pages' own stand)
                    self._pdf_errors = []
                    self._set_errors()
                    self.state.pdfs_wanted = self.state.pages_done
                    self._pdf_wake.set()
            self.state.cond.notify_all()
        return changed

    def _write_pages(self, built: Path) -> list[str]:
        """Copy into ``out/<school>/`` each file whose bytes differ; remove pages no longer
        made. Returns the pages whose bytes changed (as the server names them)."""
        new: set[str] = set()
        changed, assets_changed = [], False
        for path in sorted(p for p in built.rglob("*") if p.is_file()):
            rel = f"{self.school}/{path.relative_to(built).as_posix()}"
            new.add(rel)
            data = path.read_bytes()
            target = self.out / rel
            if target.is_file() and target.read_bytes() == data:
                continue
            _write(target, data)
            if rel.endswith(".html"):
                changed.append(rel)
            elif not rel.endswith(NOT_RELOADING):
                assets_changed = True
        for rel in sorted(self.site_files - new - self.pdf_files):
            (self.out / rel).unlink(missing_ok=True)
            if rel.endswith(".html"):
                changed.append(rel)
        self.site_files = new
        with self.state.cond:
            for rel in changed:
                target = self.out / rel
                if target.is_file():
                    self.state.pages[rel] = digest(target.read_bytes())
                else:
                    self.state.pages.pop(rel, None)
            if assets_changed or not self.state.assets:
                h = hashlib.sha256()
                for rel in sorted(new):
                    if not rel.endswith((".html",) + NOT_RELOADING):
                        h.update(rel.encode() + b"\0" + (self.out / rel).read_bytes())
                self.state.assets = h.hexdigest()[:16]
        return changed

    def _set_errors(self) -> None:
        self.state.errors = sorted(dict.fromkeys(self._page_errors + self._pdf_errors), key=sort_key)

    def _report(self, shown: list[Diagnostic], changed: list[str]) -> None:
        """The diagnostics compiler-style when they are not those printed last, and the pages
        that changed."""
        if shown != self._last_shown:
            print(format_text(shown), file=self.log, flush=True)
            self._last_shown = shown
        if changed:
            print(f"updated {len(changed)} page(s): {', '.join(changed[:5])}"
                  + (" ..." if len(changed) > 5 else ""), file=self.log, flush=True)

    # ------------------------------------------------------------------ the PDFs

    def start_pdfs(self) -> None:
        if self.pdfs and self._pdf_thread is None:
            self._pdf_thread = threading.Thread(target=self._pdf_loop, name="preview-pdfs",
                                                daemon=True)
            self._pdf_thread.start()

    def _pdf_loop(self) -> None:
        while True:
            self._pdf_wake.wait()
            self._pdf_wake.clear()
            with self.state.cond:
                if self.state.stopping:
                    return
                wanted = self.state.pdfs_wanted
            errors = self._build_pdfs()
            with self._lock, self.state.cond:
                if self.state.stopping:
                    return
                current = wanted == self.state.pages_done
                # a build that began before a newer edit read files that have changed since: its
                # errors are not the pack's now (the pages' own refresh reports those)
                self._pdf_errors = errors if current else []
                if not errors and not self._page_errors and wanted == self.state.pdfs_wanted and current:
                    self._bring_pdfs()   # else a newer edit came in, and its build follows
                self.state.pdfs_done = wanted
                self._set_errors()
                self.state.cond.notify_all()

    def _build_pdfs(self) -> list[Diagnostic]:
        """The school built incrementally, in its own process, into the scratch folder."""
        cmd = [sys.executable, "-m", "builder.serve.preview", str(self.project),
               str(self._scratch / "build"), self.school, (self.today or dt.date.today()).isoformat()]
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[2]),
                                                          env.get("PYTHONPATH")]))
        with self.state.cond:   # stop() reads _pdf_proc under the same lock: it sees this one,
            if self.state.stopping:   # or this build sees that it stopped and never starts
                return []
            # a session of its own, so stop() ends its render workers with it (they hold its pipes)
            proc = self._pdf_proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                     text=True, env=env, start_new_session=True)
        out, err = proc.communicate()
        with self.state.cond:
            code, self._pdf_proc = proc.returncode, None
        if self.state.stopping:      # stopped by stop(): not a failure of the pack's PDFs
            return []
        if code == 0:
            print("PDFs up to date", file=self.log, flush=True)
            return []
        try:
            diags = [Diagnostic.from_json(d) for d in json.loads(out)]
        except (ValueError, TypeError):
            diags = [diagnostic("policypack serve", None, "E-PREVIEW",
                                f"the PDF build stopped: {(err or out).strip()[-500:]}", self.school)]
        print(format_text(diags), file=self.log, flush=True)
        return [d for d in diags if d.severity == "error"]

    def _bring_pdfs(self) -> None:
        """Copy what the build wrote beyond the pages (the PDFs, the trust index) into ``out``."""
        built = self._scratch / "build"
        brought = set()
        for path in sorted(p for p in built.rglob("*") if p.is_file()):
            rel = path.relative_to(built).as_posix()
            if rel in self.site_files or rel.startswith("."):
                continue
            brought.add(rel)
            data = path.read_bytes()
            target = self.out / rel
            if not (target.is_file() and target.read_bytes() == data):
                _write(target, data)
                if rel.endswith(".html"):
                    self.state.pages[rel] = digest(data)
        for rel in sorted(self.pdf_files - brought - self.site_files):
            (self.out / rel).unlink(missing_ok=True)
            self.state.pages.pop(rel, None)
        self.pdf_files = brought

    def stop(self) -> None:
        with self.state.cond:
            self.state.stopping = True
            self.state.cond.notify_all()
            proc = self._pdf_proc
        self._pdf_wake.set()
        if proc is not None and proc.poll() is None:
            _end_group(proc, signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                _end_group(proc, signal.SIGKILL)
        if self._pdf_thread is not None:
            self._pdf_thread.join(timeout=30)
        shutil.rmtree(self._scratch, ignore_errors=True)


def _end_group(proc: subprocess.Popen, sig: int) -> None:
    """Signal the PDF build and the render workers it started (its process group)."""
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _write(target: Path, data: bytes) -> None:
    """Write a file whole (a page is never served half written)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _pdf_build(argv: list[str]) -> int:
    """The PDF side, run as a process: the school built as ``policypack build --school`` builds
    it (incrementally, without the checks the preview has run already); on a pack error its
    diagnostics as JSON on stdout and exit status 2."""
    project, out, school, today = argv
    try:
        build(Path(project), Path(out), [school], today=dt.date.fromisoformat(today),
              progress=Progress(quiet=True), run_checks=False)
    except PackError as exc:
        print(json.dumps([d.to_json() for d in exc.diagnostics]))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(_pdf_build(sys.argv[1:]))


# ---------------------------------------------------------------------- watching and serving

SOURCE_PARTS = ("content", "forms", "schools", "themes", "trust.yml")
_EDITOR_LITTER = (".swp", ".swx", ".swo", "~", ".tmp", ".part")


def _matters(path: str, project: Path) -> bool:
    """An event for one of the pack's own files (not an editor's swap or backup file)."""
    p = Path(path)
    try:
        rel = p.resolve().relative_to(project) if p.is_absolute() else p
    except ValueError:
        return False
    if not rel.parts or rel.parts[0] not in SOURCE_PARTS:
        return False
    name = rel.name
    return not (name.endswith(_EDITOR_LITTER) or name.startswith((".#", "#")) or name == "4913")


class Watcher:
    """Calls ``changed`` once per burst of edits to the pack's files (watchdog: inotify,
    FSEvents or ReadDirectoryChanges, so an edit is seen at once, not at the next poll)."""

    SETTLE_S = 0.05   # an editor's save is several events: wait for the last of them

    def __init__(self, project: Path, changed):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.project, self.changed = Path(project).resolve(), changed
        self._event = threading.Event()
        self._stop = False
        watcher = self

        class Events(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type in ("opened", "closed_no_write"):
                    return
                paths = [event.src_path, getattr(event, "dest_path", "") or ""]
                if any(p and _matters(str(p), watcher.project) for p in paths):
                    watcher._event.set()
                if event.is_directory and event.event_type == "created" and \
                        Path(str(event.src_path)).parent == watcher.project:
                    watcher._watch_folders()   # a source folder made after the start

        self._handler = Events()
        self.observer = Observer()
        self.observer.schedule(self._handler, str(self.project), recursive=False)
        self._watched: set[str] = set()
        self._watch_folders()
        self._thread = threading.Thread(target=self._loop, name="preview-watch", daemon=True)

    def _watch_folders(self) -> None:
        for name in SOURCE_PARTS:
            folder = self.project / name
            if folder.is_dir() and name not in self._watched:
                self._watched.add(name)
                self.observer.schedule(self._handler, str(folder), recursive=True)

    def start(self) -> None:
        self.observer.start()
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop:
            self._event.wait()
            if self._stop:
                return
            while True:   # until the files settle
                self._event.clear()
                if not self._event.wait(self.SETTLE_S):
                    break
            try:
                self.changed()
            except Exception as exc:  # noqa: BLE001 - the watcher goes on: the next save is tried again
                print(f"policypack serve: error E-PREVIEW: {type(exc).__name__}: {exc}",
                      file=sys.stderr, flush=True)

    def stop(self) -> None:
        self._stop = True
        self._event.set()
        self.observer.stop()
        self.observer.join(timeout=10)


def serve(project: Path, school: str, host: str, port: int, *, today: dt.date | None = None,
          log=None) -> int:
    """``policypack serve``: the school's preview at http://host:port/<school>/index.html until
    interrupted. A pack that does not load at the start is reported and the preview waits for
    the fix (every page shows the errors meanwhile)."""

    log = log or sys.stderr
    with tempfile.TemporaryDirectory(prefix="policypack-serve-") as tmp:
        preview = Preview(project, school, Path(tmp) / "site", today=today, log=log)
        try:
            server = PreviewServer((host, port), preview.out, preview.state)
        except OSError as exc:
            print(f"{host}:{port}: error E-SERVE: cannot listen there ({exc.strerror or exc}): "
                  f"choose another --port or --host", file=log)
            preview.stop()
            return 2
        watcher = Watcher(project, preview.refresh)
        try:
            watcher.start()
            preview.refresh()
            preview.start_pdfs()
            server.serve_in_background()
            print(f"serving {school} at http://{host}:{server.server_address[1]}/{school}/index.html "
                  f"(Ctrl-C to stop)", file=log, flush=True)
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            watcher.stop()
            server.shutdown()
            server.server_close()
            preview.stop()
    return 0
