"""Small text helpers shared by the plan extractor, the resolver and the source check.

Nothing here knows about the plan; these are the normalisations the other modules agree on.
"""

from __future__ import annotations

import re

# Apostrophes and quotes the plan uses interchangeably (’ ‘ ' ` ´).
QUOTES = "\u2019\u2018'`\u00b4"
# Spaces that are not ASCII spaces: no-break (U+00A0), narrow no-break (U+202F), thin (U+2009).
ODD_SPACES = "\u00a0\u202f\u2009\u2007"


def clean_spaces(text: str) -> str:
    """Replace no-break and narrow no-break spaces by plain spaces (length is kept)."""
    for char in ODD_SPACES:
        text = text.replace(char, " ")
    return text


def collapse(text: str) -> str:
    """Odd spaces to plain ones, runs of whitespace to one space, ends stripped."""
    return " ".join(clean_spaces(text).split())


def strip_accents(text: str) -> str:
    """Every letter written in ASCII, none dropped (transliteration by ``anyascii``):
    ``"Café Daniël"`` -> ``"Cafe Daniel"``, ``"Işık"`` -> ``"Isik"``, ``"Łódź"`` -> ``"Lodz"``,
    ``"Αθήνα"`` -> ``"Athina"``. Punctuation is transliterated too (``"…"`` -> ``"..."``)."""
    if text.isascii():
        return text
    from anyascii import anyascii

    return anyascii(text)


def fold(text: str) -> str:
    """A comparison key: transliterated to ASCII (:func:`strip_accents`), case folded, quotes
    unified to ``'``, whitespace collapsed. ``fold("Kolderbos en D’ierd")`` -> ``"kolderbos en d'ierd"``."""
    text = strip_accents(collapse(text)).casefold()
    for char in QUOTES:
        text = text.replace(char, "'")
    return text


def slugify(text: str) -> str:
    """The slug of a node id (``graph/README.md``): lowercase ASCII (every letter
    transliterated, none dropped), apostrophes dropped, every other run of non-alphanumerics
    turned into one ``-``.

    ``slugify("Kolderbos en D’ierd in Genk")`` -> ``"kolderbos-en-dierd-in-genk"``.
    """
    text = fold(text).replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
