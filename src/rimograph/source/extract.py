"""Extracting the plan's structure from its plain text.

Source of facts: the plain-text extraction of the Meerjarenplan 2021-2025 of Samenlevingsopbouw
RIMO Limburg (``shared/plan/meerjarenplan-2021-2025-rimo-limburg.txt``) or any plan text in the
same layout. Every extracted item carries the 1-based line numbers it comes from; its page comes
from the page map of the text (:mod:`rimograph.source.pages`, ``Plan.pages``).

What is read, and how:

- the table of contents: every line ``Title ........ 58`` before the body; an entry written
  right under another (no blank line between) is nested under it; across a page break the level
  of the entry before the break carries over;
- running page headers ``Meerjarenplan 2021-2025 | 2020-04-23 Meerjarenplan RIMO Limburg 59|``
  (they stand at the top of their page);
- the strategic actions: the upper-case TOC entries after "Externe werking: strategische acties"
  up to the first "SD ..." entry; a TOC entry naming "... STRATEGISCHE ACTIES" is a group heading
  (the transversal actions follow it); mixed-case entries under an action are its projects, and
  a line after "Projecten en acties die bijdragen ..." followed by "Maatschappelijke context" or
  "Korte omschrijving" is a project too, also when the TOC forgot it;
- per action or project: its "Samenwerkingspartners"/"Samenwerking" list
  (:func:`rimograph.source.partner_lists.parse_partner_list`)
  and its "Timing:" line (:func:`rimograph.source.timing.parse_timing`);
- the overview table ("Overzichtsschema doelstellingen"): per action row, the surviving "(x)"
  marks and the columns they decode to (:func:`rimograph.source.overview.parse_overview_table`).

Everything is returned as plain dataclasses; :func:`draft_tables` turns them into rows of the
``graph/`` schema, marked as drafts.
"""

from __future__ import annotations

import codecs
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import RimographError
from ..core.i18n import _
from ..core.text import clean_spaces, collapse, fold, slugify
from .overview import TableRow, parse_overview_table
from .pages import PAGE_HEADER, PageMap, build_page_map
from .partner_lists import JOINERS, LABEL, PROJECTS, PartnerList, PartnerString, parse_partner_list
from .timing import TIMING, Timing, parse_timing

DRAFT = "DRAFT"
_TOC = re.compile(r"^(?P<title>\S.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$")
_SUBHEAD = re.compile(r"^\s*(Maatschappelijke context|Korte omschrijving)", re.IGNORECASE)


# --------------------------------------------------------------------------- data classes


@dataclass
class TocEntry:
    """One line of the table of contents.

    ``level`` is 1 (top) or 2 (nested); ``toc_line`` is its line in the TOC, ``line`` the line of
    the matching heading in the body (``None`` when the body has no such heading).
    """

    title: str
    page: int
    level: int
    toc_line: int
    line: int | None = None


@dataclass
class PageHeader:
    """A running page header: the page that starts at ``line``."""

    line: int
    page: int






@dataclass
class Entry:
    """A strategic action (``kind="action"``) or a project under one (``kind="project"``).

    ``line_start`` is the heading, ``line_end`` the last line of the entry's own text (an action
    stops before the "Projecten en acties die bijdragen" line that introduces its projects);
    ``span_end`` is the last line before the next action (projects included).
    ``name`` is the heading as written; ``display_name`` the same with the case of an
    upper-case heading restored from the words of its text ("Café Anoniem in Hasselt").
    ``id`` is ``action:``/``project:`` + the slug of the heading. ``in_toc`` is false for a
    project the table of contents forgot; ``end_conditional`` is true when the text says the
    end date depends on negotiations ("einddatum ... onder voorbehoud").
    """

    kind: str
    id: str
    name: str
    display_name: str
    line_start: int
    line_end: int
    span_end: int
    page: int | None
    parent: str | None = None
    transversal: bool = False
    in_toc: bool = True
    partners: PartnerList | None = None
    timing: Timing | None = None
    end_conditional: bool = False




@dataclass
class Goal:
    """A strategic ("SD") or operational ("OD") goal from the table of contents."""

    kind: str
    id: str
    name: str
    code: str
    strategic_goal: str | None
    scope: str
    page: int
    line: int | None


@dataclass
class Plan:
    """Everything extracted from one plan text. ``lines[0]`` is line 1.

    ``entries`` are the actions and projects in the order of the text (a project after its
    action); ``pages`` is the text's page map (``plan.pages.page_of(line)``); ``warnings`` lists
    what was left out (a TOC entry without a heading in the body).
    """

    path: str
    lines: list[str]
    toc: list[TocEntry]
    headers: list[PageHeader]
    entries: list[Entry]
    table: list[TableRow]
    goals: list[Goal]
    pages: PageMap
    warnings: list[str] = field(default_factory=list)

    @property
    def actions(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "action"]

    @property
    def projects(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "project"]

    @property
    def partner_strings(self) -> list[PartnerString]:
        return [p for e in self.entries if e.partners for p in e.partners.items]

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def line(self, number: int) -> str:
        """The text of 1-based line ``number``."""
        return self.lines[number - 1]


# --------------------------------------------------------------------------- reading


def read_plan_text(path) -> list[str]:
    """Read a plan text file and return its lines (line 1 first, line ends removed).

    UTF-8 (with or without BOM) is tried first, then cp1252. Only ``\\n``, ``\\r\\n`` and ``\\r``
    end lines, so line numbers are those an editor shows.

    Raises
    ------
    RimographError
        naming the file when it cannot be read, is empty, or is neither UTF-8 nor cp1252.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RimographError(_("{path}: cannot read the plan ({reason})").format(
            path=path, reason=exc.strerror)) from None
    if not data.strip():
        raise RimographError(_("{path}: the plan file is empty").format(path=path))
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise RimographError(_("{path}: neither UTF-8 nor cp1252 (byte {byte})").format(
                path=path, byte=exc.start)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_plan(path) -> Plan:
    """Extract the structure of the plan text at ``path``; see the module docstring.

    Returns
    -------
    Plan
        with the TOC, the page headers, every action and project (with partner list and
        timing), the overview-table rows and the goals.

    Raises
    ------
    RimographError
        naming the file when it is unreadable or empty, when it has no table of contents or no
        strategic actions, and naming the line for a "Timing:" value in an unknown format.
    """
    path = Path(path)
    lines = read_plan_text(path)
    where = str(path)
    headers = [PageHeader(i, int(m.group(1))) for i, text in enumerate(lines, 1)
               if (m := PAGE_HEADER.match(text))]
    toc = parse_toc(lines)
    if not toc:
        raise RimographError(_("{path}: no table of contents found (lines 'Title .... 12')")
                             .format(path=where))
    _locate_headings(lines, toc, headers)
    plan = Plan(where, lines, toc, headers, [], [], [], build_page_map(lines))
    plan.goals = _goals(plan)
    plan.entries = _entries(plan)
    if not plan.actions:
        raise RimographError(_("{path}: no strategic actions found (upper-case TOC entries "
                               "after 'Externe werking: strategische acties')").format(path=where))
    for entry in plan.entries:
        _fill_entry(plan, entry, where)
    plan.table = parse_overview_table(plan)
    return plan


# --------------------------------------------------------------------------- TOC and headings


def parse_toc(lines: list[str]) -> list[TocEntry]:
    """The table of contents: every dot-leader line before the first body heading.

    Levels: an entry on the line right after another entry (no blank line between) is nested
    (level 2) under the last level-1 entry; after a page header the level carries over.
    """
    entries: list[TocEntry] = []
    last = None  # line number of the last TOC entry
    header_since = False
    for number, text in enumerate(lines, 1):
        match = _TOC.match(clean_spaces(text).strip())
        if not match:
            header_since = header_since or bool(PAGE_HEADER.match(text))
            continue
        if last is not None and number - last > 40:
            break  # far past the TOC: a dot leader in the body
        if last is None:
            level = 1
        elif number - last == 1:
            level = 2
        elif header_since:
            level = entries[-1].level
        else:
            level = 1
        entries.append(TocEntry(collapse(match.group("title")), int(match.group("page")), level,
                                number))
        last, header_since = number, False
    return entries


def _locate_headings(lines, toc, headers) -> None:
    """Find each TOC entry's heading in the body, in order, consistent with the page headers."""
    start = max(t.toc_line for t in toc)
    header_pages = [(h.line, h.page) for h in headers]
    cursor = start
    longest = max(len(t.title) for t in toc) + 10
    folded = [fold(text).rstrip(" .:") if len(text) <= longest else "" for text in lines]
    for entry in toc:
        key = fold(entry.title).rstrip(" .:")
        for number in range(cursor + 1, len(lines) + 1):
            if folded[number - 1] != key:
                continue
            before = [p for at, p in header_pages if at <= number]
            after = [p for at, p in header_pages if at > number]
            if before and entry.page < before[-1] or after and entry.page >= after[0]:
                continue
            entry.line = cursor = number
            break


def _is_upper(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _goals(plan: Plan) -> list[Goal]:
    """SD and OD entries of the TOC; ODs belong to the SD before them; internal after
    'SD Interne organisatie'."""
    goals, current, scope = [], None, "external"
    for entry in plan.toc:
        title = entry.title
        sd = re.match(r"^SD\s*(\d*)\s*:?\s*(.*)$", title)
        if sd and (sd.group(1) or sd.group(2)):
            code = f"SD{sd.group(1)}" if sd.group(1) else "SD"
            name = sd.group(2).strip() if sd.group(1) else sd.group(2).strip().capitalize()
            scope = "external" if sd.group(1) else "internal"
            current = f"strategic-goal:sd{sd.group(1)}" if sd.group(1) else \
                f"strategic-goal:{slugify(name)}"
            goals.append(Goal("SD", current, name, code, None, scope, entry.page, entry.line))
        elif title.upper().startswith("OD ") and current:
            name = title[3:].strip()
            if _is_upper(name):
                name = name.capitalize()
            goals.append(Goal("OD", f"operational-goal:{slugify(name)}", name, "OD", current,
                              scope, entry.page, entry.line))
    return goals


def _entries(plan: Plan) -> list[Entry]:
    """Actions and projects from the TOC and the body, with their line spans."""
    toc = plan.toc
    first = next((i for i, t in enumerate(toc) if "strategische acties" in fold(t.title)), None)
    if first is None:
        return []
    heads = []  # (kind, toc entry or None, line, transversal)
    transversal = False
    for entry in toc[first + 1:]:
        if re.match(r"^SD\b", entry.title, re.IGNORECASE):
            end_line = entry.line
            break
        if _is_upper(entry.title):
            if "STRATEGISCHE ACTIES" in entry.title:
                transversal = "TRANSVERSAL" in entry.title
                heads.append(("group", entry, entry.line, transversal))
            else:
                heads.append(("action", entry, entry.line, transversal))
        elif any(h[0] == "action" for h in heads):
            heads.append(("project", entry, entry.line, transversal))
    else:
        end_line = None
    end_line = end_line or len(plan.lines) + 1
    for kind, entry, line, _end in heads:
        if not line:
            plan.warnings.append(f"{plan.path}:{entry.toc_line}: TOC entry {entry.title!r} "
                                 f"(page {entry.page}) has no heading in the body; left out")
    heads = [h for h in heads if h[2]]
    heads = _add_missing_projects(plan, heads, end_line)
    heads.sort(key=lambda h: h[2])
    entries: list[Entry] = []
    action = None
    for index, (kind, toc_entry, line, transv) in enumerate(heads):
        if kind == "group":
            continue
        next_line = heads[index + 1][2] if index + 1 < len(heads) else end_line
        name = collapse(plan.line(line))
        if kind == "action":
            span_end = next(
                (h[2] for h in heads[index + 1:] if h[0] in ("action", "group")), end_line) - 1
            own_end = next_line - 1
            for number in range(line + 1, next_line):
                if PROJECTS.match(plan.line(number)):
                    own_end = number - 1
                    break
            entry = Entry("action", f"action:{slugify(name)}", name, _display(name, plan, line,
                          span_end), line, _last_content(plan, line, own_end), span_end,
                          plan.pages.page_of(line), transversal=transv)
            action = entry
        else:
            entry = Entry("project", f"project:{slugify(name)}", name, name, line,
                          _last_content(plan, line, next_line - 1),
                          _last_content(plan, line, next_line - 1), plan.pages.page_of(line),
                          parent=action.id if action else None, transversal=transv,
                          in_toc=toc_entry is not None)
        entries.append(entry)
    return entries


def _add_missing_projects(plan: Plan, heads, end_line):
    """Projects written in the body but missing from the TOC: after an action's "Projecten en
    acties die bijdragen" line, a short line followed by "Maatschappelijke context" or "Korte
    omschrijving" (within three lines) is a project heading."""
    known = {h[2] for h in heads}
    bounds = sorted(h[2] for h in heads if h[0] in ("action", "group")) + [end_line]
    extra = []
    for start, stop in itertools.pairwise(bounds):
        marker = next((n for n in range(start, stop) if PROJECTS.match(plan.line(n))), None)
        if marker is None:
            continue
        for number in range(marker + 1, stop):
            text = collapse(plan.line(number))
            if (not text or number in known or len(text) > 90 or text[-1] in ".:,;"
                    or _SUBHEAD.match(text) or LABEL.match(text) or TIMING.match(text)
                    or PAGE_HEADER.match(plan.line(number))):
                continue
            following = [collapse(plan.line(n)) for n in range(number + 1, min(number + 4, stop))]
            following = [t for t in following if t]
            if following and _SUBHEAD.match(following[0]):
                transversal = next((h[3] for h in heads if h[2] == start), False)
                extra.append(("project", None, number, transversal))
    return heads + extra


def _last_content(plan: Plan, start: int, stop: int) -> int:
    """The last line in start..stop that is neither blank nor a page header."""
    for number in range(stop, start, -1):
        text = plan.line(number)
        if text.strip() and not PAGE_HEADER.match(text):
            return number
    return start


def _display(name: str, plan: Plan, start: int, stop: int) -> str:
    """An upper-case heading with its case restored from the text below it:
    "CAFE ANONIEM IN HASSELT" -> "Café Anoniem in Hasselt"."""
    if not _is_upper(name):
        return name
    wanted = {fold(w) for w in name.split()}
    forms: dict[str, Counter] = {}
    for number in range(start + 1, stop + 1):
        for word in re.findall(r"[\w\u2019'-]+", plan.line(number)):
            key = word.lower() if word.isascii() else fold(word)
            if key in wanted:
                forms.setdefault(key, Counter())[word] += 1
    words = []
    for index, word in enumerate(name.split()):
        counts = forms.get(fold(word))
        lower = [w for w, _ in counts.most_common() if w[:1].islower()] if counts else []
        pick = (lower[0] if lower and index else counts.most_common(1)[0][0]) if counts \
            else word.lower()
        if index and word.lower() in JOINERS:
            pick = word.lower()
        words.append(pick[0].upper() + pick[1:] if index == 0 else pick)
    return " ".join(words)


# --------------------------------------------------------------------------- one entry


def _fill_entry(plan: Plan, entry: Entry, where: str) -> None:
    stops = {e.line_start for e in plan.entries}
    for number in range(entry.line_start + 1, entry.line_end + 1):
        text = plan.line(number)
        if entry.partners is None and LABEL.match(text):
            entry.partners = parse_partner_list(plan.lines, number, entry.line_end, stops)
        timing = TIMING.match(text)
        if timing and entry.timing is None:
            entry.timing = parse_timing(timing.group("value"), number, where)
        if "einddatum" not in text.lower():
            continue
        folded = fold(text) + " " + (fold(plan.line(number + 1)) if number < len(plan.lines) else "")
        if "voorbehoud" in folded:
            entry.end_conditional = True

# --------------------------------------------------------------------------- draft tables


def draft_tables(plan: Plan) -> dict[str, list[dict]]:
    """The extraction as rows of the ``graph/`` schema (``graph/README.md``), marked as drafts:
    ``summary`` (and ``reason``) start with "DRAFT", columns the text cannot fill (``scope``,
    ``theme``) stay empty for a person to fill.

    Returns ``{file name: list of row dicts}`` for strategic_goals.csv, operational_goals.csv,
    actions.csv, projects.csv, partner_mentions.csv, contributions.csv, sections.csv (the
    headings, :func:`rimograph.source.mentions.section_rows`) and toc.csv (an extra table: the
    table of contents with the body line of each heading).
    """
    note = f"{DRAFT}: extracted by rimograph extract from {Path(plan.path).name}; review"
    tables: dict[str, list[dict]] = {}
    tables["strategic_goals.csv"] = [
        {"id": g.id, "code": g.code, "name": g.name, "scope": g.scope, "summary": note,
         "page": g.page, "line_start": g.line or "", "line_end": g.line or ""}
        for g in plan.goals if g.kind == "SD"]
    tables["operational_goals.csv"] = [
        {"id": g.id, "name": g.name, "strategic_goal": g.strategic_goal, "theme": "",
         "scope": g.scope, "summary": note, "page": g.page, "line_start": g.line or "",
         "line_end": g.line or ""} for g in plan.goals if g.kind == "OD"]
    sector = {row.action: row.sector for row in plan.table}
    actions, projects, mentions = [], [], []
    for entry in plan.entries:
        timing = entry.timing
        notes = list(timing.notes) if timing else ["geen Timing-regel in het plan"]
        if entry.end_conditional:
            notes.append("einddatum onder voorbehoud van onderhandelingen met het lokaal bestuur")
        if not entry.in_toc:
            notes.append("ontbreekt in de inhoudsopgave")
        row = {"id": entry.id, "name": entry.display_name}
        if entry.kind == "action":
            row.update(sector=_bool(sector.get(entry.id, False)),
                       transversal=_bool(entry.transversal))
        else:
            row = {"id": entry.id, "action": entry.parent or "", "name": entry.display_name}
        row.update(scope="", start=timing.start if timing else "",
                   end=(timing.end or "") if timing else "", timing=timing.text if timing else "",
                   timing_note="; ".join(notes),
                   partners_open_ended=_bool(bool(entry.partners and entry.partners.open_ended)),
                   summary=note, page=entry.page, line_start=entry.line_start,
                   line_end=entry.line_end)
        (actions if entry.kind == "action" else projects).append(row)
        seen = set()
        for item in entry.partners.items if entry.partners else []:
            if item.text in seen:
                continue
            seen.add(item.text)
            mentions.append({"entry": entry.id, "mention": item.text,
                             "page": plan.pages.page_of(item.line_start),
                             "line_start": item.line_start, "line_end": item.line_end})
    tables["actions.csv"], tables["projects.csv"] = actions, projects
    tables["partner_mentions.csv"] = mentions
    goals = [g for g in plan.goals if g.kind == "OD" and g.scope == "external"]
    contributions = []
    for row in plan.table:
        if not row.action:
            continue
        for column in row.columns if row.exact else []:
            contributions.append({
                "action": row.action, "goal": goals[column - 1].id, "certainty": "possible",
                "basis": "table",
                "reason": f"{DRAFT}: '(x)' in column {column} of the overview table row "
                          f"(empty cell = two spaces, mark = '(x) '); review",
                "page": plan.pages.page_of(row.line_start), "line_start": row.line_start,
                "line_end": row.line_end})
    tables["contributions.csv"] = contributions
    from .mentions import section_rows

    tables["sections.csv"] = section_rows(plan)
    tables["toc.csv"] = [{"level": t.level, "title": t.title, "page": t.page,
                          "toc_line": t.toc_line, "line": t.line or ""} for t in plan.toc]
    return tables


def _bool(value: bool) -> str:
    return "true" if value else "false"


def write_drafts(plan: Plan, out) -> dict[str, int]:
    """Write :func:`draft_tables` as UTF-8 CSV files into folder ``out`` (created), all of
    them or none (:func:`rimograph.core.files.write_atomic_many`); return
    ``{file name: number of rows}``."""
    import csv
    import io

    from ..core.files import write_atomic_many
    from ..core.tables import SCHEMA

    counts, files = {}, {}
    for name, rows in draft_tables(plan).items():
        columns = [c for c, _ in SCHEMA[name]] if name in SCHEMA else list(rows[0]) if rows else []
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        files[Path(out) / name] = buffer.getvalue()
        counts[name] = len(rows)
    write_atomic_many(files)
    return counts
