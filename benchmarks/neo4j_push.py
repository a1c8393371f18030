"""Neo4j push benchmark: server start time, push time of the real plan, and relationships per
second on a synthetic graph in the plan's shape (default ~120k relationships: the sector-sized
tables of benchmarks/synthetic.py, or --generator simple, generated here).

    python benchmarks/neo4j_push.py                      # starts .ci/neo4j.sh, stops it after
    python benchmarks/neo4j_push.py --relationships 500000
    NEO4J_URI=... NEO4J_PASSWORD=... python benchmarks/neo4j_push.py --wipe   # a running server

It EMPTIES the database it uses: on a server it did not start itself it refuses to run
without --wipe. Measured, not asserted; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rimograph.backends import neo4j as nb
from rimograph.core.load import load_graph

NEO4J_SH = ROOT / ".ci" / "neo4j.sh"


def synthetic_graph(relationships: int, seed: int = 1) -> nx.MultiDiGraph:
    """A graph with the plan's node types, edge types and attributes, scaled so that it has at
    least ``relationships`` edges (about 70% of them PARTNERS_WITH, as in the plan)."""
    rng = random.Random(seed)
    entries_needed = max(10, relationships // 11)
    n_actions = max(3, entries_needed // 5)
    n_projects = entries_needed - n_actions
    n_partners = max(20, entries_needed * 2)
    nodes, edges = {}, []

    def cite():
        start = rng.randint(1, 5600)
        return {"page": rng.randint(1, 114), "line_start": start,
                "line_end": start + rng.randint(0, 30)}

    def node(node_id, node_type, name, **attrs):
        nodes[node_id] = {"name": name, **attrs, "type": node_type}

    def edge(u, v, key, **attrs):
        edges.append((u, v, key, {"type": key, **attrs}))

    goals = [f"strategic-goal:sd{i}" for i in range(1, 5)]
    for i, g in enumerate(goals):
        node(g, "StrategicGoal", f"SD{i + 1}", code=f"SD{i + 1}",
             scope="internal" if i == 3 else "external", summary="synthetisch", **cite())
    themes = [f"theme:t{i}" for i in range(5)]
    for i, t in enumerate(themes):
        node(t, "Theme", f"Thema {i}", strategic_goal=goals[min(i, 2)], fte=4.5, **cite())
        edge(t, goals[min(i, 2)], "PART_OF", **cite())
    ops = [f"operational-goal:od{i}" for i in range(21)]
    for i, o in enumerate(ops):
        internal = i >= 13
        node(o, "OperationalGoal", f"OD {i}", strategic_goal=goals[3 if internal else i % 3],
             scope="internal" if internal else "external", summary="synthetisch", **cite())
        edge(o, goals[3 if internal else i % 3], "PART_OF", **cite())
        if not internal:
            edge(o, themes[i % 5], "HAS_THEME", **cite())
    munis = [f"municipality:{71000 + i}" for i in range(42)]
    for i, m in enumerate(munis):
        node(m, "Municipality", f"Gemeente {i}", nis=str(71000 + i), arrondissement="Hasselt",
             nis_2025=str(71000 + i), name_2025=f"Gemeente {i}", merged_2025=False,
             source="synthetic")
    hoods = [f"neighbourhood:b{i}" for i in range(max(10, entries_needed // 20))]
    for h in hoods:
        m = rng.choice(munis)
        node(h, "Neighbourhood", h, kind="buurt", municipality=m.split(":")[1], **cite())
        edge(h, m, "LOCATED_IN", **cite())
    groups = [f"target-group:g{i}" for i in range(22)]
    for g in groups:
        node(g, "TargetGroup", g)
    partners = [f"partner:p{i}" for i in range(n_partners)]
    for i, p in enumerate(partners):
        node(p, "Partner", f"Partner {i}", kind="organisation", generic=False, **cite())
        if rng.random() < 0.3:
            edge(p, rng.choice(munis), "BASED_IN", **cite())
    actions = [f"action:a{i}" for i in range(n_actions)]
    projects = [f"project:p{i}" for i in range(n_projects)]
    timing = {"scope": "local", "start": "2021-01", "end": "2025-12", "timing": "2021-2025",
              "partners_open_ended": False, "summary": "synthetisch"}
    for i, a in enumerate(actions):
        node(a, "StrategicAction", f"Actie {i}", sector=False, transversal=False, **timing,
             **cite())
        for o in rng.sample(ops[:13], 3):
            edge(a, o, "CONTRIBUTES_TO", certainty=rng.choice(["certain", "possible"]),
                 basis="inferred", reason="synthetisch", **cite())
    for i, p in enumerate(projects):
        parent = actions[i % n_actions]
        node(p, "Project", f"Project {i}", action=parent, **timing, **cite())
        edge(p, parent, "PART_OF", **cite())
    for e in actions + projects:
        for place in rng.sample(munis, 1) + rng.sample(hoods, 1):
            edge(e, place, "ACTIVE_IN", basis="stated", reason="", **cite())
        for g in rng.sample(groups, 1):
            edge(e, g, "TARGETS", **cite())
        for p in rng.sample(partners, 7):
            edge(e, p, "PARTNERS_WITH", mention=p, basis="stated", reason="", **cite())
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(sorted(nodes.items()))
    for u, v, key, attrs in sorted(edges, key=lambda e: e[:3]):
        graph.add_edge(u, v, key=key, **attrs)
    return graph


def build_synthetic(generator: str, relationships: int) -> nx.MultiDiGraph:
    """The synthetic graph: ``sector`` writes tables with ``benchmarks/synthetic.py`` into a
    temporary folder and loads them like ``graph/``; ``simple`` is :func:`synthetic_graph`."""
    if generator == "simple":
        return synthetic_graph(relationships)
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import synthetic

    with tempfile.TemporaryDirectory() as folder:
        synthetic.generate(relationships, Path(folder))
        return load_graph(Path(folder))


def wipe(conn):
    with conn.driver.session(database=conn.database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                    ).consume()


def start_server():
    started = time.perf_counter()
    done = subprocess.run(["bash", str(NEO4J_SH), "start"], check=False, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"{NEO4J_SH} start failed:\n{done.stderr}")
    if "already running" in done.stderr:
        return None, None
    ready = re.search(r"ready in (\d+) s", done.stderr)
    env = dict(line.split("=", 1) for line in
               (ROOT / ".ci" / "neo4j.env").read_text().splitlines() if "=" in line)
    os.environ.update(env)
    return wall, int(ready.group(1)) if ready else None


def timed_push(conn, graph, replace=False, batch_size=nb.BATCH_SIZE):
    """:func:`rimograph.backends.neo4j.push`; its report carries the seconds it took."""
    return nb.push(graph, conn.driver, conn.database, replace=replace, batch_size=batch_size)


def line(label, report, graph):
    rels = graph.number_of_edges()
    print(f"{label:<44} {graph.number_of_nodes():>8} nodes {rels:>8} rels "
          f"{report.seconds:8.2f} s {rels / report.seconds:>10,.0f} rel/s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=120_000,
                        help="least number of relationships of the synthetic graph")
    parser.add_argument("--generator", choices=["sector", "simple"], default="sector",
                        help="sector: the tables of benchmarks/synthetic.py (hub partners, "
                        "validated and built by rimograph's loader); simple: synthetic_graph() "
                        "here (uniform partners, built directly as a networkx graph)")
    parser.add_argument("--batch-size", type=int, default=nb.BATCH_SIZE)
    parser.add_argument("--wipe", action="store_true",
                        help="allow emptying the database of a server given by NEO4J_URI")
    parser.add_argument("--keep-server", action="store_true",
                        help="do not stop the server this script started")
    args = parser.parse_args()

    started_here = False
    if os.environ.get("NEO4J_URI"):
        if not args.wipe:
            sys.exit("NEO4J_URI is set: this benchmark empties that database; add --wipe")
        print("server start: not measured (NEO4J_URI given: a server already running)")
    else:
        wall, ready = start_server()
        started_here = wall is not None
        if started_here:
            print(f"server start (.ci/neo4j.sh start): {wall:.1f} s wall clock "
                  f"(script says ready in {ready} s)")
        else:
            print("server start: not measured (.ci/neo4j.sh: already running)")
    try:
        with nb.connect() as conn:
            print(f"Neo4j at {conn.uri}, database {conn.database}, batch size {args.batch_size}")
            wipe(conn)
            plan = load_graph(ROOT / "graph")
            line("real plan, first push (empty database)", timed_push(conn, plan), plan)
            line("real plan, push again (no change)", timed_push(conn, plan), plan)
            line("real plan, push --replace (new version, pointer switch)",
                 timed_push(conn, plan, replace=True), plan)
            wipe(conn)
            t0 = time.perf_counter()
            big = build_synthetic(args.generator, args.relationships)
            print(f"synthetic graph ({args.generator}) built in {time.perf_counter() - t0:.1f} s")
            line("synthetic, first push (empty database)",
                 timed_push(conn, big, batch_size=args.batch_size), big)
            line("synthetic, push again (all MERGE hits)",
                 timed_push(conn, big, batch_size=args.batch_size), big)
            line("synthetic, push --replace (new version, pointer switch)",
                 timed_push(conn, big, replace=True, batch_size=args.batch_size), big)
            wipe(conn)
    finally:
        if started_here and not args.keep_server:
            subprocess.run(["bash", str(NEO4J_SH), "stop"], check=False, capture_output=True)


if __name__ == "__main__":
    main()
