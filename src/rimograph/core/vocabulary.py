"""Node types and relations in words, Dutch and English: for every message and output that
names them (maps, tables, the candidates of an ambiguous name). The model's own terms
(``StrategicAction``, ``PARTNERS_WITH``) stay the keys."""

TYPE_LABELS = {
    "nl": {"StrategicGoal": "Strategische doelstelling", "OperationalGoal": "Operationele doelstelling",
           "Theme": "Thema", "StrategicAction": "Strategische actie", "Project": "Project",
           "Partner": "Partner", "Municipality": "Gemeente", "Neighbourhood": "Buurt",
           "TargetGroup": "Doelgroep", "Indicator": "Indicator", "Region": "Gebied",
           "Section": "Hoofdstuk", "Priority": "Prioriteit",
           "SectorGoal": "Doelstelling van de sector"},
    "en": {"StrategicGoal": "Strategic goal", "OperationalGoal": "Operational goal",
           "Theme": "Theme", "StrategicAction": "Strategic action", "Project": "Project",
           "Partner": "Partner", "Municipality": "Municipality", "Neighbourhood": "Neighbourhood",
           "TargetGroup": "Target group", "Indicator": "Indicator", "Region": "Area",
           "Section": "Section", "Priority": "Priority", "SectorGoal": "Sector goal"},
}

RELATIONS = {
    "nl": {"PARTNERS_WITH": "werkt samen met", "ACTIVE_IN": "actief in",
           "CONTRIBUTES_TO": "draagt bij aan", "PART_OF": "maakt deel uit van",
           "HAS_THEME": "heeft als thema", "LOCATED_IN": "ligt in",
           "BASED_IN": "gevestigd in", "TARGETS": "richt zich op",
           "MEASURED_IN": "gemeten in", "BROADER": "valt onder",
           "REPRESENTED_IN": "vertegenwoordigd in",
           "MEMBER_OF": "lid van", "FOUNDED": "richtte op", "PARTICIPATES_IN": "neemt deel aan",
           "SUPPORTS": "ondersteunt", "CONSULTED": "raadpleegde", "HAS_SERVICE": "heeft dienst",
           "PARTNER_IN": "partner in", "MENTIONED_IN": "vermeld in",
           "LINKED_TO": "verbonden met", "RELATED_TO": "verwant aan"},
    "en": {"PARTNERS_WITH": "partners with", "ACTIVE_IN": "active in",
           "CONTRIBUTES_TO": "contributes to", "PART_OF": "part of",
           "HAS_THEME": "has theme", "LOCATED_IN": "located in",
           "BASED_IN": "based in", "TARGETS": "targets", "MEASURED_IN": "measured in",
           "BROADER": "narrower than",
           "REPRESENTED_IN": "represented in", "MEMBER_OF": "member of", "FOUNDED": "founded",
           "PARTICIPATES_IN": "participates in", "SUPPORTS": "supports",
           "CONSULTED": "consulted", "HAS_SERVICE": "has service", "PARTNER_IN": "partner in",
           "MENTIONED_IN": "mentioned in", "LINKED_TO": "linked to",
           "RELATED_TO": "related to"},
}
