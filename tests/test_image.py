"""The slide image: PNG, SVG (text as text) or PDF (one page), title and legend, names that
overlap nothing at 10 pt or more, the same bytes every run."""

import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.outputs.image import MARKERS, MIN_POINTS, draw_map, figure
from rimograph.outputs.labels import TYPE_STYLE
from rimograph.outputs.maps import FIRST_VIEW_TYPES
from rimograph.outputs.placement import font_families

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
        assert image.size == (2666, 1500)  # 13.33 x 7.5 in (a 16:9 slide) at 200 dpi
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
    names = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "De STEK" in names and "Woonzaak" in names  # text as text: searchable, editable


def test_cli_svg_in_english(tmp_path):
    data = make(tmp_path / "map.svg", "--lang", "en").decode("utf-8")
    assert "<dc:title>Multi-year plan 2021-2025 RIMO Limburg</dc:title>" in data


def test_other_suffix_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["image", "--graph", str(GRAPH_DIR), "--out",
                                      str(tmp_path / "map.jpg")])
    assert result.exit_code == 1
    assert "geef een bestandsnaam die eindigt op .png, .svg of .pdf" in result.output
    assert not (tmp_path / "map.jpg").exists()


def test_pdf_is_one_page_with_the_title(tmp_path):
    data = make(tmp_path / "beringen.pdf", "--municipality", "Beringen", "--public")
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") == 1
    assert b"/Title (Gemeente Beringen)" in data
    assert b"/CreationDate" not in data  # reproducible


def drawn_names(graph, **options):
    """The label boxes of the slide of ``select(graph, **options)``, measured by matplotlib's
    renderer: {node id: [box, ...]} (one box per line), and every text's font size."""
    import matplotlib
    from matplotlib.text import Text

    from rimograph.outputs.maps import ordered_subgraph, select

    shown = ordered_subgraph(graph, select(graph, **options)[0])
    with matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        fig, texts = figure(shown, "Titel", focus=options.get("focus"))
        renderer = fig.canvas.get_renderer()
        boxes = {}
        for text in texts:
            boxes.setdefault(text.get_gid()[len("label "):], []).append(
                text.get_window_extent(renderer))
        sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text().strip()]
    return shown, boxes, sizes


@pytest.mark.parametrize("options, names", [
    ({"municipality": "municipality:71004"}, 66),  # Beringen: every node named
    ({"focus": "partner:caw-limburg"}, 19),  # with RIMO Limburg (its general assembly)
    ({"theme": "theme:wonen"}, 42),
    ({}, None),  # the whole plan: goals, themes, actions and what else fits
])
def test_slide_names_do_not_overlap(graph, options, names):
    shown, boxes, sizes = drawn_names(graph, **options)
    if names:
        assert len(boxes) == len(shown) == names
    else:
        structure = {n for n, t in shown.nodes(data="type") if t in FIRST_VIEW_TYPES}
        assert len(structure) == 54 and structure <= set(boxes)
    flat = [(node, box) for node, found in boxes.items() for box in found]
    clashes = [(a, b) for i, (a, x) in enumerate(flat) for b, y in flat[i + 1:]
               if a != b and x.overlaps(y)]
    assert clashes == []
    assert min(sizes) >= MIN_POINTS


@pytest.mark.parametrize("suffix, signature", [("png", PNG_SIGNATURE), ("pdf", b"%PDF")])
def test_chinese_and_emoji_names_are_drawn_with_fallback_fonts(graph_copy, tmp_path, recwarn,
                                                                suffix, signature):
    """Genk's label is always placed; with DejaVu Sans alone 北, 京 and 🦊 would be boxes and
    matplotlib would warn "Glyph ... missing from font(s)" (the fonts come from Debian's
    fonts-noto-cjk and fonts-symbola, installed by .ci/run)."""
    assert font_families() == ["DejaVu Sans", "Noto Sans CJK JP", "Symbola"]
    path = graph_copy / "municipalities.csv"
    text = path.read_text(encoding="utf-8")
    assert "municipality:71016,71016,Genk," in text
    path.write_text(text.replace("municipality:71016,71016,Genk,",
                                 "municipality:71016,71016,Genk 北京 🦊,"), encoding="utf-8")
    out = tmp_path / f"map.{suffix}"
    result = CliRunner().invoke(cli, ["image", "--graph", str(graph_copy), "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{out}: ") and result.output.count("\n") == 1  # no noise
    assert [str(w.message) for w in recwarn if "missing from font" in str(w.message)] == []
    assert out.read_bytes().startswith(signature)


def test_slide_colours_municipalities_by_an_indicator(tmp_path):
    """image --indicator, as map --indicator: Genk's marker in the darkest step (its activity
    rate of 2017, 65,3 %, is the lowest the plan gives), the indicator's legend as text."""
    out = tmp_path / "genk.svg"
    result = CliRunner().invoke(cli, ["image", "--indicator", "activiteitsgraad",
                                      "--municipality", "Genk", "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert "Activiteitsgraad, 2017, procent" in svg and "65,3 procent" in svg
    assert "fill: #bd0026" in svg
