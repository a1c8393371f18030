"""Display words for maps and reports: Dutch (default) and English."""

# node types and relations in words live in core (messages of core and questions name them)
from ..core.vocabulary import RELATIONS, TYPE_LABELS  # noqa: F401

# shape and colour per node type; "font": label size in CSS pixels on the map at first view in
# a 1366x768 window (the slide image draws every name in image.MIN_POINTS), "bold" for the plan's
# structure (goals, themes, actions)
TYPE_STYLE = {
    "StrategicGoal": {"shape": "diamond", "color": "#8c1c13", "font": 15, "bold": True},
    "OperationalGoal": {"shape": "diamond", "color": "#e07a1f", "font": 13, "bold": True},
    "Theme": {"shape": "hexagon", "color": "#6a3d9a", "font": 14, "bold": True},
    "StrategicAction": {"shape": "square", "color": "#1f5fa8", "font": 13, "bold": True},
    "Project": {"shape": "square", "color": "#6fa8dc", "font": 12, "bold": False},
    "Partner": {"shape": "dot", "color": "#2e8b57", "font": 12, "bold": False},
    "Municipality": {"shape": "triangle", "color": "#b8860b", "font": 13, "bold": False},
    "Neighbourhood": {"shape": "triangleDown", "color": "#d4b106", "font": 12, "bold": False},
    "TargetGroup": {"shape": "star", "color": "#c2185b", "font": 12, "bold": False},
    "Indicator": {"shape": "hexagon", "color": "#00838f", "font": 12, "bold": False},
    "Region": {"shape": "triangle", "color": "#8d6e63", "font": 13, "bold": False},
    "Section": {"shape": "square", "color": "#78909c", "font": 12, "bold": False},
    "Priority": {"shape": "star", "color": "#5d4037", "font": 12, "bold": False},
    "SectorGoal": {"shape": "diamond", "color": "#bdbdbd", "font": 12, "bold": False},
}
#: The focus node of a map (``--focus``): the largest name on it.
FOCUS_FONT = 18

#: The plan's context (need figures and the areas they describe, its headings, the minister's
#: priorities and the sector's goals they link to): drawn when a map is focused on a node or
#: asks for the type (``--type``), left out of the map of the whole network.
CONTEXT_TYPES = ("Indicator", "Region", "Section", "Priority", "SectorGoal")

LABELS = {
    "nl": {"legend": "Legende", "filters": "Filters", "types": "Soorten", "theme": "Thema",
           "municipality": "Gemeente", "year": "Jaar", "all": "(alle)", "search": "Zoek op naam",
           "reset": "Alles tonen", "certain": "draagt zeker bij", "possible": "draagt mogelijk bij",
           "source": "Bron: meerjarenplan", "lines": "regels", "summary": "Samenvatting",
           "kind": "Soort", "timing": "Timing", "scope": "Bereik", "nis": "NIS-code",
           "name_2025": "Gemeente sinds 2025", "fte": "VTE", "sector": "Sectoractie (met de andere "
           "instituten)", "shown": "zichtbaar", "nodes": "knopen", "no_match": "Geen knoop gevonden",
           "help": "Klik op een knoop om zijn buren te zien; sleep om te verschuiven, scroll om te zoomen.",
           "generic": "Algemene partners tonen (bv. 'lokale besturen')", "goal": "Doelstelling",
           "whole_plan": "Meerjarenplan 2021-2025 RIMO Limburg", "step": "stap",
           "steps": "stappen", "around": "Netwerk rond {name}, {depth} {steps}",
           "footer": "Bron: Meerjarenplan 2021-2025 Samenlevingsopbouw RIMO Limburg "
           "(2020-04-23). Elke knoop vermeldt pagina en regels in het plan.",
           "public": "Publieke versie: interne gegevens (VTE, notities) zijn weggelaten.",
           "prefix_OperationalGoal": "OD", "prefix_Theme": "Thema",
           "page": "Bron: meerjarenplan, p. {page}", "period": "Looptijd",
           "since": "sinds {start}, einde open", "from_to": "{start} tot {end}",
           "no_timing": "geen timing in het plan", "back": "Terug naar het geheel (Esc)",
           "edges_on_select": "Grote kaart: de relaties van een knoop verschijnen als je hem "
                              "aanklikt of zoekt.",
           "no_local": "geen eigen lokale actie; wel de provinciale en Vlaamse werking en de "
                       "partners die er gevestigd zijn",
           "months": ["januari", "februari", "maart", "april", "mei", "juni", "juli",
                      "augustus", "september", "oktober", "november", "december"]},
    "en": {"legend": "Legend", "filters": "Filters", "types": "Types", "theme": "Theme",
           "municipality": "Municipality", "year": "Year", "all": "(all)", "search": "Search by name",
           "reset": "Show all", "certain": "certainly contributes", "possible": "possibly contributes",
           "source": "Source: multi-year plan", "lines": "lines", "summary": "Summary",
           "kind": "Kind", "timing": "Timing", "scope": "Scope", "nis": "NIS code",
           "name_2025": "Municipality since 2025", "fte": "FTE", "sector": "Sector action (with the "
           "other institutes)", "shown": "shown", "nodes": "nodes", "no_match": "No node found",
           "help": "Click a node to see its neighbours; drag to pan, scroll to zoom.",
           "generic": "Show generic partners (e.g. 'local governments')", "goal": "Goal",
           "whole_plan": "Multi-year plan 2021-2025 RIMO Limburg", "step": "step",
           "steps": "steps", "around": "Network around {name}, {depth} {steps}",
           "footer": "Source: multi-year plan 2021-2025 Samenlevingsopbouw RIMO Limburg "
           "(2020-04-23). Every node cites its page and lines in the plan.",
           "public": "Public version: internal data (FTE, notes) left out.",
           "prefix_OperationalGoal": "OG", "prefix_Theme": "Theme",
           "page": "Source: multi-year plan, p. {page}", "period": "Period",
           "since": "since {start}, open end", "from_to": "{start} to {end}",
           "no_timing": "no timing in the plan", "back": "Back to the whole map (Esc)",
           "edges_on_select": "Large map: a node's relations appear when you click or search "
                              "it.",
           "no_local": "no local action of its own; the province-wide and Flemish work and "
                       "the partners based there",
           "months": ["January", "February", "March", "April", "May", "June", "July",
                      "August", "September", "October", "November", "December"]},
}

# attribute values shown on maps (scope of an action, kind of a partner)
VALUES = {
    "nl": {"local": "lokaal", "province": "provincie Limburg", "flanders": "Vlaanderen",
           "external": "extern", "internal": "intern", "organisation": "organisatie",
           "local-government": "lokaal bestuur", "partnership": "samenwerking",
           "generic": "algemene categorie", "role": "beroep of rol",
           "beleidsnota-welzijn": "beleidsnota Welzijn 2019-2024",
           "sterk-sociaal-werk": "Sterk Sociaal Werk",
           "is-a": "is een", "becomes": "wordt", "basis-of": "is de basis van",
           "grew-out-of": "is gegroeid uit", "interwoven-with": "is verweven met"},
    "en": {"local": "local", "province": "province of Limburg", "flanders": "Flanders",
           "external": "external", "internal": "internal", "organisation": "organisation",
           "local-government": "local government", "partnership": "partnership",
           "generic": "generic category", "role": "profession or role",
           "beleidsnota-welzijn": "policy note Welzijn 2019-2024",
           "sterk-sociaal-werk": "Sterk Sociaal Werk",
           "is-a": "is a", "becomes": "becomes", "basis-of": "is the basis of",
           "grew-out-of": "grew out of", "interwoven-with": "is interwoven with"},
}


def type_label(node_type: str, lang: str = "nl") -> str:
    """The display name of a node type in ``lang`` (nl or en)."""
    return TYPE_LABELS[lang][node_type]

#: Words of the coverage report (``rimograph report``). Names from the plan stay as written.
REPORT_LABELS = {
    "nl": {
        "title": "Dekking van het meerjarenplan 2021-2025",
        "subtitle": "Samenlevingsopbouw RIMO Limburg vzw: doelen, gemeenten, partners, timing",
        "contents": "Inhoud", "source": "Bron: meerjarenplan", "p": "p.", "lines": "regels",
        "intro": "Een overzicht uit de gecureerde tabellen van rimograph. Elk feit verwijst naar "
                 "de pagina van het meerjarenplan waar het staat.",
        "matrix": "Acties en operationele doelstellingen",
        "matrix_intro": "Het overzichtsschema van het plan, hersteld: welke strategische actie "
                        "bijdraagt aan welke externe operationele doelstelling (OD).",
        "matrix_note": "Bij de omzetting van het plan naar tekst gingen de vinkjes 'draagt zeker "
                       "bij' verloren; ze zijn gereconstrueerd uit de tekst van elke actie. De "
                       "tekens 'draagt mogelijk bij' zijn de (x) van het schema.",
        "sd": "Strategische doelstelling", "theme": "Thema", "od": "Operationele doelstelling",
        "action": "Strategische actie", "certain": "draagt zeker bij",
        "possible": "draagt mogelijk bij", "certain_short": "zeker", "possible_short": "mogelijk",
        "total": "Totaal", "sector": "sector", "sector_note": "(sector) = samen met de andere "
        "instituten van Samenlevingsopbouw",
        "in_table": "Acties in het overzichtsschema",
        "transversal": "Transversale acties (niet in het overzichtsschema)",
        "municipalities": "Gemeenten",
        "municipalities_intro": "De 42 Limburgse gemeenten (2019-2024), gegroepeerd per gemeente "
                                "sinds de fusies van 1 januari 2025, met de acties en projecten "
                                "die er lokaal werken (ook via een buurt). Gemeenten zonder "
                                "lokale werking eerst.",
        "municipality_2025": "Gemeente sinds 2025", "municipality": "Gemeente (2019-2024)",
        "nis": "NIS", "count": "Aantal", "entries": "Acties en projecten", "none": "geen",
        "uncovered_summary": "{n} van de {total} gemeenten hebben geen lokale actie of project "
                             "({n2025} van de {total2025} gemeenten in de grenzen van 2025).",
        "merged": "fusie 2025",
        "province_wide": "Provinciaal of Vlaams, niet per gemeente geteld",
        "needs": "Nood en dekking",
        "needs_intro": "Waar het plan zelf nood beschrijft, naast de lokale werking van RIMO. Een "
                       "gemeente krijgt een noodsignaal voor elk cijfer van de omgevingsanalyse "
                       "dat op nood wijst: boven (of onder) het Limburgse cijfer van hetzelfde "
                       "jaar, of door het plan genoemd (zoals de hoogste aandelen kansarme "
                       "geboorten of een residentieel woonwagenterrein). Een telling, geen score; "
                       "andere cijfers staan erbij als context.",
        "needs_flagged": "Nood zonder lokale werking: {names}.",
        "needs_none_flagged": "Geen gemeente met noodsignalen zonder lokale werking.",
        "tile_caption": "Schematische kaart: elk vakje is een gemeente (2019-2024), ongeveer op "
                        "zijn plaats; geen grenzen of afstanden. Het getal is het aantal "
                        "noodsignalen.",
        "tile_local": "lokale werking", "tile_none": "geen lokale werking",
        "tile_signals": "noodsignalen (rand)",
        "signals_count": "Signalen", "signals": "Noodsignalen (cijfer, jaar, Limburg)",
        "context": "Context", "local": "Lokaal", "parts": "Gemeenten 2019-2024",
        "comparisons": "Volgens het plan",
        "partners": "Partners per aantal thema's",
        "partners_intro": "Een partner telt voor een thema als hij samenwerkt in een actie of "
                          "project dat zeker bijdraagt aan een OD van dat thema. Algemene "
                          "categorieën (zoals 'lokale besturen') en beroepen zijn weggelaten.",
        "partner": "Partner", "kind": "Soort", "themes": "Thema's",
        "themes_count": "Aantal thema's", "partner_entries": "Acties en projecten",
        "spread": "{themes} thema's: {n} partners", "spread_one": "{themes} thema: {n} partners",
        "one_theme": "Partners in één thema",
        "kinds": {"organisation": "organisatie", "local-government": "lokaal bestuur",
                  "partnership": "samenwerking", "generic": "categorie", "role": "beroep"},
        "timeline": "Tijdlijn 2016-2025",
        "timeline_intro": "Looptijd van elke strategische actie en haar projecten, zoals de "
                          "Timing-regel van het plan ze geeft (dag, maand of jaar). De "
                          "planperiode 2021-2025 is gearceerd.",
        "timing": "Timing in het plan", "no_timing": "geen timing in het plan",
        "open_end": "open einde", "since": "sinds", "project": "project",
        "assumed": "gestreept = niet in het plan, aangenomen (planperiode)",
        "plan_period": "planperiode",
        "fte": "Personeelsinzet per thema (VTE)",
        "fte_intro": "Voltijdse equivalenten op 1/1/2021, uit de tabel 'Personeelsinzet'.",
        "fte_label": "Strategische doelstelling / thema", "fte_decretal": "VTE decretaal",
        "fte_non_decretal": "VTE niet-decretaal", "fte_total": "VTE totaal",
        "decretal_share": "% decretaal", "share_of_total": "% van het totaal",
        "footer": "Gemaakt met rimograph {version} uit de tabellen in graph/. Feiten met hun "
                  "pagina in het meerjarenplan 2021-2025 van RIMO Limburg.",
        "public_footer": "Publieke versie: zonder personeelsinzet (VTE) en interne notities.",
        "internal_footer": "Interne versie: bevat de personeelsinzet (VTE). Maak met --public "
                           "een versie om te delen.",
    },
    "en": {
        "title": "Coverage of the multi-year plan 2021-2025",
        "subtitle": "Samenlevingsopbouw RIMO Limburg vzw: goals, municipalities, partners, timing",
        "contents": "Contents", "source": "Source: multi-year plan", "p": "p.", "lines": "lines",
        "intro": "An overview from rimograph's curated tables. Every fact refers to the page of "
                 "the multi-year plan where it is found.",
        "matrix": "Actions and operational goals",
        "matrix_intro": "The plan's overview table, restored: which strategic action contributes "
                        "to which external operational goal (OD).",
        "matrix_note": "Converting the plan to text lost its 'certainly contributes' check "
                       "marks; they are reconstructed from each action's own text. The "
                       "'possibly contributes' marks are the table's (x).",
        "sd": "Strategic goal", "theme": "Theme", "od": "Operational goal",
        "action": "Strategic action", "certain": "certainly contributes",
        "possible": "possibly contributes", "certain_short": "certain",
        "possible_short": "possible", "total": "Total", "sector": "sector",
        "sector_note": "(sector) = with the other Samenlevingsopbouw institutes",
        "in_table": "Actions in the overview table",
        "transversal": "Transversal actions (not in the overview table)",
        "needs": "Need and coverage",
        "needs_intro": "Where the plan itself describes need, beside RIMO's local work. A "
                       "municipality gets one need signal for each figure of the environment "
                       "analysis that points to need: above (or below) the Limburg figure of the "
                       "same year, or named by the plan (such as the highest shares of births in "
                       "deprived families, or a residential caravan site). A count, not a score; "
                       "other figures are shown as context.",
        "needs_flagged": "Need without local work: {names}.",
        "needs_none_flagged": "No municipality with need signals lacks local work.",
        "tile_caption": "Schematic map: each tile is a municipality (2019-2024), roughly where it "
                        "lies; no borders or distances. The number is its count of need signals.",
        "tile_local": "local work", "tile_none": "no local work",
        "tile_signals": "need signals (border)",
        "signals_count": "Signals", "signals": "Need signals (figure, year, Limburg)",
        "context": "Context", "local": "Local", "parts": "Municipalities 2019-2024",
        "comparisons": "As the plan puts it",
        "municipalities": "Municipalities",
        "municipalities_intro": "The 42 municipalities of Limburg (2019-2024), grouped by their "
                                "municipality after the mergers of 1 January 2025, with the "
                                "actions and projects working there locally (also through a "
                                "neighbourhood). Municipalities without any come first.",
        "municipality_2025": "Municipality since 2025", "municipality": "Municipality (2019-2024)",
        "nis": "NIS", "count": "Count", "entries": "Actions and projects", "none": "none",
        "uncovered_summary": "{n} of the {total} municipalities have no local action or project "
                             "({n2025} of the {total2025} municipalities within the 2025 "
                             "borders).",
        "merged": "merged 2025",
        "province_wide": "Province-wide or Flemish, not counted per municipality",
        "partners": "Partners by number of themes",
        "partners_intro": "A partner counts for a theme when it works in an action or project "
                          "that certainly contributes to an OD of that theme. Generic categories "
                          "(such as 'local governments') and professions are left out.",
        "partner": "Partner", "kind": "Kind", "themes": "Themes",
        "themes_count": "Number of themes", "partner_entries": "Actions and projects",
        "spread": "{themes} themes: {n} partners", "spread_one": "{themes} theme: {n} partners",
        "one_theme": "Partners in one theme",
        "kinds": {"organisation": "organisation", "local-government": "local government",
                  "partnership": "partnership", "generic": "category", "role": "profession"},
        "timeline": "Timeline 2016-2025",
        "timeline_intro": "Period of every strategic action and its projects, as the plan's "
                          "Timing line gives it (day, month or year). The plan period "
                          "2021-2025 is shaded.",
        "timing": "Timing in the plan", "no_timing": "no timing in the plan",
        "open_end": "open end", "since": "since", "project": "project",
        "assumed": "striped = not in the plan, assumed (plan period)",
        "plan_period": "plan period",
        "fte": "Staff per theme (FTE)",
        "fte_intro": "Full-time equivalents on 1/1/2021, from the staffing table.",
        "fte_label": "Strategic goal / theme", "fte_decretal": "FTE decretal",
        "fte_non_decretal": "FTE non-decretal", "fte_total": "FTE total",
        "decretal_share": "% decretal", "share_of_total": "% of total",
        "footer": "Made with rimograph {version} from the tables in graph/. Facts with their "
                  "page in RIMO Limburg's multi-year plan 2021-2025.",
        "public_footer": "Public version: without staffing (FTE) and internal notes.",
        "internal_footer": "Internal version: includes staffing (FTE). Make a version to share "
                           "with --public.",
    },
}

#: Words of the exports (``rimograph export``): the note every file carries, how a fact is
#: known (an edge's ``basis``) and the citation, for Kumu's descriptions and the files' notes.
EXPORT_LABELS = {
    "nl": {"description": "Meerjarenplan 2021-2025 van Samenlevingsopbouw RIMO Limburg als "
                          "netwerk: doelstellingen, thema's, acties, projecten, partners, "
                          "plaatsen en doelgroepen; elk feit met pagina en regels in het plan.",
           "internal": "Interne versie: met personeelsinzet (VTE) en interne notities. Maak "
                       "met --public een versie om te delen.",
           "basis": {"table": "uit het overzichtsschema", "inferred": "afgeleid uit de tekst",
                     "stated": "staat in het plan"},
           "cite": "meerjarenplan p. {page}, r. {start}-{end}", "mention": "in het plan: {text}"},
    "en": {"description": "The multi-year plan 2021-2025 of Samenlevingsopbouw RIMO Limburg as "
                          "a network: goals, themes, actions, projects, partners, places and "
                          "target groups; every fact with its page and lines in the plan.",
           "internal": "Internal version: with staffing (FTE) and internal notes. Make a "
                       "version to share with --public.",
           "basis": {"table": "from the overview table", "inferred": "inferred from the text",
                     "stated": "stated in the plan"},
           "cite": "multi-year plan p. {page}, lines {start}-{end}",
           "mention": "in the plan: {text}"},
}

#: Words of the static map image (``rimograph image``) beyond :data:`LABELS`.
IMAGE_LABELS = {
    "nl": {"other_edges": "andere relaties (samenwerking, plaats, doelgroep, ...)",
           "credit": "Bron: meerjarenplan 2021-2025 van Samenlevingsopbouw RIMO Limburg; "
                     "gemaakt met rimograph {version}.",
           "summary": "{nodes} knopen, {edges} relaties, {names} namen."},
    "en": {"other_edges": "other relations (partnership, place, target group, ...)",
           "credit": "Source: multi-year plan 2021-2025 of Samenlevingsopbouw RIMO Limburg; "
                     "made with rimograph {version}.",
           "summary": "{nodes} nodes, {edges} relations, {names} names."},
}
