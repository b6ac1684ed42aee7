"""Each output renders within a time and memory budget (settings: limits: render_seconds,
render_memory_mb): over it, one E-LIMIT naming the output and the limit, exit status 2, the
previous output untouched.

Kept out of the bad-input table and so of the check-agreement test: only a build renders, so
`check` cannot meet this limit."""

from __future__ import annotations

import re
import shutil
import time

import pytest

from tests.support.bad_inputs import built_small_pack, TODAY, copy_small_pack, leftovers, limits, snapshot, sub

from builder.render import builders
from builder.pipeline.workers import within_budget
from builder.cli.main import main
from builder.common.diagnostics import PackError


def test_time_over_budget_is_one_limit_error():
    with pytest.raises(PackError) as caught:     # (the sleep would end after its 5 s without an error)
        within_budget(lambda: time.sleep(5), (1, 1024), "oak/pdf/online-code.pdf", "oak")
    (d,) = caught.value.diagnostics
    assert d.format() == ("oak/pdf/online-code.pdf: error E-LIMIT: rendering this output took too long: "
                          "the limit is 1 seconds (settings: limits: render_seconds in trust.yml) [oak]")


@pytest.mark.parametrize("megabytes", [64, 256])
def test_memory_over_budget_is_one_limit_error(megabytes):
    with pytest.raises(PackError) as caught:
        within_budget(lambda: bytearray((megabytes + 64) * 2**20), (60, megabytes), "oak", "oak")
    (d,) = caught.value.diagnostics
    assert d.code == "E-LIMIT" and d.path == "oak" and f"the limit is {megabytes} MB" in d.message
    assert len(bytearray(2 * megabytes * 2**20)) > 0   # the cap is lifted again afterwards


def test_within_budget_returns_what_the_render_returns():
    assert within_budget(lambda: ("rel", ["a"], {}), (5, 512), "rel") == ("rel", ["a"], {})


@pytest.fixture(scope="module")
def golden(tmp_path_factory):
    return built_small_pack(tmp_path_factory.mktemp('budget'))[1]


@pytest.mark.parametrize("slow", ["policy-pdf", "site"])
def test_a_slow_output_stops_the_build_with_the_limit(golden, tmp_path, capsys, monkeypatch, slow):
    pack = copy_small_pack(tmp_path / "pack")
    out = tmp_path / "site"
    shutil.copytree(golden, out)
    before = snapshot(out)
    limits(pack, render_seconds=1)
    sub(pack, "content/online-code/rules.md", "Be kind online.", "Be kind and honest online.")
    builder = builders.BY_NAME[slow]
    real = type(builder).render

    def render(self, job, stage, outline):
        time.sleep(4)
        return real(self, job, stage, outline)
    monkeypatch.setattr(type(builder), "render", render)
    capsys.readouterr()
    status = main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-j", "1", "-q"])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    assert "error E-LIMIT: rendering this output took too long: the limit is 1 seconds" in err
    assert re.search(r"^oak(/\S*)?: error E-LIMIT: .* \[oak\]$", err, re.M), err   # names the output
    assert snapshot(out) == before and leftovers(out) == []


def test_a_renderer_process_over_its_memory_is_named_with_the_limit(golden, tmp_path, capsys):
    """In the worker processes (--jobs 2): a budget of 1 MB cannot be met. Python's allocations
    fail with MemoryError (E-LIMIT); a native library ends the process instead (E-RENDER):
    either way one error naming the output and the limit."""
    pack = copy_small_pack(tmp_path / "pack")
    out = tmp_path / "site"
    shutil.copytree(golden, out)
    before = snapshot(out)
    limits(pack, render_memory_mb=1)
    capsys.readouterr()
    status = main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-j", "2", "-q",
                   "--force"])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    assert re.search(r"^oak(/\S*)?: error E-(LIMIT|RENDER): .*render_memory_mb.* \[oak\]$", err, re.M), err
    assert snapshot(out) == before and leftovers(out) == []


def _stuck_in_native_code():
    """A loop inside C code (sum over a range) that does not return to the interpreter for
    minutes, so an alarm's Python handler cannot run until it is done."""
    sum(range(10**12))


def _render_stuck(conn):
    from builder.pipeline.workers import within_budget
    try:
        within_budget(_stuck_in_native_code, (1, 4096), "oak/pdf/x.pdf", "oak")
        conn.send("finished")
    except BaseException as exc:   # noqa: BLE001 - the test reports whatever came out
        conn.send(repr(exc))


def test_a_renderer_stuck_in_native_code_is_stopped_by_the_kernel():
    """Past its time budget, a worker stuck where the alarm cannot reach is stopped by the
    processor-time limit (SIGXCPU); the build reports a worker that stops as E-RENDER."""
    import multiprocessing
    import signal

    ctx = multiprocessing.get_context("fork")
    here, there = ctx.Pipe()
    proc = ctx.Process(target=_render_stuck, args=(there,))
    proc.start()
    proc.join(60)
    if proc.is_alive():
        proc.kill()
        proc.join()
    assert proc.exitcode == -signal.SIGXCPU, (proc.exitcode, here.poll() and here.recv())
