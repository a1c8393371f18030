"""Where the plan names each municipality (rimograph mentions, coverage municipalities
--mentioned) on the real plan's sections.csv and mentions.csv."""

import json

from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.questions.mentions import mentions, municipality_mentions


def test_the_caravan_line_names_as_and_the_former_meeuwen_gruitrode(graph):
    rows = mentions(graph, "municipality:71002")  # As
    assert [(r["title"], r["page"], r["lines"]) for r in rows] == [
        ("Grondrechten onder druk", 29, "1460")]
    oudsbergen = mentions(graph, "municipality:72042")
    assert ("Grondrechten onder druk", "Meeuwen-Gruitrode") in {
        (r["title"], r["as_written"]) for r in oudsbergen}
    assert [r["line"] for r in oudsbergen] == sorted(r["line"] for r in oudsbergen)


def test_never_mentioned_mentioned_without_action_and_with_action(graph):
    rows = {r["name"]: r for r in municipality_mentions(graph)}
    never = {n for n, r in rows.items() if r["status"] == "never-mentioned"}
    assert {"Alken", "Voeren", "Herstappe", "Zonhoven"} <= never
    assert all(rows[n]["sections"] == 0 and rows[n]["entries"] == 0 for n in never)
    assert rows["Heusden-Zolder"]["status"] == "mentioned-without-action"
    assert rows["Genk"]["status"] == "with-action" and rows["Genk"]["sections"] >= 4
    statuses = [r["status"] for r in municipality_mentions(graph)]
    assert statuses == sorted(statuses, key=["never-mentioned", "mentioned-without-action",
                                             "with-action"].index)


def test_commands():
    runner = CliRunner()
    out = json.loads(runner.invoke(cli, ["mentions", "Genk", "--format", "json"]).output)
    assert out and all(r["section"].startswith("section:") for r in out)
    assert any("Genk" in r["as_written"] for r in out)
    merged = json.loads(runner.invoke(cli, ["mentions", "Tongeren-Borgloon", "--format",
                                            "json"]).stdout)
    assert merged and all("Tongeren" in r["as_written"] for r in merged)  # Borgloon: none
    table = runner.invoke(cli, ["coverage", "municipalities", "--mentioned"],
                          env={"COLUMNS": "160"}).output
    never = sum(r["status"] == "never-mentioned" for r in json.loads(runner.invoke(
        cli, ["coverage", "municipalities", "--mentioned", "--format", "json"]).output))
    assert "nooit genoemd" in table
    assert f"Het plan noemt {never} van de 42 gemeenten nooit." in table
