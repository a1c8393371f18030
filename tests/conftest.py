"""Shared fixtures: the real curated graph of the plan, and a writable copy of its tables."""

import shutil
from pathlib import Path

import pytest

from rimograph.core.load import load_graph

ROOT = Path(__file__).resolve().parents[1]
GRAPH_DIR = ROOT / "graph"


@pytest.fixture(scope="session", autouse=True)
def graph_cache(tmp_path_factory):
    """The graph cache (rimograph.core.load) in a folder of this test run, never the user's."""
    mp = pytest.MonkeyPatch()
    mp.setenv("RIMOGRAPH_CACHE_DIR", str(tmp_path_factory.mktemp("rimograph-cache")))
    yield
    mp.undo()


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Every test starts in Dutch, the default (a command line run may have set English)."""
    from rimograph.core.i18n import set_language

    set_language("nl")


@pytest.fixture
def english():
    """Messages in English for this test (the default is Dutch)."""
    from rimograph.core.i18n import set_language

    set_language("en")
    yield
    set_language("nl")


@pytest.fixture(scope="session")
def graph():
    """The embedded graph of the real plan (read-only: do not mutate)."""
    return load_graph(GRAPH_DIR)


@pytest.fixture
def graph_copy(tmp_path):
    """A copy of graph/*.csv in a temporary folder, for tests that break the tables."""
    target = tmp_path / "graph"
    target.mkdir()
    for csv_file in GRAPH_DIR.glob("*.csv"):
        shutil.copy(csv_file, target / csv_file.name)
    return target


def append_row(path: Path, text: str) -> int:
    """Append one CSV line to ``path``; returns its spreadsheet row number (header = 1)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [text]) + "\n", encoding="utf-8")
    return len(lines) + 1
