"""What people mean when they type an option in Dutch: ``--gemeente`` is ``--municipality``.

Every option keeps one (English) name, the one in the help, the README and scripts; an unknown
option that is the Dutch word for one of the command's options gets that option as its hint
("Onbekende optie '--gemeente'. Bedoelt u '--municipality'?") instead of click's nearest
spelling (which offered '--mentioned').
"""

from __future__ import annotations

import click

from ..core.text import fold

#: the Dutch words (folded: lower case, no accents) people type for rimograph's options, and
#: the option each one means
DUTCH_OPTIONS = {
    "alles": "--all", "alle": "--all", "alle-relaties": "--all-relations",
    "databank": "--database", "diepte": "--depth", "einde": "--ending",
    "eindigend": "--ending", "uitzonderingen": "--exceptions", "formaat": "--format",
    "vorm": "--format", "doel": "--goal", "doelstelling": "--goal", "graaf": "--graph",
    "tabellen": "--graph", "algemeen": "--include-generic", "algemene": "--include-generic",
    "generiek": "--include-generic", "intern": "--include-internal",
    "interne": "--include-internal", "taal": "--lang", "limiet": "--limit",
    "maximum": "--limit", "lijst": "--list", "vermeld": "--mentioned",
    "genoemd": "--mentioned", "min-gedeeld": "--min-shared", "min-grootte": "--min-size",
    "min-themas": "--min-themes", "min-thema": "--min-themes", "gemeente": "--municipality",
    "stad": "--municipality", "uitvoer": "--out", "bestand": "--out", "naar": "--out",
    "wachtwoord": "--password", "publiek": "--public", "openbaar": "--public",
    "relatie": "--relation", "vervang": "--replace", "vervangen": "--replace",
    "resolutie": "--resolution", "bereik": "--scope", "strikt": "--strict",
    "streng": "--strict", "voorstellen": "--suggest", "doelgroep": "--target-group",
    "thema": "--theme", "soort": "--type", "adres": "--uri", "server": "--uri",
    "gebruiker": "--user", "versie": "--version", "breed": "--wide", "volledig": "--wide",
    "jaar": "--year", "jaren": "--year", "hulp": "--help",
}


def dutch_option(typed: str) -> str | None:
    """The option that the Dutch word ``typed`` ("--gemeente", "--Thema's", "--gemeenten")
    means, or None when it is no Dutch word of :data:`DUTCH_OPTIONS`."""
    word = fold(typed.lstrip("-")).replace("'", "").replace("_", "-").replace(" ", "-")
    for form in (word, word.removesuffix("s"), word.removesuffix("en"), word.removesuffix("n")):
        if form in DUTCH_OPTIONS:
            return DUTCH_OPTIONS[form]
    return None


def with_dutch_hint(error: click.NoSuchOption) -> click.NoSuchOption:
    """``error`` with the right hint when the unknown option is a Dutch word: the option it
    means if the command has it, else no hint at all (click's nearest spelling would mislead);
    ``error`` itself for any other option."""
    meant = dutch_option(error.option_name)
    if meant is None or error.ctx is None:
        return error
    command = error.ctx.command
    names = {name for param in command.get_params(error.ctx) if isinstance(param, click.Option)
             for name in param.opts + param.secondary_opts}
    hinted = click.NoSuchOption(error.option_name, ctx=error.ctx)
    hinted.possibilities = [meant] if meant in names else None
    return hinted
