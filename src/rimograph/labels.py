"""Display words for maps and reports: Dutch (default) and English."""

TYPE_STYLE = {
    "StrategicGoal": {"shape": "diamond", "color": "#8c1c13"},
    "OperationalGoal": {"shape": "diamond", "color": "#e07a1f"},
    "Theme": {"shape": "hexagon", "color": "#6a3d9a"},
    "StrategicAction": {"shape": "square", "color": "#1f5fa8"},
    "Project": {"shape": "square", "color": "#6fa8dc"},
    "Partner": {"shape": "dot", "color": "#2e8b57"},
    "Municipality": {"shape": "triangle", "color": "#b8860b"},
    "Neighbourhood": {"shape": "triangleDown", "color": "#d4b106"},
    "TargetGroup": {"shape": "star", "color": "#c2185b"},
}

TYPE_LABELS = {
    "nl": {"StrategicGoal": "Strategische doelstelling", "OperationalGoal": "Operationele doelstelling",
           "Theme": "Thema", "StrategicAction": "Strategische actie", "Project": "Project",
           "Partner": "Partner", "Municipality": "Gemeente", "Neighbourhood": "Buurt",
           "TargetGroup": "Doelgroep"},
    "en": {"StrategicGoal": "Strategic goal", "OperationalGoal": "Operational goal",
           "Theme": "Theme", "StrategicAction": "Strategic action", "Project": "Project",
           "Partner": "Partner", "Municipality": "Municipality", "Neighbourhood": "Neighbourhood",
           "TargetGroup": "Target group"},
}

RELATIONS = {
    "nl": {"PARTNERS_WITH": "werkt samen met", "ACTIVE_IN": "actief in",
           "CONTRIBUTES_TO": "draagt bij aan", "PART_OF": "maakt deel uit van",
           "HAS_THEME": "heeft als thema", "LOCATED_IN": "ligt in",
           "BASED_IN": "gevestigd in", "TARGETS": "richt zich op"},
    "en": {"PARTNERS_WITH": "partners with", "ACTIVE_IN": "active in",
           "CONTRIBUTES_TO": "contributes to", "PART_OF": "part of",
           "HAS_THEME": "has theme", "LOCATED_IN": "located in",
           "BASED_IN": "based in", "TARGETS": "targets"},
}

LABELS = {
    "nl": {"legend": "Legende", "filters": "Filters", "types": "Soorten", "theme": "Thema",
           "municipality": "Gemeente", "year": "Jaar", "all": "(alle)", "search": "Zoek op naam",
           "reset": "Alles tonen", "certain": "draagt zeker bij", "possible": "draagt mogelijk bij",
           "source": "Bron: meerjarenplan", "lines": "regels", "summary": "Samenvatting",
           "kind": "Soort", "timing": "Timing", "scope": "Bereik", "nis": "NIS-code",
           "name_2025": "Gemeente sinds 2025", "fte": "VTE", "sector": "Sectoractie (met de andere "
           "instituten)", "shown": "zichtbaar", "nodes": "knopen", "no_match": "Geen knoop gevonden",
           "help": "Klik op een knoop om zijn buren te zien; sleep om te verschuiven, scroll om te zoomen.",
           "generic": "Algemene partners tonen (bv. 'lokale besturen')"},
    "en": {"legend": "Legend", "filters": "Filters", "types": "Types", "theme": "Theme",
           "municipality": "Municipality", "year": "Year", "all": "(all)", "search": "Search by name",
           "reset": "Show all", "certain": "certainly contributes", "possible": "possibly contributes",
           "source": "Source: multi-year plan", "lines": "lines", "summary": "Summary",
           "kind": "Kind", "timing": "Timing", "scope": "Scope", "nis": "NIS code",
           "name_2025": "Municipality since 2025", "fte": "FTE", "sector": "Sector action (with the "
           "other institutes)", "shown": "shown", "nodes": "nodes", "no_match": "No node found",
           "help": "Click a node to see its neighbours; drag to pan, scroll to zoom.",
           "generic": "Show generic partners (e.g. 'local governments')"},
}


def type_label(node_type: str, lang: str = "nl") -> str:
    """The display name of a node type in ``lang`` (nl or en)."""
    return TYPE_LABELS[lang][node_type]
