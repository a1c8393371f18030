"""Reading and validating the curated tables in ``graph/``.

The schema of every file is declared once in :data:`SCHEMA` (see ``graph/README.md`` for the
meaning of each column). :func:`load_tables` reads every file, checks it, and either returns all
rows or raises :class:`~rimograph.core.errors.DataError` listing every problem as
``file:row: field: what is wrong`` (row = spreadsheet row, the header is row 1). Nothing is
returned half-checked, so no command can build a graph from a broken table.
"""

from __future__ import annotations

import csv
import gc
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from pathlib import Path

from .errors import DataError, Problem

# Column kinds: "id:<prefix>" own id; "ref:<prefix>[|<prefix>]" reference to another node;
# "nis" municipality NIS code; "bool"; "date" ISO 8601 with year, month or day precision;
# "int"; "num" decimal; "enum:a|b"; "text". A trailing "?" makes the column optional (may be empty).
SOURCE = [("page", "int"), ("line_start", "int"), ("line_end", "int")]
ENTRY = "ref:action|project"
TIMING = [
    ("scope", "enum:local|province|flanders"), ("start", "date?"), ("end", "date?"),
    ("timing", "text?"), ("timing_note", "text?"), ("partners_open_ended", "bool"),
    ("summary", "text"),
]

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
                     ("kind", "enum:organisation|local-government|generic|role"),
                     ("municipality", "nis?"), ("parent", "ref:partner?"),
                     ("plan_entry", "ref:action|project?"), ("note", "text?"), *SOURCE],
    "municipalities.csv": [("id", "id:municipality"), ("nis", "text"), ("name", "text"),
                           ("arrondissement", "text"), ("nis_2025", "text"),
                           ("name_2025", "text"), ("merged_2025", "bool"), ("source", "text")],
    "neighbourhoods.csv": [("id", "id:neighbourhood"), ("name", "text"),
                           ("kind", "enum:buurt|wijk|deelgemeente"), ("municipality", "nis"),
                           *SOURCE],
    "target_groups.csv": [("id", "id:target-group"), ("name", "text")],
    "partner_mentions.csv": [("entry", ENTRY), ("mention", "text"), *SOURCE],
    "aliases.csv": [("alias", "text"), ("context", "ref:action|project?"),
                    ("partner", "ref:partner"), ("basis", "enum:stated|inferred"),
                    ("reason", "text?")],
    "contributions.csv": [("action", "ref:action"), ("goal", "ref:operational-goal"),
                          ("certainty", "enum:certain|possible"),
                          ("basis", "enum:table|inferred|stated"), ("reason", "text"), *SOURCE],
    "locations.csv": [("entry", ENTRY), ("place", "ref:municipality|neighbourhood"),
                      ("basis", "enum:stated|inferred"), ("reason", "text?"), *SOURCE],
    "targets.csv": [("entry", ENTRY), ("target_group", "ref:target-group"), *SOURCE],
    "fte.csv": [("strategic_goal_label", "text"), ("theme", "ref:theme?"),
                ("fte_decretal", "num"), ("fte_non_decretal", "num"), ("fte_total", "num"),
                ("decretal_share_pct", "num"), *SOURCE],
    "budget.csv": [("year", "int"), ("section", "text"), ("item", "text"),
                   ("amount_eur", "num"), *SOURCE, ("scope", "enum:vzw|ac-vlaamse-overheid"),
                   ("code", "text?")],
}

NODE_FILES = [f for f, cols in SCHEMA.items() if cols[0][1].startswith("id:")]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while a bulk load allocates millions of objects that
    all stay alive (rows, graph dicts); otherwise every collection walks the whole growing heap.
    Restores the previous state."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
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
            raise ValueError(f"expected true or false, got {text!r}")
        return text.lower() == "true"
    if kind == "int":
        if not text.isdigit():
            raise ValueError(f"expected a whole number, got {text!r}")
        return int(text)
    if kind == "num":
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"expected a number with '.' as decimal point, got {text!r}") from None
    if kind == "date":
        parse_date(text)
        return text
    if kind.startswith("enum:"):
        allowed = kind[5:].split("|")
        if text not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}, got {text!r}")
    return text


_TEXT_KINDS = ("text",)
_SHARED_KINDS = ("id", "ref", "nis")  # values repeated across rows: one shared string each


def _column_plan(columns, header):
    """Per schema column: (name, index in the row, optional, kind, memo). ``memo`` maps a cell's
    text to its converted value for the kinds whose conversion only depends on the text, so each
    distinct value is checked once and its object shared by every row (ids, references, codes,
    numbers, dates, enums); ``None`` for free text."""
    index = {h: i for i, h in enumerate(header)}  # the last column of a name, as dict(zip()) did
    plan = []
    for col, kind in columns:
        optional = kind.endswith("?")
        kind = kind.rstrip("?")
        memo = None if kind in _TEXT_KINDS else {}
        plan.append((col, index[col], optional, kind, memo))
    return plan


class NotUtf8(ValueError):
    """A table that is not UTF-8 (typically saved as 'CSV' instead of 'CSV UTF-8')."""


def csv_records(path: Path):
    """Yield the records (lists of cells) of one CSV table as a spreadsheet saves it: UTF-8
    with or without BOM, ',' or ';' as separator (a spreadsheet in a Dutch or French locale
    uses ';'). Raises :class:`NotUtf8` naming the file and byte for another encoding."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            delimiter = ";" if first.count(";") > first.count(",") else ","
            yield from csv.reader(handle, delimiter=delimiter)
    except UnicodeDecodeError as exc:
        raise NotUtf8(f"not UTF-8 ({exc.reason} at byte {exc.start}); save it as 'CSV UTF-8' "
                      "in the spreadsheet") from None


def _read(path: Path, problems: list[Problem]) -> list[Row]:
    name = path.name
    columns = SCHEMA[name]
    if not path.exists():
        problems.append(Problem(name, 0, "-", "file is missing"))
        return []
    mark = len(problems)
    try:
        return _parse(name, columns, csv_records(path), problems)
    except NotUtf8 as exc:
        del problems[mark:]  # as if nothing of the file was read
        problems.append(Problem(name, 0, "-", str(exc)))
        return []


def _parse(name, columns, records, problems) -> list[Row]:
    """The rows of one file from its csv reader (read lazily: no second copy of the file)."""
    header = next(records, None)
    if header is None:
        problems.append(Problem(name, 1, "-", "file is empty (a header row is required)"))
        return []
    header = [h.strip() for h in header]
    expected = [c for c, _ in columns]
    missing = [c for c in expected if c not in header]
    unknown = [h for h in header if h not in expected]
    for col in missing:
        problems.append(Problem(name, 1, col, "column is missing"))
    for col in unknown:
        problems.append(Problem(name, 1, col, "unknown column (see graph/README.md)"))
    if missing:
        for _ in records:  # read to the end, so a decoding error anywhere is still reported
            pass
        return []
    plan = _column_plan(columns, header)
    width = len(header)
    intern = sys.intern
    rows = []
    for number, record in enumerate(records, start=2):
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if len(cells) != width:
            problems.append(Problem(name, number, "-",
                                    f"has {len(cells)} cells, the header has {width}"))
            continue
        values = {}
        for col, index, optional, kind, memo in plan:
            text = cells[index]
            if not text:
                if not optional:
                    problems.append(Problem(name, number, col, "is empty"))
                values[col] = None
                continue
            if memo is None:
                values[col] = text
                continue
            value = memo.get(text, memo)
            if value is memo:  # first time this text is seen in this column
                try:
                    value = _convert(kind, text)
                except ValueError as exc:
                    problems.append(Problem(name, number, col, str(exc)))
                    values[col] = None
                    continue
                if isinstance(value, str):
                    value = intern(value) if kind.partition(":")[0] in _SHARED_KINDS else text
                memo[text] = value
            values[col] = value
        rows.append(Row(name, number, values))
    return rows


def load_tables(graph_dir: Path) -> dict[str, list[Row]]:
    """Read and validate every table of ``graph_dir``.

    Returns a dict ``file name -> list of Row`` for all files in :data:`SCHEMA`.

    Raises
    ------
    DataError
        listing every problem found (when a file cannot be read or its header is wrong, only
        the file-level problems, not their echo in other files): unreadable or missing file,
        missing or unknown column,
        empty required field, bad boolean/number/date/enum, duplicate id, id with the wrong
        prefix, reference to an unknown node, unknown municipality NIS code, start after end,
        line range reversed, a partner mention that no alias resolves, a duplicate edge.
    """
    graph_dir = Path(graph_dir)
    problems: list[Problem] = []
    with paused_gc():
        tables = {name: _read(graph_dir / name, problems) for name in SCHEMA}
        # a file that could not be read at all would make every reference to it look broken:
        # report the cause alone
        if not any(p.row in (0, 1) for p in problems):
            _check_links(tables, problems)
    if problems:
        raise DataError(problems)
    return tables


def _check_links(tables: dict[str, list[Row]], problems: list[Problem]) -> None:
    ids: dict[str, Row] = {}
    id_kinds: dict[str, str] = {}  # id -> its type prefix
    for name in NODE_FILES:
        prefix = SCHEMA[name][0][1][3:]
        for row in tables[name]:
            node_id = row.values["id"]
            if node_id is None:
                continue
            kind, _, slug = node_id.partition(":")
            if kind != prefix or not _SLUG.match(slug):
                problems.append(Problem(name, row.row, "id",
                                        f"{node_id!r} is not of the form {prefix}:<lowercase-slug>"))
            elif node_id in ids:
                first = ids[node_id]
                problems.append(Problem(name, row.row, "id", f"duplicate id {node_id!r} "
                                        f"(first at {first.file}:{first.row})"))
            else:
                ids[node_id] = row
                id_kinds[node_id] = kind
    nis_codes = set()
    for row in tables["municipalities.csv"]:  # the id is built from the NIS code, so they agree
        if row["nis"] and row["id"] and row["id"] != f"municipality:{row['nis']}":
            problems.append(Problem("municipalities.csv", row.row, "id",
                                    f"{row['id']!r} does not match nis {row['nis']!r} "
                                    f"(expected 'municipality:{row['nis']}')"))
        nis_codes.add(row["nis"])
    for name, columns in SCHEMA.items():
        for col, kind in columns:
            kind = kind.rstrip("?")
            if kind == "nis":
                for row in tables[name]:
                    value = row.values.get(col)
                    if value is not None and value not in nis_codes:
                        problems.append(Problem(name, row.row, col,
                                                f"unknown municipality NIS code {value!r}"))
            elif kind.startswith("ref:"):
                wanted = kind[4:].split("|")
                allowed = frozenset(wanted)
                for row in tables[name]:
                    value = row.values.get(col)
                    if value is not None and id_kinds.get(value) not in allowed:
                        problems.append(Problem(name, row.row, col, f"unknown {' or '.join(wanted)} "
                                                f"{value!r}"))
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
                problems.append(Problem(name, row.row, "end", f"{end} is before start {start}"))
    for name, columns in SCHEMA.items():
        if ("line_start", "int") in columns:
            for row in tables[name]:
                line_start, line_end = row.values["line_start"], row.values["line_end"]
                if line_start and line_end and line_start > line_end:
                    problems.append(Problem(name, row.row, "line_end", "is before line_start"))
    _check_unique(tables, "contributions.csv", ("action", "goal"), problems)
    _check_unique(tables, "locations.csv", ("entry", "place"), problems)
    _check_unique(tables, "targets.csv", ("entry", "target_group"), problems)
    _check_unique(tables, "partner_mentions.csv", ("entry", "mention"), problems)
    _check_unique(tables, "aliases.csv", ("alias", "context", "partner"), problems)
    aliases = {(row.values["alias"], row.values["context"]) for row in tables["aliases.csv"]}
    for row in tables["partner_mentions.csv"]:
        mention, entry = row.values["mention"], row.values["entry"]
        if (mention, entry) not in aliases and (mention, None) not in aliases:
            problems.append(Problem("partner_mentions.csv", row.row, "mention",
                                    f"no alias in aliases.csv resolves {mention!r} "
                                    f"(for {entry})"))


def _check_unique(tables, name, key, problems):
    seen: dict[tuple, int] = {}
    values_of = itemgetter(*key)
    for row in tables[name]:
        value = values_of(row.values)
        first = seen.setdefault(value, row.row)
        if first != row.row:
            problems.append(Problem(name, row.row, key[-1], f"duplicate of row {first} "
                                    f"({', '.join(str(v) for v in value)})"))
