"""The sanitising point (rimograph.core.safe) and the multi-file atomic writer."""

import pytest

from rimograph.core.errors import RimographError
from rimograph.core.files import write_atomic_many
from rimograph.core.safe import for_spreadsheet, for_terminal, is_formula_like


def test_escape_sequences_never_reach_the_terminal():
    assert for_terminal("Café\x1b[2J\x1b]8;;http://x\x07") == "Café\\x1b[2J\\x1b]8;;http://x\\x07"
    assert for_terminal("a\tb\nc") == "a\tb\nc"
    assert for_terminal("\x9b31m") == "\\x9b31m"


@pytest.mark.parametrize("cell", ["=1+1", '=HYPERLINK("x")', "+32 11", "-5", "@SUM(A1)", "\tx"])
def test_formula_like_cells_become_text(cell):
    assert is_formula_like(cell)
    assert for_spreadsheet(cell) == "'" + cell


def test_other_cells_are_unchanged():
    assert for_spreadsheet("CAW Limburg") == "CAW Limburg"
    assert for_spreadsheet(-5) == -5


def test_all_files_or_none(tmp_path):
    (tmp_path / "nodes.csv").write_text("old nodes")
    (tmp_path / "edges.csv").write_text("old edges")
    (tmp_path / "sub").mkdir()
    with pytest.raises(RimographError, match="is een map"):
        write_atomic_many({tmp_path / "nodes.csv": "new", tmp_path / "sub": "x"})
    assert (tmp_path / "nodes.csv").read_text() == "old nodes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "nodes.csv", "sub"]
    write_atomic_many({tmp_path / "nodes.csv": "new nodes", tmp_path / "edges.csv": b"new edges"})
    assert (tmp_path / "nodes.csv").read_text() == "new nodes"
    assert (tmp_path / "edges.csv").read_text() == "new edges"
