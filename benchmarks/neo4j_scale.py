"""Neo4j at sector scale: `neo4j push` of synthetic tables (100k, 1M, 10M edges) and every
question on `--backend neo4j`, against a real Neo4j 5.26.

    python benchmarks/synthetic.py --edges 1000000 --out /tmp/synth1m
    NEO4J_HEAP=2g NEO4J_PAGECACHE=1g python benchmarks/neo4j_scale.py /tmp/synth100k /tmp/synth1m
    python benchmarks/neo4j_scale.py /tmp/synth1m --batch-sizes 5000 10000 50000 --questions
    NEO4J_URI=... NEO4J_PASSWORD=... python benchmarks/neo4j_scale.py /tmp/synth1m --wipe

For each folder, each push runs in a fresh process that loads the graph (the cache of
``RIMOGRAPH_CACHE_DIR``, filled first), empties the database and pushes: a first push (a new
version, ``CREATE``) per batch size, then, with ``--repush``, the same push again (``MERGE``
into the current version). Printed: seconds, relationships per second, the client's CPU
seconds during the push, its peak memory after loading and at the end (maximum resident set),
and the load average. With ``--questions`` the last folder stays pushed and every question runs
end to end (a fresh ``rimograph`` process) on ``--backend neo4j`` and on the embedded graph
(warm cache), whose CSV outputs are asserted equal: wall and CPU seconds of the client, peak
memory. It EMPTIES the database; on a server it did not start it needs ``--wipe``. Measured,
not asserted; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import neo4j_push  # noqa: E402  (start_server, wipe, NEO4J_SH)
from compare import RIMOGRAPH, run  # noqa: E402  (one timed child process)

QUESTIONS = {
    "partners": ["partners", "--min-themes", "2"],
    "coverage municipalities": ["coverage", "municipalities"],
    "coverage goals": ["coverage", "goals"],
    "entries": ["entries"],
    "needs": ["needs"],
    "stats": ["stats"],
}


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def push_child(folder: str, size: int, repush: bool):
    """In a fresh process: load, empty the database, push (and push again); print JSON."""
    from rimograph.backends import neo4j as nb
    from rimograph.core.load import load_graph

    started = time.perf_counter()
    graph = load_graph(Path(folder))
    figures = {"nodes": graph.number_of_nodes(), "rels": graph.number_of_edges(),
               "load_s": time.perf_counter() - started, "loaded_mib": peak_mib()}
    with nb.connect() as conn:
        neo4j_push.wipe(conn)
        for step in ("first", "again") if repush else ("first",):
            cpu = time.process_time()
            report = nb.push(graph, conn.driver, conn.database, batch_size=size)
            figures[step] = {"s": report.seconds, "cpu": time.process_time() - cpu,
                             "peak_mib": peak_mib(), "load": os.getloadavg()[0],
                             "created": report.counters["relationships_created"]}
    print(json.dumps(figures))


def timed_push(folder: Path, size: int, repush: bool) -> dict:
    done = subprocess.run([sys.executable, __file__, "--push-child", str(folder), str(size),
                           str(int(repush))], capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"push of {folder} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def questions(folder: Path) -> list:
    """Every question on Neo4j and embedded (warm cache); same CSV asserted."""
    env = {k: v for k, v in os.environ.items() if k != "RIMOGRAPH_NO_CACHE"}
    rows = []
    for name, args in QUESTIONS.items():
        cli = [RIMOGRAPH, *args, "--format", "csv"]
        on_neo4j = run(cli + ["--backend", "neo4j"], env)
        embedded = run(cli + ["--graph", str(folder)], env)
        if on_neo4j["stdout"] != embedded["stdout"]:
            sys.exit(f"{name}: Neo4j and the embedded graph answer differently")
        rows.append((name, on_neo4j["stdout"].count("\n") - 1, on_neo4j, embedded))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="tables of synthetic.py")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--repush", action="store_true", help="also time the same push again")
    parser.add_argument("--questions", action="store_true",
                        help="time every question on the last folder, on both backends")
    parser.add_argument("--wipe", action="store_true",
                        help="allow emptying the database of a server given by NEO4J_URI")
    parser.add_argument("--push-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.push_child:
        folder, size, repush = args.push_child
        return push_child(folder, int(size), repush == "1")
    started_here = False
    if os.environ.get("NEO4J_URI"):
        if not args.wipe:
            sys.exit("NEO4J_URI is set: this benchmark empties that database; add --wipe")
    else:
        wall, _ready = neo4j_push.start_server()
        started_here = wall is not None
    try:
        print("| edges | nodes | step | batch | seconds | rel/s | client CPU s | "
              "client MiB loaded / peak | load |")
        print("|---:|---:|---|---:|---:|---:|---:|---:|---:|")
        for folder in args.folders:
            run([RIMOGRAPH, "stats", "--graph", str(folder)], dict(os.environ))  # the cache
            for size in args.batch_sizes:
                f = timed_push(folder, size, args.repush)
                for step in ("first", "again"):
                    if step in f:
                        s = f[step]
                        print(f"| {f['rels']:,} | {f['nodes']:,} | {step} | {size:,} | "
                              f"{s['s']:.1f} | {f['rels'] / s['s']:,.0f} | {s['cpu']:.1f} | "
                              f"{f['loaded_mib']:.0f} / {s['peak_mib']:.0f} | "
                              f"{s['load']:.1f} |", flush=True)
        if args.questions and args.folders:
            print(f"\nquestions on {args.folders[-1]} (CSV, the same on both backends)")
            print("| question | rows | Neo4j wall s | CPU s | MiB | embedded wall s | CPU s | "
                  "MiB | load |")
            print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
            for name, count, neo, emb in questions(args.folders[-1]):
                print(f"| {name} | {count:,} | {neo['wall']:.2f} | {neo['cpu']:.2f} | "
                      f"{neo['peak_mib']:.0f} | {emb['wall']:.2f} | {emb['cpu']:.2f} | "
                      f"{emb['peak_mib']:.0f} | {neo['load']:.1f} |", flush=True)
    finally:
        if started_here:
            subprocess.run(["bash", str(neo4j_push.NEO4J_SH), "stop"], check=False,
                           capture_output=True)


if __name__ == "__main__":
    main()
