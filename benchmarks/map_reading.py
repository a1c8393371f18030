"""How the whole plan's map reads at first view: names, overlaps, font, partners beside actions.

    python benchmarks/map_reading.py                 # the whole plan, as `rimograph map`
    python benchmarks/map_reading.py --screenshot /tmp/plan.png

Writes the map with ``rimograph map`` (one cold process, timed), opens it in headless Chromium
at 1366 x 768 (``tests/browser.py`` ``open_page``) and reads the label boxes back from the page:
names drawn at first view (of all nodes, and per type), pairs of overlapping names, the
smallest font. Then, from the map's data (positions in the frame, CSS px at first view), how
far each partner lies from the actions and projects it works with: the median over partners
of the mean distance, and how many partners of a single entry lie within 80 px of it.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RIMOGRAPH = str(Path(sys.executable).parent / "rimograph")

LABELS = """() => ({ labels: rimographLabels(), data: JSON.parse(
    document.getElementById('rimograph-data').textContent) })"""


def main():
    from tests.browser import open_page
    from tests.test_map import overlapping

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "kaart.html"
        start = time.perf_counter()
        subprocess.run([RIMOGRAPH, "map", "--out", str(out)], check=True, capture_output=True)
        seconds = time.perf_counter() - start
        page = open_page(out, screenshot=args.screenshot, script=LABELS, viewport=(1366, 768))
    labels, data = page["result"]["labels"], page["result"]["data"]
    nodes = data["nodes"]
    types = {n["id"]: n["type"] for n in nodes}
    at = {n["id"]: (n["x"], n["y"]) for n in nodes}
    entries = {}
    partners_with = data["edge_types"].index("PARTNERS_WITH")
    for edge in data["edges"]:
        if edge[2] == partners_with:
            entries.setdefault(nodes[edge[1]]["id"], []).append(nodes[edge[0]]["id"])
    mean = {p: statistics.mean(math.dist(at[p], at[e]) for e in es) for p, es in entries.items()}
    single = [mean[p] for p, es in entries.items() if len(es) == 1]
    print(json.dumps({
        "write_s": round(seconds, 2), "nodes": len(nodes), "names": len(labels),
        "names_by_type": dict(Counter(types[b["id"]] for b in labels).most_common()),
        "overlaps": len(overlapping(labels)), "smallest_font_px": min(b["size"] for b in labels),
        "partners": len(mean), "median_partner_distance_px": round(statistics.median(mean.values())),
        "single_entry_partners": len(single),
        "single_entry_within_80px": sum(d <= 80 for d in single),
    }, indent=1))


if __name__ == "__main__":
    main()
