"""The graph cache of rimograph.core.load: same graph as a fresh build, never stale, never trusted
when broken."""

import marshal
import zlib

import pytest

from rimograph.core import load
from rimograph.core.errors import DataError

from .conftest import GRAPH_DIR, append_row


def signature(graph):
    """Everything that makes two graphs the same here, order included."""
    return (graph.graph, list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)),
            [(n, list(graph.pred[n])) for n in graph])


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("RIMOGRAPH_CACHE_DIR", str(folder))
    monkeypatch.delenv("RIMOGRAPH_NO_CACHE", raising=False)
    return folder


def no_build(*_):
    raise AssertionError("the tables were read again")


def test_cached_graph_is_the_built_graph(cache, monkeypatch):
    built = load.load_graph(GRAPH_DIR)
    files = list(cache.glob("graph-*.marshal"))
    assert len(files) == 1
    data = files[0].read_bytes()  # marshal (plain data, no code runs on reading), not pickle
    assert data[:12] == load.CACHE_MAGIC
    key, size, *_ = marshal.loads(data[16:])
    assert key == files[0].stem and size == [built.number_of_nodes(), built.number_of_edges()]
    monkeypatch.setattr(load, "load_tables_and_graph", no_build)
    cached = load.load_graph(GRAPH_DIR)
    assert cached is not built
    assert signature(cached) == signature(built)


def test_changed_table_is_validated_again(cache, graph_copy, monkeypatch):
    load.load_graph(graph_copy)
    row = append_row(graph_copy / "targets.csv", "action:bestaat-niet,target-group:ouders,58,1,2")
    with pytest.raises(DataError) as error:
        load.load_graph(graph_copy)
    assert f"targets.csv:{row}: entry: onbekende id 'action:bestaat-niet' (action of project)" \
        in str(error.value)
    assert len(list(cache.glob("graph-*.marshal"))) == 1  # a broken folder is not cached


def test_corrupt_cache_is_ignored_and_rewritten(cache, graph_copy):
    built = load.load_graph(graph_copy)
    (path,) = cache.glob("graph-*.marshal")
    good = path.read_bytes()
    flipped = good[:-100] + bytes([good[-100] ^ 1]) + good[-99:]
    other = marshal.dumps(("x", [1, 1], {}, {}, {}, {}))  # right CRC, not this graph
    for broken in (good[:1000], flipped, load.CACHE_MAGIC + zlib.crc32(other).to_bytes(4, "big")
                   + other, b"{}"):
        path.write_bytes(broken)
        assert signature(load.load_graph(graph_copy)) == signature(built)
        assert path.read_bytes() == good  # rewritten


def test_cache_can_be_turned_off(cache, monkeypatch):
    monkeypatch.setenv("RIMOGRAPH_NO_CACHE", "1")
    load.load_graph(GRAPH_DIR)
    assert not cache.exists()


def test_unwritable_cache_folder_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("RIMOGRAPH_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("RIMOGRAPH_NO_CACHE", raising=False)
    assert load.load_graph(GRAPH_DIR).number_of_edges() > 0
