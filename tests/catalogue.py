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

#: click's gettext messages that only a programmer defining commands, or a feature rimograph
#: does not use (Windows consoles, the editor, progress bars' time format), ever shows
CLICK_INTERNAL = {
    "d", "{editor}: Editing failed", "{editor}: Editing failed: {e}", "Windows error: {error}",
    "Value must be an iterable.", "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Invalid start character for option ({option})", "Unknown color {colour!r}",
    "Unknown standard stream '{name}'", "Choice({choices})",
}


def click_messages():
    """click's own messages (its ``_()`` and ``ngettext()`` calls, read from the installed
    click's source), but for :data:`CLICK_INTERNAL`: the command line shows them in Dutch from
    rimograph's catalogue ("Usage:", "Missing argument", "No such option {name!r}.")."""
    import click

    for _file, _line, message, _comments, _context in extract_from_dir(
            Path(click.__file__).parent, method_map=[("**.py", "python")],
            keywords={"_": None, "ngettext": (1, 2)}):
        if (message[0] if isinstance(message, tuple) else message) not in CLICK_INTERNAL:
            yield message


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
    return list(dict.fromkeys(found + list(click_messages())))


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
