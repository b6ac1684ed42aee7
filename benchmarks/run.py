"""The build benchmark: synthetic trusts of N schools and P policies made from the example pack.

    .venv/bin/python benchmarks/run.py --sizes 10 50 100            # the example pack's 2 policies
    .venv/bin/python benchmarks/run.py --sizes 30 --policies 20     # 20 policies (variants)
    .venv/bin/python benchmarks/run.py --example                    # the example pack itself

For each size it measures, with `policypack build` run as a separate process as a user runs it:
the full build (--jobs 2), a no-op rebuild, the rebuild after changing one school's phone number,
the rebuild after changing one sentence of one policy, the full build with --jobs 1 (for the
speedup of 2 workers), peak memory (see ``timed``), and the floor (floor.py): the build's own
Scheduler, worker pool and builders rendering the build's own planned jobs and doing nothing
else, with 2 workers and with 1, so full/floor is what everything but rendering costs (in wall
time and in processor time) and falls below 1 only when the machine's load drifts between the
two runs; and the preview: `policypack serve` running,
the seconds from saving a one-sentence edit of a section file until the server returns the page
with the new text, over a forced build of that one school (target: at most 0.25), and whether a
broken edit shows its diagnostic in the served page. The full build and the two-worker floor
alternate --repeat times (default 2) and the best of each is reported, with every run in the
JSON: this machine's speed drifts from minute to minute, and both sides see the same drift.
Results: a table on stdout and benchmarks/output/results.json. The synthetic trusts are written
into a temporary folder (--work), never into the repository.

Not part of the test suite. Sizes whose projected time exceeds --budget-minutes are skipped and
reported as skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
OUTPUT = Path(__file__).resolve().parent / "output"
TODAY = "2026-11-21"
PACK_PARTS = ["trust.yml", "content", "forms", "schools", "themes"]
FIRST = ["Alex", "Sam", "Priya", "Tomasz", "Grace", "Kwame", "Ines", "Owen", "Leila", "Rory"]
LAST = ["Hughes", "Okafor", "Brennan", "Patel", "Lindqvist", "Moreau", "Adeyemi", "Walsh"]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import proctree  # noqa: E402 - beside this file, found once the path above is set

# ---------------------------------------------------------------- the synthetic trust

def copy_pack_parts(dest: Path) -> None:
    """The example pack's files (trust.yml, content/, forms/, schools/, themes/) into ``dest``."""
    for part in PACK_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)


def make_trust(n: int | None, dest: Path, policies: int | None = None) -> list[str]:
    """A copy of the example pack with n schools, each a renamed copy of an example school
    (its own sections folder too), with its own people; with n None, the example schools as
    they are. With ``policies``, that many policies (variants of the example's: see
    ``add_policy_variants``). Returns the school ids."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    copy_pack_parts(dest)
    schools = dest / "schools"
    templates = sorted(p.stem for p in schools.glob("*.yml"))
    if policies is not None:
        variants = add_policy_variants(dest, policies)
        for t in templates:
            school_policy_variants(schools, t, variants)
    if n is None:
        return templates
    sources = {t: yaml.safe_load((schools / f"{t}.yml").read_text(encoding="utf-8")) for t in templates}
    for t in templates:
        (schools / f"{t}.yml").unlink()
    ids = []
    for i in range(1, n + 1):
        t = templates[(i - 1) % len(templates)]
        sid = f"school-{i:03d}"
        # dates as YYYY-MM-DD text; a file of the school's own folder (its logo) under its new id
        data = json.loads(json.dumps(sources[t], default=str).replace(f"schools/{t}/", f"schools/{sid}/"))
        base = str(sources[t].get("short_name") or sources[t]["name"])
        data["name"] = f"{base} Academy {i}"
        data["short_name"] = f"{base} {i}"
        for k, role in enumerate((data.get("roles") or {}).values()):
            if isinstance(role, dict) and role.get("name"):
                middle = chr(65 + i % 26) + chr(65 + i // 26 % 26)   # one person, one school
                role["name"] = f"{FIRST[(i + k) % len(FIRST)]} {middle} {LAST[(i * 3 + k) % len(LAST)]}"
        data = own_contacts(data, i)
        (schools / f"{sid}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")
        if (schools / t).is_dir():
            shutil.copytree(schools / t, schools / sid)
        ids.append(sid)
    for t in templates:
        shutil.rmtree(schools / t, ignore_errors=True)
    return ids


# (base policy id, variant number k >= 2, the renamer of that variant's texts)
Variant = tuple[str, int, re.Pattern, dict]


def variant_id(base: str, k: int) -> str:
    return base if k == 1 else f"{base}-{k}"


def renamed(text: str, pattern: re.Pattern, names: dict[str, str]) -> str:
    """Every policy and form id in ``text`` (a whole id: not part of a longer one) as the
    variant names it."""
    return pattern.sub(lambda m: names[m.group(0)], text)


def add_policy_variants(dest: Path, count: int) -> list[Variant]:
    """``count`` policies in the pack: the example's own (social-media, staff-code), then
    variants of them in turn (social-media-2, staff-code-2, social-media-3, ...), each a copy
    of its policy's folder with its own id, title and section files, and its own copies of its
    forms (account-approval-2, ...). A variant's texts point at the same variant of every other
    policy and form (staff-code-2 cites social-media-2 and its forms) where there is one, else
    at the original; each of its section files gains one sentence of its own, so no two
    variants read the same. Returns the variants, for the schools' entries."""
    content, forms = dest / "content", dest / "forms"
    base = sorted(p.parent.name for p in content.glob("*/policy.yml"))
    if count < len(base):
        raise SystemExit(f"benchmark: --policies must be at least {len(base)} (the example pack's own)")
    owner = {}   # form id -> the policy that lists it
    for pid in base:
        for fid in yaml.safe_load((content / pid / "policy.yml").read_text(encoding="utf-8")).get("forms") or []:
            owner.setdefault(fid, pid)
    made = {(base[i % len(base)], i // len(base) + 1) for i in range(count)}
    ids = sorted([*base, *owner], key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    variants = []
    for pid, k in sorted(made, key=lambda v: (v[1], v[0])):
        if k == 1:
            continue
        names = {q: variant_id(q, k) if (q, k) in made else q for q in base}
        names |= {f: variant_id(f, k) if (owner[f], k) in made else f for f in owner}
        folder = content / variant_id(pid, k)
        shutil.copytree(content / pid, folder)
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            text = renamed(path.read_text(encoding="utf-8"), pattern, names)
            if path.name == "policy.yml":
                text = re.sub(r"(?m)^title: (.+)$", rf"title: \1 {k}", text, count=1)
            elif path.suffix == ".md":
                text = text.rstrip("\n") + (f"\n\nThis section is part of the trust's policy "
                                            f"number {k} on this subject.\n")
            path.write_text(text, encoding="utf-8")
        for fid in sorted(f for f, o in owner.items() if o == pid):
            text = renamed((forms / f"{fid}.yml").read_text(encoding="utf-8"), pattern, names)
            text = re.sub(r"(?m)^title: (.+)$", rf"title: \1 {k}", text, count=1)
            (forms / f"{variant_id(fid, k)}.yml").write_text(text, encoding="utf-8")
        variants.append((pid, k, pattern, names))
    return variants


def school_policy_variants(schools: Path, sid: str, variants: list[Variant]) -> None:
    """A school's entry for each policy variant (its approval, its added or replaced sections)
    as it has for the policy copied, and its own section files for it, renamed."""
    path = schools / f"{sid}.yml"
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    entries = data.get("policies") or {}
    for pid, k, pattern, names in variants:
        if pid in entries:
            entries[variant_id(pid, k)] = json.loads(renamed(json.dumps(entries[pid]), pattern, names))
        own = schools / sid / pid
        if own.is_dir():
            for src in sorted(p for p in own.rglob("*") if p.is_file()):
                target = schools / sid / variant_id(pid, k) / src.relative_to(own)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(renamed(src.read_text(encoding="utf-8"), pattern, names), encoding="utf-8")
    if entries:
        data["policies"] = entries
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def own_contacts(data: dict, i: int) -> dict:
    """The copy's own address, email domain, phone numbers and social accounts: copies that kept
    the example school's would be another school's details (E-OTHER-SCHOOL) and stop the build."""
    data["address"] = [data["name"], f"{i} High Street", "Bedford", f"MK4 {i:03d}"]
    text = json.dumps(data)
    for domain in sorted(set(re.findall(r"@([\w-]+(?:\.[\w-]+)+)", text)), key=len, reverse=True):
        text = text.replace(domain, f"s{i}.{domain}")
    phones: dict[str, str] = {}
    text = re.sub(r"\b0\d{2,4} ?\d{3,4} ?\d{3,4}\b",
                  lambda m: phones.setdefault(m.group(0), f"01{i:03d} {len(phones) + 1:06d}"), text)
    text = re.sub(r"(facebook\.com|x\.com|twitter\.com|instagram\.com)/(\w+)", rf"\1/\g<2>{i}", text)
    text = re.sub(r'"@(\w+)"', rf'"@\g<1>{i}"', text)
    return json.loads(text)


# ---------------------------------------------------------------- timing a process tree

def timed(cmd: list[str], env: dict | None = None) -> dict:
    """Run a command: its wall time, its processor time and its memory (proctree.py samples its
    process tree, the command and everything below it, every 50 ms):

    seconds          wall time, from start to exit
    cpu_s            processor seconds (user + system) of every process of the tree, each as last
                     sampled (so a process's last 50 ms may be missed)
    peak_rss_mb      the highest sum of resident memory over the tree (the main process, the
                     forkserver and the workers): what the machine must have
    main_maxrss_mb   ru_maxrss of the command's own process, from wait4: its own peak (the
                     workers are the forkserver's children, not its own)
    child_maxrss_mb  the largest own peak (VmHWM, the figure ru_maxrss gives) of any process
                     below it: a worker
    load_average     the machine's one-minute load average, the mean of the samples: on 2 cores,
                     above 2 means other programs were competing for the processors
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, hwm, cpu, load = 0, {}, {}, []
    done = threading.Event()
    streams = {}

    def sample():
        nonlocal peak
        while not done.is_set():
            load.append(os.getloadavg()[0])
            now = proctree.tree(proc.pid)
            peak = max(peak, sum(p.rss for p in now.values()))
            for pid, p in now.items():
                hwm[pid] = max(hwm.get(pid, 0), p.hwm)
                cpu[pid] = max(cpu.get(pid, 0), p.cpu)
            done.wait(0.05)

    def read(name, stream):
        streams[name] = stream.read()

    threads = [threading.Thread(target=sample, daemon=True),
               threading.Thread(target=read, args=("out", proc.stdout), daemon=True),
               threading.Thread(target=read, args=("err", proc.stderr), daemon=True)]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)   # as Popen.wait, with the process's resource usage
    proc.returncode = os.waitstatus_to_exitcode(status)
    secs = time.perf_counter() - t0
    done.set()
    for t in threads:
        t.join()
    out, err = streams["out"], streams["err"]
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    rendered = None
    for line in err.splitlines():
        if line.startswith("built: "):
            rendered = int(line.split()[1])
    hwm.pop(proc.pid, None)
    return {"seconds": round(secs, 2), "cpu_s": round(sum(cpu.values()), 2),
            "peak_rss_mb": round(peak / 2**20, 1), "main_maxrss_mb": round(usage.ru_maxrss / 1024, 1),
            "child_maxrss_mb": round(max(hwm.values(), default=0) / 2**20, 1),
            "load_average": round(sum(load) / max(len(load), 1), 2), "rendered": rendered, "stdout": out}


def build(pack: Path, out: Path, jobs: int, force: bool = False, school: str | None = None) -> dict:
    cmd = [sys.executable, "-m", "builder", "--project", str(pack), "build", "--out", str(out),
           "--today", TODAY, "--jobs", str(jobs)]
    if force:
        cmd.append("--force")
    if school:
        cmd += ["--school", school]
    env = dict(os.environ, PYTHONPATH=str(REPO), CI="1")     # plain progress lines, parsed above
    env.pop("PYTHONDONTWRITEBYTECODE", None)    # as a user runs it: modules compiled once, not every run
    r = timed(cmd, env)
    del r["stdout"]
    return r


def floor(pack: Path, workers: int) -> dict:
    """The floor (floor.py): the build's Scheduler and workers rendering the build's own planned
    jobs and nothing else, timed inside its process (planning and the pool's start untimed);
    run under the same memory sampling as a build, with its memory."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, str(Path(__file__).with_name("floor.py")), str(pack), TODAY, str(workers)]
    r = timed(cmd, env)
    got = json.loads(r["stdout"].strip().splitlines()[-1])   # seconds and cpu_s: the rendering only
    return dict(got, process_seconds=r["seconds"], process_cpu_s=r["cpu_s"],
                **{k: r[k] for k in ("peak_rss_mb", "main_maxrss_mb", "child_maxrss_mb", "load_average")})


# ---------------------------------------------------------------- the preview

PREVIEW_TARGET = 0.25   # the preview's page after an edit over a forced one-school build
PREVIEW_EDITS = ["Staff rarely use", "Staff seldom use", "Staff never use", "Staff hardly ever use",
                 "Staff do not use"]


def http_get(url: str) -> tuple[int, str]:
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_until(what: str, ok, timeout: float = 300, step: float = 0.005):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            got = ok()
        except OSError:
            got = None
        if got:
            return got
        time.sleep(step)
    raise SystemExit(f"benchmark: {what} did not happen within {timeout:.0f} s")


def preview(pack: Path, school: str) -> dict:
    """`policypack serve` on a free port: the seconds from saving a one-sentence edit of a
    section file until the server returns the page with the new text (polled every 5 ms over
    HTTP), the median of several edits, each made when the preview is idle (the PDFs of the last
    edit done); then a broken edit (an undefined variable) until the served page shows its
    diagnostic, and the fix until the overlay is gone."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.Popen([sys.executable, "-m", "builder", "--project", str(pack), "serve", school,
                             "--port", str(port), "--today", TODAY],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/{school}/policies/staff-code.html"
    section = pack / "content" / "staff-code" / "at-work.md"
    overlay = 'id="policypack-preview-errors"'

    def idle():
        status, body = http_get(base + "/__preview__/state")
        return status == 200 and json.loads(body)["pdfs_done"]

    try:
        wait_until("the first page", lambda: http_get(url)[0] == 200)
        wait_until("the first PDFs", idle, step=0.2)
        text = section.read_text(encoding="utf-8")
        current = next(e for e in PREVIEW_EDITS if e in text)
        runs = []
        for new in [e for e in PREVIEW_EDITS if e != current][:3]:
            edit(section, current, new)
            t0 = time.perf_counter()
            wait_until("the edited page", lambda: new in http_get(url)[1])  # noqa: B023 - waited for here
            runs.append(round(time.perf_counter() - t0, 3))
            current = new
            wait_until("the PDFs after the edit", idle, step=0.2)
        good = section.read_text(encoding="utf-8")
        section.write_text(good.replace(current, "Staff {{ not_a_benchmark_value }} use", 1), encoding="utf-8")
        t0 = time.perf_counter()
        body = wait_until("the overlay", lambda: (lambda b: b if overlay in b else None)(http_get(url)[1]))
        broken = round(time.perf_counter() - t0, 3)
        shown = ("content/staff-code/at-work.md:" in body and "not_a_benchmark_value" in body)
        section.write_text(good, encoding="utf-8")
        t0 = time.perf_counter()
        wait_until("the fixed page", lambda: overlay not in http_get(url)[1])
        fixed = round(time.perf_counter() - t0, 3)
        wait_until("the PDFs after the fix", idle, step=0.2)
    finally:
        proc.terminate()
        proc.communicate(timeout=60)
    runs_sorted = sorted(runs)
    return {"seconds": runs_sorted[len(runs_sorted) // 2], "runs_s": runs,
            "broken_edit_s": broken, "broken_edit_shows_diagnostic": shown, "fix_s": fixed}


def preview_only(work: Path) -> int:
    """The preview figure alone, on a copy of the example pack's first school."""
    pack = work / "example"
    if pack.exists():
        shutil.rmtree(pack)
    pack.mkdir(parents=True)
    copy_pack_parts(pack)
    school = sorted(p.stem for p in (pack / "schools").glob("*.yml"))[0]
    out = work / "example-site"
    shutil.rmtree(out, ignore_errors=True)
    build(pack, out, 2)
    forced = build(pack, out, 2, force=True, school=school)
    r = {"pack": "example", "school": school, "one_school_forced": forced, "preview": preview(pack, school)}
    r["preview_ratio"] = round(r["preview"]["seconds"] / forced["seconds"], 3)
    print(f"preview ({school}): page served {r['preview']['seconds']:.2f} s after a one-sentence edit "
          f"(runs {r['preview']['runs_s']}), forced one-school build {forced['seconds']:.2f} s: "
          f"ratio {r['preview_ratio']:.2f} (target <= {PREVIEW_TARGET}: "
          f"{'met' if r['preview_ratio'] <= PREVIEW_TARGET else 'MISSED'}); broken edit "
          + (f"shows its diagnostic in the served page after {r['preview']['broken_edit_s']:.2f} s"
             if r["preview"]["broken_edit_shows_diagnostic"] else "DOES NOT show its diagnostic"))
    (OUTPUT / "preview.json").write_text(json.dumps(r, indent=1), encoding="utf-8")
    shutil.rmtree(pack, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return 0 if r["preview"]["broken_edit_shows_diagnostic"] else 1


# ---------------------------------------------------------------- one size

def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"benchmark: {old!r} not found in {path}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def label(r: dict) -> str:
    return (f"example ({r['schools']} x {r['policies']})" if r.get("example")
            else f"{r['schools']} x {r['policies']}")


def best(runs: list[dict]) -> dict:
    """The fastest run, with the least processor time and the highest memory of them all."""
    return dict(min(runs, key=lambda x: x["seconds"]), cpu_s=min(x["cpu_s"] for x in runs),
                **{k: max(x[k] for x in runs) for k in ("peak_rss_mb", "main_maxrss_mb", "child_maxrss_mb")})


def alternate(what: str, repeat: int, full, floor_) -> tuple[dict, list, dict, list]:
    """The full build and the floor, alternating ``repeat`` times each: the best of each, and
    every run's (seconds, processor seconds). The best is kept: on a shared or virtual machine
    the speed drifts by tens of percent from one minute to the next, and alternating exposes
    both to the same drift."""
    fulls, floors = [], []
    for k in range(repeat):
        print(f"{what} full build ({k + 1}/{repeat})", file=sys.stderr, flush=True)
        fulls.append(full())
        print(f"{what} floor ({k + 1}/{repeat})", file=sys.stderr, flush=True)
        floors.append(floor_())
    return (best(fulls), [(x["seconds"], x["cpu_s"]) for x in fulls],
            best(floors), [(x["seconds"], x["cpu_s"]) for x in floors])


def run_size(n: int | None, policies: int | None, work: Path, serial: bool, repeat: int = 1,
             with_preview: bool = True) -> dict:
    """Every figure for one trust: n schools (None: the example pack's own) and ``policies``
    policies (None: the example pack's own)."""
    name = "example" if n is None else f"trust-{n}"
    pack = work / name
    ids = make_trust(n, pack, policies)
    out, out1 = work / f"{name}-site", work / f"{name}-site-j1"
    r: dict = {"schools": len(ids), "example": n is None,
               "policies": len(list((pack / "content").glob("*/policy.yml"))),
               "forms": len(list((pack / "forms").glob("*.yml")))}
    what = f"[{label(r)}]"

    def full(jobs, folder):
        shutil.rmtree(folder, ignore_errors=True)
        return build(pack, folder, jobs)

    (r["full"], r["full_runs"], r["floor_2"], r["floor_2_runs"]) = alternate(
        what + " --jobs 2:", repeat, lambda: full(2, out), lambda: floor(pack, 2))
    r["outputs"] = r["full"]["rendered"]
    if r["floor_2"]["jobs"] != r["outputs"]:
        print(f"{what} the floor rendered {r['floor_2']['jobs']} jobs, the build {r['outputs']}",
              file=sys.stderr)
    if serial:
        (r["full_jobs1"], r["full_jobs1_runs"], r["floor_1"], r["floor_1_runs"]) = alternate(
            what + " --jobs 1:", repeat, lambda: full(1, out1), lambda: floor(pack, 1))
        shutil.rmtree(out1, ignore_errors=True)
        r["speedup_jobs2"] = round(r["full_jobs1"]["seconds"] / r["full"]["seconds"], 2)
        r["floor_speedup_2"] = round(r["floor_1"]["seconds"] / r["floor_2"]["seconds"], 2)
        r["full_over_floor_1"] = round(r["full_jobs1"]["seconds"] / r["floor_1"]["seconds"], 2)
        r["full_over_floor_1_cpu"] = round(r["full_jobs1"]["cpu_s"] / r["floor_1"]["cpu_s"], 2)
    print(f"{what} no-op rebuild", file=sys.stderr, flush=True)
    r["noop"] = build(pack, out, 2)
    school = pack / "schools" / f"{ids[0]}.yml"
    data = yaml.safe_load(school.read_text(encoding="utf-8"))
    edit(school, str(data["phone"]), "01632 960 000")
    print(f"{what} one school changed", file=sys.stderr, flush=True)
    r["one_school"] = build(pack, out, 2)
    edit(pack / "content" / "staff-code" / "at-work.md", "Staff do not use", "Staff never use")
    print(f"{what} one policy sentence changed", file=sys.stderr, flush=True)
    r["one_sentence"] = build(pack, out, 2)
    if with_preview:
        print(f"{what} one school, forced", file=sys.stderr, flush=True)
        r["one_school_forced"] = build(pack, out, 2, force=True, school=ids[0])
        print(f"{what} preview: a sentence edited, until the page is served", file=sys.stderr, flush=True)
        r["preview"] = preview(pack, ids[0])
        r["preview_ratio"] = round(r["preview"]["seconds"] / r["one_school_forced"]["seconds"], 3)
    full_s = r["full"]["seconds"]
    r["full_over_floor"] = round(full_s / r["floor_2"]["seconds"], 2)
    r["full_over_floor_cpu"] = round(r["full"]["cpu_s"] / r["floor_2"]["cpu_s"], 2)
    r["noop_percent_of_full"] = round(100 * r["noop"]["seconds"] / full_s, 1)
    r["one_school_target_s"] = round(full_s / len(ids) + 1, 2)
    shutil.rmtree(pack, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return r


COLUMNS = ("trust (schools x policies)", "outputs", "full s (cpu s)", "floor s (cpu s)",
           "full/floor (cpu)", "--jobs 1 s (cpu s)", "floor 1 s (cpu s)", "full/floor 1 (cpu)",
           "jobs2 speedup", "no-op s (%)", "1 school s (target)", "1 sentence s", "peak MB",
           "main / worker maxrss MB", "floor peak MB",
           f"preview s / forced 1 school s (target <= {PREVIEW_TARGET})", "broken edit shown")


def row(r: dict) -> tuple:
    if r.get("skipped"):
        return (label(r), "skipped: " + r["skipped"], *[""] * (len(COLUMNS) - 2))

    def run(x):
        return f"{x['seconds']:.1f} ({x['cpu_s']:.1f})"

    j1 = "full_jobs1" in r
    pv = r.get("preview")
    return (label(r), str(r["outputs"]), run(r["full"]), run(r["floor_2"]),
            f"{r['full_over_floor']:.2f} ({r['full_over_floor_cpu']:.2f})",
            run(r["full_jobs1"]) if j1 else "-", run(r["floor_1"]) if j1 else "-",
            f"{r['full_over_floor_1']:.2f} ({r['full_over_floor_1_cpu']:.2f})" if j1 else "-",
            f"{r['speedup_jobs2']:.2f}" if j1 else "-",
            f"{r['noop']['seconds']:.2f} ({r['noop_percent_of_full']}%)",
            f"{r['one_school']['seconds']:.1f} ({r['one_school_target_s']})",
            f"{r['one_sentence']['seconds']:.1f}", f"{r['full']['peak_rss_mb']:.0f}",
            f"{r['full']['main_maxrss_mb']:.0f} / {r['full']['child_maxrss_mb']:.0f}",
            f"{r['floor_2']['peak_rss_mb']:.0f}",
            (f"{pv['seconds']:.2f} / {r['one_school_forced']['seconds']:.2f} = {r['preview_ratio']:.2f} "
             f"({'met' if r['preview_ratio'] <= PREVIEW_TARGET else 'MISSED'})") if pv else "-",
            (f"yes, in {pv['broken_edit_s']:.2f} s" if pv["broken_edit_shows_diagnostic"] else "NO")
            if pv else "-")


def table(results: list[dict]) -> str:
    rows = [COLUMNS, *map(row, results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100], metavar="N",
                   help="the numbers of schools of the synthetic trusts (default 10 50 100)")
    p.add_argument("--policies", type=int, metavar="P",
                   help="policies in each trust: the example's two and variants of them, each with "
                        "its own sections and forms (default: the example's two)")
    p.add_argument("--example", action="store_true",
                   help="the example pack itself (its 3 schools) instead of --sizes")
    p.add_argument("--serial-max", type=int, default=50, metavar="N",
                   help="measure --jobs 1 (and the 1-worker floor) only up to N schools (default 50)")
    p.add_argument("--budget-minutes", type=float, default=20,
                   help="skip a size whose projected time exceeds this (default 20)")
    p.add_argument("--repeat", type=int, default=2, metavar="N",
                   help="full builds and floors per size, alternating; the best of each counts (default 2)")
    p.add_argument("--no-preview", action="store_true", help="leave out the preview figure")
    p.add_argument("--work", type=Path, metavar="DIR",
                   help="where the synthetic trusts go (default: a new temporary folder, removed after)")
    p.add_argument("--results", type=Path, default=OUTPUT / "results.json", metavar="FILE",
                   help="the JSON written (default benchmarks/output/results.json)")
    p.add_argument("--preview-only", action="store_true",
                   help="only the preview figure, on a copy of the example pack (about a minute)")
    args = p.parse_args(argv)
    if args.work is not None and args.work.resolve().is_relative_to(REPO):
        p.error("--work: not inside the repository (the synthetic trusts are written there)")
    work = args.work or Path(tempfile.mkdtemp(prefix="policypack-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    try:
        if args.preview_only:
            return preview_only(work)
        return measure(args, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


def measure(args, work: Path) -> int:
    results, per_school = [], None
    repeat = max(1, args.repeat)
    for n in [None] if args.example else sorted(args.sizes):
        serial = n is None or n <= args.serial_max
        if per_school is not None:
            # each repeat is a full build and a floor (~1.9 full builds), the rebuilds ~0.4,
            # each --jobs 1 build and its floor ~3.6
            projected = per_school * n * (repeat * (1.9 + (3.6 if serial else 0)) + 0.4) / 60
            if projected > args.budget_minutes:
                results.append({"schools": n, "policies": args.policies or 2,
                                "skipped": f"projected {projected:.0f} min > budget "
                                           f"{args.budget_minutes:.0f} min"})
                print(f"[{n} schools] skipped: projected {projected:.0f} minutes", file=sys.stderr)
                continue
        t0 = time.perf_counter()
        r = run_size(n, args.policies, work, serial, repeat, not args.no_preview)
        r["benchmark_minutes"] = round((time.perf_counter() - t0) / 60, 1)
        per_school = r["full"]["seconds"] / r["schools"]
        results.append(r)
        write(results, args.results)
    done = [r for r in results if not r.get("skipped")]
    if len(done) >= 2:
        small = done[0]
        for r in done:
            r["peak_vs_smallest"] = round(r["full"]["peak_rss_mb"] / small["full"]["peak_rss_mb"], 2)
    write(results, args.results)
    print(table(results))
    print(f"\nwrote {args.results}")
    return 0


def write(results: list[dict], path: Path) -> None:
    meta = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "cores": os.cpu_count(), "python": platform.python_version(),
            "load_average_at_end": os.getloadavg()}
    path.write_text(json.dumps({"meta": meta, "results": results}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
