"""Holding the curated tables in ``graph/`` to the plan text.

:func:`check_source` extracts the plan (:mod:`rimograph.source.extract`) and compares it with the
curated tables, reading them as plain CSV (the check works on tables that do not validate yet;
``rimograph validate`` checks those). Every difference is a :class:`Difference`:

=========================  ==================================================================
kind                       meaning
=========================  ==================================================================
entry-not-in-graph         an action or project of the plan has no row in actions/projects.csv
entry-not-in-plan          a row of actions/projects.csv matches no heading of the plan
entry-kind                 an action in projects.csv or the other way round
project-parent             a project under another action than in the plan
sector, transversal        the flag differs from the overview table's "(sector)" / from the
                           action standing under "TRANSVERSALE STRATEGISCHE ACTIES"
name                       the curated name differs from the heading (case and accents ignored)
timing                     the curated ``timing`` text differs from the "Timing:" line
timing-start, timing-end   the ISO dates differ from what the "Timing:" line gives
open-ended                 ``partners_open_ended`` differs from the list's ending
mention-not-extracted      a curated mention cited inside a partner list the extractor did
                           not find there (mistyped, or split differently)
mention-missing            a partner string of a list that partner_mentions.csv lacks
mention-outside-list       (note) a curated mention cited outside the partner list; its cited
                           lines do contain it
mention-unresolved         a curated mention no alias of aliases.csv resolves
mention-group              a mention's group (the list's own words for it) is not in the list
citation                   cited lines that do not contain the item (heading, mention, or the
                           name of an operational or strategic goal)
page                       a cited page that is not the page of the range's first line, read
                           from the page map of the text (:mod:`rimograph.source.pages`)
table-mark                 a ``basis=table`` contribution and the overview table's "(x)" disagree
indicator                  an indicator's figure or place name is not in its cited lines, or its
                           value is not the figure's number
tie                        a tie's source or target, as the plan writes it, is not in its lines
staffing                   an FTE figure (per year, or of the expansion request), its heading or
                           area is not in its cited lines, or the number is not the figure's
relation                   the plan's words for the two entries of a RELATED_TO row are not in
                           its cited lines
priority                   a priority's or sector goal's heading, or the words naming what a
                           priority is linked to, are not in its cited lines
section                    a heading of the TOC missing from sections.csv, or its lines differ
place-mention              a line naming a municipality without a mentions.csv row, or a row
                           whose line does not name it
copied                     a column in our own words (:data:`OWN_WORDS`: summaries, notes,
                           what an indicator measures, ...) repeats :data:`COPIED_WORDS` or
                           more consecutive words of the plan, anywhere in it
stale-exception            (note) an accepted difference that no longer occurs
=========================  ==================================================================

Keys (what ``source_exceptions.csv`` names in its ``key`` column): an entry id for entry,
name, timing and open-ended differences (the curated id where there is one);
``<entry id>|<mention>`` for mention differences; ``<file>:<row>`` for citation, page and
copied differences; ``<action id>|<goal id>`` (or ``<action id>|count``) for table marks.

Differences are failures unless ``graph/source_exceptions.csv`` (columns kind, key, reason;
reason required) accepts them; notes never fail unless ``strict``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import RimographError
from ..core.i18n import _
from .extract import Plan, parse_plan
from .pages import PAGE_HEADER
from .resolve import read_rows
from ..core.tables import SCHEMA
from ..core.text import collapse, fold

NOTES = {"mention-outside-list", "stale-exception"}
EXCEPTION_COLUMNS = ["kind", "key", "reason"]


@dataclass
class Difference:
    """One difference between the plan and the curated tables.

    ``status`` is ``fail``, ``accepted`` (by the exceptions file, ``reason`` says why) or
    ``note``; ``line`` is the plan line it concerns (``None`` when there is none).
    ``message`` is in the language current when it was made (:mod:`rimograph.core.i18n`);
    ``kind`` and ``key`` never depend on it (the exceptions file matches them).
    """

    kind: str
    key: str
    message: str
    line: int | None = None
    status: str = "fail"
    reason: str = ""

    def row(self) -> dict:
        return {"status": self.status, "kind": self.kind, "key": self.key,
                "line": self.line if self.line is not None else "", "message": self.message,
                "reason": self.reason}


def check_source(plan_path, graph_dir, exceptions_path=None, strict: bool = False,
                 plan: Plan | None = None) -> list[Difference]:
    """Compare the plan at ``plan_path`` with the tables in ``graph_dir``.

    Parameters
    ----------
    plan_path : path
        the plan text.
    graph_dir : path
        the folder of curated tables.
    exceptions_path : path, optional
        reviewed exceptions (kind, key, reason); default ``graph_dir/source_exceptions.csv``
        when it exists.
    strict : bool
        count notes (mentions cited outside a list) as failures.
    plan : Plan, optional
        an already extracted plan (saves the extraction).

    Returns
    -------
    list of Difference
        sorted by status (fail, accepted, note), then plan line.

    Raises
    ------
    RimographError
        when the plan cannot be read or parsed, the folder has no actions.csv, or the exceptions
        file lacks a column or a reason.
    """
    graph_dir = Path(graph_dir)
    if not (graph_dir / "actions.csv").exists():
        raise RimographError(_("{folder}: no actions.csv (give --graph DIR)").format(folder=graph_dir))
    plan = plan or parse_plan(plan_path)
    tables = {name: read_rows(graph_dir / name) for name in SCHEMA}
    for rows in tables.values():
        for number, row in enumerate(rows, start=2):
            row["_row"] = number
    diffs: list[Difference] = []
    pairs = pair_entries(plan, tables, diffs)
    _check_entries(plan, pairs, diffs)
    _check_mentions(plan, pairs, tables, diffs)
    _check_citations(plan, pairs, tables, diffs)
    _check_table(plan, pairs, tables, diffs)
    _check_written(plan, tables, diffs)
    _check_places_named(plan, tables, diffs)
    _check_own_words(plan, tables, diffs)
    if exceptions_path is None and (graph_dir / "source_exceptions.csv").exists():
        exceptions_path = graph_dir / "source_exceptions.csv"
    if exceptions_path is not None:
        _apply_exceptions(diffs, Path(exceptions_path))
    if strict:
        for diff in diffs:
            if diff.status == "note" and diff.kind != "stale-exception":
                diff.status = "fail"
    order = {"fail": 0, "accepted": 1, "note": 2}
    diffs.sort(key=lambda d: (order[d.status], d.line or 0, d.kind, d.key))
    return diffs


# --------------------------------------------------------------------------- entries


def pair_entries(plan, tables, diffs):
    """Pair extracted entries with curated rows: same id, else same name, else a curated row of
    the same kind whose line_start is the heading's line. Returns {extracted id: (entry, row)}."""
    rows = {"action": tables["actions.csv"], "project": tables["projects.csv"]}
    used: set[str] = set()
    pairs = {}
    for entry in plan.entries:
        every = rows["action"] + rows["project"]
        match = next((r for r in every if r.get("id") == entry.id and r["id"] not in used), None)
        match = match or next((r for r in rows[entry.kind] if r.get("id") not in used and
                               fold(r.get("name", "")) == fold(entry.name)), None)
        match = match or next((r for r in rows[entry.kind] if r.get("id") not in used and
                               r.get("line_start") == str(entry.line_start)), None)
        if match is None:
            message = (_("action {name!r} (plan line {line}, page {page}) has no row in "
                         "actions.csv") if entry.kind == "action" else
                       _("project {name!r} (plan line {line}, page {page}) has no row in "
                         "projects.csv"))
            diffs.append(Difference("entry-not-in-graph", entry.id, message.format(
                name=entry.name, line=entry.line_start, page=entry.page), entry.line_start))
            continue
        used.add(match["id"])
        pairs[entry.id] = (entry, match)
    for kind, file in (("action", "actions.csv"), ("project", "projects.csv")):
        for row in rows[kind]:
            if row.get("id") and row["id"] not in used:
                message = (_("{file}:{row}: {name!r} matches no action heading of the plan (by "
                             "id, name or line_start)") if kind == "action" else
                           _("{file}:{row}: {name!r} matches no project heading of the plan (by "
                             "id, name or line_start)"))
                diffs.append(Difference("entry-not-in-plan", row["id"], message.format(
                    file=file, row=row["_row"], name=row.get("name")),
                    _int(row.get("line_start"))))
    return pairs


def _check_entries(plan, pairs, diffs):
    curated = {entry_id: row["id"] for entry_id, (_, row) in pairs.items()}
    for entry, row in pairs.values():
        key, line = row["id"], entry.line_start
        is_action = row["id"].startswith("action:")
        if is_action != (entry.kind == "action"):
            message = (_("the plan has {name!r} as a project, the tables as an action")
                       if is_action else
                       _("the plan has {name!r} as an action, the tables as a project"))
            diffs.append(Difference("entry-kind", key, message.format(name=entry.name), line))
        if fold(row.get("name", "")) != fold(entry.name):
            diffs.append(Difference("name", key, _("name {name!r} differs from the heading "
                                                   "{heading!r}").format(
                name=row.get("name"), heading=entry.name), line))
        if entry.kind == "project" and row.get("action") and entry.parent:
            wanted = curated.get(entry.parent, entry.parent)
            if row["action"] != wanted:
                diffs.append(Difference("project-parent", key, _(
                    "under {curated} in projects.csv, under {plan} in the plan").format(
                    curated=row["action"], plan=wanted), line))
        if is_action and entry.kind == "action":
            sector = next((r.sector for r in plan.table if r.action == entry.id), False)
            for column, value, message in (
                    ("sector", sector, _("sector is {curated}, the plan says {plan} (overview "
                                         "table)")),
                    ("transversal", entry.transversal, _("transversal is {curated}, the plan "
                                                         "says {plan}"))):
                if row.get(column) in ("true", "false") and (row[column] == "true") != value:
                    diffs.append(Difference(column, key, message.format(
                        curated=row[column], plan="true" if value else "false"), line))
        _check_timing(entry, row, diffs)
        ended = bool(entry.partners and entry.partners.open_ended)
        if row.get("partners_open_ended") in ("true", "false") and \
                (row["partners_open_ended"] == "true") != ended:
            if not entry.partners:
                message = _("partners_open_ended is {curated}, but the plan has no partner list "
                            "here")
            elif ended:
                message = _("partners_open_ended is {curated}, the plan's list (line {line}) "
                            "ends open")
            else:
                message = _("partners_open_ended is {curated}, the plan's list (line {line}) "
                            "does not end open")
            at = entry.partners.line_start if entry.partners else line
            diffs.append(Difference("open-ended", key, message.format(
                curated=row["partners_open_ended"], line=at), at))


def _check_timing(entry, row, diffs):
    """The curated ``timing`` text and its ISO ``start``/``end`` against the "Timing:" line."""
    key, timing = row["id"], entry.timing
    line = timing.line if timing else entry.line_start
    text = timing.text if timing else ""
    if collapse(row.get("timing", "")) != text:
        message = (_("timing {curated!r} differs from the plan's {plan!r} (line {line})") if timing
                   else _("timing {curated!r} is set, but the plan has no Timing line here"))
        diffs.append(Difference("timing", key, message.format(
            curated=row.get("timing", ""), plan=text, line=line), line))
    for column, value in (("start", timing.start if timing else None),
                          ("end", timing.end if timing else None)):
        curated = row.get(column) or None
        if curated == value:
            continue
        if not timing:
            message = _("{column} {curated} is set, but the plan has no Timing line here")
        elif value is None:
            message = _("{column} {curated} is set, but 'Timing: {text}' gives no date")
        elif curated is None:
            message = _("{column} is empty, but 'Timing: {text}' gives {plan}")
        else:
            message = _("{column} {curated} differs from {plan} read from 'Timing: {text}'")
        diffs.append(Difference(f"timing-{column}", key, message.format(
            column=column, curated=curated, plan=value, text=text), line))


# --------------------------------------------------------------------------- partner mentions


def _squash(text: str) -> str:
    """Compare text regardless of case, accents, spaces and hyphenated wraps."""
    return re.sub(r"[\s\u00ad]+", "", fold(text))


def _cited_text(plan: Plan, start: int, end: int) -> str:
    return " ".join(plan.line(n) for n in range(max(start, 1), min(end, len(plan.lines)) + 1)
                    if not PAGE_HEADER.match(plan.line(n)))


def _check_mentions(plan, pairs, tables, diffs):
    from .resolve import Resolver

    resolver = Resolver(tables["aliases.csv"])
    by_entry: dict[str, list[dict]] = {}
    for row in tables["partner_mentions.csv"]:
        by_entry.setdefault(row.get("entry", ""), []).append(row)
    for entry, row in pairs.values():
        key_entry = row["id"]
        extracted = {}
        for item in entry.partners.items if entry.partners else []:
            extracted.setdefault(collapse(item.text), item)
        curated = {collapse(r.get("mention", "")): r for r in by_entry.get(key_entry, [])}
        span = (entry.partners.line_start, entry.partners.line_end) if entry.partners else None
        for mention, item in extracted.items():
            if mention not in curated:
                diffs.append(Difference("mention-missing", f"{key_entry}|{mention}", _(
                    "{mention!r} (plan line {line}) is not in partner_mentions.csv for "
                    "{entry}").format(mention=mention, line=item.line_start, entry=key_entry),
                    item.line_start))
        for mention, mrow in curated.items():
            if mention in extracted:
                continue
            start, end = _int(mrow.get("line_start")), _int(mrow.get("line_end"))
            where = f"partner_mentions.csv:{mrow['_row']}"
            inside = span and start and end and start <= span[1] and end >= span[0]
            if inside:
                diffs.append(Difference("mention-not-extracted", f"{key_entry}|{mention}", _(
                    "{where}: {mention!r} is cited in the partner list (lines {first}-{last}) but "
                    "the list, as extracted, has no such item").format(
                    where=where, mention=mention, first=span[0], last=span[1]), start))
            elif start and end and _squash(mention) in _squash(_cited_text(plan, start, end)):
                diffs.append(Difference("mention-outside-list", f"{key_entry}|{mention}", _(
                    "{where}: {mention!r} is cited from lines {first}-{last}, outside the partner "
                    "list; the text there names it").format(
                    where=where, mention=mention, first=start, last=end), start, status="note"))
        for mrow in by_entry.get(key_entry, []):
            _check_group(plan, key_entry, mrow, span, diffs)
        for mrow in by_entry.get(key_entry, []):
            mention = mrow.get("mention", "")
            if resolver.resolve(key_entry, mention).method != "exact":
                diffs.append(Difference("mention-unresolved", f"{key_entry}|{collapse(mention)}", _(
                    "partner_mentions.csv:{row}: no alias in aliases.csv resolves {mention!r} for "
                    "{entry}").format(row=mrow["_row"], mention=mention, entry=key_entry),
                    _int(mrow.get("line_start"))))


def _check_group(plan, entry, mrow, span, diffs):
    """A mention's ``group`` (the plan's words for a group of its list) occurs in the list, or
    in the mention's own lines when it stands outside the list."""
    group = mrow.get("group", "")
    start, end = _int(mrow.get("line_start")), _int(mrow.get("line_end"))
    if not group or not start or not end:
        return
    first, last = (min(start, span[0]), max(end, span[1])) if span else (start, end)
    if _squash(group) not in _squash(_cited_text(plan, first, last)):
        diffs.append(Difference("mention-group", f"{entry}|{collapse(mrow.get('mention', ''))}", _(
            "partner_mentions.csv:{row}: group {group!r} is not in lines {first}-{last}").format(
            row=mrow["_row"], group=group, first=first, last=last), start))


# --------------------------------------------------------------------------- citations

#: tables whose rows cite the plan's heading of what they name (the OD's heading and definition)
NAMED = ("operational_goals.csv", "strategic_goals.csv")


def _check_citations(plan, pairs, tables, diffs):
    heading = {row["id"]: entry.line_start for entry, row in pairs.values()}
    n_lines = len(plan.lines)
    for file, columns in SCHEMA.items():
        if ("line_start", "int") not in columns:
            continue
        for row in tables[file]:
            start, end, page = (_int(row.get("line_start")), _int(row.get("line_end")),
                                _int(row.get("page")))
            where = f"{file}:{row['_row']}"
            if not start or not end:
                continue
            if start > end or end > n_lines:
                diffs.append(Difference("citation", where, _(
                    "{where}: line range {first}-{last} is not inside the plan (1-{lines})").format(
                    where=where, first=start, last=end, lines=n_lines), start))
                continue
            if page and page != plan.pages.page_of(start):
                first, last = plan.pages.pages_of(start, end)
                message = (_("{where}: page {page}, but line {start} is on page {first}; set page "
                             "to {first}") if last == first else
                           _("{where}: page {page}, but line {start} is on page {first} (lines "
                             "{start}-{end}: pages {first}-{last}); set page to {first}"))
                diffs.append(Difference("page", where, message.format(
                    where=where, page=page, start=start, end=end, first=first, last=last), start))
            text = None
            if file in ("actions.csv", "projects.csv"):
                name = row.get("name", "")
                line = heading.get(row.get("id"))
                if not (line and start <= line <= end) and \
                        _squash(name) not in _squash(_cited_text(plan, start, end)):
                    text = name
            elif file == "partner_mentions.csv":
                mention = row.get("mention", "")
                if _squash(mention) not in _squash(_cited_text(plan, start, end)):
                    text = mention
            elif file in NAMED:  # the goal's heading is in its cited lines
                name = row.get("name", "")
                if _squash(name) not in _squash(_cited_text(plan, start, end)):
                    text = name
            if text is not None:
                diffs.append(Difference("citation", where, _(
                    "{where}: lines {first}-{last} do not contain {text!r}").format(
                    where=where, first=start, last=end, text=text), start))


# --------------------------------------------------------------------------- indicators

_DUTCH_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def dutch_number(text: str) -> float | None:
    """The first number of ``text`` written the Dutch way ("1.798.000" -> 1798000.0,
    "14,23 procent" -> 14.23), or None when it has no digits."""
    match = _DUTCH_NUMBER.search(text)
    if not match:
        return None
    return float(match.group().replace(".", "").replace(",", "."))


#: file -> (difference kind, columns that quote the plan and must occur in the cited lines)
WRITTEN = {"indicators.csv": ("indicator", ("figure", "place_as_written")),
           "ties.csv": ("tie", ("source_as_written", "target_as_written")),
           "priorities.csv": ("priority", ("name_as_written",)),
           "sector_goals.csv": ("priority", ("name_as_written",)),
           "priority_links.csv": ("priority", ("target_as_written",)),
           "fte_years.csv": ("staffing", ("figure", "heading_as_written")),
           "expansion.csv": ("staffing", ("figure", "area_as_written")),
           "relations.csv": ("relation", ("source_as_written", "target_as_written"))}
#: file -> (difference kind, number column, figure column): the number is the figure's
NUMBERS = {"indicators.csv": ("indicator", "value", "figure"),
           "fte_years.csv": ("staffing", "fte", "figure"),
           "expansion.csv": ("staffing", "fte", "figure")}


def _check_written(plan, tables, diffs):
    """The plan's words quoted by the context tables (:data:`WRITTEN`) occur in their cited
    lines, and a number is its figure's (:data:`NUMBERS`: an indicator's value, an FTE)."""
    for file, (kind, columns) in WRITTEN.items():
        for row in tables[file]:
            start, end = _int(row.get("line_start")), _int(row.get("line_end"))
            if not start or not end or end > len(plan.lines):
                continue  # the citation check reports it
            where = f"{file}:{row['_row']}"
            cited = _squash(_cited_text(plan, start, end))
            for column in columns:
                text = row.get(column, "")
                if text and _squash(text) not in cited:
                    diffs.append(Difference(kind, where, _(
                        "{where}: {column} {text!r} is not in lines {first}-{last}").format(
                        where=where, column=column, text=text, first=start, last=end), start))
    for file, (kind, column, figure) in NUMBERS.items():
        for row in tables[file]:
            number = dutch_number(row.get(figure, ""))
            try:
                value = float(row.get(column, ""))
            except ValueError:
                continue  # validate reports it
            if number is not None and abs(number - value) > 1e-9:
                where = f"{file}:{row['_row']}"
                diffs.append(Difference(kind, where, _(
                    "{where}: {column} {value} but the plan writes {figure!r} (line "
                    "{line})").format(where=where, column=column, value=row[column],
                                      figure=row[figure], line=row["line_start"]),
                    _int(row.get("line_start"))))


#: Columns in our own words (graph/README.md: the project never copies the plan's sentences),
#: in every table that has them, and per file the others.
OWN_WORDS = ("summary", "note", "measures", "comparison", "timing_note", "reason")
OWN_WORDS_OF = {"expansion.csv": ("item",)}
#: A run of this many consecutive words of the plan is a copied sentence, not a term or a name
#: ("mensen in een maatschappelijk kwetsbare positie" has six).
COPIED_WORDS = 8
#: An explicit quotation ('...', "...", ‘...’, “...”): quoting the plan is no copying.
_QUOTED = re.compile(r"(?<!\w)(?:'[^']+'|\"[^\"]+\"|‘[^’]+’|“[^”]+”)(?!\w)")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def _copied(words: list[str], starts: dict) -> tuple[int, int]:
    """The longest run of ``words`` found in the plan (``starts``: its runs of
    :data:`COPIED_WORDS` words): ``(first word, length)``, length 0 when there is none."""
    best = (0, 0)
    run = 0  # how many consecutive runs of COPIED_WORDS words end here
    for i in range(len(words) - COPIED_WORDS + 1):
        run = run + 1 if tuple(words[i:i + COPIED_WORDS]) in starts else 0
        if run and run + COPIED_WORDS - 1 > best[1]:
            best = (i - run + 1, run + COPIED_WORDS - 1)
    return best


def _check_own_words(plan, tables, diffs):
    """No text in our own words (:data:`OWN_WORDS`) repeats :data:`COPIED_WORDS` consecutive
    words of the plan (case, accents and punctuation ignored; quotations left out). Reports the
    longest run and the plan line where it starts."""
    starts: dict[tuple, int] = {}  # every run of COPIED_WORDS words of the plan -> its line
    words = [(w, number) for number, line in enumerate(plan.lines, 1)
             if not PAGE_HEADER.match(line) for w in _words(line)]
    for i in range(len(words) - COPIED_WORDS + 1):
        starts.setdefault(tuple(w for w, _ in words[i:i + COPIED_WORDS]), words[i][1])
    for file, rows in tables.items():
        columns = [c for c, _ in SCHEMA[file] if c in OWN_WORDS] + list(OWN_WORDS_OF.get(file, ()))
        for row in rows:
            for column in columns:
                pieces = [_words(part) for part in _QUOTED.split(row.get(column) or "")]
                (first, length), piece = max(((_copied(p, starts), p) for p in pieces),
                                             key=lambda found: found[0][1],
                                             default=((0, 0), []))
                if not length:
                    continue
                copied = piece[first:first + length]
                line = starts[tuple(copied[:COPIED_WORDS])]
                where = f"{file}:{row['_row']}"
                diffs.append(Difference("copied", where, _(
                    "{where}: {column} repeats {length} words of the plan (line {line}): "
                    "'{words}'; write it in our own words").format(
                    where=where, column=column, length=length, line=line,
                    words=" ".join(copied)), line))


def _check_places_named(plan, tables, diffs):
    """``sections.csv`` and ``mentions.csv`` against what :mod:`rimograph.source.mentions` reads
    from the plan: every heading with its lines, every line that names a municipality."""
    from .mentions import mention_rows, section_rows

    found = {row["id"]: row for row in section_rows(plan)}
    curated = {row.get("id", ""): row for row in tables["sections.csv"]}
    for key in sorted(found.keys() - curated.keys()):
        diffs.append(Difference("section", key, _(
            "the heading {name!r} (line {line}) is not in sections.csv").format(
            name=found[key]["name"], line=found[key]["line_start"]), found[key]["line_start"]))
    for key, row in sorted(curated.items()):
        plan_row = found.get(key)
        span = (_int(row.get("line_start")), _int(row.get("line_end")))
        if plan_row is None or span != (plan_row["line_start"], plan_row["line_end"]):
            message = (_("{where}: {key} lines {first}-{last}: no such heading in the plan")
                       if plan_row is None else
                       _("{where}: {key} lines {first}-{last}: the plan's heading runs over lines "
                         "{plan_first}-{plan_last}"))
            diffs.append(Difference("section", key, message.format(
                where=f"sections.csv:{row['_row']}", key=key, first=span[0], last=span[1],
                plan_first=(plan_row or {}).get("line_start"),
                plan_last=(plan_row or {}).get("line_end")), span[0]))
    found = {(r["municipality"], r["line_start"]): r for r in mention_rows(plan, tables)}
    curated = {(r.get("municipality", ""), _int(r.get("line_start"))): r
               for r in tables["mentions.csv"]}
    for key in sorted(found.keys() - curated.keys(), key=lambda k: k[1]):
        row = found[key]
        diffs.append(Difference("place-mention", f"{key[0]}|{key[1]}", _(
            "line {line} names {name!r} (municipality {municipality}); mentions.csv has no row "
            "for it").format(line=key[1], name=row["name_as_written"], municipality=key[0]),
            key[1]))
    for key in sorted(curated.keys() - found.keys(), key=lambda k: k[1] or 0):
        row = curated[key]
        diffs.append(Difference("place-mention", f"{key[0]}|{key[1]}", _(
            "mentions.csv:{row}: line {line} does not name municipality {municipality} "
            "({name!r})").format(row=row["_row"], line=key[1], municipality=key[0],
                                 name=row.get("name_as_written", "")), key[1]))


# --------------------------------------------------------------------------- overview table


def _check_table(plan, pairs, tables, diffs):
    curated_id = {entry_id: row["id"] for entry_id, (_, row) in pairs.items()}
    goals = [g for g in plan.goals if g.kind == "OD" and g.scope == "external"]
    curated: dict[str, set[str]] = {}
    for row in tables["contributions.csv"]:
        if row.get("basis") == "table":
            curated.setdefault(row.get("action", ""), set()).add(row.get("goal", ""))
    seen = set()
    for table_row in plan.table:
        if not table_row.action:
            continue
        action = curated_id.get(table_row.action, table_row.action)
        seen.add(action)
        have = curated.get(action, set())
        if table_row.exact:
            wanted = {goals[c - 1].id for c in table_row.columns}
            for goal in sorted(wanted - have):
                diffs.append(Difference("table-mark", f"{action}|{goal}", _(
                    "the overview table row at line {line} has '(x)' in the column of {goal}; "
                    "contributions.csv has no basis=table row for it").format(
                    line=table_row.line_start, goal=goal), table_row.line_start))
            for goal in sorted(have - wanted):
                diffs.append(Difference("table-mark", f"{action}|{goal}", _(
                    "contributions.csv has {action} -> {goal} with basis=table, but no '(x)' of "
                    "the row at line {line} decodes to that column").format(
                    action=action, goal=goal, line=table_row.line_start), table_row.line_start))
        elif len(have) != table_row.marks:
            diffs.append(Difference("table-mark", f"{action}|count", _(
                "the overview table row at line {line} has {marks} '(x)', contributions.csv "
                "{rows} basis=table rows").format(
                line=table_row.line_start, marks=table_row.marks, rows=len(have)),
                table_row.line_start))
    for action in sorted(set(curated) - seen):
        diffs.append(Difference("table-mark", f"{action}|count", _(
            "contributions.csv has basis=table rows for {action}, which has no row in the "
            "overview table").format(action=action)))


# --------------------------------------------------------------------------- exceptions


def read_exceptions(path: Path) -> dict[tuple[str, str], str]:
    """``{(kind, key): reason}`` from a reviewed exceptions file.

    Raises
    ------
    RimographError
        when a column is missing or a row has no reason.
    """
    if not path.exists():
        raise RimographError(_("{path}: no such exceptions file").format(path=path))
    rows = read_rows(path)
    accepted = {}
    for number, row in enumerate(rows, start=2):
        missing = [c for c in EXCEPTION_COLUMNS if c not in row]
        if missing:
            raise RimographError(_("{path}: missing column(s) {missing} (expected {expected})")
                                 .format(path=path, missing=", ".join(missing),
                                         expected=", ".join(EXCEPTION_COLUMNS)))
        if not row["reason"]:
            raise RimographError(_("{path}:{row}: reason is empty (every accepted difference "
                                   "needs its reason)").format(path=path, row=number))
        accepted[(row["kind"], row["key"])] = row["reason"]
    return accepted


def _apply_exceptions(diffs, path):
    accepted = read_exceptions(path)
    used = set()
    for diff in diffs:
        reason = accepted.get((diff.kind, diff.key))
        if reason is not None and diff.status != "note":
            diff.status, diff.reason = "accepted", reason
            used.add((diff.kind, diff.key))
    for kind, key in sorted(set(accepted) - used):
        diffs.append(Difference("stale-exception", f"{kind}|{key}", _(
            "{file}: no {kind} difference with key {key!r} occurs any more; remove the row")
            .format(file=path.name, kind=kind, key=key), status="note"))


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
