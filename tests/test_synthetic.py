"""The benchmark generator writes valid tables, and sector-sized graphs can be laid out."""

import subprocess
import sys

import networkx as nx

from rimograph.outputs import maps
from rimograph.core.load import load_graph

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import generate


def test_synthetic_tables_are_valid_and_have_the_edges_they_announce(tmp_path):
    result = generate(3000, tmp_path / "synth")
    graph = load_graph(tmp_path / "synth")  # validates: raises DataError on any problem
    assert graph.number_of_edges() == result["edges"] >= 3000
    assert graph.number_of_nodes() == result["nodes"]
    kinds = {kind for _, kind in graph.nodes(data="kind") if kind}
    assert {"organisation", "local-government", "generic"} <= kinds


def test_a_component_of_hundreds_of_nodes_is_laid_out_without_scipy(tmp_path):
    generate(3000, tmp_path / "synth")
    graph = load_graph(tmp_path / "synth")
    hubs = maps.ROW_TYPES + maps.BOTTOM_TYPES
    simple = nx.Graph(graph.subgraph(n for n, t in graph.nodes(data="type") if t not in hubs))
    assert max(len(c) for c in nx.connected_components(simple)) > maps.CORE
    positions = maps.layout(graph)
    assert set(positions) == set(graph)
    assert maps.layout(graph) == positions  # same data, same picture


def test_partners_on_arrays_give_the_plain_answer(tmp_path, monkeypatch):
    from rimograph.questions import partners

    generate(3000, tmp_path / "synth")
    graph = load_graph(tmp_path / "synth")
    assert graph.number_of_nodes() < partners.COLUMNAR_FROM  # the plain path by default
    cases = [(2, False), (1, False), (0, True), (4, True)]
    plain = [partners.partners_spanning_themes(graph, *case) for case in cases]
    monkeypatch.setattr(partners, "COLUMNAR_FROM", 0)
    on_arrays = [partners.partners_spanning_themes(graph, *case) for case in cases]
    assert on_arrays == plain
    spanning, _one, everyone, _four = plain
    assert len(everyone) == sum(1 for _, t in graph.nodes(data="type") if t == "Partner")
    top = spanning[0]
    assert top["themes"] >= 3 and top["entries"] == len(top["entry_names"]) > 50
    assert top["entry_names"] == sorted(top["entry_names"])


def test_a_command_on_a_large_graph_ends_with_all_its_output(tmp_path):
    """The console entry point leaves a sector-sized graph unfreed at exit (os._exit after
    flushing): the output is whole, the exit codes are those of click."""
    from rimograph.cli.common import LARGE_GRAPH_NODES

    result = generate(60000, tmp_path / "synth")
    assert result["nodes"] >= LARGE_GRAPH_NODES
    command = [sys.executable, "-m", "rimograph.cli"]
    done = subprocess.run([*command, "stats", "--format", "csv", "--graph", tmp_path / "synth"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    counts = {tuple(line.split(",")[:2]): int(line.split(",")[2])
              for line in done.stdout.splitlines()[1:]}
    assert counts["node", "Municipality"] == 581 and counts["node", "Partner"] > 1000
    assert done.stdout.endswith("\n")
    done = subprocess.run([*command, "show", "geen-knoop-zo", "--graph", tmp_path / "synth"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "geen-knoop-zo" in done.stderr  # not found: 2
