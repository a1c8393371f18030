"""Numbers as a Belgian reader meets them: one formatting function (rimograph.core.numbers),
held to Babel's CLDR formatting for nl_BE and en, and every table of numbers agreeing with
itself: one number of decimals a column (FTE two, percentages one), right-aligned."""

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from babel.numbers import format_currency, format_decimal
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from rimograph.cli import cli
from rimograph.core.load import load_tables_and_graph
from rimograph.core.numbers import decimals_needed, format_number
from rimograph.outputs.report import render_report, staff

from .conftest import GRAPH_DIR

LOCALES = {"nl": "nl_BE", "en": "en"}


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=-10**8, max_value=10**8, places=5, allow_nan=False,
                   allow_infinity=False), st.integers(0, 4))
def test_format_number_is_cldr_nl_be_and_en(value, decimals):
    value = float(value)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    for lang, locale in LOCALES.items():
        with localcontext(rounding=ROUND_HALF_UP):  # halves up, as people round
            expected = format_decimal(Decimal(repr(value)), format=pattern, locale=locale)
        if not re.search(r"[1-9]", expected):
            expected = expected.lstrip("-")  # Babel writes "-0,0"; a zero has no sign here
        assert format_number(value, decimals, grouped=True, lang=lang) == expected


@given(st.integers(-10**9, 10**9))
def test_euro_amounts_are_cldr_nl_be_and_en(amount):
    for lang, locale in LOCALES.items():
        # the locale's own currency pattern, without the cents rimograph's amounts do not have;
        # a plain space where CLDR has a no-break one (a terminal table never wraps a number)
        expected = format_currency(amount, "EUR", locale=locale)[:-3].replace("\xa0", " ")
        assert format_number(amount, money=True, lang=lang) == expected


def test_format_number_examples():
    assert [format_number(v, 2) for v in (5.9, 0.95, 13.0, 2.675)] == [
        "5,90", "0,95", "13,00", "2,68"]
    assert [format_number(v, 1) for v in (33.33, 100.0, 53.68)] == ["33,3", "100,0", "53,7"]
    assert format_number(1798000.0) == "1.798.000"  # people in poverty in Belgium, p. 15
    assert format_number(2021) == "2021" and format_number(71016) == "71016"  # never grouped
    assert format_number(-447, money=True) == "€ -447"
    assert format_number(-447, money=True, lang="en") == "-€447"
    assert format_number(1234.5, 2, lang="en") == "1,234.50"
    assert decimals_needed([5.9, 0.95, 13, None, True, "x"]) == 2
    assert decimals_needed([13.0, 1798000.0]) == 0


# --------------------------------------------------------------------------------------------
# every table of numbers agrees with itself

# a cell that is a number (a euro amount too): the column gap or the line's start before it,
# the gap or the line's end after it (a number inside a text is not a cell)
_CELL = r"(?:^|(?<=  ))(?:€ ?-?|-?€|-)?{}(?=  |$)"
NUMBER = {"nl": re.compile(_CELL.format(r"\d+(?:\.\d{3})*(?:,(\d+))?")),
          "en": re.compile(_CELL.format(r"\d+(?:,\d{3})*(?:\.(\d+))?"))}


def number_columns(output: str, lang: str) -> dict[int, set[int]]:
    """The number cells below a table's header rule, grouped by where they end (right-aligned
    numbers of one column end in one place): {end position: {number of decimals}}."""
    lines = output.splitlines()
    rule = next(i for i, line in enumerate(lines) if re.fullmatch(r"[- ]*-[- ]*", line))
    columns: dict[int, set[int]] = {}
    for line in lines[rule + 1:]:
        for match in NUMBER[lang].finditer(line):
            columns.setdefault(match.end(), set()).add(len(match.group(1) or ""))
    return columns


TABLES = [("resources",), ("resources", "years"), ("resources", "expansion"),
          ("resources", "budget"), ("centrality",), ("overlap",), ("communities",),
          ("needs",), ("stats",), ("show", "activiteitsgraad"),
          ("show", "indicator:kansarme-geboorten"), ("show", "indicator:mensen-in-armoede"),
          ("coverage", "municipalities")]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("args", TABLES, ids=" ".join)
def test_a_column_of_numbers_has_one_number_of_decimals(args, lang):
    output = run(*args, "--wide", "--lang", lang)
    if args[0] == "show":  # the plan's figures, after the node's own table
        output = output.split("\n\n")[-1]
    columns = number_columns(output, lang)
    assert columns, output
    assert {end: places for end, places in columns.items() if len(places) > 1} == {}


def test_fte_with_two_decimals_and_percentages_with_one():
    table = run("resources", "--wide")
    assert re.search(r"Territoriale aandachtsgebieden .* 5,90 +11,80 +17,70 +33,3 +38,7 ",
                     table)
    assert re.search(r"Collectief burgerschap .* 0,95 +0,00 +0,95 +100,0 +2,1 ", table)
    assert re.search(r"TOTAAL VTE .* 24,57 +21,20 +45,77 +53,7 +100,0 ", table)
    english = run("resources", "--wide", "--lang", "en")
    assert re.search(r"Collectief burgerschap .* 0\.95 +0\.00 +0\.95 +100\.0 +2\.1 ", english)
    years = run("resources", "years")
    assert re.search(r"2022 +46,00 +26,60 ", years)  # p. 113
    expansion = run("resources", "expansion", "--format", "json")
    assert '"fte": 13.0' in expansion  # machine formats keep the number as it is
    expansion = run("resources", "expansion", "--wide")
    assert re.search(r" 8,18 ", expansion) and re.search(r" 13,00 ", expansion)


def test_the_report_and_the_workbook_write_fte_as_the_table(tmp_path):
    tables, graph = load_tables_and_graph(GRAPH_DIR)
    rows = {r["label"]: r for r in staff(tables)["rows"]}
    territorial = rows["Territoriale aandachtsgebieden"]
    assert (territorial["fte_decretal"], territorial["decretal_share"]) == ("5,90", "33,3")
    assert staff(tables, "en")["rows"][0]["fte_non_decretal"] == "11.80"
    html = render_report(graph, tables)
    assert ">0,95<" in html and ">100,0<" in html
    assert "Activiteitsgraad 67,5 % (2017; Limburg 71,4 %)" in html  # need signals, p. 24
    assert "Activiteitsgraad 67.5% (2017; Limburg 71.4%)" in render_report(graph, tables, "en")
    out = tmp_path / "vte.xlsx"
    run("resources", "--format", "xlsx", "--out", str(out))
    sheet = load_workbook(out).active
    heads = [c.value for c in sheet[1]]
    fte = sheet.cell(2, heads.index("VTE decretaal") + 1)
    share = sheet.cell(2, heads.index("decretaal (%)") + 1)
    assert (fte.value, fte.number_format) == (5.9, "#,##0.00")
    assert (share.value, share.number_format) == (33.33, "#,##0.0")  # the plan's figure kept


def test_a_list_of_attributes_writes_each_number_as_its_column_would(graph):
    from rimograph.outputs.maps import tooltip
    from rimograph.outputs.shading import shading

    wonen = run("show", "theme:wonen")
    assert re.search(r"\nVTE +2,50\n", wonen) and re.search(r"\npagina +46\n", wonen)
    assert re.search(r"\neerste regel +2282\n", wonen)  # a line number is never grouped
    assert "VTE: 2,50" in tooltip("theme:wonen", graph.nodes["theme:wonen"])
    assert "FTE: 2.50" in tooltip("theme:wonen", graph.nodes["theme:wonen"], "en")
    # the map's and the slide's legend: the plan's figures with one decimal, as it gives them
    legend = shading(graph, "indicator:activiteitsgraad", list(graph))["legend"]
    assert [s["label"] for s in legend["steps"]][-1] == "65,3 - 66,1"
    assert all(re.fullmatch(r"\d+,\d - \d+,\d", s["label"]) for s in legend["steps"])
