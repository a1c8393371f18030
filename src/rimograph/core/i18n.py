"""The language of what a person reads on the command line: Dutch (default) or English.

Messages are written in English in the code and translated with gettext (the standard
library's, no dependency at run time): the Dutch catalogue is
``rimograph/locale/nl/LC_MESSAGES/rimograph.po``, compiled to ``rimograph.mo`` with Babel
(``pybabel compile -d src/rimograph/locale -D rimograph``; the tests fail when a message has no
Dutch translation or the ``.mo`` is older than the ``.po``). The catalogue also holds Dutch for
click's own words ("Usage:", "Show this message and exit.", its error messages), so the
command line's domain is made gettext's default domain for the process.

The language comes from ``--lang nl|en``, else ``RIMOGRAPH_LANG``, else Dutch. Machine formats
(``csv``, ``json``) keep English keys whatever the language.
"""

from __future__ import annotations

import functools
import gettext
import os
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
DOMAIN = "rimograph"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"

_state = {"lang": DEFAULT}


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (for module constants)."""
    return message


@functools.cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang`` (English: the messages as written)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """``message`` in the current language (unchanged in English or when not in the catalogue)."""
    return catalogue(_state["lang"]).gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, in the current language."""
    return catalogue(_state["lang"]).ngettext(singular, plural, n)


def language() -> str:
    """The current language: ``"nl"`` or ``"en"``."""
    return _state["lang"]


def set_language(lang: str) -> None:
    """Make ``lang`` (nl or en) the language of messages, help and click's own words.

    Sets gettext's default domain to rimograph's catalogue and ``LANGUAGE`` for this process
    (gettext reads the language from the environment). Raises ``ValueError`` for another
    language."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    _state["lang"] = lang
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang


def language_from_args(args, environ=os.environ) -> str:
    """The language asked for: the last valid ``--lang X`` / ``--lang=X`` in ``args`` (before a
    ``--``), else ``RIMOGRAPH_LANG``, else Dutch. Read before click parses the command line, so
    that ``--help`` is already in that language; an invalid value is left for click to refuse."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            found = value
    if found:
        return found
    env = environ.get("RIMOGRAPH_LANG", "").strip().lower()
    return env if env in LANGUAGES else DEFAULT
