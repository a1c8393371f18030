"""Reading and validating the curated tables in ``graph/``.

The schema of every file is declared once in :data:`SCHEMA` (see ``graph/README.md`` for the
meaning of each column). :func:`load_tables` reads every file, checks it, and either returns all
rows or raises :class:`~rimograph.errors.DataError` listing every problem as
``file:row: field: what is wrong`` (row = spreadsheet row, the header is row 1). Nothing is
returned half-checked, so no command can build a graph from a broken table.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
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


@dataclass
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
    if kind == "bool":
        if text not in ("true", "false"):
            raise ValueError(f"expected true or false, got {text!r}")
        return text == "true"
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


def _read(path: Path, problems: list[Problem]) -> list[Row]:
    name = path.name
    columns = SCHEMA[name]
    if not path.exists():
        problems.append(Problem(name, 0, "-", "file is missing"))
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            records = list(csv.reader(handle))
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, 0, "-", f"not UTF-8 ({exc.reason} at byte {exc.start})"))
        return []
    if not records:
        problems.append(Problem(name, 1, "-", "file is empty (a header row is required)"))
        return []
    header = [h.strip() for h in records[0]]
    expected = [c for c, _ in columns]
    missing = [c for c in expected if c not in header]
    unknown = [h for h in header if h not in expected]
    for col in missing:
        problems.append(Problem(name, 1, col, "column is missing"))
    for col in unknown:
        problems.append(Problem(name, 1, col, "unknown column (see graph/README.md)"))
    if missing:
        return []
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.append(Problem(name, number, "-",
                                    f"has {len(record)} cells, the header has {len(header)}"))
            continue
        raw = dict(zip(header, (cell.strip() for cell in record)))
        values = {}
        for col, kind in columns:
            optional = kind.endswith("?")
            kind = kind.rstrip("?")
            text = raw[col]
            if not text:
                if not optional:
                    problems.append(Problem(name, number, col, "is empty"))
                values[col] = None
                continue
            try:
                values[col] = _convert(kind, text)
            except ValueError as exc:
                problems.append(Problem(name, number, col, str(exc)))
                values[col] = None
        rows.append(Row(name, number, values))
    return rows


def load_tables(graph_dir: Path) -> dict[str, list[Row]]:
    """Read and validate every table of ``graph_dir``.

    Returns a dict ``file name -> list of Row`` for all files in :data:`SCHEMA`.

    Raises
    ------
    DataError
        listing every problem found: unreadable or missing file, missing or unknown column,
        empty required field, bad boolean/number/date/enum, duplicate id, id with the wrong
        prefix, reference to an unknown node, unknown municipality NIS code, start after end,
        line range reversed, a partner mention that no alias resolves, a duplicate edge.
    """
    graph_dir = Path(graph_dir)
    problems: list[Problem] = []
    tables = {name: _read(graph_dir / name, problems) for name in SCHEMA}
    _check_links(tables, problems)
    if problems:
        raise DataError(problems)
    return tables


def _check_links(tables: dict[str, list[Row]], problems: list[Problem]) -> None:
    ids: dict[str, Row] = {}
    for name in NODE_FILES:
        prefix = SCHEMA[name][0][1][3:]
        for row in tables[name]:
            node_id = row["id"]
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
    nis_codes = {row["nis"] for row in tables["municipalities.csv"]}
    for name, columns in SCHEMA.items():
        for col, kind in columns:
            kind = kind.rstrip("?")
            for row in tables[name]:
                value = row.get(col)
                if value is None:
                    continue
                if kind == "nis" and value not in nis_codes:
                    problems.append(Problem(name, row.row, col,
                                            f"unknown municipality NIS code {value!r}"))
                elif kind.startswith("ref:"):
                    wanted = kind[4:].split("|")
                    if value not in ids or value.partition(":")[0] not in wanted:
                        problems.append(Problem(name, row.row, col, f"unknown {' or '.join(wanted)} "
                                                f"{value!r}"))
    for name in ("actions.csv", "projects.csv"):
        for row in tables[name]:
            if row["start"] and row["end"] and parse_date(row["start"])[0] > parse_date(row["end"])[1]:
                problems.append(Problem(name, row.row, "end",
                                        f"{row['end']} is before start {row['start']}"))
    for name, columns in SCHEMA.items():
        if ("line_start", "int") in columns:
            for row in tables[name]:
                if row["line_start"] and row["line_end"] and row["line_start"] > row["line_end"]:
                    problems.append(Problem(name, row.row, "line_end", "is before line_start"))
    _check_unique(tables, "contributions.csv", ("action", "goal"), problems)
    _check_unique(tables, "locations.csv", ("entry", "place"), problems)
    _check_unique(tables, "targets.csv", ("entry", "target_group"), problems)
    _check_unique(tables, "partner_mentions.csv", ("entry", "mention"), problems)
    _check_unique(tables, "aliases.csv", ("alias", "context", "partner"), problems)
    aliases = {(row["alias"], row["context"]) for row in tables["aliases.csv"]}
    for row in tables["partner_mentions.csv"]:
        if (row["mention"], row["entry"]) not in aliases and (row["mention"], None) not in aliases:
            problems.append(Problem("partner_mentions.csv", row.row, "mention",
                                    f"no alias in aliases.csv resolves {row['mention']!r} "
                                    f"(for {row['entry']})"))


def _check_unique(tables, name, key, problems):
    seen: dict[tuple, int] = {}
    for row in tables[name]:
        value = tuple(row.get(k) for k in key)
        if value in seen:
            problems.append(Problem(name, row.row, key[-1], f"duplicate of row {seen[value]} "
                                    f"({', '.join(str(v) for v in value)})"))
        else:
            seen[value] = row.row
