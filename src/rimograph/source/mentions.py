"""Where the plan names each municipality: its sections (from the table of contents) and every
line that names a municipality, by its 2019 or 2025 name, a former name, a deelgemeente or one
of its wijken or buurten.

:func:`section_rows` gives ``graph/sections.csv`` and :func:`mention_rows` ``graph/mentions.csv``
(layout in ``graph/README.md``); ``rimograph check-source`` compares the curated files with them,
so a mention added, removed or moved in the table shows with its plan line.

Source of facts: the plan text; the names come from ``municipalities.csv`` (name, name_2025),
``neighbourhoods.csv`` (deelgemeenten, wijken and buurten with a proper name) and
:data:`FORMER_NAMES`.
"""

from __future__ import annotations

import re

from ..core.text import fold, slugify

#: Names of before the 2019 mergers -> today's NIS code (Statbel: Oudsbergen 72042 = Meeuwen-
#: Gruitrode + Opglabbeek, Pelt 72043 = Neerpelt + Overpelt).
FORMER_NAMES = {"Meeuwen-Gruitrode": "72042", "Opglabbeek": "72042", "Neerpelt": "72043",
                "Overpelt": "72043"}
#: Words that contain a municipality's name but do not name it.
NOT_A_PLACE = ("Peer Support",)


def section_rows(plan) -> list[dict]:
    """One row per heading of the table of contents that the body has: id
    (``section:<page>-<slug>``), name (the TOC's title), level (1 or 2), page (the TOC's), line_start (the
    heading), line_end (the line before the next heading, or the end of the text). Headings
    with a footnote number glued to them ("Evoluties in Limburg2") are found too."""
    located = []
    last = 0
    for entry in plan.toc:
        line = entry.line
        if line is None:  # a footnote number glued to the heading
            wanted = fold(entry.title)
            line = next((n for n in range(last + 1, len(plan.lines) + 1)
                         if re.fullmatch(re.escape(wanted) + r"\d*",
                                         fold(plan.line(n)).strip())), None)
        if line is not None:
            located.append((line, entry))
            last = line
    located.sort(key=lambda item: item[0])
    rows = []
    for index, (line, entry) in enumerate(located):
        end = located[index + 1][0] - 1 if index + 1 < len(located) else len(plan.lines)
        rows.append({"id": f"section:{entry.page}-{slugify(entry.title)}", "name": entry.title,
                     "level": entry.level, "page": entry.page, "line_start": line,
                     "line_end": end})
    return rows


def place_names(tables) -> dict[str, tuple[str, str]]:
    """Every name of a municipality -> (NIS code, kind): ``2019``, ``2025``, ``former`` or
    ``deelgemeente`` or ``neighbourhood`` (a wijk or buurt of ``neighbourhoods.csv`` named
    with a capital). ``tables`` maps file names to lists of dict-like rows."""
    names = {}
    for row in tables["municipalities.csv"]:
        names.setdefault(row["name_2025"], (row["nis"], "2025"))
        names[row["name"]] = (row["nis"], "2019")
    known = {row["nis"] for row in tables["municipalities.csv"]}
    for name, nis in FORMER_NAMES.items():
        if nis in known:
            names[name] = (nis, "former")
    for row in tables["neighbourhoods.csv"]:
        # a wijk or buurt by its proper name ("Overpelt-Fabriek", "Beringen-Mijn"); "tuinwijk",
        # written small, is a common noun that names several places
        if row["name"][:1].isupper():
            kind = "deelgemeente" if row["kind"] == "deelgemeente" else "neighbourhood"
            names.setdefault(row["name"], (row["municipality"], kind))
    return names


def _pattern(name: str):
    # case-sensitive first letter ("As", not the word "as"), whole words, hyphens and spaces as
    # the plan writes them ("Herk-De-Stad")
    head, rest = re.escape(name[0]), re.escape(name[1:])
    return re.compile(rf"(?<![\w-]){head}(?i:{rest})(?![\w-])")


def mention_rows(plan, tables, sections=None) -> list[dict]:
    """One row per (municipality, line) where the body of the plan names it: municipality
    (NIS code), section (id of the section the line is in), name_as_written, kind (2019, 2025,
    former, deelgemeente, neighbourhood), page, line_start, line_end (the line). The table of contents and
    page headers are not the body; a line names a municipality once even if it repeats it."""
    from .pages import PAGE_HEADER

    sections = sections or section_rows(plan)
    names = place_names(tables)
    # longest first, so "Mechelen aan de Maas" is not read as "Mechelen"; wijken and buurten
    # last: a line naming the municipality too keeps the municipality's name
    patterns = sorted(((name, _pattern(name)) for name in names),
                      key=lambda p: (names[p[0]][1] == "neighbourhood", -len(p[0])))
    rows = []
    bounds = [(s["line_start"], s["line_end"], s["id"]) for s in sections]
    for start, end, section in bounds:
        for number in range(start, end + 1):
            text = plan.line(number)
            if PAGE_HEADER.match(text):
                continue
            for phrase in NOT_A_PLACE:
                text = text.replace(phrase, " " * len(phrase))
            seen = set()
            for name, pattern in patterns:
                match = pattern.search(text)
                if not match:
                    continue
                nis, kind = names[name]
                text = text[:match.start()] + " " * len(match.group()) + text[match.end():]
                if nis in seen:
                    continue
                seen.add(nis)
                rows.append({"municipality": nis, "section": section,
                             "name_as_written": match.group(), "kind": kind,
                             "page": plan.pages.page_of(number), "line_start": number,
                             "line_end": number})
    return rows
