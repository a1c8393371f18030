"""Rows as a terminal table, a spreadsheet or a machine format (``--format`` of every question).

Formats for scripts keep the English column keys and coded values whatever the language:

- ``csv``: comma-separated UTF-8 without BOM, lists joined with ", ", ``.`` decimals;
- ``json``: a list of objects, lists kept as arrays.

Formats for people use the headers and words of the current language
(:mod:`rimograph.outputs.columns`, :mod:`rimograph.core.i18n`):

- ``table``: aligned text that fits a width (``COLUMNS``, default 100): id columns go first,
  then long columns wrap and long lists end in "… (+7)"; ``width=None`` shows everything;
  numbers right-aligned, one number of decimals a column (FTE two, percentages one, other
  figures as the most precise needs: :func:`number_styles`), in Dutch with decimal comma and
  thousands point (``45,77``, ``1.234,5``, ``€ 1.234.567``);
- ``csv-excel``: what Belgian Excel opens on a double click: ``;``-separated, UTF-8 with BOM,
  decimal comma, lists joined with "; ", formula-like text made text (:mod:`rimograph.core.safe`);
- ``xlsx``: one sheet, frozen bold header, column widths, lists joined with "; ", numbers as
  numbers shown with their column's decimals (Excel draws the marks of its own locale), and
  every text cell stored as text (never a formula).
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap

from ..core.i18n import _
from ..core.numbers import format_number
from ..core.safe import for_spreadsheet, for_terminal, is_formula_like
from .columns import column_decimals, display_value, header

FORMATS = ("table", "csv", "json", "csv-excel", "xlsx")
BINARY = ("xlsx",)
_ID = re.compile(r"^[a-z][a-z0-9-]*:\S+$")
_GAP = 2


def _machine(value):
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else value


def id_columns(rows, columns) -> set:
    """The columns whose values are all node ids (``partner:caw-limburg``)."""
    return {c for c in columns
            if any(r[c] for r in rows)
            and all(isinstance(r[c], str) and _ID.match(r[c]) for r in rows if r[c])}


def people_headers(rows, columns) -> dict:
    """The header of each column for people: "id" over a column of ids, else
    :func:`rimograph.outputs.columns.header`."""
    ids = id_columns(rows, columns)
    return {c: _("id") if c in ids and c not in ("a", "b") else header(c) for c in columns}


def number_styles(rows, columns, money=()) -> dict:
    """``{column: (decimals, grouped)}`` for the columns of numbers (every value a number or
    empty): how a table writes them, so that a column agrees with itself: the same decimals
    for all (:func:`rimograph.outputs.columns.column_decimals`: ``5,90`` beside ``0,95``),
    thousands grouped in a column of non-integers or of euro amounts (``money``). A number in
    another column (a list of attributes) is written as it is."""
    styles = {}
    for column in columns:
        values = [r[column] for r in rows if r[column] is not None]
        if values and all(_is_number(v) for v in values):
            styles[column] = (column_decimals(column, values),
                              column in money or any(isinstance(v, float) for v in values))
    return styles


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _person(column, value, number, sep):
    """A cell for a person: words for codes, lists joined with ``sep``, numbers by ``number``
    (``(column, value) -> text``)."""
    value = display_value(column, value)
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return sep.join(str(v) for v in value)
    if _is_number(value):
        return number(column, value)
    return str(value)


def render(rows: list[dict], fmt: str = "table", columns: list[str] | None = None, *,
           width: int | None = 100, money=(), drop_first=()) -> str | bytes:
    """Render rows (dicts with the same keys) in ``fmt`` (one of :data:`FORMATS`).

    ``columns`` picks and orders the columns (default: the keys of the first row); ``money``
    names the columns that hold euro amounts; ``drop_first`` the columns a table leaves out
    first when it is too wide; ``width`` is the table's width in characters
    (``None``: no limit, nothing shortened). Returns text, or bytes for ``xlsx``. Raises
    ``ValueError`` for an unknown format.
    """
    if fmt == "json":
        picked = [{c: r[c] for c in columns} for r in rows] if columns else rows
        return json.dumps(picked, ensure_ascii=False, indent=2)
    if columns is None:
        columns = list(rows[0]) if rows else []
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_machine(r[c]) for c in columns] for r in rows)
        return buffer.getvalue().rstrip("\n")
    if fmt == "csv-excel":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        heads = people_headers(rows, columns)
        writer.writerow([for_spreadsheet(heads[c]) for c in columns])
        for row in rows:
            writer.writerow([for_spreadsheet(_spreadsheet_text(c, row[c])) for c in columns])
        return "\ufeff" + buffer.getvalue()
    if fmt == "xlsx":
        return _xlsx(rows, columns, money)
    if fmt == "table":
        return table(rows, columns, width, money, drop_first)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _spreadsheet_text(column, value):
    value = display_value(column, value)
    if _is_number(value):
        return format_number(value, grouped=False)  # exact: the spreadsheet formats it
    return _person(column, value, None, "; ")


def _xlsx(rows, columns, money) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "rimograph"
    heads = people_headers(rows, columns)
    styles = number_styles(rows, columns, money)
    sheet.append([heads[c] for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for index, row in enumerate(rows, start=2):
        for col, column in enumerate(columns, start=1):
            value = display_value(column, row[column])
            if isinstance(value, (list, tuple)):
                value = "; ".join(str(v) for v in value)
            cell = sheet.cell(index, col, value if value is not None else None)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
                if is_formula_like(value):
                    cell.quotePrefix = True
            elif any(styles.get(column, ())):
                places, grouped = styles[column]  # as the table shows it: 5,90 beside 0,95
                cell.number_format = ("#,##0" if grouped else "0") + (
                    "." + "0" * places if places else "")
    for col, column in enumerate(columns, start=1):
        longest = max([len(heads[column])] + [len(str(c.value or ""))
                                                for c in sheet[sheet.cell(1, col).column_letter]])
        sheet.column_dimensions[sheet.cell(1, col).column_letter].width = min(60, longest + 2)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# the terminal table


def shorten_list(items: list[str], width: int, lines: int = 2) -> str:
    """As many ``items`` as fit in ``lines`` lines of ``width`` characters (", "-joined), then
    "… (+N)" for the rest: ``Genk-Centrum, Kolderbos en D’ierd … (+7)``. When not even the
    first item fits, it is cut short at a word: ``Voorkeurtarief in de … (+1)``, never only a
    count."""
    full = ", ".join(items)
    if len(textwrap.wrap(full, width)) <= lines:
        return full

    def fits(text):
        return len(textwrap.wrap(text, width, break_long_words=True)) <= lines

    for keep in range(len(items) - 1, 0, -1):
        text = ", ".join(items[:keep]) + f" … (+{len(items) - keep})"
        if fits(text):
            return text
    rest = f" (+{len(items) - 1})" if len(items) > 1 else ""
    for size in range(len(items[0]) - 1, 0, -1):
        text = textwrap.shorten(items[0], size, placeholder=" …") + rest
        if fits(text):
            return text
    return f"… (+{len(items)})"


def table(rows: list[dict], columns: list[str], width: int | None = 100, money=(),
          drop_first=()) -> str:
    """Rows as an aligned text table no wider than ``width`` (``None``: as wide as the data).

    When the table is too wide: columns of ids are dropped (right to left) while another
    column remains; then the widest columns wrap (at least 10 characters or their header's
    longest word), lists keeping what fits in two lines and "… (+N)"; when even that is too
    wide, the columns of ``drop_first`` and then the last ones (never a name) are dropped and
    a note names them. Numbers are right-aligned. Text is made safe for a
    terminal (:func:`rimograph.core.safe.for_terminal`).
    """
    if not rows:
        return _("(no rows)")
    cells = [{c: display_value(c, r[c]) for c in columns} for r in rows]
    heads = people_headers(rows, columns)
    styles = number_styles(rows, columns, money)
    numeric = set(styles)

    def number(column, value):
        places, grouped = styles.get(column, (None, None))
        return format_number(value, places, money=column in money, grouped=grouped)

    shown = list(columns)
    dropped = []

    def natural(c):
        texts = [_person(c, cell[c], number, ", ") for cell in cells]
        return max([len(heads[c])] + [len(for_terminal(t)) for t in texts])

    lists = {c for c in columns if any(isinstance(cell[c], (list, tuple)) for cell in cells)}
    names = {c for c in columns if c in ("name", "label", "item") or c.endswith("_name")}
    widths = {c: natural(c) for c in columns}

    def floor(c):
        """The narrowest a column gets: numbers and short text keep their width, words are
        not broken (up to 30 characters), names keep 14 and lists 20."""
        if c in numeric:
            return max([len(_person(c, cell[c], number, "")) for cell in cells]
                       + [len(w) for w in heads[c].split()])
        texts = [_person(c, cell[c], number, " ") for cell in cells] + [heads[c]]
        word = min(30, max(len(w) for t in texts for w in (t.split() or [""])))
        return min(widths[c], max(word, 20 if c in lists else 14 if c in names else 12))

    if width is not None:
        def total(columns_):
            return sum(widths[c] for c in columns_) + _GAP * (len(columns_) - 1)

        for c in reversed([c for c in columns if c in id_columns(rows, columns)]):
            if total(shown) > width and len(shown) > 1:
                shown.remove(c)
        if total(shown) > width:
            floors = {c: floor(c) for c in shown}
            while total([c for c in shown]) > width and sum(floors[c] for c in shown) \
                    + _GAP * (len(shown) - 1) > width and len(shown) > 1:
                # the columns the command names first (even a name), then the last ones
                last = next((c for c in drop_first if c in shown), None) or next(
                    (c for c in shown[::-1] if c not in names), shown[-1])
                shown.remove(last)
                dropped.insert(0, last)
            spare = width - sum(floors[c] for c in shown) - _GAP * (len(shown) - 1)
            wants = {c: widths[c] - floors[c] for c in shown}
            asked = sum(wants.values())
            if spare >= 0 and asked > spare:
                for c in shown:
                    widths[c] = floors[c] + wants[c] * spare // asked
    lines = _layout(cells, shown, widths, numeric, number, width is not None, heads)
    if dropped:
        lines.extend(textwrap.wrap(_("(not shown: {columns}; --wide shows every column)").format(
            columns=", ".join(heads[c] for c in dropped)), width))
    return "\n".join(lines)


def _layout(cells, shown, widths, numeric, number, fit, heads):
    def wrap(c, value):
        w = widths[c]
        if isinstance(value, (list, tuple)) and fit:
            text = for_terminal(shorten_list([str(v) for v in value], w))
        else:
            text = for_terminal(_person(c, value, number, ", "))
        if not fit:
            return text.split("\n")
        return [piece for line in text.split("\n")
                for piece in (textwrap.wrap(line, w, break_long_words=True) or [""])]

    def line(parts):
        padded = [(p.rjust(widths[c]) if c in numeric else p.ljust(widths[c]))
                  for c, p in zip(shown, parts)]
        return (" " * _GAP).join(padded).rstrip()

    if not fit:
        for c in shown:
            widths[c] = max(len(heads[c]), *(len(t) for cell in cells
                                                for t in wrap(c, cell[c])))
    head = [textwrap.wrap(heads[c], widths[c]) or [""] for c in shown]
    out = []
    for index in range(max(len(h) for h in head)):
        out.append(line([h[index] if index < len(h) else "" for h in head]))
    out.append(line(["-" * widths[c] for c in shown]))
    for cell in cells:
        parts = [wrap(c, cell[c]) for c in shown]
        for index in range(max(len(p) for p in parts)):
            out.append(line([p[index] if index < len(p) else "" for p in parts]))
    return out
