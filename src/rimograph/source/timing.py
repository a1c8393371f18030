"""The "Timing:" lines of the plan: dates as the text gives them, to ISO with their precision.

Source of facts: the plan text (see :mod:`rimograph.source.extract`); every value keeps its line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..core.errors import RimographError
from ..core.i18n import _
from ..core.text import collapse

TIMING = re.compile(r"^\s*Timing\s*:\s*(?P<value>.*?)\s*$")
_MONTHS = [("jan", "januari", "january"), ("feb", "februari", "february"), ("mrt", "maart", "mar",
           "march"), ("apr", "april"), ("mei", "may"), ("jun", "juni", "june"), ("jul", "juli",
           "july"), ("aug", "augustus", "august"), ("sep", "sept", "september"),
           ("okt", "oktober", "oct", "october"), ("nov", "november"), ("dec", "december")]


@dataclass
class Timing:
    """A "Timing:" line: ``start``/``end`` as ISO dates with the precision of the text
    (``2016-09-01``, ``2020-04``, ``2021``); ``end`` is ``None`` for an open end ("- ?").
    ``notes`` say what was odd (impossible date, open end)."""

    text: str
    line: int
    start: str | None
    end: str | None
    open_end: bool = False
    notes: list[str] = field(default_factory=list)


def parse_timing(value: str, line: int = 0, where: str = "") -> Timing:
    """Parse the value of a "Timing:" line into ISO dates with the text's precision.

    Parameters
    ----------
    value : str
        the text after "Timing:", e.g. ``"1/9/2016 - 31/12/2025"``,
        ``"April 2020 – December 2022"``, ``"2021-2025"``, ``"1/1/2019 - ?"``.
    line : int
        its 1-based line (for messages); ``where`` the file.

    Returns
    -------
    Timing
        ``start``/``end`` as ``YYYY-MM-DD`` (day given), ``YYYY-MM`` (month) or ``YYYY``;
        an impossible day (31/04) keeps the month and adds a note; "?" or nothing after the
        dash is an open end.

    Raises
    ------
    RimographError
        ``"<file>:<line>: unknown date format ..."`` for a part that is no day/month/year,
        month name and year, month/year or year.
    """
    text = collapse(value)
    body = re.sub(r"^(van|vanaf)\s+", "", text, flags=re.IGNORECASE)
    parts = [p.strip() for p in re.split(r"\s*[-\u2013\u2014]\s*", body)]
    place = f"{where}:{line}" if where else _("line {line}").format(line=line)
    if not body or len(parts) > 2:
        raise RimographError(_("{place}: unknown date format in 'Timing: {value}' (expected "
                               "'start - end' with d/m/yyyy, month yyyy or yyyy)").format(
                                   place=place, value=value.strip()))
    notes: list[str] = []
    start = _iso(parts[0], place, value, notes)
    end, open_end = None, False
    if len(parts) == 2:
        if parts[1] in ("", "?", "...", "\u2026"):
            open_end = True
            notes.append("open einde")
        else:
            end = _iso(parts[1], place, value, notes)
    return Timing(text, line, start, end, open_end, notes)


def _month_names():
    """dateutil's month-name lookup, taught Dutch (and English) names and abbreviations."""
    global _MONTH_INFO
    if _MONTH_INFO is None:
        from dateutil import parser as dateparser

        class Dutch(dateparser.parserinfo):
            MONTHS = _MONTHS

        _MONTH_INFO = Dutch(dayfirst=True)
    return _MONTH_INFO


_MONTH_INFO = None


def _iso(part: str, place: str, value: str, notes: list[str]) -> str:
    """One date of a timing line to ISO with its precision (see :func:`parse_timing`)."""
    day = re.fullmatch(r"(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4})", part)
    month = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{4})", part)
    numeric_month = re.fullmatch(r"(\d{1,2})\s*/\s*(\d{4})", part)
    try:
        if day:
            # day first, always (dateutil would swap "1/13/2020" into 13 January)
            d, m, y = (int(g) for g in day.groups())
            date(y, m, 1)  # the month itself must exist
            try:
                return date(y, m, d).isoformat()
            except ValueError:
                notes.append(f"onmogelijke datum {part}; bewaard als {y:04d}-{m:02d}")
                return f"{y:04d}-{m:02d}"
        if month:
            number = _month_names().month(month.group(1))  # None for a word that is no month
            if number:
                return date(int(month.group(2)), number, 1).isoformat()[:7]
        if numeric_month:
            m, y = (int(g) for g in numeric_month.groups())
            return date(y, m, 1).isoformat()[:7]
        if re.fullmatch(r"\d{4}", part):
            return part
    except (ValueError, OverflowError):
        pass
    raise RimographError(_("{place}: unknown date format {part} in 'Timing: {value}' (expected "
                           "d/m/yyyy, month yyyy, m/yyyy or yyyy)").format(
                               place=place, part=repr(part), value=value.strip()))


# --------------------------------------------------------------------------- overview table
