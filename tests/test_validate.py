"""`rimograph validate` on the real tables and on deliberately broken copies."""

import csv

from click.testing import CliRunner

from rimograph.cli import cli

from .conftest import GRAPH_DIR, append_row


def run_validate(graph_dir, lang="en"):
    return CliRunner().invoke(cli, ["--lang", lang, "validate", "--graph", str(graph_dir)])


def first_row(path):
    with path.open(encoding="utf-8") as handle:
        return next(csv.DictReader(handle))


def test_real_tables_are_valid():
    result = run_validate(GRAPH_DIR)
    assert result.exit_code == 0, result.output
    assert ": OK, " in result.output


def test_duplicate_id_is_reported_with_file_row_and_field(graph_copy):
    partner = first_row(graph_copy / "partners.csv")
    row = append_row(graph_copy / "partners.csv",
                     f"{partner['id']},Dubbel,organisation,,,,,58,2790,2790")
    result = run_validate(graph_copy)
    assert result.exit_code == 1
    assert f"partners.csv:{row}: id: duplicate id '{partner['id']}' (first at partners.csv:2)" \
        in result.output


def test_dangling_reference_is_reported(graph_copy):
    row = append_row(graph_copy / "targets.csv", "action:bestaat-niet,target-group:ouders,58,1,2")
    result = run_validate(graph_copy)
    assert result.exit_code == 1
    assert f"targets.csv:{row}: entry: unknown action or project 'action:bestaat-niet'" \
        in result.output


def test_unknown_municipality_is_reported(graph_copy):
    row = append_row(graph_copy / "neighbourhoods.csv",
                     "neighbourhood:nergenshuizen,Nergenshuizen,wijk,71999,78,3500,3501")
    result = run_validate(graph_copy)
    assert result.exit_code == 1
    assert f"neighbourhoods.csv:{row}: municipality: unknown municipality NIS code '71999'" \
        in result.output


def test_bad_date_is_reported(graph_copy):
    path = graph_copy / "actions.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    cells = next(csv.reader([text[1]]))
    cells[header.index("end")] = "31/12/2025"
    text[1] = ",".join(f'"{c}"' for c in cells)
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    result = run_validate(graph_copy)
    assert result.exit_code == 1
    assert ("actions.csv:2: end: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): '31/12/2025'"
            in result.output)


def test_every_command_refuses_a_broken_table(graph_copy):
    append_row(graph_copy / "targets.csv", "action:bestaat-niet,target-group:ouders,58,1,2")
    result = CliRunner().invoke(cli, ["stats", "--graph", str(graph_copy)])
    assert result.exit_code == 1
    assert "Problemen in de tabellen: 1" in result.output
    assert "Traceback" not in result.output


def test_missing_column_is_reported(graph_copy):
    path = graph_copy / "target_groups.csv"
    path.write_text("id\ntarget-group:ouders\n", encoding="utf-8")
    result = run_validate(graph_copy)
    assert "target_groups.csv:1: name: column is missing" in result.output


def test_semicolon_csv_from_a_dutch_spreadsheet_is_read(graph_copy):
    path = graph_copy / "target_groups.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    assert run_validate(graph_copy).exit_code == 0


def test_cp1252_file_says_how_to_save_and_nothing_else(graph_copy):
    path = graph_copy / "partners.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    result = run_validate(graph_copy, lang="nl")  # in Dutch, the default
    assert result.exit_code == 1
    assert "partners.csv:0: -: geen UTF-8" in result.output
    assert "bewaar het in het rekenblad als 'CSV UTF-8'" in result.output
    assert "Problemen in de tabellen: 1" in result.output  # no echo in aliases.csv etc.
    assert "not UTF-8" in run_validate(graph_copy).output


def test_municipality_id_must_match_its_nis_code(graph_copy):
    path = graph_copy / "municipalities.csv"
    text = path.read_text(encoding="utf-8")
    assert "municipality:72020,72020" in text  # Lommel
    path.write_text(text.replace("municipality:72020,72020", "municipality:lommel,72020"),
                    encoding="utf-8")
    result = run_validate(graph_copy)
    assert result.exit_code == 1
    assert ("municipality:lommel' does not match nis '72020' (expected 'municipality:72020')"
            in result.output)


def test_spreadsheet_booleans_in_capitals_are_accepted(graph_copy):
    path = graph_copy / "actions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",false,", ",FALSE,")
                    .replace(",true,", ",TRUE,"), encoding="utf-8")
    assert run_validate(graph_copy).exit_code == 0


def test_a_partner_mention_no_alias_resolves_is_reported(graph_copy):
    """A mention with no alias at all, and one whose only aliases belong to other entries
    ("het OCMW" resolves in De STEK Beringen-Mijn, not in Café Anoniem)."""
    path = graph_copy / "partner_mentions.csv"
    unknown = append_row(path, "action:cafe-anoniem-in-hasselt,Nergens Bekend vzw,,58,2778,2778")
    elsewhere = append_row(path, "action:cafe-anoniem-in-hasselt,het OCMW,,58,2778,2778")
    result = run_validate(graph_copy)
    assert result.exit_code == 1
    assert (f"partner_mentions.csv:{unknown}: mention: no alias in aliases.csv resolves "
            "'Nergens Bekend vzw' (for action:cafe-anoniem-in-hasselt)") in result.output
    assert (f"partner_mentions.csv:{elsewhere}: mention: no alias in aliases.csv resolves "
            "'het OCMW' (for action:cafe-anoniem-in-hasselt)") in result.output
    assert "Error: 2 problem(s) in the tables" in result.output


def test_a_repeated_edge_row_is_reported_with_the_first(graph_copy):
    path = graph_copy / "targets.csv"
    with path.open(encoding="utf-8") as handle:
        first = next(csv.DictReader(handle))
    row = append_row(path, ",".join(first.values()))
    result = run_validate(graph_copy)
    assert result.exit_code == 1
    assert (f"targets.csv:{row}: target_group: duplicate of row 2 ({first['entry']}, "
            f"{first['target_group']})") in result.output
    assert "Error: 1 problem(s) in the tables" in result.output
