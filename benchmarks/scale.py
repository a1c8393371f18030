"""How rimograph scales: synthetic sector-sized plans of 10k, 100k and 1M edges.

    python benchmarks/scale.py                        # all three sizes, then the bad-row check
    python benchmarks/scale.py --sizes 10000 100000   # some sizes only
    python benchmarks/scale.py --json /tmp/scale.json

For each size the tables are written by ``benchmarks/synthetic.py`` (into ``--work``, reused
when present) and measured in fresh processes, so one size's memory does not carry into the
next:

- **load + validate**: ``rimograph.core.tables.load_tables`` (read and check every table);
  **build**: ``rimograph.core.model.build_graph``; both without the graph cache;
- **peak memory**: the measuring process's peak resident set (``ru_maxrss``), interpreter
  included, after loading and asking the questions;
- **questions**: ``partners_spanning_themes(graph, 2)`` (= ``rimograph partners --min-themes
  2``), ``municipality_coverage`` and ``goal_coverage`` (= ``coverage municipalities`` and
  ``coverage goals``) on the loaded graph (frozen for the garbage collector by the loader); first run
  and median of three;
- **cache**: ``rimograph.core.load.load_graph`` when the cache is filled (validate, build, write the
  cache file) and when it is read;
- **CLI**: ``rimograph partners --min-themes 2 --format csv`` etc. end to end, cache warm.

Then one row of the largest tables is broken (a dangling reference, and separately a bad
number) and ``rimograph validate`` must report exactly that problem with file and row.
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
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = [10_000, 100_000, 1_000_000]
RIMOGRAPH = str(Path(sys.executable).parent / "rimograph")


def label(size):
    return f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"


def peak_gib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


# -- inside the measuring subprocess ----------------------------------------------------------

def measure_load(folder: Path) -> dict:
    from rimograph.questions import coverage, partners
    from rimograph.core.model import build_graph
    from rimograph.core.tables import load_tables

    start = time.perf_counter()
    tables = load_tables(folder)
    loaded = time.perf_counter()
    graph = build_graph(tables)
    built = time.perf_counter()
    del tables
    result = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
              "load_validate_s": loaded - start, "build_s": built - loaded,
              "peak_after_load_gib": peak_gib()}
    for name, question in (("partners", lambda: partners.partners_spanning_themes(graph, 2)),
                           ("coverage_municipalities",
                            lambda: coverage.municipality_coverage(graph)),
                           ("coverage_goals", lambda: coverage.goal_coverage(graph))):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            rows = question()
            times.append(time.perf_counter() - start)
        result[f"{name}_first_s"] = times[0]
        result[f"{name}_s"] = statistics.median(times)
        result[f"{name}_rows"] = len(rows)
    result["peak_gib"] = peak_gib()
    return result


def measure_cache(folder: Path) -> dict:
    from rimograph.core.load import load_graph

    start = time.perf_counter()
    graph = load_graph(folder)
    return {"seconds": time.perf_counter() - start, "edges": graph.number_of_edges(),
            "peak_gib": peak_gib()}


# -- the driver -------------------------------------------------------------------------------

def child(mode, folder, env):
    done = subprocess.run([sys.executable, __file__, f"--{mode}", str(folder)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"measuring {folder} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cli_seconds(argv, env):
    start = time.perf_counter()
    done = subprocess.run([RIMOGRAPH, *argv], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    if done.returncode != 0:
        raise SystemExit(f"rimograph {' '.join(argv)} failed:\n{done.stderr.decode()}")
    return time.perf_counter() - start


def measure_size(size, work, env):
    folder = work / f"synth-{label(size)}"
    if not (folder / "partner_mentions.csv").exists():
        sys.path.insert(0, str(Path(__file__).parent))
        from synthetic import generate

        generate(size, folder)
    csv_mib = sum(f.stat().st_size for f in folder.glob("*.csv")) / 2**20
    nocache = {**env, "RIMOGRAPH_NO_CACHE": "1"}
    result = {"size": size, "csv_mib": csv_mib, **child("measure-load", folder, nocache)}
    cache = tempfile.mkdtemp(prefix="rimograph-scale-cache-")
    with_cache = {**env, "RIMOGRAPH_CACHE_DIR": cache}
    with_cache.pop("RIMOGRAPH_NO_CACHE", None)
    result["cache_fill_s"] = child("measure-cache", folder, with_cache)["seconds"]
    hit = child("measure-cache", folder, with_cache)
    result["cache_hit_s"], result["cache_hit_peak_gib"] = hit["seconds"], hit["peak_gib"]
    result["cache_mib"] = sum(f.stat().st_size for f in Path(cache).glob("graph-*")) / 2**20
    for name, argv in (("cli_partners_s", ["partners", "--min-themes", "2"]),
                       ("cli_coverage_municipalities_s", ["coverage", "municipalities"]),
                       ("cli_coverage_goals_s", ["coverage", "goals"])):
        result[name] = cli_seconds([*argv, "--format", "csv", "--graph", str(folder)],
                                   with_cache)
    shutil.rmtree(cache, ignore_errors=True)
    return result


def break_one_row(source, work, file, row, column, value):
    """A copy of ``source`` with ``column`` of spreadsheet row ``row`` of ``file`` set to
    ``value``; returns the folder and the row's old line."""
    import csv

    folder = work / "broken"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(source, folder)
    path = folder / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    cells = next(csv.reader([lines[row - 1]]))
    cells[header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(lines[:row - 1])
        csv.writer(handle, lineterminator="\n").writerow(cells)
        handle.writelines(lines[row:])
    return folder


def bad_rows(size, work, env):
    """Break one row of the largest tables; ``rimograph validate`` must name it exactly."""
    import csv

    source = work / f"synth-{label(size)}"
    with (source / "partner_mentions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    middle = len(rows) // 2  # a mention with an alias valid everywhere, near the middle
    while rows[middle]["mention"] == "lokaal bestuur":
        middle += 1
    cases = [("partner_mentions.csv", middle + 2, "entry", "action:bestaat-niet",
              "entry: unknown action or project 'action:bestaat-niet'"),
             ("locations.csv", 54_321 if size >= 1_000_000 else 5, "page", "x",
              "page: expected a whole number, got 'x'")]
    results = []
    for file, row, column, value, message in cases:
        folder = break_one_row(source, work, file, row, column, value)
        start = time.perf_counter()
        done = subprocess.run([RIMOGRAPH, "validate", "--graph", str(folder)], env=env,
                              capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        expected = f"{file}:{row}: {message}"
        problems = [line for line in done.stderr.splitlines() if not line.startswith("Error")]
        ok = done.returncode == 1 and problems == [expected]
        results.append({"file": file, "row": row, "expected": expected, "reported": problems,
                        "exit_code": done.returncode, "seconds": seconds, "ok": ok})
        shutil.rmtree(folder, ignore_errors=True)
    return results


def machine():
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.machine()}, nproc {os.cpu_count()}, {memory:.1f} GiB RAM, "
            f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f}, "
            f"{time.strftime('%Y-%m-%d')}")


def report(results, bad):
    def row(title, key, fmt="{:.2f}"):
        cells = [fmt.format(r[key]) for r in results]
        growth = [f"{results[i + 1][key] / results[i][key]:.1f}×" if results[i][key] else "-"
                  for i in range(len(results) - 1)]
        print(f"| {title} | " + " | ".join(cells) + " | " + " | ".join(growth) + " |")

    sizes = [label(r["size"]) for r in results]
    steps = [f"{a}→{b}" for a, b in pairwise(sizes)]
    print("| figure | " + " | ".join(sizes) + " | " + " | ".join(steps) + " |")
    print("|---|" + "---:|" * (len(sizes) + len(steps)))
    row("edges", "edges", "{:,}")
    row("nodes", "nodes", "{:,}")
    row("CSV (MiB)", "csv_mib", "{:.1f}")
    row("load + validate (s)", "load_validate_s")
    row("build graph (s)", "build_s")
    row("peak memory (GiB)", "peak_gib")
    row("partners --min-themes 2 (s)", "partners_s")
    row("coverage municipalities (s)", "coverage_municipalities_s", "{:.3f}")
    row("coverage goals (s)", "coverage_goals_s", "{:.3f}")
    row("cache: fill = validate + build + write (s)", "cache_fill_s")
    row("cache: load from cache (s)", "cache_hit_s")
    row("cache file (MiB)", "cache_mib", "{:.1f}")
    row("CLI partners, csv, cache warm (s)", "cli_partners_s")
    row("CLI coverage municipalities, csv (s)", "cli_coverage_municipalities_s")
    row("CLI coverage goals, csv (s)", "cli_coverage_goals_s")
    for case in bad:
        print(f"\nbad row {case['file']}:{case['row']}: validate exit {case['exit_code']} in "
              f"{case['seconds']:.1f} s, reported {case['reported']} -> "
              f"{'OK' if case['ok'] else 'NOT AS EXPECTED: ' + case['expected']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "rimograph-scale")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-bad-row", action="store_true", help="skip the bad-row check")
    parser.add_argument("--measure-load", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure-cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_load:
        print(json.dumps(measure_load(args.measure_load)))
        return
    if args.measure_cache:
        print(json.dumps(measure_cache(args.measure_cache)))
        return
    env = dict(os.environ)
    env.pop("RIMOGRAPH_GRAPH", None)
    args.work.mkdir(parents=True, exist_ok=True)
    print(machine(), flush=True)
    results = []
    for size in sorted(args.sizes):
        results.append(measure_size(size, args.work, env))
        print(f"{label(size)}: " + ", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}"
                                             for k, v in results[-1].items()), flush=True)
    bad = [] if args.no_bad_row else bad_rows(max(args.sizes), args.work,
                                              {**env, "RIMOGRAPH_NO_CACHE": "1"})
    print()
    report(results, bad)
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "sizes": results,
                                         "bad_rows": bad}, indent=2))


if __name__ == "__main__":
    main()
