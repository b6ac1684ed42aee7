"""Rendering jobs: what a worker process does with a job, and the processes that do it.

``render_job`` hands one job to the rendering half of the builder that planned it (base.py),
which turns the payload into files in the staging folder and, for the link check, an outline of
each file (its anchors and links) taken while it was made, so no file is read back.
``Scheduler`` takes jobs as the build plans them, school by school, and keeps ``Workers`` busy,
largest job first among those waiting; the build waits for a worker only when enough jobs are
waiting, so planning, rendering and checking overlap and memory holds a bounded
number of payloads whatever the number of schools.

Workers are forked from a server that has imported WeasyPrint and MkDocs once, and keep their
font configuration and parsed stylesheets from one document to the next (render/engine.py). A
worker's memory then stays flat (measured: 92 MB after 9 documents, 102 MB after 360), so
replacing a worker after ``RECYCLE`` jobs is only a safety net; it used to grow by half a
megabyte with every document, when each document loaded the fonts again.
"""

from __future__ import annotations

import heapq
import os
import queue
import threading
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from builder.common.diagnostics import PackError, error, wrapped_pack_error
from builder.common.limits import current as current_limits, limit_message
from builder.common.memory import limit_growth, soft_limit

if TYPE_CHECKING:
    from multiprocessing.context import ForkServerContext, SpawnContext

    from builder.render.base import Job, Rendered

# Modules the worker server imports once, so no worker pays for importing WeasyPrint itself.
PRELOAD = ["builder.pipeline.workers", "builder.render.builders", "builder.render.engine",
           "builder.render.site.render", "builder.render.form.pdf", "builder.sign.fields",
           "builder.render.outlines", "weasyprint", "mkdocs.commands.build"]
RECYCLE = 1000   # jobs a worker renders before it is replaced (a safety net: see above)
DEPTH = 2      # jobs sent to a worker at once: the next is there when one finishes


class _RendererDied(PackError):
    """A worker process ended while it had jobs: ``task`` the one it was rendering, ``exitcode``
    how the process ended."""

    task: int
    exitcode: int | None


# ------------------------------------------------------------------ in the worker

def render_job(job: Job, stage: str, outline: bool, budget: tuple[int, int] | None = None) -> Rendered:
    """Render one job into the staging folder, by the builder that planned it:
    (rel, files written, {file: Outline}); within ``budget`` (seconds, megabytes), if given."""
    from builder.render.builders import BY_NAME   # lazy: the main process starts workers before loading renderers
    if budget is None:
        return BY_NAME[job.builder].render(job, Path(stage), outline)
    return within_budget(lambda: BY_NAME[job.builder].render(job, Path(stage), outline),
                         budget, job.rel, job.school)


class _OverTime(BaseException):
    """Raised by the alarm in the middle of a render (a BaseException: no library's
    ``except Exception`` swallows it)."""



def within_budget(fn, budget: tuple[int, int], rel: str, school: str | None = None):
    """``fn()`` with at most ``seconds`` of time and ``megabytes`` more address space (where the
    platform can bound them: an alarm and RLIMIT_AS, in the main thread of a POSIX process).
    Over either, one E-LIMIT naming the output and the limit."""
    import signal
    seconds, megabytes = budget
    main = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    old_limit = limit_growth(megabytes * 2**20)
    old_cpu = _cpu_backstop(seconds)
    previous = None
    if main:
        def alarm(signum, frame):
            raise _OverTime()
        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    except _OverTime:
        raise PackError(error(rel, None, "E-LIMIT", limit_message(
            "rendering this output took too long", f"{seconds} seconds", "render_seconds"),
            school)) from None
    except MemoryError:
        raise PackError(error(rel, None, "E-LIMIT", limit_message(
            "rendering this output needed too much memory", f"{megabytes} MB",
            "render_memory_mb"), school)) from None
    finally:
        if main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if old_limit is not None:
            import resource
            resource.setrlimit(resource.RLIMIT_AS, old_limit)
        if old_cpu is not None:
            import resource
            resource.setrlimit(resource.RLIMIT_CPU, old_cpu)


CPU_MARGIN = 2   # seconds of processor time past the budget before the kernel stops a renderer


def _cpu_backstop(seconds: int):
    """In a worker process only: a processor-time limit a little past the budget, so a renderer
    stuck inside native code (where the alarm's handler cannot run) is stopped by the kernel
    (SIGXCPU) and the build reports it as E-RENDER naming the output. Returns the limit to put
    back, or None where none was set."""
    import multiprocessing
    if multiprocessing.parent_process() is None:
        return None   # --jobs 1: the main process is never put under a kill limit
    try:
        import resource
    except ImportError:
        return None
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return soft_limit(resource.RLIMIT_CPU, int(usage.ru_utime + usage.ru_stime) + seconds + CPU_MARGIN)


def _serve(conn, limit: int) -> None:
    """A worker's life: take (task, job, stage, outline[, budget]), send back (task, ok, result), up to
    ``limit`` jobs, then exit (the pool starts a fresh worker)."""
    import signal
    # Ctrl-C reaches the whole process group: the main process stops the build and ends the
    # workers itself, so a worker does not die half-way through a file on its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for _ in range(limit):
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        task, job, stage, outline, *budget = msg   # budget: (seconds, megabytes), if sent
        budget = budget[0] if budget else None
        try:
            conn.send((task, True, render_job(job, stage, outline, budget)))
        except BaseException as exc:   # noqa: BLE001 - sent to the main process, which raises it
            conn.send((task, False, _portable(exc)))
    conn.close()


def _portable(exc: BaseException) -> BaseException:
    """The exception itself if it survives pickling, else a RuntimeError with its text."""
    import pickle
    found = wrapped_pack_error(exc)
    if found is not None:
        exc = found
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - whatever stops it pickling, its text still travels
        return RuntimeError(f"{type(exc).__name__}: {exc}")


# ------------------------------------------------------------------ in the main process

class _Worker:
    def __init__(self, ctx, recycle: int):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, recycle), daemon=True)
        self.proc.start()
        child.close()
        self.sent = 0
        self.tasks: deque[int] = deque()


class Workers:
    """``count`` worker processes, each given up to DEPTH jobs at a time and replaced after
    ``recycle`` jobs. The first workers start in the background: the build goes on planning
    while the worker server imports WeasyPrint. Jobs are written to the workers' pipes by a
    sender thread: a large payload can fill a pipe, and the main thread must stay free to read
    results meanwhile (a worker reads its next job only after its last result is read)."""

    def __init__(self, count: int, recycle: int = RECYCLE):
        import multiprocessing as mp
        # a worker's interpreter (started with -c) would put the working folder first on its
        # module path, so a "yaml.py" in a pack's folder would run in place of the library:
        # PYTHONSAFEPATH (Python 3.11+) keeps it off, for the fork server and spawned workers
        os.environ["PYTHONSAFEPATH"] = "1"
        self.ctx: ForkServerContext | SpawnContext
        if "forkserver" in mp.get_all_start_methods():
            self.ctx = mp.get_context("forkserver")
            self.ctx.set_forkserver_preload(PRELOAD)
        else:
            self.ctx = mp.get_context("spawn")
        self.recycle = recycle
        self.slots: list[_Worker | None] = [None] * count
        self._starter = threading.Thread(target=self._start_all, daemon=True)
        self._start_error: BaseException | None = None
        self._stopping = False
        self._starter.start()
        self._outbox: queue.Queue = queue.Queue()
        self._sender = threading.Thread(target=self._send_all, daemon=True)
        self._sender.start()

    def _send_all(self) -> None:
        while (item := self._outbox.get()) is not None:
            w, msg = item
            try:
                w.conn.send(msg)
            except OSError:   # the worker is gone: results() reports it
                pass
            if msg is not None:
                msg[1].payload = None   # sent: the job need not hold its payload any more

    def _start_all(self) -> None:
        try:
            for i in range(len(self.slots)):
                if self._stopping:
                    return
                self.slots[i] = _Worker(self.ctx, self.recycle)
        except BaseException as exc:   # noqa: BLE001 - raised in the main thread by ready()
            self._start_error = exc

    def ready(self, wait: bool = False) -> bool:
        if wait:
            self._starter.join()
        if self._starter.is_alive():
            return False
        if self._start_error is not None:
            raise self._start_error
        return True

    def _open(self, i: int) -> _Worker | None:
        """The worker in slot i if it can take a job now (starting a fresh one if it is gone)."""
        w = self.slots[i]
        if w is None or (w.sent >= self.recycle and not w.tasks):
            if w is not None:
                w.proc.join()
                w.conn.close()
            w = self.slots[i] = _Worker(self.ctx, self.recycle)
        return w if w.sent < self.recycle and len(w.tasks) < DEPTH else None

    def send(self, task: int, args: tuple) -> bool:
        """Give the task to the least busy worker that can take it; False if none can."""
        if not self.ready():
            return False
        open_ = [w for w in (self._open(i) for i in range(len(self.slots))) if w is not None]
        if not open_:
            return False
        w = min(open_, key=lambda w: len(w.tasks))
        self._outbox.put((w, (task, *args)))
        w.sent += 1
        w.tasks.append(task)
        return True

    def results(self, timeout: float | None):
        """(task, result) for every job finished within ``timeout`` seconds (None: until one
        finishes). A worker's error is raised here; so is a worker that died mid-job."""
        from multiprocessing.connection import wait
        self.ready(wait=True)
        live = [w for w in self.slots if w is not None and w.tasks]
        if not live:
            return []
        waiting = {w.conn: w for w in live} | {w.proc.sentinel: w for w in live}
        out = []
        for ready in wait(list(waiting), timeout):
            w = waiting[ready]
            gone = False
            while w.tasks:
                try:
                    if not w.conn.poll():
                        break
                    task, ok, value = w.conn.recv()
                except (EOFError, OSError):   # the worker's end is closed: it has died
                    gone = True
                    break
                w.tasks.popleft()
                if not ok:
                    raise value
                out.append((task, value))
            if w.tasks and (gone or not w.proc.is_alive() and not w.conn.poll()):
                w.proc.join(timeout=5)
                died = _RendererDied(error("<render>", None, "E-RENDER",
                                           f"a renderer process stopped unexpectedly (exit status "
                                           f"{w.proc.exitcode}); run with --jobs 1 to see where"))
                died.task = w.tasks[0]   # the job it was rendering: the Scheduler names it
                died.exitcode = w.proc.exitcode
                raise died
        return out

    def close(self) -> None:
        """Let every worker finish and exit."""
        self.ready(wait=True)
        for w in self.slots:
            if w is not None:
                self._outbox.put((w, None))
        self._outbox.put(None)
        self._sender.join()
        for w in self.slots:
            if w is not None:
                w.proc.join(timeout=30)
                w.conn.close()
        self.slots = [None] * len(self.slots)

    def kill(self) -> None:
        """Stop every worker now (an error, Ctrl-C): gone before the staging folder is removed.
        Workers still starting are not waited for: they have been given nothing to write, and
        end when this process does."""
        self._stopping = True
        procs = [w.proc for w in self.slots if w is not None]
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        for proc in procs:
            proc.join(timeout=10)
        self._outbox.put(None)
        self._sender.join(timeout=10)
        self.slots = [None] * len(self.slots)


class Scheduler:
    """Jobs in, finished jobs out through ``done(job, (rel, files, outlines))``.

    ``add`` queues a job; ``pump(keep)`` sends waiting jobs (largest first) to free workers,
    hands back what has finished, and returns once at most ``keep`` jobs are waiting, so the
    planner runs ahead of the renderers by a bounded amount. With one job at a time
    (``--jobs 1``) jobs render in this process: a debugger or profiler sees them.
    """

    def __init__(self, jobs: int, stage: Path, outline: bool, done, lookahead: int | None = None,
                 recycle: int = RECYCLE, workers: Workers | None = None):
        self.stage, self.outline, self.done = str(stage), outline, done
        lim = current_limits()   # the pack's, read by now: sent with every job
        self.budget = (lim.render_seconds, lim.render_memory_mb)
        self.workers = workers or (Workers(jobs, recycle) if jobs > 1 else None)
        self.lookahead = lookahead if lookahead is not None else 4 * jobs + 8
        self.waiting: list[tuple[float, int, Job]] = []
        self.sent: dict[int, Job] = {}
        self.seq = 0

    def add(self, job: Job) -> None:
        heapq.heappush(self.waiting, (-job.cost, self.seq, job))
        self.seq += 1

    def pump(self, keep: int | None = None) -> None:
        keep = self.lookahead if keep is None else keep
        if self.workers is None:
            while len(self.waiting) > keep:
                job = heapq.heappop(self.waiting)[2]
                result = render_job(job, self.stage, self.outline, self.budget)
                job.payload = None
                self.done(job, result)
            return
        while True:
            self._collect(0)
            while self.waiting:
                _, task, job = self.waiting[0]
                if not self.workers.send(task, (job, self.stage, self.outline, self.budget)):
                    break
                heapq.heappop(self.waiting)
                self.sent[task] = job
            if len(self.waiting) <= keep:
                return
            self._collect(None)

    def finish(self) -> None:
        """Render everything still waiting and wait for every job sent."""
        self.pump(0)
        while self.sent:
            self._collect(None)
        if self.workers is not None:
            if self.seq:
                self.workers.close()
            else:   # started in case there was work, and there was none
                self.workers.kill()

    def _collect(self, timeout: float | None) -> None:
        assert self.workers is not None   # jobs are only sent, and collected, when there are workers
        if not self.sent and timeout is None:
            self.workers.ready(wait=True)
            return
        try:
            finished = self.workers.results(timeout)
        except PackError as exc:
            job = self.sent.get(exc.task) if isinstance(exc, _RendererDied) else None
            if job is None:
                raise
            # a native library that cannot get memory ends the process instead of raising
            raise PackError(error(job.rel, None, "E-RENDER", (
                f"the renderer process stopped unexpectedly while rendering this output (exit "
                f"status {getattr(exc, 'exitcode', None)}): "
                f"it may have needed more than the {self.budget[1]} MB or the {self.budget[0]} "
                f"seconds it may use (settings: limits: render_memory_mb, render_seconds in "
                f"trust.yml); run with --jobs 1 to see more"),
                job.school)) from None
        for task, result in finished:
            self.done(self.sent.pop(task), result)

    def cancel(self) -> None:
        """Render nothing more (the build has found an error); stop the workers."""
        self.waiting.clear()
        self.sent.clear()
        if self.workers is not None:
            self.workers.kill()

    def close(self) -> None:
        """After an error or interrupt: workers stopped at once."""
        if self.workers is not None:
            self.workers.kill()
