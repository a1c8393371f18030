"""check-source (graph/ held to the plan text) and partner-string resolution."""

import ast
import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from rimograph.source.check import check_source
from rimograph.cli import cli
from rimograph.core.errors import RimographError
from rimograph.core.i18n import catalogue, set_language
from rimograph.source.extract import parse_plan, write_drafts
from rimograph.source.resolve import Resolver, normalise

from .conftest import GRAPH_DIR
from .test_extract import PLAN

needs_plan = pytest.mark.skipif(not PLAN.exists(), reason=f"plan text not found at {PLAN}")
needs_graph = pytest.mark.skipif(not (GRAPH_DIR / "actions.csv").exists(),
                                 reason="graph/ has no tables yet")


@pytest.fixture(scope="module")
def plan():
    if not PLAN.exists():
        pytest.skip(f"plan text not found at {PLAN}")
    return parse_plan(PLAN)


def failures(diffs):
    return [d for d in diffs if d.status == "fail"]


def rewrite(path, change):
    """Apply ``change(row)`` to every row of a CSV file (rows are dicts)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = reader.fieldnames, list(reader)
    for row in rows:
        change(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@needs_plan
@needs_graph
def test_check_source_passes_on_graph(plan):
    diffs = check_source(PLAN, GRAPH_DIR, plan=plan)
    assert [f"{d.kind} {d.key}: {d.message}" for d in failures(diffs)] == []


@needs_plan
@needs_graph
def test_check_source_fails_on_corrupted_copy(plan, graph_copy):
    def corrupt_mention(row):
        if row["mention"] == "Zorggroep Zin":
            row["mention"] = "Zorggroep Zinn"

    def corrupt_timing(row):
        if row["id"] == "action:cafe-anoniem-in-hasselt":
            row["start"], row["end"] = "", "2024-12-31"
        if row["id"] == "action:woonzaak":
            row["line_start"], row["line_end"] = "3300", "3310"

    rewrite(graph_copy / "partner_mentions.csv", corrupt_mention)
    rewrite(graph_copy / "actions.csv", corrupt_timing)
    shutil.copy(GRAPH_DIR / "source_exceptions.csv", graph_copy) \
        if (GRAPH_DIR / "source_exceptions.csv").exists() else None
    found = {(d.kind, d.key, d.line) for d in failures(check_source(PLAN, graph_copy, plan=plan))}
    assert ("mention-not-extracted", "action:cafe-anoniem-in-hasselt|Zorggroep Zinn", 2778) in found
    assert ("mention-missing", "action:cafe-anoniem-in-hasselt|Zorggroep Zin", 2778) in found
    assert ("mention-unresolved", "action:cafe-anoniem-in-hasselt|Zorggroep Zinn", 2778) in found
    assert ("timing-end", "action:cafe-anoniem-in-hasselt", 2780) in found
    assert any(kind == "citation" and line == 3300 for kind, _, line in found)
    result = CliRunner().invoke(cli, ["check-source", str(PLAN), "--graph", str(graph_copy),
                                      "--format", "csv"])
    assert result.exit_code == 1
    assert "Zorggroep Zinn" in result.output and ",2778," in result.output
    assert ("timing-end,action:cafe-anoniem-in-hasselt,2780,\"end 2024-12-31 verschilt van "
            "2025-12-31, gelezen uit 'Timing: 1/9/2016 - 31/12/2025'\"") in result.output
    assert ("timing-start,action:cafe-anoniem-in-hasselt,2780,\"start is leeg, maar 'Timing: "
            "1/9/2016 - 31/12/2025' geeft 2016-09-01\"") in result.output


@needs_plan
@needs_graph
def test_a_summary_copied_from_the_plan_fails(plan, graph_copy):
    """Our own words never repeat eight words of the plan in a row; a quotation may."""
    plan_sentence = ("Betaalbare en kwaliteitsvolle woonvormen op maat van mensen in een "
                     "maatschappelijk kwetsbare positie zijn ontwikkeld")  # lines 2313-2314

    def copy(row):
        if row["part"] == "coordination":
            row["item"] = plan_sentence.upper() + "."
        if row["part"] == "total":
            row["item"] = f"Wat het plan vraagt: '{plan_sentence}'"

    rewrite(graph_copy / "expansion.csv", copy)
    found = [(d.kind, d.key, d.line, d.message) for d in failures(
        check_source(PLAN, graph_copy, plan=plan))]
    assert found == [("copied", "expansion.csv:12", 2313,
                      "expansion.csv:12: item herhaalt 15 woorden van het plan (regel 2313): "
                      "'betaalbare en kwaliteitsvolle woonvormen op maat van mensen in een "
                      "maatschappelijk kwetsbare positie zijn ontwikkeld'; schrijf het in eigen "
                      "woorden")]


@needs_plan
def test_drafts_pass_check_source(plan, tmp_path):
    """The extractor's own drafts, with an alias for every mention, show no difference."""
    write_drafts(plan, tmp_path)
    with (tmp_path / "partner_mentions.csv").open(encoding="utf-8") as handle:
        mentions = sorted({row["mention"] for row in csv.DictReader(handle)})
    with (tmp_path / "aliases.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["alias", "context", "partner", "basis", "reason"])
        writer.writerows([m, "", f"partner:p{i}", "stated", ""] for i, m in enumerate(mentions))
    diffs = check_source(PLAN, tmp_path, plan=plan)
    assert [f"{d.kind} {d.key}" for d in diffs] == []


@needs_plan
def test_exceptions(plan, tmp_path):
    write_drafts(plan, tmp_path)  # no aliases.csv: every mention is unresolved
    exceptions = tmp_path / "exceptions.csv"
    exceptions.write_text("kind,key,reason\n"
                          "mention-unresolved,action:de-stek|jeugdwerkers,a reviewed reason\n"
                          "name,action:nothing,stale\n", encoding="utf-8")
    diffs = check_source(PLAN, tmp_path, exceptions, plan=plan)
    accepted = [d for d in diffs if d.status == "accepted"]
    assert [(d.key, d.reason) for d in accepted] == [("action:de-stek|jeugdwerkers",
                                                      "a reviewed reason")]
    assert any(d.kind == "stale-exception" and d.status == "note" for d in diffs)
    assert len(failures(diffs)) == 405
    exceptions.write_text("kind,key,reason\nname,action:de-stek,\n", encoding="utf-8")
    with pytest.raises(RimographError, match=r"exceptions\.csv:2: reason is leeg"):
        check_source(PLAN, tmp_path, exceptions, plan=plan)


# --------------------------------------------------------------------------- resolution


@pytest.mark.parametrize("text, form", [
    ("St.-Vincentius Limburg vzw", "sint vincentius limburg"),
    ("St-Vincentius Limburg", "sint vincentius limburg"),
    ("Lokaal bestuur Stad Genk", "lokaal bestuur genk"),
    ("lokaal bestuur van Pelt", "lokaal bestuur pelt"),
    ("Stad Genk", "lokaal bestuur genk"),
    ("OCMW van Genk", "ocmw genk"),
    ("OCMW\u2019s", "ocmws"),
    ("Kind & Taal", "kind en taal"),
    ("\u2018t Kapstokske", "kapstokske"),
    ("De Oogst", "oogst"),
    ("Café  Anoniem", "cafe anoniem"),
])
def test_normalise(text, form):
    assert normalise(text) == form


def test_resolver():
    aliases = [
        {"alias": "CAW Limburg", "context": "", "partner": "partner:caw-limburg"},
        {"alias": "lokaal bestuur", "context": "project:genk", "partner": "partner:lb-genk"},
        {"alias": "Stad Genk", "context": "", "partner": "partner:lb-genk"},
        {"alias": "Kind en Gezin", "context": "", "partner": "partner:kind-en-gezin"},
        {"alias": "Kind & Gezin", "context": "", "partner": "partner:kind-en-gezin-2"},
    ]
    partners = [{"id": "partner:sint-vincentius", "name": "Sint-Vincentius Limburg"}]
    resolver = Resolver(aliases, partners)
    assert resolver.resolve("action:x", "CAW Limburg").method == "exact"
    assert resolver.resolve("project:genk", "lokaal bestuur").partners == ["partner:lb-genk"]
    # a context-bound alias does not hold elsewhere
    assert not resolver.resolve("project:hasselt", "lokaal bestuur").resolved
    normalised = resolver.resolve("action:x", "Lokaal bestuur Stad Genk")
    assert (normalised.method, normalised.partners) == ("normalised", ["partner:lb-genk"])
    assert resolver.resolve("action:x", "St.-Vincentius Limburg vzw").partners == [
        "partner:sint-vincentius"]
    # two partners share the normalised form: never merged
    ambiguous = resolver.resolve("action:x", "kind en gezin")
    assert ambiguous.method == "ambiguous" and not ambiguous.partners
    assert {ids for ids, _, _ in ambiguous.suggestions} == {("partner:kind-en-gezin",),
                                                           ("partner:kind-en-gezin-2",)}
    fuzzy = resolver.resolve("action:x", "CAW Limburgg")
    assert fuzzy.method == "fuzzy" and not fuzzy.resolved
    assert fuzzy.suggestions[0][0] == ("partner:caw-limburg",)
    assert resolver.resolve("action:x", "Iets heel anders").method == "none"


@needs_plan
@needs_graph
def test_resolve_partners_command(tmp_path):
    out = tmp_path / "suggestions.csv"
    result = CliRunner().invoke(cli, ["resolve-partners", str(PLAN), "--suggest", str(out),
                                      "--format", "csv"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "partnervermeldingen" in result.output
    assert out.read_text(encoding="utf-8").startswith("alias,context,partner,basis,reason")


CHECK = Path(__file__).resolve().parents[1] / "src" / "rimograph" / "source" / "check.py"


def test_every_message_of_check_source_has_dutch():
    """check.py writes no English prose outside gettext (no f-string or literal sentence
    outside ``_()``), and every ``_()`` of it has its Dutch in the catalogue."""
    tree = ast.parse(CHECK.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    msgids, translated = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_":
            assert len(node.args) == 1 and isinstance(node.args[0], ast.Constant), \
                f"line {node.lineno}: _() takes one literal sentence"
            msgids.append(node.args[0].value)
            translated.add(id(node.args[0]))
    prose = [(node.lineno, node.value) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and " " in node.value.strip() and id(node) not in translated | docstrings]
    assert prose == []
    dutch = catalogue("nl")
    assert len(msgids) >= 40
    assert [m for m in msgids if dutch.gettext(m) == m] == []


@needs_plan
@needs_graph
def test_check_source_speaks_dutch_and_english_alike(plan):
    """The messages are Dutch by default and English with --lang en; the kinds, keys and what
    the exceptions file accepts are the same in both languages."""
    dutch = check_source(PLAN, GRAPH_DIR, plan=plan)
    set_language("en")
    try:
        english = check_source(PLAN, GRAPH_DIR, plan=plan)
    finally:
        set_language("nl")
    assert [(d.status, d.kind, d.key, d.line, d.reason) for d in dutch] == \
        [(d.status, d.kind, d.key, d.line, d.reason) for d in english]
    messages = {(d.kind, d.key): (d.status, d.message, e.message)
                for d, e in zip(dutch, english)}
    assert messages["name", "action:ieders-stem-telt-campagne"] == (
        "accepted",
        "naam 'Ieders Stem Telt campagne' verschilt van de titel 'IEDERS STEMT TELT CAMPAGNE'",
        "name 'Ieders Stem Telt campagne' differs from the heading 'IEDERS STEMT TELT CAMPAGNE'")
    assert messages["mention-outside-list",
                    "action:cafe-anoniem-in-hasselt|straatverpleegkundige"] == (
        "note",
        "partner_mentions.csv:5: 'straatverpleegkundige' is geciteerd uit regels 2770-2770, "
        "buiten de partnerlijst; de tekst daar noemt het",
        "partner_mentions.csv:5: 'straatverpleegkundige' is cited from lines 2770-2770, outside "
        "the partner list; the text there names it")
    assert messages["mention-missing", "action:modelontwikkeling-sterk-onderwijs|kinderen"][1] \
        == ("'kinderen' (regel 3422 van het plan) staat niet in partner_mentions.csv bij "
            "action:modelontwikkeling-sterk-onderwijs")


@needs_plan
@needs_graph
def test_check_source_shows_english_reasons_in_spreadsheets_only_in_english(tmp_path):
    """csv-excel: Dutch headers and messages without the (English) reasons; with --lang en the
    reasons too; csv keeps them in every language."""
    def run(*args):
        out = tmp_path / f"check-{len(list(tmp_path.iterdir()))}.csv"
        result = CliRunner().invoke(cli, ["check-source", str(PLAN), "--out", str(out), *args])
        assert result.exit_code == 0, result.output
        return out.read_text(encoding="utf-8-sig").splitlines()

    dutch = run("--format", "csv-excel")
    assert dutch[0] == "status;soort;sleutel;regel;melding"
    assert "aanvaard;name;action:ieders-stem-telt-campagne;4326;naam 'Ieders Stem Telt " \
        "campagne' verschilt van de titel 'IEDERS STEMT TELT CAMPAGNE'" in dutch
    english = run("--format", "csv-excel", "--lang", "en")
    assert english[0] == "status;kind;key;line;message;reason"
    assert any(line.startswith("accepted;name;action:ieders-stem-telt-campagne;4326;name ") and
               "both misspell the campaign" in line for line in english)
    machine = run("--format", "csv")
    assert machine[0] == "status,kind,key,line,message,reason"
    assert any("verschilt van de titel" in line and "both misspell" in line for line in machine)
