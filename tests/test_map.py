"""The offline HTML map: no network, data escaped, renders in Chromium, reproducible."""

import re

from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.outputs.labels import CONTEXT_TYPES
from rimograph.outputs.maps import select, write_map

from .browser import live_page, open_page

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def test_map_of_the_plan_opens_offline(tmp_path, graph):
    out = tmp_path / "kaart.html"
    result = CliRunner().invoke(cli, ["map", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    html = out.read_bytes().decode("utf-8")  # valid UTF-8
    assert not EXTERNAL.search(html)
    assert '<html lang="nl">' in html and "Legende" in html
    page = open_page(out, screenshot=tmp_path / "kaart.png")
    assert page["errors"] == []
    assert page["requests"] == []
    shown = select(graph)[0]
    n = len(shown)
    assert n == 335  # generic partners and the plan's context are left out unless asked for
    assert not any(graph.nodes[m].get("generic") or graph.nodes[m]["type"] in CONTEXT_TYPES
                   for m in shown)
    assert "partner:rimo-limburg" not in shown  # only the organisation's own ties
    assert page["status"] == f"{n} / {n} knopen zichtbaar"


def test_map_is_identical_on_every_run(tmp_path, graph):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    write_map(graph, first, "Kaart")
    write_map(graph, second, "Kaart")
    assert first.read_bytes() == second.read_bytes()


def test_html_in_a_name_is_text_not_markup(tmp_path, graph):
    hostile = graph.copy()
    hostile.nodes["partner:caw-limburg"]["name"] = "<img src=x onerror=alert(1)>"
    hostile.nodes["action:woonzaak"]["name"] = "<script>alert(2)</script>"
    out = tmp_path / "hostile.html"
    write_map(hostile, out, "<b>titel</b>")
    html = out.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "&lt;b&gt;titel&lt;/b&gt;" in html
    page = open_page(out, script="""() => ({
        imgs: document.querySelectorAll('img').length,
        hit: [...document.querySelectorAll('#search-result button')].length })""")
    assert page["errors"] == []
    assert page["result"]["imgs"] == 0


def test_focus_map_title_and_nodes(tmp_path, graph):
    out = tmp_path / "woonzaak.html"
    result = CliRunner().invoke(cli, ["map", "--focus", "Woonzaak", "--depth", "1", "--type",
                                      "Partner", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    # Woonzaak and its five named partners (FEANTSA, Netwerk tegen Armoede, Samenlevingsopbouw
    # Vlaanderen, Vlaams Huurdersplatform, Welzijnszorg); academics and "middenveld" are generic
    assert result.output.endswith("6 knopen, 5 relaties\n")
    html = out.read_text(encoding="utf-8")
    assert "<title>Netwerk rond Woonzaak, 1 stap, Partner</title>" in html
    page = open_page(out)
    assert page["errors"] == [] and page["status"] == "6 / 6 knopen zichtbaar"


def test_year_and_municipality_filters(tmp_path, graph):
    out = tmp_path / "genk.html"
    result = CliRunner().invoke(cli, ["map", "--municipality", "Genk", "--year", "2025",
                                      "--type", "Project", "--out", str(out)],
                                catch_exceptions=False)
    html = out.read_text(encoding="utf-8")
    assert "<title>Gemeente Genk, jaar 2025, Project</title>" in html
    assert "Waterschei in Genk" in html and "Tuinwijk in Beringen-Mijn" not in html
    assert result.exit_code == 0


def test_public_map_leaves_out_fte(tmp_path, graph):
    out = tmp_path / "publiek.html"
    CliRunner().invoke(cli, ["map", "--public", "--out", str(out)], catch_exceptions=False)
    html = out.read_text(encoding="utf-8")
    assert "Publieke versie" in html
    assert "VTE: " not in html
    full = tmp_path / "intern.html"
    CliRunner().invoke(cli, ["map", "--out", str(full)], catch_exceptions=False)
    assert "VTE: 2,5" in full.read_text(encoding="utf-8")  # Wonen, staffing table p. 111


def test_english_labels(tmp_path):
    out = tmp_path / "en.html"
    CliRunner().invoke(cli, ["map", "--lang", "en", "--out", str(out)], catch_exceptions=False)
    html = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Legend" in html and "Strategic action" in html


def test_2025_name(tmp_path):
    out = tmp_path / "x.html"
    merged = CliRunner().invoke(cli, ["map", "--municipality", "Tongeren-Borgloon", "--out",
                                      str(out)])
    assert merged.exit_code == 0
    assert "<title>Gemeente Borgloon + Tongeren</title>" in out.read_text(encoding="utf-8")



def test_municipality_map_leaves_out_other_towns(tmp_path, graph):
    out = tmp_path / "genk.html"
    CliRunner().invoke(cli, ["map", "--municipality", "Genk", "--out", str(out)],
                       catch_exceptions=False)
    html = out.read_text(encoding="utf-8")
    assert '"id":"municipality:71016"' in html  # Genk
    assert '"id":"municipality:71004"' not in html  # Beringen, via Aandachtsbuurten versterken


def test_same_files_in_processes_with_different_hash_seeds(tmp_path):
    """Set iteration order changes with PYTHONHASHSEED, and the clock between runs: the
    outputs must not."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "RIMOGRAPH_NO_CACHE": "1"}
        for args in (["map", "--out", str(folder / "kaart.html")],
                     ["map", "--municipality", "Genk", "--out", str(folder / "genk.html")],
                     ["image", "--out", str(folder / "kaart.svg")],
                     ["export", "--format", "kumu", "--out", str(folder / "kumu.xlsx")]):
            subprocess.run([sys.executable, "-m", "rimograph.cli", *args], env=env, check=True,
                           capture_output=True)
        outputs.append({f.name: f.read_bytes() for f in sorted(folder.iterdir())})
    assert outputs[0] == outputs[1]


def run_map(tmp_path, name, *options):
    out = tmp_path / f"{name}.html"
    result = CliRunner().invoke(cli, ["map", *options, "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


LABELS_DRAWN = """() => ({ labels: rimographLabels(), nodes: JSON.parse(
    document.getElementById('rimograph-data').textContent).nodes.map(n => n.id) })"""


def overlapping(boxes):
    """Pairs of label boxes (CSS px, as drawn) that overlap."""
    return [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]]


def test_every_name_readable_at_first_view(tmp_path):
    """On a 1366 x 768 laptop screen every node of these maps is named at first view, at 12 px
    or more, and no two names overlap (boxes read back from the page's label layer)."""
    maps = {"beringen": (["--municipality", "Beringen"], 66),
            "caw": (["--focus", "CAW Limburg"], 19),  # with RIMO Limburg (its general assembly)
            "wonen": (["--theme", "Wonen", "--public"], 42),
            "bilzen-hoeselt": (["--municipality", "Bilzen-Hoeselt"], 106)}
    for name, (options, count) in maps.items():
        page = open_page(run_map(tmp_path, name, *options), script=LABELS_DRAWN,
                         viewport=(1366, 768), screenshot=tmp_path / f"{name}.png")
        assert page["errors"] == []
        labels, nodes = page["result"]["labels"], page["result"]["nodes"]
        assert len(nodes) == count
        assert sorted(b["id"] for b in labels) == sorted(nodes), name
        assert min(b["size"] for b in labels) >= 12, name
        assert overlapping(labels) == [], name
        assert all(0 <= b["x0"] and b["x1"] <= 1366 - 250 and 0 <= b["y0"] for b in labels)
    caw = {b["id"]: b["size"] for b in open_page(tmp_path / "caw.html", script=LABELS_DRAWN,
                                                  viewport=(1366, 768))["result"]["labels"]}
    assert caw["partner:caw-limburg"] == max(caw.values()) == 18  # the focus is the largest


def test_whole_plan_names_its_structure_at_first_view(tmp_path, graph):
    """The whole plan at 1366 x 768: goals, themes, actions and the eleven partners of four
    or more actions and projects named, at 12 px or more, inside the canvas, no overlaps."""
    page = open_page(run_map(tmp_path, "plan"), script=LABELS_DRAWN, viewport=(1366, 768),
                     screenshot=tmp_path / "plan.png")
    labels = page["result"]["labels"]
    drawn = {b["id"] for b in labels}
    structure = {n for n, t in graph.nodes(data="type")
                 if t in ("StrategicGoal", "OperationalGoal", "Theme", "StrategicAction")}
    assert len(structure) == 54 and structure <= drawn
    key = {"partner:caw-limburg", "partner:basiseducatie-limino",  # 15 and 9 entries
           "partner:lokaal-bestuur-beringen", "partner:sint-vincentius-limburg",
           "partner:vormingplus-limburg", "partner:lokaal-bestuur-genk",
           "partner:welzijnsschakels", "partner:welzijnszorg",
           "partner:lokaal-bestuur-leopoldsburg", "partner:lokaal-bestuur-tongeren",
           "partner:ocmw-genk"}  # 4 entries each
    assert key <= drawn
    assert len(drawn) >= 75 and min(b["size"] for b in labels) >= 12
    assert overlapping(labels) == []
    assert all(0 <= b["x0"] and b["x1"] <= 1366 - 250 and 0 <= b["y0"] for b in labels)


def test_whole_plan_puts_partners_beside_their_actions(graph):
    """A reader sees who works with whom: on the whole plan's first view a partner lies beside
    the actions and projects it works with. Distances in CSS px at first view in a 1366 x 768
    window (the map's frame). When the structure's names took the middle first, the partners
    were pushed into columns at the edges: median 224 px, and 9 of the 116 partners of a
    single entry within 80 px of it."""
    import math
    import statistics

    from rimograph.core.model import sources_of
    from rimograph.outputs.maps import drawn_graph, labelled_layout

    view = drawn_graph(graph, select(graph)[0])
    positions = labelled_layout(view)[0]
    entries = {p: sources_of(view, p, "PARTNERS_WITH")
               for p, t in view.nodes(data="type") if t == "Partner"}
    assert len(entries) == 161 and all(entries.values())
    mean = {p: statistics.mean(math.dist(positions[p], positions[e]) for e in es)
            for p, es in entries.items()}
    assert statistics.median(mean.values()) < 120
    single = [mean[p] for p, es in entries.items() if len(es) == 1]
    assert len(single) == 116 and sum(d <= 80 for d in single) > len(single) / 2
    # Noodkoopfonds's own partners (BBL, Domus Mundi, Renoseec, Stebo, VEA) around it
    assert all(math.dist(positions[p], positions["action:noodkoopfonds"]) < 80 for p in (
        "partner:bbl", "partner:domus-mundi", "partner:renoseec", "partner:stebo", "partner:vea"))


def test_uncovered_municipality_gets_a_map(tmp_path, graph):
    out = run_map(tmp_path, "lommel", "--municipality", "Lommel")
    html = out.read_text(encoding="utf-8")
    assert "<title>Gemeente Lommel: geen eigen lokale actie; wel de provinciale en Vlaamse " \
           "werking en de partners die er gevestigd zijn</title>" in html
    assert "municipality:72020" in html and "partner:lokaal-bestuur-lommel" in html  # based there
    assert '"id":"action:woonzaak"' in html  # Flemish-wide
    assert '"id":"action:cafe-anoniem-in-hasselt"' not in html  # local elsewhere


def shown_after(page_path, kind, value):
    """The node ids visible after choosing ``value`` in the panel's ``kind`` list."""
    with live_page(page_path) as page:
        page.select_option(f"#{kind}", value)
        return sorted(page.evaluate("rimographVisible()"))


def map_json(path):
    """The data block of a map page."""
    import json

    html = path.read_text(encoding="utf-8")
    start = html.index('id="rimograph-data">') + len('id="rimograph-data">')
    return json.loads(html[start:html.index("</script>", start)])


def map_ids(path):
    return sorted(n["id"] for n in map_json(path)["nodes"])


def test_panel_filters_are_the_command_line_options(tmp_path):
    plan = run_map(tmp_path, "plan", "--include-generic")
    for kind, value, options in (("municipality", "Beringen", ["--municipality", "Beringen"]),
                                 ("theme", "Wonen", ["--theme", "Wonen"]),
                                 ("year", "2024", ["--year", "2024"])):
        expected = map_ids(run_map(tmp_path, value, *options, "--include-generic"))
        assert shown_after(plan, kind, value) == expected, value
    html = plan.read_text(encoding="utf-8")
    assert '"label":"Tongeren-Borgloon (Borgloon, Tongeren)"' in html
    assert '"value":"2020"' not in html and '"value":"2025"' in html


def test_search_folds_accents_and_knows_aliases(tmp_path):
    page = open_page(run_map(tmp_path, "plan"), script="""() => ({
        cafe: rimographSearch('cafe'), genk: rimographSearch('stad genk'),
        tongeren: rimographSearch('Tongeren-Borgloon') })""")
    found = page["result"]
    assert "action:cafe-anoniem-in-hasselt" in found["cafe"]
    assert found["genk"] == ["partner:lokaal-bestuur-genk"]
    assert "municipality:73083" in found["tongeren"]  # Tongeren, merged into it in 2025


def test_highlight_fades_the_rest_and_escape_restores(tmp_path):
    """Choosing a search result highlights the node and its neighbours: every other name is
    drawn faded, the view zooms in; Escape brings the whole map back."""
    out = run_map(tmp_path, "beringen", "--municipality", "Beringen")
    with live_page(out) as page:
        before = page.evaluate("rimographLabels()")
        page.fill("#search", "OCMW Beringen")
        page.click("#search-result button")
        page.wait_for_timeout(600)  # the zoom's animation
        lit = {b["id"]: b for b in page.evaluate("rimographLabels()")}
        assert not lit["partner:ocmw-beringen"]["faded"]
        assert lit["partner:ocmw-beringen"]["size"] >= 12
        faded = [i for i, b in lit.items() if b["faded"]]
        assert "action:de-stek" in faded and len(faded) > 40
        assert page.is_visible("#back")
        page.keyboard.press("Escape")
        page.wait_for_timeout(600)
        after = page.evaluate("rimographLabels()")
    assert not any(b["faded"] for b in after)
    assert sorted(b["id"] for b in after) == sorted(b["id"] for b in before)


def test_print_is_one_a4_landscape_page_with_legend_and_title(tmp_path):
    out = run_map(tmp_path, "beringen", "--municipality", "Beringen")
    with live_page(out) as page:
        page.emulate_media(media="print")
        shown = page.evaluate("""() => ['#print-legend', '#title', '#panel'].map(
            s => getComputedStyle(document.querySelector(s)).display)""")
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert shown[0] != "none" and shown[1] != "none" and shown[2] == "none"
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(
        b"/Type /Page>") + pdf.count(b"/Type /Page/") == 1
    (tmp_path / "beringen.pdf").write_bytes(pdf)


def test_tooltips_speak_to_an_outside_audience(tmp_path, graph):
    from rimograph.outputs.maps import tooltip

    woonzaak = tooltip("action:woonzaak", graph.nodes["action:woonzaak"])
    assert "Looptijd: sinds januari 2019, einde open" in woonzaak
    assert any(line.startswith("Bron: meerjarenplan, p. ") for line in woonzaak)
    assert not any("regels" in line or "action:" in line for line in woonzaak)
    cafe = tooltip("action:cafe-anoniem-in-hasselt", graph.nodes["action:cafe-anoniem-in-hasselt"])
    assert "Looptijd: september 2016 tot december 2025" in cafe
    detailed = tooltip("action:woonzaak", graph.nodes["action:woonzaak"], details=True)
    assert "action:woonzaak" in detailed and any(line.startswith("regels ") for line in detailed)
    html = run_map(tmp_path, "plan").read_text(encoding="utf-8")
    assert "regels 27" not in html and '"action:woonzaak"]' not in html


def test_map_data_is_built_without_pyvis(tmp_path, graph):
    """The map's data is built here in one pass (pyvis's Network looks nodes up in a list,
    quadratic at scale); pyvis only ships vis-network's files, found without importing it."""
    import subprocess
    import sys

    out = tmp_path / "kaart.html"
    code = ("import sys; from rimograph.core.load import load_graph; "
            "from rimograph.outputs.maps import write_map; "
            f"shown = write_map(load_graph(), {str(out)!r}, 'Kaart'); "
            "print(shown.number_of_nodes(), 'pyvis' in sys.modules, 'IPython' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == [str(len(graph)), "False", "False"]  # no selection: all
    assert "vis.Network" in out.read_text(encoding="utf-8")


def test_map_colours_municipalities_by_an_indicator(tmp_path):
    """--indicator: each municipality coloured by the plan's figure of its latest year, with
    the figure and page in its tooltip; the legend names indicator, year and unit."""
    out = run_map(tmp_path, "activiteit", "--indicator", "activiteitsgraad")
    data = map_json(out)
    nodes = {n["id"]: n for n in data["nodes"]}
    genk = nodes["municipality:71016"]
    assert genk["figure"] == 65.3  # activity rate 2017, plan p. 24, line 1201
    assert "Activiteitsgraad 2017: 65,3 procent (p. 24)" in genk["tooltip"]
    assert genk["shade"] == "#bd0026"  # the lowest rate of the plan: darkest (low = need)
    assert nodes["municipality:73107"]["figure"] == 65.6  # Maasmechelen
    lommel = nodes["municipality:72020"]
    assert lommel["shade"] == "#bdbdbd" and lommel["figure"] is None  # no figure in the plan
    assert data["indicator"]["title"] == "Activiteitsgraad, 2017, procent"
    assert data["indicator"]["reading"] == "donkerder: meer nood (een lager cijfer)"
    page = open_page(out, script="""() => ({ legend: document.getElementById(
        'indicator-legend').textContent, printed: document.getElementById('print-legend')
        .textContent })""", viewport=(1366, 768), screenshot=tmp_path / "activiteit.png")
    assert page["errors"] == []
    assert "Activiteitsgraad, 2017, procent" in page["result"]["legend"]
    assert "grijs: geen cijfer in het plan" in page["result"]["printed"]
    wrong = CliRunner().invoke(cli, ["map", "--indicator", "geluk", "--out",
                                     str(tmp_path / "x.html")])
    assert wrong.exit_code != 0 and "Traceback" not in wrong.output
    assert not (tmp_path / "x.html").exists()


def test_large_maps_draw_with_webgl_and_keep_panel_search_and_names(tmp_path, graph):
    """Above maps.WEBGL_NODES nodes a map is drawn with sigma.js on WebGL (inlined, with its
    licence). The whole plan forced onto it: names where Python placed them (the structure
    at first view, no overlaps), search, the panel's filter as the command line, highlight."""
    from rimograph.outputs.maps import describe

    options = {"include_generic": True}
    nodes, facts = select(graph, **options)
    out = tmp_path / "webgl.html"
    write_map(graph, out, describe(facts), nodes=nodes, options=options, renderer="webgl")
    html = out.read_text(encoding="utf-8")
    assert "vis.Network" not in html and not EXTERNAL.search(html)
    assert "Alexis Jacomy" in html and "Guillaume Plique" in html  # sigma's, graphology's MIT
    page = open_page(out, viewport=(1366, 768), screenshot=tmp_path / "webgl.png", script="""
        () => ({ renderer: rimographRenderer(), labels: rimographLabels(),
                 cafe: rimographSearch('cafe'), genk: rimographSearch('stad genk') })""")
    assert page["errors"] == [] and page["requests"] == []
    found = page["result"]
    assert found["renderer"] == "webgl"
    assert "action:cafe-anoniem-in-hasselt" in found["cafe"]
    assert found["genk"] == ["partner:lokaal-bestuur-genk"]
    drawn = {b["id"] for b in found["labels"]}
    assert {n for n in nodes if graph.nodes[n]["type"] == "StrategicAction"} <= drawn
    assert overlapping(found["labels"]) == []
    expected = map_ids(run_map(tmp_path, "Beringen", "--municipality", "Beringen",
                               "--include-generic"))
    assert shown_after(out, "municipality", "Beringen") == expected
    with live_page(out) as live:
        live.fill("#search", "OCMW Beringen")
        live.click("#search-result button")
        live.wait_for_timeout(600)  # the zoom's animation
        lit = {b["id"]: b for b in live.evaluate("rimographLabels()")}
        assert not lit["partner:ocmw-beringen"]["faded"]
        assert lit["action:de-stek"]["faded"]
        width, height = live.evaluate("""() => [document.getElementById('network').clientWidth,
                                               document.getElementById('network').clientHeight]""")
        near = [b for b in lit.values() if not b["faded"]]
        assert len(near) > 3 and all(0 <= b["x0"] and b["x1"] <= width and 0 <= b["y0"]
                                     and b["y1"] <= height for b in near)  # zoomed to fit
        live.keyboard.press("Escape")
        live.wait_for_timeout(600)
        assert not any(b["faded"] for b in live.evaluate("rimographLabels()"))
