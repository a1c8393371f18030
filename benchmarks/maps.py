"""Time the interactive map: the whole plan, and a 5k-node synthetic graph in headless Chromium.

    python benchmarks/maps.py               # 7 cold runs of each command, then the browser
    python benchmarks/maps.py --runs 11 --json /tmp/maps.json

1. ``rimograph map`` of the whole plan, cold processes, side by side with
   ``python -c "import networkx"`` (median of ``--runs``; the graph cache is warm, see
   ``rimograph.core.load``).
2. A synthetic plan of about 5,000 nodes (``benchmarks/synthetic.py``): ``rimograph map
   --graph ...`` writes the map (cold process, timed), then the page is opened in headless
   Chromium with ``tests/browser.py`` ``open_page``, whose ``seconds`` runs from opening the
   file to the first drawing (the page sets ``body[data-ready]`` after it; physics is off,
   positions are precomputed, so that first picture is the still picture).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
RIMOGRAPH = str(Path(sys.executable).parent / "rimograph")


def run(argv, env):
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr}")
    return seconds, done.stdout.strip()


def plan_map(runs, env, out):
    commands = {"python -c \"import networkx\"": [sys.executable, "-c", "import networkx"],
                "rimograph map": [RIMOGRAPH, "map", "--out", str(out)]}
    for argv in commands.values():  # untimed: fills the graph cache and the byte-code cache
        run(argv, env)
    times = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(run(argv, env)[0])
    return {name: {"median_s": statistics.median(t), "min_s": min(t)}
            for name, t in times.items()}


def big_map(work, env, edges):
    from synthetic import generate

    from tests.browser import open_page

    folder = work / f"synth-map-{edges}"
    if not (folder / "partner_mentions.csv").exists():
        generate(edges, folder)
    out = work / "map-5k.html"
    run([RIMOGRAPH, "validate", "--graph", str(folder)], env)  # fills the graph cache
    written, said = run([RIMOGRAPH, "map", "--graph", str(folder), "--out", str(out)], env)
    pages = [open_page(out, screenshot=work / "map-5k.png") for _ in range(3)]
    return {"written_s": written, "said": said, "html_mib": out.stat().st_size / 2**20,
            "browser_s": [page["seconds"] for page in pages],
            "browser_median_s": statistics.median(page["seconds"] for page in pages),
            "status": pages[0]["status"], "errors": pages[0]["errors"],
            "requests": pages[0]["requests"], "screenshot": str(work / "map-5k.png")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--edges", type=int, default=12_000,
                        help="size of the synthetic plan (12,000 edges: about 5,200 nodes)")
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "rimograph-maps")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("RIMOGRAPH_GRAPH", None)
    env.pop("RIMOGRAPH_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as after `pip install`: byte code is reused
    env["PYTHONPYCACHEPREFIX"] = str(args.work / "pycache")
    env["RIMOGRAPH_CACHE_DIR"] = str(args.work / "cache")
    print(f"nproc {os.cpu_count()}, Python {sys.version.split()[0]}, load average "
          f"{os.getloadavg()[0]:.2f}, {time.strftime('%Y-%m-%d')}")
    plan = plan_map(args.runs, env, args.work / "map-plan.html")
    anchor = plan['python -c "import networkx"']["median_s"]
    for name, figures in plan.items():
        print(f"{name}: median {figures['median_s']:.3f} s, min {figures['min_s']:.3f} s, "
              f"{figures['median_s'] / anchor:.1f}x the networkx import")
    big = big_map(args.work, env, args.edges)
    print(f"5k map: {big['said']}; written in {big['written_s']:.2f} s "
          f"({big['html_mib']:.1f} MiB); still picture in Chromium in "
          f"{big['browser_median_s']:.2f} s (runs: "
          f"{', '.join(f'{s:.2f}' for s in big['browser_s'])}); status {big['status']!r}; "
          f"console errors {big['errors']}; requests {big['requests']}")
    if args.json:
        args.json.write_text(json.dumps({"plan": plan, "big": big}, indent=2))


if __name__ == "__main__":
    main()
