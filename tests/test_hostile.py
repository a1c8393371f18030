"""Broken and hostile tables: each case one exact message, exit code 1, inputs unchanged and no
output written (issue 16). Every case breaks a copy of the real graph/."""

import csv
import io
import os
import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.core.errors import RimographError
from rimograph.core.files import Interrupted, write_atomic_many

from .conftest import GRAPH_DIR, append_row
from .test_extract import PLAN, needs_plan


def read(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def write(path, records):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(records)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(path, row, column, value):
    """Set one cell (spreadsheet row, header = 1) of a table."""
    records = read(path)
    records[row - 1][records[0].index(column)] = value
    write(path, records)


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def run(*args, lang="en"):
    """The command line in English, the messages these cases pin down word for word (the
    Dutch ones are the catalogue's; tests/test_validate.py checks some)."""
    return CliRunner().invoke(cli, ["--lang", lang, *(str(a) for a in args)])


def refused(graph_copy, tmp_path, expected):
    """validate prints ``expected`` (exit 1), map refuses too and writes nothing, and the
    tables are unchanged; returns validate's output."""
    before = snapshot(graph_copy)
    result = run("validate", "--graph", graph_copy)
    assert result.exit_code == 1, result.output
    assert expected in result.output.splitlines(), result.output
    assert "Traceback" not in result.output
    out = tmp_path / "out" / "kaart.html"
    mapped = run("map", "--graph", graph_copy, "--out", out)
    assert mapped.exit_code == 1 and expected in mapped.output.splitlines()
    assert not out.parent.exists()
    assert snapshot(graph_copy) == before
    return result.output


def test_a_cell_over_128_kib(graph_copy, tmp_path):
    set_cell(graph_copy / "partners.csv", 24, "note", "x" * 200_000)
    refused(graph_copy, tmp_path, "partners.csv:24: -: cell too large (over 128 KiB) or a quote "
            "that is not closed, from this row on; close the quote or shorten the cell")


def test_an_unclosed_quote_in_a_big_file(graph_copy, tmp_path):
    path = graph_copy / "partners.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[4] == "partner:arktos,Arktos,organisation,,,,,93,4243,4243"
    lines[23] = lines[23].replace(",", ',"', 1)  # row 24: a quote opens the name, never closed
    lines[24:24] = [lines[4].replace("arktos", f"arktos-{i}") for i in range(3000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 131072
    refused(graph_copy, tmp_path, "partners.csv:24: -: cell too large (over 128 KiB) or a quote "
            "that is not closed, from this row on; close the quote or shorten the cell")


@pytest.mark.parametrize("column, value, message", [
    ("fte_decretal", "-5.9", "fte.csv:2: fte_decretal: expected a number 0 or more, got '-5.9'"),
    ("fte_total", "nan", "fte.csv:2: fte_total: expected a finite number, got 'nan'"),
    ("fte_total", "inf", "fte.csv:2: fte_total: expected a finite number, got 'inf'"),
    ("fte_total", "1e999", "fte.csv:2: fte_total: expected a finite number, got '1e999'"),
    ("decretal_share_pct", "338.7",
     "fte.csv:2: decretal_share_pct: expected a number from 0 to 100, got '338.7'"),
    ("fte_total", "18.7", "fte.csv:2: fte_total: 18.7 is not fte_decretal + fte_non_decretal "
     "(17.7)"),
])
def test_numbers_are_finite_in_range_and_add_up(graph_copy, tmp_path, column, value, message):
    # row 2: "Territoriale aandachtsgebieden", 5.9 + 11.8 = 17.7 FTE in the plan (line 5010)
    assert read(graph_copy / "fte.csv")[1][:6] == [
        "Territoriale aandachtsgebieden", "theme:krachtige-buurten-en-steden", "5.9", "11.8",
        "17.7", "33.33"]
    set_cell(graph_copy / "fte.csv", 2, column, value)
    refused(graph_copy, tmp_path, message)


def test_a_page_or_line_number_is_from_one_on(graph_copy, tmp_path):
    set_cell(graph_copy / "targets.csv", 2, "line_start", "0")
    refused(graph_copy, tmp_path, "targets.csv:2: line_start: expected a number 1 or more, "
            "got '0'")


def test_digits_of_other_scripts_are_not_numbers(graph_copy, tmp_path):
    set_cell(graph_copy / "targets.csv", 2, "page", "٥٨")  # Arabic-Indic 58
    refused(graph_copy, tmp_path, "targets.csv:2: page: expected a whole number, got '٥٨'")


def test_a_duplicated_header_column(graph_copy, tmp_path):
    records = read(graph_copy / "partners.csv")
    write(graph_copy / "partners.csv", [r + [r[1]] for r in records])
    refused(graph_copy, tmp_path,
            "partners.csv:1: name: column appears twice (columns 2 and 11); keep one")


def test_an_unnamed_column_in_the_middle(graph_copy, tmp_path):
    records = read(graph_copy / "target_groups.csv")
    write(graph_copy / "target_groups.csv", [[r[0], "" if i == 0 else "x", r[1]]
                                             for i, r in enumerate(records)])
    refused(graph_copy, tmp_path, "target_groups.csv:1: -: column 2 has no name in the header")


def test_trailing_empty_columns_of_a_spreadsheet_are_accepted(graph_copy, graph):
    records = read(graph_copy / "partners.csv")
    write(graph_copy / "partners.csv", [r + ["", ""] for r in records])
    result = run("validate", "--graph", graph_copy, lang="nl")
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"{graph_copy}: OK, {graph.number_of_nodes()} knopen, "
                             f"{graph.number_of_edges()} relaties\n")


def test_a_value_under_an_empty_trailing_header(graph_copy, tmp_path):
    records = read(graph_copy / "partners.csv")
    write(graph_copy / "partners.csv", [r + [""] for r in records])
    set_cell(graph_copy / "partners.csv", 5, "", "vergeten")
    refused(graph_copy, tmp_path, "partners.csv:5: -: has 11 cells, the header has 10")


def test_a_header_only_table_is_named_first_and_alone(graph_copy, tmp_path):
    write(graph_copy / "actions.csv", read(graph_copy / "actions.csv")[:1])
    output = refused(graph_copy, tmp_path, "actions.csv:1: -: no rows below the header (was "
                     "the data lost when saving?); every table needs at least one row")
    assert output.splitlines()[0].startswith("actions.csv:1: -: no rows")
    assert "1 problem(s) in the tables;" in output  # not 360 unknown actions elsewhere


def test_a_copy_beside_the_tables_is_named(graph_copy):
    (graph_copy / "partners (2).csv").write_bytes((graph_copy / "partners.csv").read_bytes())
    (graph_copy / ".~lock.partners.csv#").write_text("LibreOffice lock")
    result = run("validate", "--graph", graph_copy, lang="nl")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"waarschuwing: {graph_copy / 'partners (2).csv'}: geen tabel van graph/ (zie "
        "graph/README.md), dus niet gelezen; neem de wijzigingen over in de tabel waar ze "
        "thuishoren")
    assert "lock" not in result.stderr
    stats = run("stats", "--graph", graph_copy)
    assert stats.exit_code == 0 and "partners (2).csv" in stats.stderr


def test_a_partner_that_is_part_of_itself(graph_copy, tmp_path):
    rows = read(graph_copy / "partners.csv")
    assert rows[1][0] == "partner:acli-vlaanderen"
    set_cell(graph_copy / "partners.csv", 2, "parent", "partner:acli-vlaanderen")
    refused(graph_copy, tmp_path,
            "partners.csv:2: parent: partner:acli-vlaanderen is given as its own parent")


def test_a_cycle_of_parents_names_its_rows(graph_copy, tmp_path):
    # row 3: Acli Vlakveld is part of Acli Vlaanderen (row 2); close the loop
    assert read(graph_copy / "partners.csv")[2][4] == "partner:acli-vlaanderen"
    set_cell(graph_copy / "partners.csv", 2, "parent", "partner:acli-vlakveld")
    refused(graph_copy, tmp_path, "partners.csv:2: parent: cycle partner:acli-vlaanderen -> "
            "partner:acli-vlakveld -> partner:acli-vlaanderen (rows 2, 3); break it")


def test_a_mention_resolved_to_a_partner_and_its_whole_is_a_warning(graph_copy):
    row = append_row(graph_copy / "aliases.csv",
                     "Welzijnsschakels Limburg,,partner:welzijnsschakels,inferred,")
    result = run("validate", "--graph", graph_copy)
    assert result.exit_code == 0
    assert ("warning: aliases.csv:338: partner: 'Welzijnsschakels Limburg' resolves to "
            f"partner:welzijnsschakels-limburg and also to partner:welzijnsschakels (row {row}), "
            "of which it is part; unless the mention names both, keep one of the rows"
            in result.stderr.splitlines())
    assert len(result.stderr.splitlines()) == 1  # a mention listing names may name both


def test_the_bundled_tables_validate_without_warnings():
    result = run("validate", "--graph", GRAPH_DIR)
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize("text, code", [
    ("Stad\x00Genk", "0000"), ("\x1b[2J\x1b]8;;http://x\x07Genk", "001B"), ("Ge\x85nk", "0085"),
    ("Ge\x7fnk", "007F")])
def test_control_characters_are_refused(graph_copy, tmp_path, text, code):
    set_cell(graph_copy / "partners.csv", 5, "name", text)
    refused(graph_copy, tmp_path, f"partners.csv:5: name: holds the control character U+{code}; "
            "remove it (it can drive a terminal and spreadsheets refuse it)")


def test_control_characters_in_a_header_do_not_reach_the_terminal(graph_copy, tmp_path):
    records = read(graph_copy / "target_groups.csv")
    records[0][1] = "name\x1b[2J"
    write(graph_copy / "target_groups.csv", records)
    output = refused(graph_copy, tmp_path,
                     "target_groups.csv:1: 'name\\x1b[2J': unknown column (see graph/README.md)")
    assert "\x1b" not in output


def test_formula_cells_are_text_in_question_csv(graph_copy):
    set_cell(graph_copy / "partners.csv", 2, "name", '=HYPERLINK("http://x","Acli")')
    result = run("show", "--graph", graph_copy, "partner:acli-vlaanderen")
    assert result.exit_code == 0
    assert "=HYPERLINK" in result.output
    rows = run("partners", "--graph", graph_copy, "--min-themes", "1", "--format", "csv")
    assert "'=HYPERLINK(\"\"http://x\"\",\"\"Acli\"\")" in rows.output


# -- writing several files ----------------------------------------------------------------------


def test_a_full_disk_names_the_file_and_changes_nothing(tmp_path):
    """A real write failure: the file size limit (RLIMIT_FSIZE) of a child process stops the
    second file, as a full disk would."""
    (tmp_path / "nodes.csv").write_text("old nodes")
    (tmp_path / "edges.csv").write_text("old edges")
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))\n"
        "from rimograph.core.files import write_atomic_many\n"
        "from rimograph.core.errors import RimographError\n"
        "try:\n"
        f"    write_atomic_many({{{str(tmp_path / 'nodes.csv')!r}: 'n' * 500,\n"
        f"                       {str(tmp_path / 'edges.csv')!r}: 'e' * 5000}})\n"
        "except RimographError as exc:\n"
        "    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout == (f"{tmp_path / 'edges.csv'}: kon niet geschreven worden (File too large); "
                           "er is geen bestand gewijzigd\n"), done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "nodes.csv"]
    assert (tmp_path / "nodes.csv").read_text() == "old nodes"


def test_ctrl_c_between_two_files_changes_nothing(tmp_path):
    """A real SIGINT, delivered while the first (big) file is written."""
    (tmp_path / "nodes.csv").write_text("old nodes")
    (tmp_path / "edges.csv").write_text("old edges")
    big = b"x" * 200_000_000
    previous = signal.setitimer(signal.ITIMER_REAL, 0)
    handler = signal.signal(signal.SIGALRM, lambda *a: os.kill(os.getpid(), signal.SIGINT))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.01)
        with pytest.raises(Interrupted) as caught:
            write_atomic_many({tmp_path / "nodes.csv": big, tmp_path / "edges.csv": b"new"})
    finally:
        signal.setitimer(signal.ITIMER_REAL, *previous)
        signal.signal(signal.SIGALRM, handler)
    assert str(caught.value) == (f"interrupted (Ctrl-C) while writing {tmp_path / 'nodes.csv'}, "
                                 f"{tmp_path / 'edges.csv'}; no file was changed")
    assert isinstance(caught.value, RimographError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "nodes.csv"]
    assert (tmp_path / "nodes.csv").read_text() == "old nodes"


@needs_plan
def test_extract_writes_all_drafts_or_none(tmp_path):
    out = tmp_path / "drafts"
    out.mkdir()
    (out / "actions.csv").write_text("old")
    (out / "toc.csv").mkdir()  # one target cannot be written
    result = run("extract", PLAN, "--out", out)
    assert result.exit_code == 1
    assert f"{out / 'toc.csv'}: is a folder" in result.output
    assert (out / "actions.csv").read_text() == "old"
    assert sorted(p.name for p in out.iterdir()) == ["actions.csv", "toc.csv"]


def test_csv_export_replaces_both_files_or_neither(tmp_path):
    (tmp_path / "plan-nodes.csv").write_text("old nodes")
    (tmp_path / "plan-edges.csv").mkdir()  # the second file cannot be written
    result = run("export", "--format", "csv", "--out", tmp_path / "plan", lang="nl")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Fout: {tmp_path / 'plan-edges.csv'}: is een map; geef een bestandsnaam, bv. "
        f"{tmp_path / 'plan-edges.csv' / 'kaart.html'}"]
    assert (tmp_path / "plan-nodes.csv").read_text() == "old nodes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan-edges.csv", "plan-nodes.csv"]


def test_an_empty_mention_is_one_line_not_a_traceback(tmp_path):
    import shutil

    from click.testing import CliRunner

    from rimograph.cli import cli

    folder = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, folder)
    path = folder / "partner_mentions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    entry, _mention, *rest = lines[1].split(",")
    lines[1] = ",".join([entry, "", *rest])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--graph", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "partner_mentions.csv:2: mention:" in result.output
