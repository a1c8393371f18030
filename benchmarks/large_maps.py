"""Time large maps: writing them, their first still picture and a zoom in headless Chromium.

    python benchmarks/large_maps.py                          # about 1k, 5k, 20k and 100k nodes
    python benchmarks/large_maps.py --edges 1500 12000       # only these synthetic sizes
    python benchmarks/large_maps.py --compare-up-to 25000    # vis and WebGL side by side

For each size a synthetic plan (``benchmarks/synthetic.py``, ``--edges`` edges: 1,500 gives
about 900 nodes, 12,000 about 5,000, 140,000 about 21,000, 760,000 about 100,000) is written,
``rimograph map --graph ...`` writes its map (timed, one cold process, the graph cache warm;
the map chooses its renderer: sigma.js on WebGL above ``maps.WEBGL_NODES`` nodes), and the page
is opened in headless Chromium (software GL, SwiftShader) at 1366 x 768: ``ready_s`` runs from
opening the file to ``body[data-ready]`` (set after the first drawing, which is the still
picture: positions are fixed); ``frame_ms`` is the slowest frame after one mouse-wheel zoom step
(the redraw of nodes, edges and names); ``names`` is how many names the first view draws. For
maps up to ``--compare-up-to`` nodes the other renderer is measured too, on the same data
(written in process with ``write_map(..., renderer=...)``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
RIMOGRAPH = str(Path(sys.executable).parent / "rimograph")

# the slowest frame in the 1.5 s after one zoom step, measured with requestAnimationFrame
ZOOM = """async () => {
  const target = document.querySelector('#network canvas.sigma-mouse') ||
    document.querySelector('#network canvas');
  const stamps = [];
  let running = true;
  const tick = t => { stamps.push(t); if (running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  await new Promise(r => setTimeout(r, 100));
  target.dispatchEvent(new WheelEvent('wheel', { deltaY: -240, clientX: 800, clientY: 400,
                                                 bubbles: true, cancelable: true }));
  await new Promise(r => setTimeout(r, 1500));
  running = false;
  let slowest = 0;
  for (let i = 1; i < stamps.length; i++) slowest = Math.max(slowest, stamps[i] - stamps[i - 1]);
  return slowest; }"""


def open_map(path: Path) -> dict:
    """Open a map as a person would; returns ready_s, frame_ms, names, nodes, renderer, errors."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        start = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=900_000, wait_until="commit")
        page.wait_for_selector("body[data-ready=true]", timeout=900_000, state="attached")
        ready = time.perf_counter() - start
        found = page.evaluate("""() => ({ names: rimographLabels().length,
            renderer: rimographRenderer(), nodes: rimographVisible().length })""")
        frame = page.evaluate(ZOOM)
        browser.close()
    return {"ready_s": round(ready, 1), "frame_ms": round(frame), **found, "errors": errors}


def measure(edges: int, work: Path, compare_up_to: int) -> list[dict]:
    from synthetic import generate

    from rimograph.core.load import load_graph
    from rimograph.outputs.maps import select, write_map

    folder = work / f"synth-{edges}"
    if not (folder / "partner_mentions.csv").exists():
        generate(edges, folder)
    subprocess.run([RIMOGRAPH, "validate", "--graph", str(folder)], check=True,
                   capture_output=True)  # fills the graph cache
    out = work / f"map-{edges}.html"
    start = time.perf_counter()
    subprocess.run([RIMOGRAPH, "map", "--graph", str(folder), "--out", str(out)], check=True,
                   capture_output=True)
    written = time.perf_counter() - start
    rows = [{"edges": edges, "written_s": round(written, 1),
             "html_mib": round(out.stat().st_size / 2**20, 1), **open_map(out)}]
    if rows[0]["nodes"] <= compare_up_to:
        other = "vis" if rows[0]["renderer"] == "webgl" else "webgl"
        graph = load_graph(folder)
        nodes, _ = select(graph)
        forced = work / f"map-{edges}-{other}.html"
        write_map(graph, forced, "synthetic", nodes=nodes, renderer=other)
        rows.append({"edges": edges, "written_s": None,
                     "html_mib": round(forced.stat().st_size / 2**20, 1), **open_map(forced)})
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, nargs="+", default=[1500, 12000, 140000, 760000])
    parser.add_argument("--compare-up-to", type=int, default=25_000,
                        help="also open maps up to this many nodes with the other renderer")
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "rimograph-large-maps")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("RIMOGRAPH_CACHE_DIR", str(args.work / "cache"))
    print(f"nproc {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}", flush=True)
    results = []
    for edges in args.edges:
        for row in measure(edges, args.work, args.compare_up_to):
            print(json.dumps(row), flush=True)
            results.append(row)
    print(f"load average {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
