"""The plan extractor (rimograph.source.extract): facts of the real plan, and small fragments.

The real plan is ``shared/plan/meerjarenplan-2021-2025-rimo-limburg.txt`` next to the checkout
(``Path(__file__).parents[2] / "shared/plan"``), or the file named by $RIMOGRAPH_PLAN.
"""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.core.errors import RimographError
from rimograph.source.extract import parse_plan, read_plan_text
from rimograph.source.timing import parse_timing

PLAN_NAME = "meerjarenplan-2021-2025-rimo-limburg.txt"


def _plan_path():
    here = Path(__file__).resolve().parents[2] / "shared" / "plan" / PLAN_NAME
    if here.exists():
        return here
    if os.environ.get("RIMOGRAPH_PLAN"):
        return Path(os.environ["RIMOGRAPH_PLAN"])
    return here


PLAN = _plan_path()
needs_plan = pytest.mark.skipif(not PLAN.exists(), reason=f"plan text not found at {PLAN} "
                                "(set RIMOGRAPH_PLAN)")


@pytest.fixture(scope="module")
def plan():
    if not PLAN.exists():
        pytest.skip(f"plan text not found at {PLAN} (set RIMOGRAPH_PLAN)")
    return parse_plan(PLAN)


def partners(plan, entry_id):
    return [p.text for p in plan.entry(entry_id).partners.items]


# --------------------------------------------------------------------------- the real plan


@needs_plan
def test_counts(plan):
    assert len(plan.actions) == 24
    assert sum(a.transversal for a in plan.actions) == 3
    assert len(plan.projects) == 33
    assert len(plan.partner_strings) == 407
    unique = {(e.id, p.text) for e in plan.entries if e.partners for p in e.partners.items}
    assert len(unique) == 406  # "Welzijnszorg Limburg" twice in one list (lines 4366-4367)
    assert sum(1 for e in plan.entries if e.partners) == 57
    assert plan.warnings == []


@needs_plan
def test_toc_and_pages(plan):
    assert len(plan.toc) == 155
    toc = {t.title: t for t in plan.toc}
    assert toc["DE STEK"].level == 1 and toc["De STEK Beringen-Mijn"].level == 2
    assert toc["Steenveld in Beringen"].level == 2  # first entry after a page break
    assert toc["CAFE ANONIEM IN HASSELT"].line == 2745
    # the header of page 106 (line 4712) is printed without its closing "|"
    assert [(h.line, h.page) for h in plan.headers][-4:] == [(2880, 61), (3874, 84), (4103, 90),
                                                             (4712, 106)]
    assert plan.pages.page_of(2790) == 59
    assert plan.pages.page_of(2831) == 60  # heading De STEK Beringen-Mijn, page from the TOC
    assert plan.pages.page_of(4107) == 90  # after the running header at line 4103
    assert plan.pages.lines_of(89) == (4048, 4102)


@needs_plan
def test_sections(plan):
    cafe = plan.entry("action:cafe-anoniem-in-hasselt")
    assert (cafe.line_start, cafe.line_end, cafe.page) == (2745, 2780, 58)
    assert cafe.display_name == "Café Anoniem in Hasselt"
    assert cafe.end_conditional
    stek = plan.entry("action:de-stek")
    assert (stek.line_start, stek.line_end, stek.span_end) == (2792, 2827, 2882)
    project = plan.entry("project:de-stek-beringen-mijn")
    assert (project.line_start, project.line_end, project.parent) == (2831, 2848, "action:de-stek")
    # the heading and the TOC share the typo "STEMT"
    ist = plan.entry("action:ieders-stemt-telt-campagne")
    assert ist.name == "IEDERS STEMT TELT CAMPAGNE" and ist.timing is None
    # the sub-project missing from the table of contents
    missing = [e for e in plan.entries if not e.in_toc]
    assert [(e.id, e.line_start, e.parent) for e in missing] == [
        ("project:ieders-stem-telt-campagne-limburg", 4356, "action:ieders-stemt-telt-campagne")]
    assert [a.id for a in plan.actions if a.transversal] == [
        "action:inbrengen-van-expertise", "action:verbeteren-van-gezondheid",
        "action:rekening-houden-met-diversiteit"]
    assert plan.entry("action:rekening-houden-met-diversiteit").line_end == 4468


@needs_plan
def test_partner_lists(plan):
    assert partners(plan, "action:cafe-anoniem-in-hasselt") == [
        "Groep Hasselt ( Stad en OCMW Hasselt)", "Zorggroep Zin", "CAW Limburg"]
    assert not plan.entry("action:cafe-anoniem-in-hasselt").partners.open_ended
    # wrapped mid-name ("de / Draaischijf"), ends in "…"
    assert partners(plan, "project:de-stek-beringen-mijn") == [
        "verschillende stedelijke diensten", "het OCMW", "CAW Limburg", "Be-Mine",
        "Unie van Actieve Verenigingen", "Kind & Taal", "Open Hart", "Woonzorgcentrum Ocura",
        "St.-Vincentius", "de Draaischijf", "lokale basisscholen", "jeugdwelzijnswerk", "DOMO",
        "IN-Z"]
    assert plan.entry("project:de-stek-beringen-mijn").partners.open_ended
    # two names joined without a comma: on one line, and across a line wrap
    assert partners(plan, "action:depot-margo-en-sociale-kruideniers-in-limburg")[-5:] == [
        "sociale restaurants", "Voedselbank Limburg",
        "KOMOSIE (Koepel van milieuondernemers in de sociale economie)", "VDAB",
        "bedrijfswereld"]
    assert partners(plan, "project:ons-centrum-in-leopoldsburg") == [
        "Sint-Vincentius", "\u2019t Kruideniertje", "De Oogst", "\u2019t Kapstokske",
        "Kind en taal", "Basiseducatie LIMINO", "VormingPlus", "CGG", "De Mobiele Teams",
        "GG CAW Limburg", "Mals Vlees en het lokaal bestuur"]
    # prose naming professional roles, with a label without colon
    stek = plan.entry("action:de-stek").partners
    assert stek.prose and stek.open_ended and stek.line_start == 2821
    assert partners(plan, "action:de-stek") == [
        "hulpverleners", "sociaal-cultureel werkers", "jeugdwerkers", "opbouwwerkers"]
    # prose "Samenwerking:" list: the enumerations only
    assert partners(plan, "action:woonzaak") == [
        "Samenlevingsopbouw", "het Vlaams Huurdersplatform", "het Netwerk tegen Armoede",
        "Welzijnszorg", "Feantsa"]
    assert partners(plan, "action:noodkoopfonds") == ["VEA", "VHP", "BBL", "RenoseeC",
                                                      "Domus Mundi"]
    # an unrelated sentence in the middle of the list is left out
    assert partners(plan, "action:solidariteit-in-beeld") == [
        "academici en onderzoekers", "de Diegem-onderzoekers", "andere middenveldorganisaties",
        "Bond zonder naam", "Welzijnszorg", "vakbonden", "lokale besturen"]
    # introduction ending in a colon
    assert partners(plan, "action:aandachtsbuurten-versterken")[:2] == [
        "lokale besturen", "sociale huisvestingmaatschappijen"]
    # a dangling comma at the end, no ellipsis
    assert partners(plan, "project:onderwijsopbouwwerk-in-hasselt") == [
        "lokaal bestuur", "Schoolmakers", "betrokken scholen",
        "welzijnspartners die huiswerkbegeleiding aanbieden", "LOP"]
    assert not plan.entry("project:onderwijsopbouwwerk-in-hasselt").partners.open_ended


@needs_plan
def test_partner_list_over_a_page_break(plan):
    pilot = plan.entry("project:pilootproject-buurtgerichte-zorg-pelt-en-hamont-achel").partners
    assert (pilot.line_start, pilot.line_end) == (4090, 4108)
    assert [p.text for p in pilot.items] == [
        "Cera", "Porticus", "Fonds Dr. Daniël De Coninck", "VVSG",
        "Vonk3 en de West-Vlaamse pilootgemeenten Deerlijk en Moorslede",
        "Lokale besturen Pelt en Hamont-Achel", "lokale dienstencentra",
        "eerstelijns zorgpartners", "lokale hulp- en dienstverleningsorganisaties",
        "lokale verenigingen", "bewoners",
        "Halen", "Lummen", "Kinrooi", "Herk-De-Stad", "Zutendaal", "Oudsbergen", "Beringen",
        "Lommel", "Genk", "Houthalen-Helchteren", "Hechtel-Eksel"]
    coninck = pilot.items[2]
    assert (coninck.line_start, coninck.line_end) == (4091, 4093)  # an empty line inside
    assert pilot.items[-1].line_start == 4108 and plan.pages.page_of(4108) == 90
    assert pilot.items[0].group.startswith("Project \u2018Zorgzame buurten")
    assert pilot.open_ended  # "bewoners…"


@needs_plan
def test_unicode_in_lists(plan):
    # U+202F narrow no-break spaces between the items of the IST list (line 4350)
    assert partners(plan, "action:ieders-stemt-telt-campagne")[:4] == [
        "armenverenigingen", "Welzijnsschakels", "zelforganisaties", "WMKJ\u2019s"]
    assert all("\u202f" not in p.text for p in plan.partner_strings)


@needs_plan
def test_timings(plan):
    def timing(entry_id):
        t = plan.entry(entry_id).timing
        return t.line, t.start, t.end

    assert timing("action:cafe-anoniem-in-hasselt") == (2780, "2016-09-01", "2025-12-31")
    # month names, en dash
    assert timing("action:de-stek") == (2827, "2020-04", "2022-12")
    # no space after "Timing:" nor before the dash
    assert timing("project:de-nieuwe-volksbond-in-tongeren") == (2985, "2014-10-01", "2025-12-31")
    # no space before a hyphen
    assert timing("action:wonen-op-maat") == (3270, "2020-01-01", "2025-12-31")
    # impossible day: the month is kept
    t = plan.entry("action:onderzoek-verdoken-armoede-in-leopoldsburg").timing
    assert (t.start, t.end) == ("2020-05-01", "2021-04") and "31/04/2021" in t.notes[0]
    # open end "- ?"
    t = plan.entry("action:woonzaak").timing
    assert (t.line, t.start, t.end, t.open_end) == (3379, "2019-01-01", None, True)
    # leading zeros
    assert timing("project:pilootproject-buurtgerichte-zorg-pelt-en-hamont-achel") == (
        4111, "2018-09-01", "2021-12-31")
    # sub-project starting before its parent action
    assert timing("project:de-stek-leopoldsburg")[1] < timing("action:de-stek")[1]
    assert sum(e.timing is not None for e in plan.entries) == 54
    assert [e.id for e in plan.entries if e.timing is None] == [
        "project:week-van-verbondenheid", "project:solidariteit-in-beeld-projectvoorbereiding",
        "action:ieders-stemt-telt-campagne"]


@needs_plan
def test_overview_table(plan):
    rows = {r.action: r for r in plan.table}
    assert len(plan.table) == 21  # the transversal actions are not in the table
    assert (rows["action:de-stek"].columns, rows["action:de-stek"].sector) == ([11, 12, 13], True)
    assert rows["action:noodkoopfonds"].columns == [9]
    assert rows["action:wonen-op-maat"].columns == [9, 11]
    assert rows["action:aandachtsbuurten-versterken"].columns == [1, 2, 3, 4, 5, 6, 7, 12, 13]
    # the label wraps and the "(x)" falls on the next line
    sol = rows["action:solidariteit-in-beeld"]
    assert (sol.line_start, sol.mark_lines, sol.columns, sol.exact) == (2738, [2739], [1], True)
    assert rows["action:ieders-stemt-telt-campagne"].label == "Ieders Stem Telt"
    assert sum(r.marks for r in plan.table) == 17
    goals = [g.name for g in plan.goals if g.kind == "OD" and g.scope == "external"]
    assert len(goals) == 13 and goals[10] == "Ruimte publiek maken"


@needs_plan
def test_extract_command_writes_drafts(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(PLAN), "--out", str(tmp_path)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    actions = (tmp_path / "actions.csv").read_text(encoding="utf-8").splitlines()
    assert len(actions) == 25 and actions[0].startswith("id,name,sector,transversal,scope")
    assert all("DRAFT" in line for line in actions[1:])
    assert len((tmp_path / "partner_mentions.csv").read_text(encoding="utf-8").splitlines()) == 407
    contributions = (tmp_path / "contributions.csv").read_text(encoding="utf-8")
    assert "action:de-stek,operational-goal:belangenbehartiging,possible,table" in contributions
    assert "24 acties, 33 projecten, 407 partnervermeldingen" in result.output


# --------------------------------------------------------------------------- fragments

HEADER = "Meerjarenplan 2021-2025   |  2020-04-23 Meerjarenplan RIMO Limburg  {}|"
FRAGMENT = f"""
{HEADER.format(1)}

INHOUDSOPGAVE

SD1: Grond- en mensenrechten ............................ 2

OD Sociale bescherming....................................... 2

OD Wonen ........................................................... 2

Externe werking: strategische acties ......................... 3

Overzichtsschema doelstellingen ............................... 3

PROEFACTIE IN GENK ......................................... 4
Deelproject Winterslag ....................................... 4

TWEEDE ACTIE ..................................................... 5

SD INTERNE ORGANISATIE ........................................ 6

{HEADER.format(2)}

SD1: GROND- EN MENSENRECHTEN
Tekst.
OD SOCIALE BESCHERMING
Tekst.
OD WONEN
Tekst.

{HEADER.format(3)}
 EXTERNE WERKING: STRATEGISCHE ACTIES
OVERZICHTSSCHEMA DOELSTELLINGEN
STRATEGISCHE ACTIES
Proefactie in   (x) 
Genk
Tweede actie (sector)
Deze acties dragen zeker bij aan deze SD en OD’s

{HEADER.format(4)}
PROEFACTIE IN GENK

Maatschappelijke context
In Genk werkt Café Nieuw met de buurt.

Samenwerkingspartners: Stad Genk, CAW Limburg, Kind en taal
Basiseducatie LIMINO, Huis van het
Kind, de 
Draaischijf, etnisch-
culturele verenigingen, Groep Genk ( Stad en OCMW Genk), …

Timing: 1/9/2016 - 31/12/2025
Projecten en acties die bijdragen tot deze strategische actie:

Deelproject Winterslag

Maatschappelijke context en korte omschrijving
Tekst.

Samenwerkingspartners: lokaal bestuur, Voedselbank Limburg, Open School

 
{HEADER.format(5)}

Limburg Zuid, etc.

Timing: April 2020 – December 2022
TWEEDE ACTIE

Korte omschrijving
Tekst zonder timing.

Samenwerkingspartners: CAW, OCMW.
 SD INTERNE ORGANISATIE
Tekst.
"""


def write(tmp_path, text, encoding="utf-8", name="fragment.txt"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def check_fragment(frag):
    assert [e.id for e in frag.entries] == [
        "action:proefactie-in-genk", "project:deelproject-winterslag", "action:tweede-actie"]
    action = frag.entries[0]
    # wrapped names joined; "Kind en taal / Basiseducatie LIMINO" split; parentheses kept whole
    assert [p.text for p in action.partners.items] == [
        "Stad Genk", "CAW Limburg", "Kind en taal", "Basiseducatie LIMINO", "Huis van het Kind",
        "de Draaischijf", "etnisch-culturele verenigingen", "Groep Genk ( Stad en OCMW Genk)"]
    assert action.partners.open_ended
    assert (action.page, action.timing.start, action.timing.end) == (4, "2016-09-01", "2025-12-31")
    assert action.display_name == "Proefactie in Genk"
    # a page header and blank lines inside the list, in the middle of a name
    project = frag.entries[1]
    assert [p.text for p in project.partners.items] == [
        "lokaal bestuur", "Voedselbank Limburg", "Open School Limburg Zuid"]
    assert project.partners.items[-1].line_end - project.partners.items[-1].line_start == 5
    assert project.partners.open_ended
    assert (project.timing.start, project.timing.end) == ("2020-04", "2022-12")
    # a missing Timing line
    second = frag.entries[2]
    assert second.timing is None and second.page == 5
    assert [p.text for p in second.partners.items] == ["CAW", "OCMW"]
    assert not second.partners.open_ended
    # the overview table
    rows = {r.action: r for r in frag.table}
    assert rows["action:proefactie-in-genk"].columns == [2]
    assert rows["action:tweede-actie"].sector and rows["action:tweede-actie"].marks == 0


def test_fragment(tmp_path):
    check_fragment(parse_plan(write(tmp_path, FRAGMENT)))


def test_fragment_cp1252(tmp_path):
    path = write(tmp_path, FRAGMENT, "cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    check_fragment(parse_plan(path))


def test_fragment_with_bom(tmp_path):
    path = write(tmp_path, FRAGMENT, "utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_plan_text(path)[0] == ""
    check_fragment(parse_plan(path))


def test_crlf_keeps_line_numbers(tmp_path):
    lines = read_plan_text(write(tmp_path, FRAGMENT.replace("\n", "\r\n")))
    assert lines == FRAGMENT.split("\n")


@pytest.mark.parametrize("content", [b"", b"\n  \n\r\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "leeg.txt"
    path.write_bytes(content)
    with pytest.raises(RimographError, match=r"leeg\.txt: het bestand van het plan is leeg"):
        parse_plan(path)


def test_no_table_of_contents(tmp_path):
    with pytest.raises(RimographError, match="geen inhoudstafel"):
        parse_plan(write(tmp_path, "Gewoon wat tekst.\nNog een regel.\n"))


def test_unknown_date_format_names_the_line(tmp_path):
    text = FRAGMENT.replace("Timing: April 2020 – December 2022", "Timing: zomer 2020 - 2022")
    path = write(tmp_path, text)
    line = text.split("\n").index("Timing: zomer 2020 - 2022") + 1
    with pytest.raises(RimographError) as info:
        parse_plan(path)
    message = str(info.value)
    assert f"fragment.txt:{line}: onbekende datumvorm 'zomer 2020'" in message
    result = CliRunner().invoke(cli, ["extract", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"fragment.txt:{line}: onbekende datumvorm" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value, start, end", [
    ("1/9/2016 - 31/12/2025", "2016-09-01", "2025-12-31"),
    ("1/10/2014– 31/12/2025", "2014-10-01", "2025-12-31"),
    ("01/1/2021 \u2013 31/12/2025", "2021-01-01", "2025-12-31"),
    ("April 2020 \u2013 December 2022", "2020-04", "2022-12"),
    ("maart 2021 - okt 2023", "2021-03", "2023-10"),
    ("2021 - 2025", "2021", "2025"),
    ("2021-2025", "2021", "2025"),
    ("9/2019 - 6/2022", "2019-09", "2022-06"),
    ("van 1/1/2021 - 31/12/2025", "2021-01-01", "2025-12-31"),
    ("1/1/2019 - ?", "2019-01-01", None),
    ("1/5/2020 – 31/04/2021", "2020-05-01", "2021-04"),
])
def test_parse_timing(value, start, end):
    timing = parse_timing(value, 7, "plan.txt")
    assert (timing.start, timing.end) == (start, end)
    assert timing.open_end == (end is None)


@pytest.mark.parametrize("value", ["zomer 2020 - 2021", "1/13/2020 - 2021", "Q1 2020",
                                   "Monday 2020 - 2021", "31/12/20 - 2021",
                                   "2020 - 2021 - 2022", ""])
def test_parse_timing_rejects(value):
    with pytest.raises(RimographError, match=r"^plan\.txt:12: onbekende datumvorm"):
        parse_timing(value, 12, "plan.txt")
