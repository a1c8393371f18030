"""The one sanitising point for text from the tables on its way to a person's screen or
spreadsheet.

- :func:`for_terminal`: control characters (C0 except tab and newline, DEL, C1, and so every
  ANSI/OSC escape sequence, which starts with ESC or CSI) are shown as ``\\x1b``-style escapes,
  so data can never clear a screen, colour it or plant a hyperlink.
- :func:`json_for_terminal`: the same for JSON text, with JSON's own ``\\u`` escapes, so the
  output stays valid JSON (``json.dumps`` escapes C0 but leaves DEL and C1 raw).
- :func:`quoted`: a value quoted in a one-line message, escaped and cut short.
- :func:`for_spreadsheet`: a text cell that a spreadsheet would read as a formula (starting
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; OWASP's "CSV injection" list)
  gets a leading apostrophe, which Excel and LibreOffice show as text and hide in the cell.
  For xlsx, write the original string with the cell type forced to text instead
  (:func:`is_formula_like` tells which cells).
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def for_terminal(text: str) -> str:
    """``text`` with every control character but tab and newline written as an escape:
    ``for_terminal("a\\x1b[2Jb")`` -> ``"a\\\\x1b[2Jb"``."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def json_for_terminal(text: str) -> str:
    """JSON ``text`` with every control character outside strings' own escapes written as a
    JSON escape: ``json_for_terminal('"a\x9bb"')`` -> ``'"a\\u009bb"'``."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def quoted(text: str, limit: int = 80) -> str:
    """``text`` quoted for a one-line message: ``repr`` (so newlines and control characters
    show as escapes), cut to ``limit`` characters with "..." so that a runaway cell (an
    unclosed quote swallows the rest of a file) never fills the screen."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "..."


def is_formula_like(value) -> bool:
    """Whether a spreadsheet would take the text ``value`` for a formula."""
    return isinstance(value, str) and value.startswith(_FORMULA_START)


def for_spreadsheet(value):
    """``value`` as a CSV cell for a spreadsheet: formula-like text gets a leading ``'``
    (``"=1+1"`` -> ``"'=1+1"``); other values are returned unchanged."""
    return "'" + value if is_formula_like(value) else value
