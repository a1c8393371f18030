"""What every command shares: the error handler, the language, the output options (--format,
--out, --wide), --graph and --backend."""

from __future__ import annotations

import functools
import os
import shutil
import sys
import textwrap
from pathlib import Path

import click

from ..core.errors import DataError, NoPath, NotFound, RimographError
from ..core.i18n import LANGUAGES, N_, _, language_from_args, ngettext, set_language
from ..core.safe import for_spreadsheet, for_terminal, json_for_terminal
from ..outputs.render import BINARY, FORMATS, render
from .hints import with_dutch_hint


def repair_arg(arg: str) -> str:
    """An argument the way it was typed: under a C locale Python decodes the UTF-8 bytes of
    "café" as surrogate escapes ("caf\\udcc3\\udca9"); they are read again as UTF-8 (bytes that
    are not UTF-8 become U+FFFD)."""
    if not any("\udc80" <= ch <= "\udcff" for ch in arg):
        return arg
    return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_ENGLISH: dict[int, dict[str, str]] = {}
#: the attributes of a command or parameter that a person reads: help, and the words of the
#: usage line ("[OPTIONS]", "COMMAND [ARGS]...", an option's or argument's metavar)
WORDS = ("help", "short_help", "epilog", "metavar", "options_metavar", "subcommand_metavar")


def type_name(param_type: click.ParamType) -> str | None:
    """The English name click gives ``param_type`` ("integer range", "file", "directory"),
    or None for a type that shows neither its name (it has a metavar of its own, like a
    choice) nor errors that use it. click shows the name in the metavar ("--depth INTEGER
    RANGE") and in its errors ("'drie' is not a valid integer range.", "File '/tmp/x' is a
    directory."), but does not translate it (a path's name only in the language of the moment
    it was made)."""
    if type(param_type).get_metavar is not click.ParamType.get_metavar:
        return None
    if isinstance(param_type, click.Path):
        return {(True, False): "file", (False, True): "directory"}.get(
            (param_type.file_okay, param_type.dir_okay), "path")
    return type(param_type).name


def help_texts(command: click.Command):
    """``(object, attribute, English text)`` for what a person reads of ``command``, its
    parameters and its subcommands: help texts (a docstring as :func:`inspect.cleandoc` gives
    it, the catalogue's message), the words of the usage line and metavars (an argument's as
    click makes it: "NAME", "[NAME]"), and the names of the parameters' types
    (:func:`type_name`; the object is then the type)."""
    import inspect

    for obj in [command, *command.params]:
        english = _ENGLISH.get(id(obj))
        if english is None:
            english = _ENGLISH[id(obj)] = {a: getattr(obj, a, None) for a in WORDS}
            if isinstance(obj, click.Argument) and obj.metavar is None \
                    and type_name(obj.type) is not None:
                english["metavar"] = obj.make_metavar(click.Context(command))
        for attr, text in english.items():
            if text:
                yield obj, attr, inspect.cleandoc(text)
        name = type_name(obj.type) if isinstance(obj, click.Parameter) else None
        if name:
            yield obj.type, "name", name
    for sub in getattr(command, "commands", {}).values():
        yield from help_texts(sub)


def localise(command: click.Command) -> None:
    """Put what a person reads of ``command``, its options and its subcommands (help, usage
    words, metavars, type names: :func:`help_texts`) in the current language.

    They are written in English in the code (docstrings, ``help=``); the English texts are
    kept, so the language can change again within one process (tests)."""
    for obj, attr, text in help_texts(command):
        setattr(obj, attr, _(text))
    _localise_help_option(command)


def _localise_help_option(command):
    # click makes each command's -h/--help option once, in the language of that moment
    option = command.get_help_option(click.Context(command))
    if option is not None:
        option.help = _("Show this message and exit.")
    for sub in getattr(command, "commands", {}).values():
        _localise_help_option(sub)


class ExitTwo(click.ClickException):
    """A mistake in what was typed that has no usage line to show (exit code 2)."""

    exit_code = 2


class Group(click.Group):
    """A click group that reads the language before click parses (so help is in it), answers
    an unknown option typed in Dutch with the option meant (:mod:`rimograph.cli.hints`), and
    turns rimograph's errors into one clear message: exit code 2 for a name that matches no
    node or several (as for click's other mistakes in what was typed), 1 otherwise.
    Messages quote data, so they go through :func:`rimograph.core.safe.for_terminal`."""

    def main(self, args=None, **extra):
        args = [repair_arg(a) for a in (sys.argv[1:] if args is None else args)]
        set_language(language_from_args(args))
        localise(self)
        return super().main(args, **extra)

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            raise with_dutch_hint(exc) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as exc:  # a subcommand's: "--gemeente" means --municipality
            raise with_dutch_hint(exc) from None
        except DataError as exc:
            for problem in exc.problems:
                click.echo(for_terminal(str(problem)), err=True)
            raise click.ClickException(
                _("{n} problem(s) in the tables; fix them and run `rimograph validate`")
                .format(n=len(exc.problems))) from None
        except NoPath as exc:  # two names that were found: no answer (exit code 1)
            raise click.ClickException(for_terminal(str(exc))) from None
        except NotFound as exc:  # no node by that name, or several (Ambiguous): exit code 2
            raise ExitTwo(for_terminal(str(exc))) from None
        except RimographError as exc:
            raise click.ClickException(for_terminal(str(exc))) from None
        except BrokenPipeError:  # output piped into `head`, which has read enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:  # a file that cannot be read or written: no traceback
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None


def _use_language(ctx, param, value):
    if value:
        set_language(value.lower())
    return value


def lang_option(func):
    """Add ``--lang nl|en`` (default Dutch, or ``$RIMOGRAPH_LANG``): the language of help,
    headers, messages and values (see :mod:`rimograph.core.i18n`); read it with
    :func:`rimograph.core.i18n.language`."""
    return click.option(
        "--lang", type=click.Choice(LANGUAGES, case_sensitive=False), default=None,
        envvar="RIMOGRAPH_LANG", show_envvar=True, expose_value=False, is_eager=True,
        callback=_use_language,
        help=N_("Language of help, headers, messages and values: nl (Dutch) or en (English) "
                "[default: nl]. csv and json keep English keys."))(func)


def _output_options(func, to_file):
    formats = FORMATS if to_file else tuple(f for f in FORMATS if f not in BINARY)
    text = (N_("table: aligned, for reading; csv-excel: a CSV that Excel opens by double-click "
               "(; and decimal comma); xlsx: a spreadsheet (needs --out); csv and json: for "
               "scripts, with English keys whatever --lang.") if to_file else
            N_("table: aligned, for reading; csv-excel: a CSV that Excel opens by double-click "
               "(; and decimal comma); csv and json: for scripts, with English keys whatever "
               "--lang."))
    options = [
        click.option("--format", "fmt", type=click.Choice(formats), default="table",
                     show_default=True, help=text),
        click.option("--wide", is_flag=True,
                     help=N_("Show every column and the whole of every cell, however wide "
                             "[default: the table fits $COLUMNS, or 100 characters].")),
        lang_option]
    if to_file:
        options.insert(1, click.option(
            "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
            help=N_("Write the answer to this file instead of the screen (xlsx: required).")))

    @functools.wraps(func)
    def wrapper(wide, **kwargs):
        out = kwargs.pop("out") if to_file else None
        if kwargs["fmt"] in BINARY and out is None:
            raise click.UsageError(_("--format {fmt} writes a file: add --out FILE, e.g. "
                                     "--out antwoord.{fmt}").format(fmt=kwargs["fmt"]))
        meta = click.get_current_context().meta
        meta["rimograph.out"], meta["rimograph.wide"] = out, wide
        return func(**kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def format_option(func):
    """Add ``--format table|csv|json|csv-excel|xlsx`` (table by default), ``--out FILE``,
    ``--wide`` and ``--lang``; :func:`emit` reads ``--out`` and ``--wide`` from the click
    context."""
    return _output_options(func, to_file=True)


def format_only_option(func):
    """:func:`format_option` without ``--out`` and xlsx, for commands whose ``--out`` is
    something else (extract, neo4j pull)."""
    return _output_options(func, to_file=False)


def table_width() -> int | None:
    """The width a table must fit: None with ``--wide`` or ``--out``, else ``$COLUMNS`` or the
    terminal's width, 100 when neither is known."""
    meta = click.get_current_context().meta
    if meta.get("rimograph.wide") or meta.get("rimograph.out"):
        return None
    return shutil.get_terminal_size((100, 24)).columns


#: From this many nodes on (a sector-sized graph; the plan has about 400), the process ends
#: without freeing the graph: :func:`exit_keeping_graph` once the output is flushed. Freeing a
#: 1M-edge graph object by object takes about 1 s of CPU (10M: about 10 s) and gives nothing.
LARGE_GRAPH_NODES = 10_000
_KEPT = []  # such graphs (and their tables), kept from being freed when their command returns


def keep_until_exit(graph, *more) -> None:
    """Keep ``graph`` and ``more`` (its tables) alive until the process ends, when the graph
    has :data:`LARGE_GRAPH_NODES` nodes or more (see :func:`exit_keeping_graph`)."""
    if graph.number_of_nodes() >= LARGE_GRAPH_NODES:
        _KEPT.extend((graph, *more))


def large_graph_loaded() -> bool:
    """Whether this process keeps a graph of :data:`LARGE_GRAPH_NODES` nodes or more."""
    return bool(_KEPT)


def exit_keeping_graph(code: int) -> None:
    """End the process with ``code`` after flushing stdout and stderr, without freeing the
    loaded graph or running exit handlers (``os._exit``): only for a command that is done."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(code)


def graph_option(func):
    """Add ``--graph DIR`` and pass the loaded, validated embedded graph as ``graph``."""

    @click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
                  default=None, help="Folder with the curated tables [default: ./graph, "
                  "or $RIMOGRAPH_GRAPH, or the plan's tables shipped with rimograph].")
    @functools.wraps(func)
    def wrapper(graph_dir, **kwargs):
        from ..core.load import graph_folder, load_graph

        if kwargs.get("backend") == "neo4j":  # answered by the server: graph/ is not read
            return func(graph=None, **kwargs)
        graph_dir = graph_folder(graph_dir)
        warn_unknown_files(graph_dir)
        graph = load_graph(graph_dir)  # a big graph comes frozen for the collector (paused_gc)
        keep_until_exit(graph)
        return func(graph=graph, **kwargs)

    return wrapper


def warn_unknown_files(graph_dir):
    """Print a warning for every file of ``graph_dir`` that is not one of its tables."""
    from ..core.tables import unknown_files

    for name in unknown_files(graph_dir):
        say(_("warning: {file}: not a table of graph/ (see graph/README.md), so it is not read; "
              "copy its edits into the table it belongs to").format(file=Path(graph_dir) / name),
            err=True)


def neo4j_options(func):
    """Add ``--uri --user --password --database`` (defaults from ``NEO4J_URI``, ``NEO4J_USER``,
    ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) and pass them as ``neo4j``, a dict for
    :func:`rimograph.backends.neo4j.connect`."""

    @click.option("--uri", envvar="NEO4J_URI", default="bolt://localhost:7687",
                  show_default=True, show_envvar=True, help="Neo4j server.")
    @click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
                  show_envvar=True, help="Neo4j user.")
    @click.option("--password", envvar="NEO4J_PASSWORD", default=None, show_envvar=True,
                  help="Neo4j password [default: none, no authentication].")
    @click.option("--database", envvar="NEO4J_DATABASE", default="neo4j", show_default=True,
                  show_envvar=True, help="Neo4j database.")
    @functools.wraps(func)
    def wrapper(uri, user, password, database, **kwargs):
        return func(neo4j={"uri": uri, "user": user, "password": password,
                           "database": database}, **kwargs)

    return wrapper


def backend_option(func):
    """Add ``--backend embedded|neo4j`` and the Neo4j connection options (see
    :func:`neo4j_options`); put it above :func:`graph_option`."""
    return click.option(
        "--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded",
        show_default=True, help="Answer from graph/ in-process, or from a Neo4j server that "
        "holds the pushed graph (`rimograph neo4j push`).")(neo4j_options(func))


def answer(graph, backend, neo4j, query_name, question, **params):
    """The rows of a question: ``question(graph, **params)`` on the embedded graph, or the
    named query ``queries/<query_name>.cypher`` on Neo4j (same rows)."""
    if backend == "neo4j":
        from ..backends.neo4j import answer as ask_neo4j

        return ask_neo4j(neo4j, query_name, **params)
    return question(graph, **params)


GENERIC_HELP = N_("Include generic partners (categories such as 'lokale besturen', roles).")


def say(text: str, err: bool = False):
    """Print one message that quotes data, control characters escaped
    (:func:`rimograph.core.safe.for_terminal`)."""
    click.echo(for_terminal(text), err=err)


def emit(rows, fmt, columns=None, money=(), drop_first=()):
    """Print ``rows`` in ``fmt`` (:func:`rimograph.outputs.render.render`), or write them to
    ``--out`` atomically and say so on stderr; through the sanitising point
    (:mod:`rimograph.core.safe`): control characters from data never reach the terminal, and a
    CSV cell that a spreadsheet would take for a formula (``=1+1``) is written as text (the
    people's formats csv-excel and xlsx do so themselves)."""
    if fmt == "csv":
        rows = [{k: for_spreadsheet(v) for k, v in row.items()} for row in rows]
    out = click.get_current_context().meta.get("rimograph.out")
    result = render(rows, fmt, columns, width=table_width(), money=money, drop_first=drop_first)
    if out is None:
        if fmt == "csv-excel":  # its line ends (CR LF) are the format's, not data
            click.echo("\r\n".join(map(for_terminal, result.split("\r\n"))), nl=False)
        else:
            click.echo(json_for_terminal(result) if fmt == "json" else for_terminal(result))
        return
    from ..core.files import write_atomic

    write_atomic(out, result if isinstance(result, bytes) else result + "\n")
    click.echo(ngettext("{out}: {n} row", "{out}: {n} rows", len(rows)).format(
        out=out, n=len(rows)), err=True)


def note(text: str) -> None:
    """Print a summary line that may quote data, wrapped to the table's width."""
    width = table_width()
    say(text if width is None else textwrap.fill(text, width, break_on_hyphens=False))


PLAN_ARG = click.Path(exists=True, dir_okay=False, path_type=Path)


def names_graph(graph):
    """The graph that names given on the command line are looked up in: the embedded graph,
    or, when the question goes to Neo4j (``graph`` is None), the tables of ``graph/`` (the
    graph that was pushed)."""
    if graph is not None:
        return graph
    from ..core.load import load_graph

    return load_graph()


def municipality_option(func):
    """Add ``--municipality NAME``: a municipality of 2019-2024 or 2025 (a merged one stands
    for its parts), passed on as a list of ids (``municipalities``) or None."""
    return click.option("--municipality", "municipality", metavar="NAME",
                        help="Only this municipality: a 2019-2024 name or NIS code, or a 2025 "
                        "name (a merged municipality counts for its parts).")(func)


def municipalities_of(graph, name):
    """The municipality ids of ``--municipality NAME`` (see
    :func:`rimograph.core.model.find_municipalities`), or None without the option."""
    if not name:
        return None
    from ..core.model import find_municipalities

    return find_municipalities(names_graph(graph), name)


class PlanYear(click.ParamType):
    """A year of the plan's period 2021-2025 (:data:`rimograph.core.model.PLAN_YEARS`): the
    ``--year`` of every command; another year is refused with the period in the message."""

    name = "year"

    def get_metavar(self, param, ctx=None):
        return "2021-2025"

    def convert(self, value, param, ctx):
        from ..core.model import PLAN_YEARS

        try:
            year = int(value)
        except (TypeError, ValueError):
            self.fail(_("{value!r} is not a year; the plan runs from {first} to {last}").format(
                value=value, first=PLAN_YEARS[0], last=PLAN_YEARS[-1]), param, ctx)
        if year not in PLAN_YEARS:
            self.fail(_("{year} is outside the plan's period {first}-{last}; choose a year from "
                        "{first} to {last}").format(year=year, first=PLAN_YEARS[0],
                                                    last=PLAN_YEARS[-1]), param, ctx)
        return year


PLAN_YEAR = PlanYear()
