"""The coverage report: offline, escaped, printable, reproducible, and true to the real plan."""

import csv
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.core.load import load_tables_and_graph
from rimograph.outputs.report import render_report, write_report

from .browser import CHROMIUM, open_page
from .conftest import GRAPH_DIR

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def plan():
    """(tables, graph) of the real plan."""
    return load_tables_and_graph(GRAPH_DIR)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The report written by the CLI: internal (nl), public (nl) and English."""
    folder = tmp_path_factory.mktemp("report")
    paths = {"nl": folder / "dekking.html", "public": folder / "dekking-publiek.html",
             "en": folder / "coverage.html"}
    runner = CliRunner()
    for key, extra in (("nl", []), ("public", ["--public"]), ("en", ["--lang", "en"])):
        result = runner.invoke(cli, ["report", "--graph", str(GRAPH_DIR), "--out",
                                     str(paths[key]), *extra], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return paths


class Cells(HTMLParser):
    """Collects the report's matrix marks, municipality rows and FTE rows from the HTML."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.marks = {}  # (action, goal) -> "certain" | "possible"
        self.group = None
        self.municipalities = []  # (name_2025 group, nis)
        self.fte = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "tr" and "data-action" in attrs:
            self.action = attrs["data-action"]
        elif tag == "td" and "mark" in classes and self.action and "data-goal" in attrs:
            kind = {"certain", "possible"} & set(classes)
            if kind:
                self.marks[(self.action, attrs["data-goal"])] = kind.pop()
        elif tag == "tbody" and "data-group" in attrs:
            self.group = attrs["data-group"]
        elif tag == "tr" and "municipality" in classes:
            self.municipalities.append((self.group, attrs["data-nis"]))
        elif tag == "tr" and "data-fte" in attrs:
            self.fte.append(float(attrs["data-fte"]))

    def handle_endtag(self, tag):
        if tag == "tr":
            self.action = None
        elif tag == "tbody":
            self.group = None


def parse(path):
    parser = Cells()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_report_is_offline_utf8_and_renders_in_chromium(reports, tmp_path):
    for path in reports.values():
        html = path.read_bytes().decode("utf-8")  # valid UTF-8
        assert not EXTERNAL.search(html), path
        assert "<script" not in html
    page = open_page(reports["nl"], screenshot=tmp_path / "dekking.png")
    assert page["errors"] == []
    assert page["requests"] == []
    assert "Acties en operationele doelstellingen" in page["dom"]


def test_matrix_equals_the_contributions_of_the_plan(reports):
    with open(GRAPH_DIR / "contributions.csv", encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    expected = {(r["action"], r["goal"]): r["certainty"] for r in rows}
    marks = parse(reports["nl"]).marks
    assert marks == expected
    assert sum(1 for m in marks.values() if m == "certain") == 43
    assert sum(1 for m in marks.values() if m == "possible") == 17
    html = reports["nl"].read_text(encoding="utf-8")
    assert 'id="certain-total">43<' in html and 'id="possible-total">17<' in html
    assert "●" in html and "○" in html and "draagt zeker bij" in html  # legend


def test_matrix_rows_of_the_real_plan(reports):
    marks = parse(reports["nl"]).marks

    def possible(action):
        return sorted(g for (a, g), m in marks.items() if a == action and m == "possible")

    assert len(possible("action:aandachtsbuurten-versterken")) == 9
    assert possible("action:de-stek") == ["operational-goal:belangenbehartiging",
                                          "operational-goal:ruimte-publiek-maken",
                                          "operational-goal:solidariteit"]
    html = reports["nl"].read_text(encoding="utf-8")
    assert html.count('<tr data-action="action:') == 24  # every strategic action, once
    assert html.count('<th class="od') == 13 + 2  # 13 external goals, 2 total columns


def test_municipalities_grouped_by_2025_municipality(reports):
    rows = parse(reports["nl"]).municipalities
    assert len(rows) == 42
    assert len({nis for _, nis in rows}) == 42
    groups = {nis: group for group, nis in rows}
    assert groups["73040"] == "Hasselt"  # Kortessem, merged into Hasselt in 2025
    assert groups["71022"] == "Hasselt"
    assert groups["71069"] == groups["71057"] == "Tessenderlo-Ham"
    html = reports["nl"].read_text(encoding="utf-8")
    assert "27 van de 42 gemeenten hebben geen lokale actie of project" in html
    first = html.index('<tr class="municipality')
    assert html[first:first + 60].startswith('<tr class="municipality uncovered"')


def test_fte_figures_and_the_public_version(reports):
    internal = reports["nl"].read_text(encoding="utf-8")
    fte = parse(reports["nl"]).fte
    assert fte == [17.7, 2.5, 2.1, 14.3, 0.95, 8.22, 45.77]
    assert re.search(r'data-fte="2.5">\s*<th scope="row">Wonen</th>', internal)
    assert ">45,77<" in internal and "Interne versie" in internal
    public = reports["public"].read_text(encoding="utf-8")
    assert 'id="staff"' not in public and "data-fte" not in public
    assert "VTE totaal" not in public and "45,77" not in public
    assert "Publieke versie: zonder personeelsinzet (VTE)" in public
    assert "Onmogelijke einddatum" in internal  # a timing note (a tooltip), internal only
    assert "Onmogelijke einddatum" not in public


def test_english_headings(reports):
    html = reports["en"].read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    for heading in ("Actions and operational goals", "Municipalities",
                    "Partners by number of themes", "Timeline 2016-2025",
                    "Staff per theme (FTE)"):
        assert f"<h2>{heading}</h2>" in html
    assert ">45.77<" in html


def test_every_section_cites_the_plan(reports):
    html = reports["nl"].read_text(encoding="utf-8")
    sources = re.findall(r'<p class="source">Bron: meerjarenplan, p\. ([0-9, -]+)</p>', html)
    assert len(sources) == 6
    assert sources[0].startswith("55, 57-")  # the overview table's marked rows, pages 55 and 57
    assert sources[2].startswith("15-17")  # the need figures of the environment analysis
    assert sources[5] == "111"  # the staffing table


def test_two_runs_give_identical_files(plan, tmp_path):
    tables, graph = plan
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    write_report(graph, tables, first)
    write_report(graph, tables, second)
    assert first.read_bytes() == second.read_bytes()


def test_html_in_a_name_is_text(plan):
    tables, graph = plan
    hostile = graph.copy()
    hostile.nodes["action:woonzaak"]["name"] = "<img src=x onerror=alert(1)>"
    hostile.nodes["partner:caw-limburg"]["name"] = "<script>alert(2)</script>"
    html = render_report(hostile, tables)
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_matrix_fits_one_a4_landscape_page(reports):
    """In print, the page header and the matrix fit on the first A4 landscape page (277 x 190
    mm inside the 10 mm margins = 1047 x 718 CSS pixels)."""
    if not CHROMIUM:
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox",
                                                                    "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1047, "height": 718})
        page.emulate_media(media="print")
        page.goto(reports["nl"].resolve().as_uri())
        box = page.evaluate("""() => {
            const m = document.querySelector('#matrix').getBoundingClientRect();
            const t = document.querySelector('table.matrix').getBoundingClientRect();
            return {bottom: m.bottom, right: t.right};
        }""")
        pdf = page.pdf(format="A4", landscape=True, print_background=True)
        browser.close()
    assert box["bottom"] <= 718 and box["right"] <= 1047
    assert pdf.startswith(b"%PDF")


def test_need_and_coverage_section(reports):
    html = reports["nl"].read_text(encoding="utf-8")
    section = html[html.index('<section id="needs">'):html.index('<section id="partners">')]
    assert "<h2>Nood en dekking</h2>" in section and "Schematische kaart" in section
    flagged = re.search(r"Nood zonder lokale werking: ([^<]+)\.</strong>", section).group(1)
    assert {"Heusden-Zolder", "As", "Bree", "Maaseik"} <= set(flagged.split(", "))
    tiles = re.findall(r'<g data-nis="(\d+)">', section)
    assert len(tiles) == len(set(tiles)) == 42
    genk = re.search(r'<g data-nis="71016">.*?</g>', section, re.S).group(0)
    assert 'class="local signal"' in genk  # local work, and need signals marked
    rows = re.findall(r'<tr class="(flag)?" data-municipality="([^"]+)"', section)
    assert len(rows) == 38 and rows[0] == ("flag", "Heusden-Zolder")
    english = reports["en"].read_text(encoding="utf-8")
    assert "<h2>Need and coverage</h2>" in english and "Schematic map" in english
