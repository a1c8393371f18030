"""Reading and validating the curated tables in ``graph/``.

The schema of every file is declared once in :data:`SCHEMA` (see ``graph/README.md`` for the
meaning of each column). :func:`load_tables` reads every file, checks it, and either returns all
rows or raises :class:`~rimograph.core.errors.DataError` listing every problem as
``file:row: field: what is wrong`` (row = spreadsheet row, the header is row 1). Nothing is
returned half-checked, so no command can build a graph from a broken table.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from pathlib import Path

from .errors import DataError, Problem
from .i18n import _
from .memory import paused_gc
from .numbers import decimals_needed, format_number
from .safe import quoted

# Column kinds: "id:<prefix>" own id; "ref:<prefix>[|<prefix>]" reference to another node;
# "nis" municipality NIS code; "bool"; "date" ISO 8601 with year, month or day precision;
# "int" whole number >= 0; "num" finite decimal; "enum:a|b"; "text". A trailing "?" makes the
# column optional (may be empty). RANGES narrows numbers further.
SOURCE = [("page", "int"), ("line_start", "int"), ("line_end", "int")]
ENTRY = "ref:action|project"
TIMING = [
    ("scope", "enum:local|province|flanders"), ("start", "date?"), ("end", "date?"),
    ("timing", "text?"), ("timing_note", "text?"), ("partners_open_ended", "bool"),
    ("summary", "text"),
]
# units of indicators: percent, a count, euro, years, per 100 (e.g. vacancies per 100 job
# seekers), a factor ("4 times higher"), yes-no (1 = yes, 0 = no: the plan names the place)
UNITS = ("percent", "count", "euro", "years", "per-100", "factor", "yes-no")

# relations of the partner analysis and of RIMO Limburg's own ties (ties.csv); PARTNER_IN
# points to an action or project, HAS_SERVICE may start at a municipality, the others link
# two partners
TIES = ("REPRESENTED_IN", "MEMBER_OF", "FOUNDED", "PARTICIPATES_IN", "SUPPORTS", "CONSULTED",
        "HAS_SERVICE", "PARTNER_IN")

# what a priority of the minister or of Sterk Sociaal Werk is LINKED_TO (priority_links.csv): the
# goals (RIMO's own and the sector's), themes, strategic goals and entries the plan names for it
LINK_TARGETS = ("operational-goal", "sector-goal", "theme", "strategic-goal", "action", "project")

# parts of the expansion request (expansion.csv): the whole request, the share the sector agreed
# on in its future track (part of the whole), and the items that add up to the whole
EXPANSION_PARTS = ("total", "sector-agreement", "project-work", "scaling-up", "coordination")
EXPANSION_ITEMS = ("project-work", "scaling-up", "coordination")

# how the plan links two of its entries (relations.csv, RELATED_TO): is a STEK, will grow into
# one, is the base another is built on, grew out of another, is interwoven with another
RELATION_KINDS = ("is-a", "becomes", "basis-of", "grew-out-of", "interwoven-with")

SCHEMA: dict[str, list[tuple[str, str]]] = {
    "strategic_goals.csv": [("id", "id:strategic-goal"), ("code", "text"), ("name", "text"),
                            ("scope", "enum:external|internal"), ("summary", "text"), *SOURCE],
    "themes.csv": [("id", "id:theme"), ("name", "text"), ("strategic_goal", "ref:strategic-goal"),
                   *SOURCE],
    "operational_goals.csv": [("id", "id:operational-goal"), ("name", "text"),
                              ("strategic_goal", "ref:strategic-goal"), ("theme", "ref:theme?"),
                              ("scope", "enum:external|internal"), ("summary", "text"), *SOURCE],
    "actions.csv": [("id", "id:action"), ("name", "text"), ("sector", "bool"),
                    ("transversal", "bool"), *TIMING, *SOURCE],
    "projects.csv": [("id", "id:project"), ("action", "ref:action"), ("name", "text"),
                     *TIMING, *SOURCE],
    "partners.csv": [("id", "id:partner"), ("name", "text"),
                     ("kind", "enum:organisation|local-government|partnership|generic|role"),
                     ("municipality", "nis?"), ("parent", "ref:partner?"),
                     ("plan_entry", "ref:action|project?"), ("note", "text?"), *SOURCE],
    "municipalities.csv": [("id", "id:municipality"), ("nis", "text"), ("name", "text"),
                           ("arrondissement", "text"), ("nis_2025", "text"),
                           ("name_2025", "text"), ("merged_2025", "bool"), ("source", "text")],
    "neighbourhoods.csv": [("id", "id:neighbourhood"), ("name", "text"),
                           ("kind", "enum:buurt|wijk|deelgemeente"), ("municipality", "nis"),
                           *SOURCE],
    "target_groups.csv": [("id", "id:target-group"), ("name", "text"),
                          ("broader", "ref:target-group?")],
    "regions.csv": [("id", "id:region"), ("name", "text"), ("kind", "enum:country|region|province"),
                    ("nis", "text"), ("source", "text")],
    "sections.csv": [("id", "id:section"), ("name", "text"), ("level", "int"), *SOURCE],
    "indicator_definitions.csv": [("id", "id:indicator"), ("name", "text"), ("measures", "text"),
                                  ("unit", f"enum:{'|'.join(UNITS)}"), ("source_note", "text"),
                                  ("need_signal", "enum:higher|lower|yes|no|present?"),
                                  *SOURCE],
    "partner_mentions.csv": [("entry", ENTRY), ("mention", "text"), ("group", "text?"),
                             *SOURCE],
    "aliases.csv": [("alias", "text"), ("context", "ref:action|project?"),
                    ("partner", "ref:partner"), ("basis", "enum:stated|inferred"),
                    ("reason", "text?")],
    "contributions.csv": [("action", "ref:action"), ("goal", "ref:operational-goal"),
                          ("certainty", "enum:certain|possible"),
                          ("basis", "enum:table|inferred|stated"), ("reason", "text"), *SOURCE],
    "locations.csv": [("entry", ENTRY), ("place", "ref:municipality|neighbourhood"),
                      ("basis", "enum:stated|inferred"), ("reason", "text?"), *SOURCE],
    "targets.csv": [("entry", ENTRY), ("target_group", "ref:target-group"), *SOURCE],
    "indicators.csv": [("indicator", "ref:indicator"), ("place", "ref:municipality|region"),
                       ("place_as_written", "text?"), ("former_name", "bool"), ("year", "int?"), ("date", "date?"),
                       ("population", "text?"), ("value", "num"),
                       ("unit", f"enum:{'|'.join(UNITS)}"), ("figure", "text?"),
                       ("approximate", "bool"), ("comparison", "text?"),
                       ("basis", "enum:stated|inferred"), ("reason", "text?"), *SOURCE],
    "mentions.csv": [("municipality", "nis"), ("section", "ref:section"),
                     ("name_as_written", "text"),
                     ("kind", "enum:2019|2025|former|deelgemeente|neighbourhood"), *SOURCE],
    "ties.csv": [("source", "ref:partner|municipality"), ("relation", f"enum:{'|'.join(TIES)}"),
                 ("target", "ref:partner|action|project"), ("body", "text?"),
                 ("together_with", "ref:partner?"), ("year", "int?"),
                 ("source_as_written", "text?"), ("target_as_written", "text?"),
                 ("summary", "text?"), ("basis", "enum:stated|inferred"), ("reason", "text?"),
                 *SOURCE],
    "priorities.csv": [("id", "id:priority"), ("name", "text"),
                       ("framework", "enum:beleidsnota-welzijn|sterk-sociaal-werk"),
                       ("number", "int?"), ("name_as_written", "text"), ("summary", "text"),
                       *SOURCE],
    "sector_goals.csv": [("id", "id:sector-goal"), ("name", "text"), ("name_as_written", "text"),
                         ("summary", "text"), *SOURCE],
    "priority_links.csv": [("priority", "ref:priority"),
                           ("target", f"ref:{'|'.join(LINK_TARGETS)}"),
                           ("target_as_written", "text"), ("basis", "enum:stated|inferred"),
                           ("reason", "text?"), *SOURCE],
    "fte_years.csv": [("year", "int"), ("scope", "enum:vzw|ac-vlaamse-overheid"), ("fte", "num"),
                      ("figure", "text"), ("heading_as_written", "text"), *SOURCE],
    "expansion.csv": [("part", f"enum:{'|'.join(EXPANSION_PARTS)}"),
                      ("area_as_written", "text"), ("theme", "ref:theme?"),
                      ("entry", "ref:action|project?"), ("item", "text"), ("fte", "num"),
                      ("figure", "text"), ("basis", "enum:stated|inferred"), ("reason", "text?"),
                      *SOURCE],
    "relations.csv": [("source", ENTRY), ("target", ENTRY),
                      ("kind", f"enum:{'|'.join(RELATION_KINDS)}"),
                      ("source_as_written", "text"), ("target_as_written", "text"),
                      ("basis", "enum:stated|inferred"), ("reason", "text?"), *SOURCE],
    "fte.csv": [("strategic_goal_label", "text"), ("theme", "ref:theme?"),
                ("fte_decretal", "num"), ("fte_non_decretal", "num"), ("fte_total", "num"),
                ("decretal_share_pct", "num"), *SOURCE],
    "budget.csv": [("year", "int"), ("section", "text"), ("item", "text"),
                   ("amount_eur", "num"), *SOURCE, ("scope", "enum:vzw|ac-vlaamse-overheid"),
                   ("code", "text?")],
}

#: Allowed range (low, high; None = open) of a number column, by column name in every table.
RANGES: dict[str, tuple] = {
    "page": (1, None), "line_start": (1, None), "line_end": (1, None),
    "fte_decretal": (0, None), "fte_non_decretal": (0, None), "fte_total": (0, None),
    "decretal_share_pct": (0, 100), "fte": (0, None),
}
#: Sums a table's rows must satisfy, as the plan's own table has them:
#: file -> [(total column, [columns that add up to it])], to within a rounding of 0.005.
SUMS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "fte.csv": [("fte_total", ("fte_decretal", "fte_non_decretal"))],
}
#: Files that belong in ``graph/`` besides the tables (any other file gets a warning).
OTHER_FILES = ("README.md", "source_exceptions.csv")
NODE_FILES = [f for f, cols in SCHEMA.items() if cols[0][1].startswith("id:")]
# Control characters a cell may not hold (C0 but tab, newline and carriage return; DEL; C1):
# they can drive a terminal (ANSI/OSC escapes) and are illegal in xlsx. One pass over the
# file's bytes (deleting every allowed byte; C1 is \xc2\x80-\xc2\x9f in UTF-8) finds whether
# any is there; only then are the cells searched.
_ALLOWED_BYTES = bytes(b for b in range(256) if (b >= 0x20 and b != 0x7f) or b in b"\t\n\r")
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COLUMN = re.compile(r"^[A-Za-z0-9_]{1,60}$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(slots=True)
class Row:
    """One data row: its values by column (strings, converted per kind) and spreadsheet row."""

    file: str
    row: int
    values: dict

    def __getitem__(self, key):
        return self.values[key]

    def get(self, key, default=None):
        return self.values.get(key, default)


def parse_date(text: str) -> tuple[date, date]:
    """Return the first and last day an ISO date of year, month or day precision covers.

    ``"2021"`` -> (2021-01-01, 2021-12-31); ``"2020-04"`` -> (2020-04-01, 2020-04-30);
    ``"2016-09-01"`` -> that day twice. Raises ``ValueError`` for anything else.
    """
    if not _DATE.match(text):
        raise ValueError(_("not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {text}").format(
            text=quoted(text)))
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _convert(kind: str, text: str):
    """Convert one cell; raises ValueError with a user-facing reason."""
    if kind == "bool":  # spreadsheets write TRUE / FALSE
        if text.lower() not in ("true", "false"):
            raise ValueError(_("expected true or false, got {text}").format(text=quoted(text)))
        return text.lower() == "true"
    if kind == "int":
        if not (text.isascii() and text.isdigit()):
            raise ValueError(_("expected a whole number, got {text}").format(text=quoted(text)))
        return int(text)
    if kind == "num":
        try:
            value = float(text)
        except ValueError:
            raise ValueError(_("expected a number with '.' as decimal point, got {text}").format(
                text=quoted(text))) from None
        if not math.isfinite(value):
            raise ValueError(_("expected a finite number, got {text}").format(text=quoted(text)))
        return value
    if kind == "date":
        parse_date(text)
        return text
    if kind.startswith("enum:"):
        allowed = kind[5:].split("|")
        if text not in allowed:
            raise ValueError(_("expected one of {allowed}, got {text}").format(
                allowed=", ".join(allowed), text=quoted(text)))
    return text


_TEXT_KINDS = ("text",)
_SHARED_KINDS = ("id", "ref", "nis")  # values repeated across rows: one shared string each


def _column_plan(columns, header):
    """Per schema column: (name, index in the row, optional, kind, memo, range). ``memo`` maps
    a cell's text to its converted value for the kinds whose conversion only depends on the
    text, so each distinct value is checked once and its object shared by every row (ids,
    references, codes, numbers, dates, enums); ``None`` for free text. ``range`` is the column's
    entry in :data:`RANGES` or None."""
    index = {h: i for i, h in enumerate(header)}
    plan = []
    for col, kind in columns:
        optional = kind.endswith("?")
        kind = kind.rstrip("?")
        memo = None if kind in _TEXT_KINDS else {}
        plan.append((col, index[col], optional, kind, memo, RANGES.get(col)))
    return plan


def _check_range(value, bounds, text):
    low, high = bounds
    if (low is not None and value < low) or (high is not None and value > high):
        if high is not None:
            raise ValueError(_("expected a number from {low} to {high}, got {text}").format(
                low=low, high=high, text=quoted(text)))
        raise ValueError(_("expected a number {low} or more, got {text}").format(
            low=low, text=quoted(text)))


class NotUtf8(ValueError):
    """A table that is not UTF-8 (typically saved as 'CSV' instead of 'CSV UTF-8')."""


def csv_records(path: Path):
    """Yield the records (lists of cells) of one CSV table as a spreadsheet saves it: UTF-8
    with or without BOM, ',' or ';' as separator (a spreadsheet in a Dutch or French locale
    uses ';'). Raises :class:`NotUtf8` naming the file and byte for another encoding, and
    ``csv.Error`` for a cell over 128 KiB (``csv.field_size_limit``), which is what an
    unclosed quote gives in a big file (:func:`csv_error` words it)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            delimiter = ";" if first.count(";") > first.count(",") else ","
            yield from csv.reader(handle, delimiter=delimiter)
    except UnicodeDecodeError as exc:
        raise NotUtf8(_("not UTF-8 ({reason} at byte {byte}); save it as 'CSV UTF-8' in the "
                        "spreadsheet").format(reason=exc.reason, byte=exc.start)) from None


def csv_error(exc: csv.Error) -> str:
    """What a ``csv.Error`` of :func:`csv_records` means for the person who edited the file."""
    if "field limit" in str(exc):
        return _("cell too large (over 128 KiB) or a quote that is not closed, from this row "
                 "on; close the quote or shorten the cell")
    return _("not readable as CSV ({error}); save it again as 'CSV UTF-8'").format(error=exc)


def has_control_characters(path: Path) -> bool:
    """Whether the file holds a control character a cell may not hold (one scan of its bytes)."""
    with Path(path).open("rb") as handle:
        last = b""
        while chunk := handle.read(1 << 22):
            if chunk.translate(None, _ALLOWED_BYTES):
                return True
            chunk = last + chunk  # a C1 pair may straddle two chunks
            if b"\xc2" in chunk and _C1_BYTES.search(chunk):
                return True
            last = chunk[-1:]
    return False


def _read(path: Path, problems: list[Problem], distinct: dict) -> list[Row]:
    """The rows of the table at ``path``; its problems appended to ``problems``, and for each
    column converted through a memo (:func:`_column_plan`) that memo in
    ``distinct[(file, column)]``: its values are the column's distinct values."""
    name = path.name
    columns = SCHEMA[name]
    if not path.exists():
        problems.append(Problem(name, 0, "-", _("file is missing")))
        return []
    mark = len(problems)
    position = [1]  # spreadsheet row being read, for an error of the csv reader
    try:
        return _parse(name, columns, csv_records(path), problems, position,
                      has_control_characters(path), distinct)
    except NotUtf8 as exc:
        del problems[mark:]  # as if nothing of the file was read
        problems.append(Problem(name, 0, "-", str(exc)))
    except csv.Error as exc:
        del problems[mark:]
        problems.append(Problem(name, position[0], "-", csv_error(exc)))
    return []


def _header(name, header, columns, problems):
    """The header's names (stripped) with the problems of the header row: missing, unknown,
    repeated or unnamed columns. Trailing unnamed columns (a spreadsheet's empty columns) are
    dropped, like trailing empty rows. Returns (names, ok)."""
    header = [h.strip() for h in header]
    while header and not header[-1]:
        header.pop()
    expected = [c for c, _kind in columns]
    ok = True
    seen: dict[str, int] = {}
    for number, col in enumerate(header, start=1):
        if not col:
            problems.append(Problem(name, 1, "-", _("column {number} has no name in the header")
                                    .format(number=number)))
            ok = False
        elif col in seen:
            problems.append(Problem(name, 1, _label(col), _(
                "column appears twice (columns {first} and {second}); keep one").format(
                    first=seen[col], second=number)))
            ok = False
        else:
            seen[col] = number
            if col not in expected:
                problems.append(Problem(name, 1, _label(col),
                                        _("unknown column (see graph/README.md)")))
    for col in expected:
        if col not in seen:
            problems.append(Problem(name, 1, col, _("column is missing")))
            ok = False
    return header, ok


def _label(column: str) -> str:
    """A header name as the field of a message: as it is when it looks like a column name,
    else quoted and cut short (:func:`rimograph.core.safe.quoted`)."""
    return column if _COLUMN.match(column) else quoted(column)


def _parse(name, columns, records, problems, position, check_control, distinct) -> list[Row]:
    """The rows of one file from its csv reader (read lazily: no second copy of the file).
    ``position[0]`` follows the spreadsheet row being read; ``check_control`` searches every
    cell for control characters (only when the file holds one)."""
    header = next(records, None)
    if header is None:
        problems.append(Problem(name, 1, "-", _("file is empty (a header row is required)")))
        return []
    header, ok = _header(name, header, columns, problems)
    if not ok:
        for _record in records:  # read to the end, so a decoding error anywhere is still reported
            pass
        return []
    plan = _column_plan(columns, header)
    distinct.update(((name, col), memo) for col, _i, _o, _k, memo, _r in plan if memo is not None)
    width = len(header)
    intern = sys.intern
    rows = []
    mark = len(problems)
    for number, record in enumerate(records, start=2):
        position[0] = number + 1  # the next record's row, should the reader fail on it
        cells = list(map(str.strip, record))
        if len(cells) != width:
            if not any(cells):
                continue
            if len(cells) < width or any(cells[width:]):
                problems.append(Problem(name, number, "-",
                                        _("has {cells} cells, the header has {width}")
                                        .format(cells=len(cells), width=width)))
                continue
            del cells[width:]  # the spreadsheet's empty trailing columns
        elif not any(cells):
            continue
        if check_control:
            _check_control(name, number, header, cells, problems)
        values = {}
        for col, index, optional, kind, memo, bounds in plan:
            text = cells[index]
            if not text:
                if not optional:
                    problems.append(Problem(name, number, col, _("is empty")))
                values[col] = None
                continue
            if memo is None:
                values[col] = text
                continue
            value = memo.get(text, memo)
            if value is memo:  # first time this text is seen in this column
                try:
                    value = _convert(kind, text)
                    if bounds is not None:
                        _check_range(value, bounds, text)
                except ValueError as exc:
                    problems.append(Problem(name, number, col, str(exc)))
                    values[col] = None
                    continue
                if isinstance(value, str):
                    value = intern(value) if kind.partition(":")[0] in _SHARED_KINDS else text
                memo[text] = value
            values[col] = value
        rows.append(Row(name, number, values))
    if not rows and len(problems) == mark:
        problems.append(Problem(name, 1, "-", _("no rows below the header (was the data lost "
                                                "when saving?); every table needs at least one "
                                                "row")))
    return rows


def _check_control(name, number, header, cells, problems):
    for col, text in zip(header, cells):
        found = _CONTROL.search(text)
        if found:
            char = found.group()
            problems.append(Problem(name, number, col or "-", _(
                "holds the control character U+{code}; remove it (it can drive a terminal and "
                "spreadsheets refuse it)").format(code=f"{ord(char):04X}")))


def unknown_files(graph_dir: Path) -> list[str]:
    """The names of the files in ``graph_dir`` that are neither a table of :data:`SCHEMA` nor
    one of :data:`OTHER_FILES` (e.g. ``partners (2).csv``, a spreadsheet's "save as copy":
    its edits would be lost), sorted; hidden files (``.~lock.partners.csv#``) are left out."""
    known = set(SCHEMA) | set(OTHER_FILES)
    return sorted(p.name for p in Path(graph_dir).iterdir()
                  if p.name not in known and not p.name.startswith("."))


def load_tables(graph_dir: Path, warnings: list | None = None) -> dict[str, list[Row]]:
    """Read and validate every table of ``graph_dir``.

    Returns a dict ``file name -> list of Row`` for all files in :data:`SCHEMA`. Doubtful
    facts that may be right (a mention resolved to a partner and to the whole it is part of)
    are appended to ``warnings`` as :class:`~rimograph.core.errors.Problem` when a list is
    given.

    Raises
    ------
    DataError
        listing every problem found (when a file cannot be read or its header is wrong, only
        the file-level problems, not their echo in other files): unreadable or missing file,
        a cell over 128 KiB or an unclosed quote, a header with a missing, unknown, repeated or
        unnamed column, a table without rows; a row with too many or too few cells, an empty
        required field, bad boolean/number/date/enum, a number that is not finite or outside
        :data:`RANGES`, a sum of :data:`SUMS` that does not add up, a control character in a
        cell; expansion items (``expansion.csv``) that do not add up to the request's total;
        a duplicate id, an id with the wrong prefix, a reference to an unknown node, an
        unknown municipality NIS code, start after end, a line range reversed, a cycle in a
        column that refers to its own table (``partners.parent``), a partner mention that no
        alias resolves, a duplicate edge.
    """
    graph_dir = Path(graph_dir)
    problems: list[Problem] = []
    warnings = [] if warnings is None else warnings
    with paused_gc():
        distinct: dict[tuple, dict] = {}
        tables = {name: _read(graph_dir / name, problems, distinct) for name in SCHEMA}
        # a file that could not be read at all would make every reference to it look broken:
        # report the cause alone
        if not any(p.row in (0, 1) for p in problems):
            _check_links(tables, problems, warnings, distinct)
    if problems:
        raise DataError(problems)
    return tables


def _check_links(tables: dict[str, list[Row]], problems: list[Problem],
                 warnings: list[Problem], distinct: dict) -> None:
    """The checks across rows and tables (see :func:`load_tables`). A reference is checked
    once per distinct value of its column (``distinct``, from :func:`_read`); only a column
    holding a bad one is read again row by row, to name the rows."""
    ids: dict[str, Row] = {}
    id_kinds: dict[str, str] = {}  # id -> its type prefix
    for name in NODE_FILES:
        prefix = SCHEMA[name][0][1][3:]
        for row in tables[name]:
            node_id = row.values["id"]
            if node_id is None:
                continue
            kind, slug = node_id.partition(":")[::2]
            if kind != prefix or not _SLUG.match(slug):
                problems.append(Problem(name, row.row, "id",
                                        _("{id} is not of the form {prefix}:<lowercase-slug>")
                                        .format(id=quoted(node_id), prefix=prefix)))
            elif node_id in ids:
                first = ids[node_id]
                problems.append(Problem(name, row.row, "id", _(
                    "duplicate id {id} (first at {file}:{row})").format(
                        id=quoted(node_id), file=first.file, row=first.row)))
            else:
                ids[node_id] = row
                id_kinds[node_id] = kind
    nis_codes = set()
    for row in tables["municipalities.csv"]:  # the id is built from the NIS code, so they agree
        if row["nis"] and row["id"] and row["id"] != f"municipality:{row['nis']}":
            problems.append(Problem("municipalities.csv", row.row, "id",
                                    _("{id} does not match nis {nis} (expected "
                                      "'municipality:{code}')").format(
                                        id=quoted(row["id"]), nis=quoted(row["nis"]),
                                        code=row["nis"])))
        nis_codes.add(row["nis"])
    for name, columns in SCHEMA.items():
        for col, kind in columns:
            kind = kind.rstrip("?")
            if kind == "nis":
                bad = _distinct(tables, distinct, name, col) - nis_codes
                for row in _rows_holding(tables[name], col, bad):
                    problems.append(Problem(name, row.row, col,
                                            _("unknown municipality NIS code {code}")
                                            .format(code=quoted(row.values[col]))))
            elif kind.startswith("ref:"):
                wanted = kind[4:].split("|")
                allowed = frozenset(wanted)
                bad = {value for value in _distinct(tables, distinct, name, col)
                       if id_kinds.get(value) not in allowed}
                for row in _rows_holding(tables[name], col, bad):
                    problems.append(Problem(name, row.row, col, _("unknown {kinds} {value}")
                                            .format(kinds=_(" or ").join(wanted),
                                                    value=quoted(row.values[col]))))
    spans: dict[str, tuple] = {}

    def span(text):
        found = spans.get(text)
        if found is None:
            found = spans[text] = parse_date(text)
        return found

    for name in ("actions.csv", "projects.csv"):
        for row in tables[name]:
            start, end = row.values["start"], row.values["end"]
            if start and end and span(start)[0] > span(end)[1]:
                problems.append(Problem(name, row.row, "end", _("{end} is before start {start}")
                                        .format(end=end, start=start)))
    for name, columns in SCHEMA.items():
        if ("line_start", "int") in columns:
            for row in tables[name]:
                line_start, line_end = row.values["line_start"], row.values["line_end"]
                if line_start and line_end and line_start > line_end:
                    problems.append(Problem(name, row.row, "line_end", _("is before line_start")))
    _check_unique(tables, "contributions.csv", ("action", "goal"), problems)
    _check_unique(tables, "locations.csv", ("entry", "place"), problems)
    _check_unique(tables, "targets.csv", ("entry", "target_group"), problems)
    _check_unique(tables, "partner_mentions.csv", ("entry", "mention"), problems)
    alias_rows = _check_unique(tables, "aliases.csv", ("alias", "context", "partner"), problems)
    _check_unique(tables, "indicators.csv", ("indicator", "place", "year", "date", "population"),
                  problems)
    _check_indicators(tables, problems)
    _check_unique(tables, "ties.csv", ("source", "relation", "target"), problems)
    _check_unique(tables, "mentions.csv", ("municipality", "line_start"), problems)
    _check_unique(tables, "priority_links.csv", ("priority", "target"), problems)
    _check_unique(tables, "fte_years.csv", ("year", "scope"), problems)
    _check_unique(tables, "relations.csv", ("source", "target"), problems)
    _check_expansion(tables, problems)
    _check_ties(tables, problems)
    aliases = {(row.values["alias"], row.values["context"]) for row in tables["aliases.csv"]}
    everywhere = {alias for alias, context in aliases if context is None}
    contextual = _distinct(tables, distinct, "partner_mentions.csv", "mention") - everywhere
    for row in _rows_holding(tables["partner_mentions.csv"], "mention", contextual):
        mention, entry = row.values["mention"], row.values["entry"]
        if (mention, entry) not in aliases:
            problems.append(Problem("partner_mentions.csv", row.row, "mention",
                                    _("no alias in aliases.csv resolves {mention} (for "
                                      "{entry})").format(mention=quoted(mention), entry=entry)))
    parents = _check_cycles(tables, problems)
    _check_alias_ancestors(tables, alias_rows, parents.get("partners.csv", {}), warnings)
    _check_sums(tables, problems)


def _distinct(tables, distinct, name, col) -> set:
    """The distinct values (not None) of column ``col`` of table ``name``: its memo's values
    (:func:`_read`), or read from the rows for a free-text column."""
    memo = distinct.get((name, col))
    if memo is not None:
        return set(memo.values())
    return {row.values[col] for row in tables[name]} - {None}


def _rows_holding(rows, col, values):
    """The rows whose ``col`` holds one of ``values`` (a set; none when it is empty)."""
    return [row for row in rows if row.values[col] in values] if values else []


def _check_cycles(tables, problems) -> dict:
    """Every column that refers to the table's own node type (``partners.parent``) must form a
    tree: no node its own parent, no cycle. Returns {file: {id: parent id}} of those columns."""
    found = {}
    for name, columns in SCHEMA.items():
        own = columns[0][1]
        if not own.startswith("id:"):
            continue
        for col, kind in columns[1:]:
            if kind.rstrip("?") != "ref:" + own[3:]:
                continue
            parent = {}
            rows = {}
            for row in tables[name]:
                node, up = row.values["id"], row.values[col]
                if node is not None and up is not None:
                    parent[node], rows[node] = up, row.row
            reported = set()
            for start in sorted(parent):
                chain, node = [], start
                while node in parent and node not in chain and node not in reported:
                    chain.append(node)
                    node = parent[node]
                if node in chain:  # back at a node of this chain: a cycle
                    cycle = chain[chain.index(node):]
                    reported.update(cycle)
                    if len(cycle) == 1:
                        problems.append(Problem(name, rows[node], col,
                                                _("{node} is given as its own {column}")
                                                .format(node=node, column=col)))
                    else:
                        path = " -> ".join(cycle + [node])
                        where = ", ".join(str(rows[n]) for n in cycle)
                        problems.append(Problem(name, rows[cycle[0]], col,
                                                _("cycle {path} (rows {rows}); break it")
                                                .format(path=path, rows=where)))
                reported.update(chain)
            found[name] = parent
    return found


#: a mention that lists several names: "het OCMW en stedelijke diensten", "CAW/Cabrio/LiSS"
_LISTS_NAMES = re.compile(r"\ben\b|[/&,]")


def _check_alias_ancestors(tables, alias_rows, parent, warnings):
    """Warn when a mention resolves to a partner and also to one of its parents: the same
    organisation counted twice, as a part and as the whole. A mention that lists several
    names (joined by "en", "/", "&" or a comma: "het OCMW en stedelijke diensten",
    "CAW/Cabrio/LiSS") may name both and is not warned about. ``alias_rows``: (alias, context,
    partner) -> row."""
    for row in tables["aliases.csv"]:
        v = row.values
        up = parent.get(v["partner"])
        if up is None or _LISTS_NAMES.search(v["alias"]):
            continue
        seen = {v["partner"]}
        while up is not None and up not in seen:
            whole = alias_rows.get((v["alias"], v["context"], up))
            if whole is not None:
                warnings.append(Problem(
                    "aliases.csv", row.row, "partner",
                    _("{alias} resolves to {partner} and also to {parent} (row {row}), of which "
                      "it is part; unless the mention names both, keep one of the rows").format(
                        alias=quoted(v["alias"]), partner=v["partner"], parent=up, row=whole)))
            seen.add(up)
            up = parent.get(up)


def _check_sums(tables, problems):
    """The sums of :data:`SUMS`, to within rounding."""
    for name, sums in SUMS.items():
        for total, parts in sums:
            for row in tables[name]:
                values = [row.values[c] for c in (total, *parts)]
                if None in values:
                    continue
                if abs(values[0] - sum(values[1:])) > 0.005:
                    problems.append(Problem(name, row.row, total, _("{total} is not {parts} ({sum})")
                                            .format(total=format_number(values[0]),
                                                    parts=" + ".join(parts),
                                                    sum=format_number(sum(values[1:]),
                                                                      decimals_needed(values)))))


def _check_expansion(tables, problems):
    """The items of the expansion request add up to its total, as in the plan (one total)."""
    rows = tables["expansion.csv"]
    totals = [row for row in rows if row["part"] == "total"]
    if len(totals) != 1:
        problems.append(Problem("expansion.csv", totals[1].row if totals else 1, "part", _(
            "expected one row with part 'total', found {count}").format(count=len(totals))))
        return
    items = [row["fte"] for row in rows if row["part"] in EXPANSION_ITEMS]
    total = totals[0]["fte"]
    if None not in items and total is not None and abs(sum(items) - total) > 0.005:
        problems.append(Problem("expansion.csv", totals[0].row, "fte", _(
            "{total} is not the sum of the items ({sum}: {parts})").format(
                total=format_number(total), sum=format_number(sum(items), decimals_needed(items)),
                parts=", ".join(EXPANSION_ITEMS))))


def _check_ties(tables, problems):
    """The ends of a tie fit its relation (see :data:`TIES`)."""
    for row in tables["ties.csv"]:
        v = row.values
        relation, source, target = v["relation"], v["source"] or "", v["target"] or ""
        if not relation:
            continue
        if source.startswith("municipality:") and relation != "HAS_SERVICE":
            problems.append(Problem("ties.csv", row.row, "source", _(
                "a municipality can only be the source of HAS_SERVICE, not of {relation}").format(
                    relation=relation)))
        entry = target.startswith(("action:", "project:"))
        if entry != (relation == "PARTNER_IN") and target:
            wanted = _("an action or project") if relation == "PARTNER_IN" else _("a partner")
            problems.append(Problem("ties.csv", row.row, "target",
                                    _("the target of {relation} is {wanted}, not {target}")
                                    .format(relation=relation, wanted=wanted,
                                            target=repr(target))))


def _check_indicators(tables, problems):
    """An indicator row's unit is its definition's; its date falls in its year; yes-no values
    are 0 or 1; a former name
    resolves to a municipality and says how the plan wrote it."""
    units = {row["id"]: row["unit"] for row in tables["indicator_definitions.csv"]}
    for row in tables["indicators.csv"]:
        v = row.values
        wanted = units.get(v["indicator"])
        if wanted and v["unit"] and v["unit"] != wanted:
            problems.append(Problem("indicators.csv", row.row, "unit", _(
                "{unit} but {indicator} is measured in {wanted} (indicator_definitions.csv)")
                .format(unit=repr(v["unit"]), indicator=v["indicator"], wanted=repr(wanted))))
        if v["date"] and v["year"] and not v["date"].startswith(f"{v['year']}-"):
            problems.append(Problem("indicators.csv", row.row, "date",
                                    _("{date} is not in year {year}").format(
                                        date=v["date"], year=v["year"])))
        if v["unit"] == "yes-no" and v["value"] not in (None, 0, 1):
            problems.append(Problem("indicators.csv", row.row, "value",
                                    _("a yes-no indicator is 1 (yes) or 0 (no), got {value}")
                                    .format(value=format_number(v["value"]))))
        if v["former_name"] and not (v["place_as_written"] and v["place"]
                                     and v["place"].startswith("municipality:")):
            problems.append(Problem("indicators.csv", row.row, "former_name",
                                    _("a former name needs place_as_written and a "
                                      "municipality place (today's NIS code)")))


def _check_unique(tables, name, key, problems) -> dict:
    """Report rows whose ``key`` columns repeat an earlier row; returns {key values: row}."""
    values_of = itemgetter(*key)
    rows = tables[name]
    seen = dict(zip(map(values_of, [row.values for row in rows]), [row.row for row in rows]))
    if len(seen) == len(rows):  # no key twice: nothing to report
        return seen
    seen = {}
    for row in rows:
        value = values_of(row.values)
        first = seen.setdefault(value, row.row)
        if first != row.row:
            problems.append(Problem(name, row.row, key[-1], _("duplicate of row {row} ({values})")
                                    .format(row=first,
                                            values=", ".join(str(v) for v in value))))
    return seen
