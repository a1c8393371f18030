"""Open the whole plan's map as pyvis draws it by default and as rimograph draws it, in headless
Chromium, and time each from opening the file to a still picture.

    python benchmarks/pyvis_default.py

pyvis's default page (``Network.from_nx``, physics on, ``cdn_resources="in_line"``) is still
once vis-network's physics says ``stabilized``; rimograph's once it sets ``body[data-ready]``
after its first drawing (positions precomputed, physics off). Also lists the requests each
page makes to the network (a meeting room may have none).
"""

import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright
from pyvis.network import Network

from rimograph.core.load import load_graph
from rimograph.outputs.maps import select, write_map

ROOT = Path(__file__).resolve().parents[1]


def pages(folder: Path):
    graph = load_graph(ROOT / "graph")
    nodes, _ = select(graph)  # the default map: generic partners left out
    ours = folder / "rimograph.html"
    write_map(graph, ours, "Meerjarenplan", nodes=nodes)
    simple = nx.DiGraph()
    for node in sorted(nodes):
        simple.add_node(node, label=graph.nodes[node]["name"], title=graph.nodes[node]["name"])
    simple.add_edges_from((u, v) for u, v in graph.edges() if u in nodes and v in nodes)
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(simple)
    default = folder / "pyvis-default.html"
    default.write_text(net.generate_html(), encoding="utf-8")
    return {"pyvis default": (default, "() => network.physics.stabilized === true"),
            "rimograph": (ours, "() => document.body.dataset.ready === 'true'")}


def main():
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for name, (path, still) in pages(Path(tmp)).items():
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            start = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function(still, timeout=300_000, polling=100)
            seconds = time.perf_counter() - start
            remote = [r for r in requests if not r.startswith("file:")]
            print(f"{name}: {path.stat().st_size:,} bytes, still after {seconds:.2f} s, "
                  f"network requests: {remote or 'none'}")
        browser.close()


if __name__ == "__main__":
    main()
