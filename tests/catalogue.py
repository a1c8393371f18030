"""The messages of the command line and where they come from, for the catalogue test and for
updating ``src/rimograph/locale/nl/LC_MESSAGES/rimograph.po``.

``python -m tests.catalogue`` adds every message that has no entry yet to the ``.po`` (empty
``msgstr``), drops entries no longer used, and lists what still needs Dutch; write the Dutch in
the ``.po``, then ``pybabel compile -d src/rimograph/locale -D rimograph``."""

from pathlib import Path

from babel.messages.extract import extract_from_dir

from rimograph.cli import cli

SOURCE = Path(__file__).resolve().parents[1] / "src" / "rimograph"
PO = SOURCE / "locale" / "nl" / "LC_MESSAGES" / "rimograph.po"
MO = PO.with_suffix(".mo")

#: click's own words that rimograph's help and errors show (click's gettext messages)
CLICK_MESSAGES = [
    "Usage:", "Options", "Commands", "Positional arguments", "Show this message and exit.",
    "Show the version and exit.", "%(prog)s, version %(version)s", "default: {default}",
    "env var: {var}", "deprecated", "Aborted!", "Error: {message}",
    "Try '{command} {option}' for help.", "Invalid value: {message}",
    "Invalid value for {param_hint}: {message}", "Missing argument", "Missing option",
    "Missing parameter", "Missing command.", "No such option {name!r}.",
    "No such command {name!r}.", "Could not open file {filename!r}: {message}",
    "Option {name!r} does not take a value.", "Choose from:\n\t{choices}",
    "{value!r} is not a valid {number_type}.", "{value} is not in the range {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}",
    "file", "directory", "path", "{name} {filename!r} does not exist.",
    "{name} {filename!r} is a file.", "{name} {filename!r} is a directory.",
    "{name} {filename!r} is not readable.", "{name} {filename!r} is not writable.",
]

#: click's messages with a plural form
CLICK_PLURALS = [
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
]


def source_messages():
    """The messages marked with _(), N_() and ngettext() in the package; a plural message as
    a (singular, plural) tuple."""
    for _file, _line, message, _comments, _context in extract_from_dir(
            SOURCE, method_map=[("**.py", "python")],
            keywords={"_": None, "N_": None, "ngettext": (1, 2)}):
        if message:
            yield message


def messages():
    """All messages the Dutch catalogue must hold (strings, and (singular, plural) tuples),
    without duplicates, in a stable order."""
    from rimograph.cli.common import help_texts

    found = [text for _obj, _attr, text in help_texts(cli)] + list(source_messages())
    return list(dict.fromkeys(found + CLICK_MESSAGES + CLICK_PLURALS))


def update() -> list:
    """Bring the ``.po`` in line with :func:`messages`; returns the messages without Dutch."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    with PO.open("rb") as stream:
        old = read_po(stream)
    new = Catalog(locale="nl", domain="rimograph", project="rimograph",
                  version=old.version, header_comment=old.header_comment,
                  last_translator=old.last_translator, language_team=old.language_team,
                  copyright_holder=old.copyright_holder, fuzzy=False)
    todo = []
    for message in messages():
        entry = old.get(message[0] if isinstance(message, tuple) else message)
        string = entry.string if entry else (("", "") if isinstance(message, tuple) else "")
        new.add(message, string)
        if not all(string if isinstance(string, tuple) else [string]):
            todo.append(message)
    with PO.open("wb") as stream:
        write_po(stream, new, width=100, sort_output=False)
    return todo


if __name__ == "__main__":
    for missing in update():
        print("no Dutch yet:", repr(missing))
