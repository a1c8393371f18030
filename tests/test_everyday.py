"""The everyday questions of staff and directors, on the real plan: partners in a municipality,
goals by municipality, the list of entries (issue 15)."""

import json
import re

from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.core.model import find_municipalities
from rimograph.questions.entries import entry_list, partners_in_municipality
from rimograph.questions.time import timeline


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_partners_in_beringen_include_its_local_government(graph):
    rows = {r["partner"]: r for r in partners_in_municipality(graph, ["municipality:71004"])}
    lokaal = rows["partner:lokaal-bestuur-beringen"]
    assert lokaal["based_here"] is True and lokaal["entries"] >= 5
    assert "De STEK Beringen-Mijn" in lokaal["entry_names"]
    # partners of local work that are based elsewhere are listed, told apart
    assert any(not r["based_here"] and r["entries"] for r in rows.values())
    assert not any(graph.nodes[p].get("generic") for p in rows)


def test_partners_command_with_a_2025_name_counts_both_parts():
    rows = json.loads(run("partners", "--municipality", "Tongeren-Borgloon", "--format", "json"))
    names = {r["name"] for r in rows}
    assert "Lokaal bestuur Tongeren" in names


def test_goals_without_an_action_in_maasmechelen(graph):
    out = json.loads(run("coverage", "goals", "--municipality", "Maasmechelen",
                         "--format", "json"))
    by_name = {r["name"]: r for r in out}
    assert "Buurtanalyses" in by_name["Community building"]["certain_actions"]
    assert by_name["Aanbodsverruiming op de woonmarkt"]["certain"] == 0
    none_there = [r["name"] for r in out if r["certain"] == 0 and r["possible"] == 0]
    assert len(none_there) >= 8 and out[0]["certain"] == 0  # the uncovered come first
    everywhere = json.loads(run("coverage", "goals", "--format", "json"))
    assert sum(r["certain"] for r in out) < sum(r["certain"] for r in everywhere)
    table = " ".join(run("coverage", "goals", "--municipality", "Maasmechelen").split())
    assert (f"Alleen de acties die actief zijn in Maasmechelen: {len(none_there)} van de "
            f"{len(out)} operationele doelstellingen hebben er geen.") in table
    assert "mogelijk: een (x) in het overzichtsschema van het plan." in table


def test_entries_lists_each_action_before_its_projects(graph):
    rows = entry_list(graph)
    assert len(rows) == 57
    stek = [r for r in rows if r["action"] == "De STEK"]
    assert stek[0]["type"] == "StrategicAction" and stek[0]["name"] == "De STEK"
    assert {r["type"] for r in stek[1:]} == {"Project"}
    assert all(r["sector"] == stek[0]["sector"] for r in stek)


def test_entries_of_2025_are_the_timeline_of_2025(graph):
    assert ({r["entry"] for r in entry_list(graph, year=2025)}
            == {r["entry"] for r in timeline(graph, year=2025)})
    out = json.loads(run("entries", "--year", "2025", "--format", "json"))
    assert len(out) == len(timeline(graph, year=2025))


def test_entries_filters_combine(graph):
    sint_truiden = find_municipalities(graph, "Sint-Truiden")
    both = entry_list(graph, theme="theme:wonen", municipalities=sint_truiden)
    assert [r["name"] for r in both] == ["OnderDak in Sint-Truiden"]
    assert entry_list(graph, theme="theme:wonen", municipalities=["municipality:71016"]) == []
    caravans = entry_list(graph, target_groups=["target-group:woonwagenbewoners"])
    assert caravans and all("woonwagenbewoners" in r["target_groups"] for r in caravans)


def test_a_year_outside_the_plan_names_the_period():
    result = CliRunner().invoke(cli, ["entries", "--year", "2030"])
    assert result.exit_code == 2 and "2021-2025" in result.output


def test_municipality_names_of_2019_and_2025(graph):
    assert find_municipalities(graph, "Tongeren-Borgloon") == ["municipality:73009",
                                                                "municipality:73083"]
    assert find_municipalities(graph, "Hasselt") == ["municipality:71022"]
    assert find_municipalities(graph, "73107") == ["municipality:73107"]


def test_a_target_group_lists_the_entries_of_its_narrower_groups(graph):
    from rimograph.questions.nodes import target_group_entries

    vulnerable = "target-group:mensen-in-een-maatschappelijk-kwetsbare-positie"
    rows = target_group_entries(graph, vulnerable)
    via = {(r["name"], r["via"]) for r in rows}
    assert ("Trefpunt Armoede in Limburg", "mensen in armoede") in via  # a narrower group
    assert ("Wonen op maat", "mensen in een maatschappelijk kwetsbare positie") in via
    assert all(r["narrower"] == (r["via"] != "mensen in een maatschappelijk kwetsbare positie")
               for r in rows)
    out = json.loads(run("show", "kinderen en jongeren", "--format", "json"))
    assert {"kinderen", "leerlingen"} <= {e["via"] for e in out["entries"]}
    table = run("show", "kinderen en jongeren", "--lang", "en")
    assert "its narrower groups included" in table


def test_an_indicator_lists_the_plans_figures_highest_first(graph):
    out = json.loads(run("show", "activiteitsgraad", "--format", "json"))
    figures = [(f["place_name"], f["year"], f["value"]) for f in out["figures"]]
    # the plan's activity rates of 2017 (p. 24): Limburg 71.4 %, seven municipalities below 70 %
    assert figures[0] == ("Provincie Limburg", 2017, 71.4)
    assert figures[-1] == ("Genk", 2017, 65.3)
    assert ("Heusden-Zolder", 2017, 67.5) in figures and len(figures) == 8
    assert all(f["unit"] == "percent" and f["page"] == 24 for f in out["figures"])
    table = run("show", "activiteitsgraad")
    assert "De cijfers van het plan, hoogste eerst:" in table
    assert re.search(r"\nnoodsignaal +lager dan het cijfer van Limburg", table)
    assert re.search(r"\nbron van de cijfers +", table)
    assert "65,3  procent" in table  # Belgian decimal comma, unit in words
    assert "The plan's figures, highest first:" in run("show", "activiteitsgraad", "--lang", "en")


def test_a_yes_no_indicator_reads_yes_or_no(graph):
    """Winter shelter for the homeless (p. 29): Genk and Hasselt have it, Maasmechelen,
    Sint-Truiden and Tongeren do not; 1 and 0 in json, ja and nee for a person."""
    out = json.loads(run("show", "indicator:winteropvang-daklozen", "--format", "json"))
    assert {f["place_name"]: f["value"] for f in out["figures"]} == {
        "Genk": 1, "Hasselt": 1, "Maasmechelen": 0, "Sint-Truiden": 0, "Tongeren": 0}
    table = run("show", "indicator:winteropvang-daklozen")
    assert re.search(r"\nGenk +ja +ja of nee ", table)
    assert re.search(r"\nTongeren +nee +ja of nee ", table)
    assert re.search(r"\nTongeren +no +yes or no ",
                     run("show", "indicator:winteropvang-daklozen", "--lang", "en"))


def test_entries_table_sets_projects_under_their_action():
    lines = CliRunner().invoke(cli, ["entries"], env={"COLUMNS": "120"}).output.splitlines()
    action = next(i for i, line in enumerate(lines) if line.startswith("De STEK "))
    following = next(line for line in lines[action + 1:] if not line.startswith(" "))
    assert following.startswith("– De STEK Beringen-Mijn")  # its first project, set under it
    csv_rows = run("entries", "--format", "csv").splitlines()
    assert any(r.startswith("project:de-stek-beringen-mijn,De STEK Beringen-Mijn,")
               for r in csv_rows)


def test_csv_excel_on_stdout_is_the_file_excel_opens():
    """`rimograph partners --format csv-excel > partners.csv`: the same bytes as --out writes
    (BOM, ';', CR LF line ends), not CR written as a visible escape."""
    raw = CliRunner().invoke(cli, ["partners", "--min-themes", "3", "--format", "csv-excel"]
                             ).stdout_bytes
    assert raw.startswith("\ufeffid;naam;soort;".encode()) and b"\\r" not in raw
    lines = raw.split(b"\r\n")
    assert lines[1].startswith(b"partner:caw-limburg;Centrum Algemeen Welzijnswerk Limburg")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines)  # every line ends in CR LF
