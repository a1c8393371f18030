"""The overview table of the plan ("Overzichtsschema doelstellingen"): per action row the
surviving "(x)" marks and the goal columns they decode to.

Source of facts: the plan text (see :mod:`rimograph.source.extract`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.text import clean_spaces, collapse, fold
from .pages import PAGE_HEADER

if TYPE_CHECKING:
    from .extract import Entry, Plan


@dataclass
class TableRow:
    """One action row of the overview table.

    ``marks`` counts the "(x)" marks; ``columns`` are their 1-based column numbers when the
    row decodes cleanly (each empty cell two spaces, each mark "(x) "), ``exact`` says whether
    it decoded to exactly as many cells as there are external operational goals.
    """

    label: str
    action: str | None
    line_start: int
    line_end: int
    sector: bool
    marks: int
    mark_lines: list[int]
    columns: list[int]
    exact: bool


def parse_overview_table(plan: Plan) -> list[TableRow]:
    """The action rows of the "Overzichtsschema doelstellingen" and their "(x)" marks.

    Rows wrap over several lines; a new row starts at a line whose first words are the first
    words of an action not seen yet (case and accents ignored, the last word may be cut short:
    "Ieders Stem" starts "IEDERS STEMT TELT CAMPAGNE"); marks on a following line belong to the
    row above. The repeated column header inside the table is skipped.
    """
    toc_entry = next((t for t in plan.toc if "overzichtsschema" in fold(t.title) and t.line), None)
    actions = [e for e in plan.actions if not e.transversal]
    if toc_entry is None or not actions:
        return []
    n_columns = len([g for g in plan.goals if g.kind == "OD" and g.scope == "external"])
    first_action = min(e.line_start for e in plan.actions)
    rows: list[dict] = []
    unused = list(actions)
    in_header = True
    for number in range(toc_entry.line + 1, first_action):
        raw = clean_spaces(plan.line(number))
        text = raw.strip()
        if not text or PAGE_HEADER.match(raw):
            continue
        if fold(text).startswith("deze acties dragen"):
            break
        if text == "STRATEGISCHE":
            in_header = True
            continue
        if in_header:
            if text == "STRATEGISCHE ACTIES":
                in_header = False
            continue
        label = collapse(text.replace("(x)", " ").replace("(sector)", " "))
        starts = _row_action(label, unused)
        if starts is not None or not rows:
            if starts is not None:
                unused.remove(starts)
            rows.append({"lines": [], "action": starts, "label": []})
        row = rows[-1]
        row["lines"].append(number)
        if label:
            row["label"].append(label)
    result = []
    for row in rows:
        label = ""
        for part in row["label"]:
            label = label + part if label.endswith("-") else f"{label} {part}".strip()
        texts = {n: clean_spaces(plan.line(n)) for n in row["lines"]}
        mark_lines = [n for n, t in texts.items() if "(x)" in t]
        marks = sum(t.count("(x)") for t in texts.values())
        columns, exact = [], False
        if len(mark_lines) == 1:
            columns, clean = _decode_cells(texts[mark_lines[0]])
            exact = clean and len(columns) > 0 and _cell_count(texts[mark_lines[0]]) == n_columns
            columns = [c for c, mark in columns if mark]
        result.append(TableRow(label, row["action"].id if row["action"] else None,
                               row["lines"][0], row["lines"][-1],
                               any("(sector)" in t for t in texts.values()), marks, mark_lines,
                               columns, exact))
    return result


def _row_action(label: str, unused: list[Entry]):
    words = [fold(w) for w in label.split()]
    if not words:
        return None
    for entry in unused:
        name = [fold(w) for w in entry.name.split()]
        k = min(2, len(words), len(name))
        if words[:k - 1] == name[:k - 1] and name[k - 1].startswith(words[k - 1]) and \
                (k > 1 or words[0] == name[0]):
            return entry
    return None


def _decode_cells(line: str):
    """Cells after the label: ``[(column, is_mark)]`` and whether the parse was clean."""
    cells, clean = [], True
    position = line.find("(x)")
    label_end = len(line[:position].rstrip())
    rest = line[label_end:]
    if label_end:
        rest = rest[1:]
    column = 0
    while rest:
        if rest.startswith("(x)"):
            column += 1
            cells.append((column, True))
            rest = rest[3:]
            rest = rest.removeprefix(" ")
        elif rest.startswith("  "):
            column += 1
            cells.append((column, False))
            rest = rest[2:]
        elif rest.strip() == "":
            break
        else:
            clean = False
            break
    return cells, clean


def _cell_count(line: str) -> int:
    return len(_decode_cells(line)[0])
