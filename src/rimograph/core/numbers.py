"""Numbers as a person reads them, in Dutch (Belgium) or English: the one formatting function
of every table, report, workbook, map and slide.

Dutch: decimal comma and thousands point (``1.234,56``), money ``€ 1.234.567`` (``€ -447``);
English: ``1,234.56``, ``€1,234,567`` (``-€447``). These are the patterns of CLDR's ``nl_BE``
and ``en`` locales: ``tests/test_numbers.py`` holds this module to Babel's formatting. Babel
itself is not used at run time: on this machine it costs about 40 ms on every command (its
import and the first load of locale data; 36 MB installed), a quarter of the start-up budget,
for the same output.

Halves round up (away from zero), as people round: ``2.675`` with two decimals is ``2,68``
(the decimal value as written, not its binary approximation).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .i18n import language

#: Decimals of a staff figure (FTE, Dutch VTE): the plan's own figures need two (0,95; 8,18).
FTE_DECIMALS = 2
#: Decimals of a percentage (a share of staff, of a total).
PERCENT_DECIMALS = 1
#: The most decimals a column of other figures is given.
MOST_DECIMALS = 4


def _decimal(value) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def decimals_needed(values, most: int = MOST_DECIMALS) -> int:
    """The fewest decimals that write every number of ``values`` as it is, at most ``most``:
    ``[5.9, 0.95]`` -> 2, ``[13.0, 8]`` -> 0. Booleans, ``None`` and text are passed over."""
    needed = 0
    for value in values:
        if isinstance(value, float) and value == value and abs(value) != float("inf"):
            needed = max(needed, -_decimal(value).normalize().as_tuple().exponent)
    return min(needed, most)


def format_number(value, decimals: int | None = None, *, money: bool = False,
                  grouped: bool | None = None, lang: str | None = None) -> str:
    """``value`` (an int or a float) as text in ``lang`` (default: the current language).

    Parameters
    ----------
    decimals : exactly this many decimals; default: as many as the value needs
        (:func:`decimals_needed`), none for an integer.
    money : an amount in euro: ``€ 1.234.567`` (nl), ``€1,234,567`` (en).
    grouped : thousands separators; default: for money and for non-integers (a year, a page
        or a NIS code is never grouped), ``False`` for spreadsheets, which group themselves.

    Examples: ``format_number(5.9, 2)`` -> ``"5,90"``; ``format_number(33.33, 1)`` ->
    ``"33,3"``; ``format_number(1234.5)`` -> ``"1.234,5"``; ``format_number(2021)`` ->
    ``"2021"``; ``format_number(-447, money=True)`` -> ``"€ -447"``; with ``lang="en"``:
    ``"5.90"``, ``"1,234.5"``, ``"-€447"``.
    """
    lang = lang or language()
    if decimals is None:
        decimals = decimals_needed([value])
    if grouped is None:
        grouped = money or isinstance(value, float)
    rounded = _decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):{',' if grouped else ''}.{decimals}f}"
    sign = "-" if rounded < 0 else ""  # a figure rounded to zero has no sign
    if lang == "nl":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
        return f"€ {sign}{text}" if money else sign + text
    return f"{sign}€{text}" if money else sign + text
