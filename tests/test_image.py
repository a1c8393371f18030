"""The static map image: a valid PNG or SVG with title and legend, the same bytes every run."""

import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.outputs.image import MARKERS, draw_map
from rimograph.outputs.labels import TYPE_STYLE

from .conftest import GRAPH_DIR

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def make(path, *options):
    result = CliRunner().invoke(cli, ["image", "--graph", str(GRAPH_DIR), "--out", str(path),
                                      *options], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path.read_bytes()


@pytest.fixture(scope="module")
def pngs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("png")
    return make(folder / "a.png"), make(folder / "b.png")


def test_every_map_shape_has_a_marker():
    assert {style["shape"] for style in TYPE_STYLE.values()} <= set(MARKERS)


def test_png_is_valid_and_identical_on_two_runs(pngs):
    first, second = pngs
    assert first.startswith(PNG_SIGNATURE)
    assert first == second
    assert b"tIME" not in first  # no timestamp chunk
    import io

    from PIL import Image

    with Image.open(io.BytesIO(first)) as image:
        image.verify()
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == (3200, 1800)
        assert image.info["Title"] == "Meerjarenplan 2021-2025 RIMO Limburg"


def test_svg_is_valid_and_identical_on_two_runs(tmp_path, graph):
    first = draw_map(graph, tmp_path / "a.svg", "Kaart", "en").read_bytes()
    second = draw_map(graph, tmp_path / "b.svg", "Kaart", "en").read_bytes()
    assert first == second
    root = ET.fromstring(first)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = first.decode("utf-8")
    assert "<dc:date>" not in text
    assert "<dc:title>Kaart</dc:title>" in text
    assert 'id="legend_1"' in text  # the legend is drawn in


def test_cli_svg_in_english(tmp_path):
    data = make(tmp_path / "map.svg", "--lang", "en").decode("utf-8")
    assert "<dc:title>Multi-year plan 2021-2025 RIMO Limburg</dc:title>" in data


def test_other_suffix_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["image", "--graph", str(GRAPH_DIR), "--out",
                                      str(tmp_path / "map.jpg")])
    assert result.exit_code == 1
    assert "give a file name ending in .png or .svg" in result.output
    assert not (tmp_path / "map.jpg").exists()
