"""Time every question command on the real plan against the ``import networkx`` anchor.

Each command runs as a fresh process (a cold interpreter, as a user typing it), the commands
interleaved round by round so that load on the machine hits all of them alike; the median of
``--runs`` rounds is reported with its ratio to the median of ``python -c "import networkx"``.

    python benchmarks/startup.py                 # 7 rounds, graph cache warm and without cache
    python benchmarks/startup.py --runs 11 --mode cache
    python benchmarks/startup.py --json /tmp/startup.json

``--mode cache``: the graph cache (see ``rimograph.core.load``) lives in a temporary folder and is
filled by one untimed run first, which is the normal state once a user has run any command on
unchanged tables. ``--mode nocache``: ``RIMOGRAPH_NO_CACHE=1``, every run reads and validates
the CSV tables. ``both`` (default) measures both.

The same comparison with hyperfine (cold runs, no warm-up):

    hyperfine -N -r 7 'python -c "import networkx"' 'rimograph partners --min-themes 2'
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RIMOGRAPH = str(Path(sys.executable).parent / "rimograph") if (
    Path(sys.executable).parent / "rimograph").exists() else shutil.which("rimograph")

ANCHORS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    'python -c "import networkx"': [sys.executable, "-c", "import networkx"],
}
COMMANDS = [
    ["partners", "--min-themes", "2"],
    ["coverage", "municipalities"],
    ["coverage", "goals"],
    ["show", "woonzaak"],
    ["stats"],
    ["path", "Woonzaak", "Lokaal bestuur Genk"],
    ["centrality"],
    ["brokers"],
    ["communities"],
    ["overlap"],
    ["timeline"],
    ["resources"],
    ["validate"],
]


def available(command):
    """Whether this rimograph has the (sub)command (analysis commands came later)."""
    probe = subprocess.run([RIMOGRAPH, *command[:1], "--help"], capture_output=True, cwd=ROOT,
                           check=False)
    return probe.returncode == 0


def _cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(argv, env):
    """Wall-clock and CPU (user + system) seconds of one run."""
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                          cwd=ROOT, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr.decode()}")
    return seconds, _cpu() - cpu


def measure(runs, mode):
    env = dict(os.environ)
    env.pop("RIMOGRAPH_GRAPH", None)
    cache = tempfile.mkdtemp(prefix="rimograph-bench-cache-")
    # as after `pip install`: byte code is compiled once and reused (kept out of the checkout)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(cache, "pycache")
    if mode == "cache":
        env["RIMOGRAPH_CACHE_DIR"] = cache
        env.pop("RIMOGRAPH_NO_CACHE", None)
    else:
        env["RIMOGRAPH_NO_CACHE"] = "1"
    targets = dict(ANCHORS)
    for command in COMMANDS:
        if available(command):
            targets["rimograph " + " ".join(command)] = [RIMOGRAPH, *command]
    for argv in targets.values():  # untimed: fills the cache, compiles .pyc files
        run_once(argv, env)
    times = {name: [] for name in targets}
    cpus = {name: [] for name in targets}
    for _ in range(runs):
        for name, argv in targets.items():
            wall, cpu = run_once(argv, env)
            times[name].append(wall)
            cpus[name].append(cpu)
    shutil.rmtree(cache, ignore_errors=True)
    anchor = statistics.median(times['python -c "import networkx"'])
    cpu_anchor = statistics.median(cpus['python -c "import networkx"'])
    return [{"command": name, "median_ms": round(statistics.median(t) * 1000, 1),
             "min_ms": round(min(t) * 1000, 1),
             "ratio": round(statistics.median(t) / anchor, 2),
             "cpu_ms": round(statistics.median(cpus[name]) * 1000, 1),
             "cpu_ratio": round(statistics.median(cpus[name]) / cpu_anchor, 2)}
            for name, t in times.items()]


def machine():
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.machine()}, nproc {os.cpu_count()}, {memory:.1f} GiB RAM, "
            f"Python {platform.python_version()}, load average "
            f"{os.getloadavg()[0]:.2f}, {time.strftime('%Y-%m-%d')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--mode", choices=["cache", "nocache", "both"], default="both")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    print(machine())
    results = {}
    for mode in (["cache", "nocache"] if args.mode == "both" else [args.mode]):
        rows = measure(args.runs, mode)
        results[mode] = rows
        print(f"\n{mode}: median of {args.runs} cold runs (ratio = median / import networkx; "
              "CPU = user + system time of the process)")
        print(f"| {'command':<45} | median ms | min ms | ratio | CPU ms | CPU ratio |")
        print(f"|{'-' * 47}|----------:|-------:|------:|-------:|----------:|")
        for row in rows:
            print(f"| {row['command']:<45} | {row['median_ms']:>9} | {row['min_ms']:>6} "
                  f"| {row['ratio']:>5} | {row['cpu_ms']:>6} | {row['cpu_ratio']:>9} |")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), **results}, indent=2))


if __name__ == "__main__":
    main()
