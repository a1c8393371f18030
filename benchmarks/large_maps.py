"""Time large maps: writing them, their first still picture and a redraw in headless Chromium.

    python benchmarks/large_maps.py                      # about 1k, 5k and 20k nodes
    python benchmarks/large_maps.py --edges 1500 12000   # only these synthetic sizes

For each size a synthetic plan (``benchmarks/synthetic.py``, ``--edges`` edges: 1,500 gives
about 900 nodes, 12,000 about 5,000, 140,000 about 21,000) is written, ``rimograph map
--graph ...`` writes its map (timed, one cold process), and the page is opened in headless
Chromium at 1366 x 768: ``ready_s`` runs from opening the file to ``body[data-ready]`` (set
after the first drawing: physics is off, so that picture is the still one); ``redraw_ms`` is
the median of 10 mouse-wheel zooms, each until two animation frames later (a full redraw of
nodes, edges and the label layer); ``names`` is how many names the first view draws.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
RIMOGRAPH = str(Path(sys.executable).parent / "rimograph")

REDRAWS = """async () => { const times = [];
  const canvas = document.querySelector('#network canvas');
  for (let i = 0; i < 10; i++) { const start = performance.now();
    canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 2 ? 120 : -120, clientX: 700,
                                                   clientY: 400, bubbles: true }));
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    times.push(performance.now() - start); }
  return times; }"""


def measure(edges: int, work: Path) -> dict:
    from playwright.sync_api import sync_playwright
    from synthetic import generate

    from tests.browser import CHROMIUM

    folder = work / f"synth-{edges}"
    generate(edges, folder)
    subprocess.run([RIMOGRAPH, "validate", "--graph", str(folder)], check=True,
                   capture_output=True)  # fills the graph cache
    out = work / f"map-{edges}.html"
    start = time.perf_counter()
    subprocess.run([RIMOGRAPH, "map", "--graph", str(folder), "--out", str(out)], check=True,
                   capture_output=True)
    written = time.perf_counter() - start
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        start = time.perf_counter()
        page.goto(out.resolve().as_uri(), timeout=900_000, wait_until="commit")
        page.wait_for_selector("body[data-ready=true]", timeout=900_000, state="attached")
        ready = time.perf_counter() - start
        names = len(page.evaluate("rimographLabels()"))
        nodes = page.evaluate("JSON.parse(document.getElementById('rimograph-data')"
                              ".textContent).nodes.length")
        redraw = statistics.median(page.evaluate(REDRAWS))
        browser.close()
    return {"edges": edges, "nodes": nodes, "written_s": round(written, 1),
            "html_mib": round(out.stat().st_size / 2**20, 1), "ready_s": round(ready, 1),
            "redraw_ms": round(redraw), "names": names, "errors": errors}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, nargs="+", default=[1500, 12000, 140000])
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(edges, Path(tmp)) for edges in args.edges]
    for row in results:
        print(json.dumps(row))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
