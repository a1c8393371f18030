"""Need against coverage (rimograph needs) on the real plan: the plan's own figures, its Limburg
comparison points and RIMO's local work, per 2025 municipality."""

import json

from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.questions.needs import is_signal, need_facts, needs


def rows_by_name(graph, indicator=None):
    return {r["municipality_2025"]: r for r in needs(need_facts(graph), indicator)}


def test_genk_has_its_activity_rate_and_tariff_share_and_local_work(graph):
    genk = rows_by_name(graph)["Genk"]
    assert "Activiteitsgraad 65,3 % (2017; Limburg 71,4 %)" in genk["signals"]
    assert ("Voorkeurtarief in de ziekteverzekering 20,2 % (2017; Limburg 15,1 %)"
            in genk["signals"])
    assert "Voorkeurtarief in de ziekteverzekering: veruit het hoogst van Limburg" in \
        genk["comparisons"]
    assert genk["local_entries"] >= 5 and "Waterschei in Genk" in genk["local_names"]
    # the share of residents of foreign origin is context, never a need signal
    assert any(c.startswith("Inwoners van buitenlandse herkomst") for c in genk["context"])
    assert not any(s.startswith("Inwoners van buitenlandse herkomst") for s in genk["signals"])


def test_caravan_sites_without_local_action_are_flagged(graph):
    rows = rows_by_name(graph)
    flagged = sorted(name for name, r in rows.items() if r["local_entries"] == 0
                     and "Residentieel woonwagenterrein" in r["signals"])
    assert {"As", "Bree", "Maaseik"} <= set(flagged)
    # Meeuwen-Gruitrode, as the plan calls it, is part of Oudsbergen since 2019
    assert "Oudsbergen" in flagged


def test_uncovered_need_comes_first_and_merged_towns_are_one_row(graph):
    rows = needs(need_facts(graph))
    assert len(rows) == 38  # 42 municipalities of 2019-2024, 4 mergers in 2025
    assert rows[0]["local_entries"] == 0 and rows[0]["need_signals"] >= rows[1]["need_signals"]
    uncovered = [r for r in rows if r["local_entries"] == 0]
    assert rows[:len(uncovered)] == uncovered
    assert rows[0]["municipality_2025"] == "Heusden-Zolder" and rows[0]["need_signals"] == 3
    tongeren = rows_by_name(graph)["Tongeren-Borgloon"]
    assert tongeren["parts"] == ["Borgloon", "Tongeren"] and tongeren["local_entries"] >= 3


def test_ranking_by_one_indicator(graph):
    ranked = needs(need_facts(graph), "indicator:activiteitsgraad")
    assert [r["municipality_2025"] for r in ranked[:3]] == ["Genk", "Maasmechelen", "Lanaken"]
    out = json.loads(CliRunner().invoke(cli, ["needs", "--indicator", "activiteitsgraad",
                                              "--format", "json"]).output)
    assert out[0]["municipality_2025"] == "Genk"


def test_signal_rule():
    assert is_signal("higher", 20.2, 15.1) and not is_signal("higher", 14.0, 15.1)
    assert is_signal("lower", 65.3, 71.4) and not is_signal("lower", 72.0, 71.4)
    assert not is_signal("higher", 20.2, None)  # no Limburg figure: nothing to compare with
    assert is_signal("no", 0.0, None) and not is_signal("no", 1.0, None)
    assert is_signal("present", 90.0, None) and not is_signal("", 1.0, None)


def test_the_table_says_where_the_order_changes_group():
    table = CliRunner().invoke(cli, ["needs"], env={"COLUMNS": "100"}).output
    last = " ".join(table.rstrip().split("\n\n")[-1].split())
    assert last == ("Eerst de 23 gemeenten zonder lokale actie of project, dan de 15 met; in elke "
                    "groep de meeste noodsignalen eerst.")
    ranked = CliRunner().invoke(cli, ["needs", "--indicator", "activiteitsgraad"]).output
    assert "Eerst de" not in ranked  # one indicator: one ranking, no groups
