"""Extracting the plan's structure from its plain text.

Source of facts: the plain-text extraction of the Meerjarenplan 2021-2025 of Samenlevingsopbouw
RIMO Limburg (``shared/plan/meerjarenplan-2021-2025-rimo-limburg.txt``) or any plan text in the
same layout. Every extracted item carries the 1-based line numbers it comes from; its page comes
from the page map of the text (:mod:`rimograph.source.pages`, ``Plan.pages``).

What is read, and how:

- the table of contents: every line ``Title ........ 58`` before the body; an entry written
  right under another (no blank line between) is nested under it; across a page break the level
  of the entry before the break carries over;
- running page headers ``Meerjarenplan 2021-2025 | 2020-04-23 Meerjarenplan RIMO Limburg 59|``
  (they stand at the top of their page);
- the strategic actions: the upper-case TOC entries after "Externe werking: strategische acties"
  up to the first "SD ..." entry; a TOC entry naming "... STRATEGISCHE ACTIES" is a group heading
  (the transversal actions follow it); mixed-case entries under an action are its projects, and
  a line after "Projecten en acties die bijdragen ..." followed by "Maatschappelijke context" or
  "Korte omschrijving" is a project too, also when the TOC forgot it;
- per action or project: its "Samenwerkingspartners"/"Samenwerking" list (:func:`parse_partner_list`)
  and its "Timing:" line (:func:`parse_timing`);
- the overview table ("Overzichtsschema doelstellingen"): per action row, the surviving "(x)"
  marks and the columns they decode to (:func:`parse_overview_table`).

Everything is returned as plain dataclasses; :func:`draft_tables` turns them into rows of the
``graph/`` schema, marked as drafts.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..core.errors import RimographError
from ..core.text import clean_spaces, collapse, fold, slugify
from .pages import PAGE_HEADER, PageMap, build_page_map

DRAFT = "DRAFT"
_TOC = re.compile(r"^(?P<title>\S.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$")
_LABEL = re.compile(r"^\s*(?P<label>Samenwerkingspartners|Samenwerking)\s*(?::\s*(?P<rest>.*)|\s*$)")
_TIMING = re.compile(r"^\s*Timing\s*:\s*(?P<value>.*?)\s*$")
_PROJECTS = re.compile(r"^\s*Projecten en acties die bijdragen", re.IGNORECASE)
_SUBHEAD = re.compile(r"^\s*(Maatschappelijke context|Korte omschrijving)", re.IGNORECASE)
_BULLET = "\u2022"
_ELLIPSIS = ("\u2026", "...", "etc.", "etc", "enz.", "enzovoort")
_ABBREVIATIONS = {"dr", "st", "vb", "bv", "nl", "mr", "prof", "ca", "o.a", "i.s.m", "m.a.w", "bijv"}
# Words after which a wrapped line continues a name ("de / Draaischijf", "stad / Beringen").
_JOINERS = {"de", "het", "een", "van", "voor", "en", "of", "met", "in", "op", "aan", "uit", "bij",
            "door", "naar", "tot", "via", "der", "den", "stad", "gemeente", "provincie", "bestuur",
            "besturen", "t", "'t", "\u2019t"}
# A fragment opening with these expects its specification to follow ("verschillende instituten /
# Samenlevingsopbouw"): a wrap after it is no boundary between two names.
_QUANTIFIERS = {"verschillende", "diverse", "andere", "alle", "enkele", "meerdere", "sommige"}
_LEGAL_FORMS = {"VZW", "IVZW", "NV", "CVBA", "BV", "CV", "VOF"}
# Introductions a prose list puts before its enumeration.
_INTRO = re.compile(r"^(?:.*?\b(?:is een initiatief van|werk(?:t|en) samen met|samen met|"
                    r"coalities (?:gesloten worden )?met|zoals)\s+)", re.IGNORECASE)
_MONTHS = [("jan", "januari", "january"), ("feb", "februari", "february"), ("mrt", "maart", "mar",
           "march"), ("apr", "april"), ("mei", "may"), ("jun", "juni", "june"), ("jul", "juli",
           "july"), ("aug", "augustus", "august"), ("sep", "sept", "september"),
           ("okt", "oktober", "oct", "october"), ("nov", "november"), ("dec", "december")]


# --------------------------------------------------------------------------- data classes


@dataclass
class TocEntry:
    """One line of the table of contents.

    ``level`` is 1 (top) or 2 (nested); ``toc_line`` is its line in the TOC, ``line`` the line of
    the matching heading in the body (``None`` when the body has no such heading).
    """

    title: str
    page: int
    level: int
    toc_line: int
    line: int | None = None


@dataclass
class PageHeader:
    """A running page header: the page that starts at ``line``."""

    line: int
    page: int


@dataclass
class PartnerString:
    """One partner as the plan writes it (wraps joined, page noise dropped), with its lines.

    ``group`` is the sub-label of a bulleted list ("Lokale samenwerkingspartners"), else "".
    """

    text: str
    line_start: int
    line_end: int
    group: str = ""


@dataclass
class PartnerList:
    """A "Samenwerkingspartners:" / "Samenwerking:" list.

    ``items`` in the order of the plan (a repeated item is kept twice); ``open_ended`` when an
    enumeration in it ends in "…", "..." or "etc."; ``prose`` when the list is written as
    sentences (only the enumerations in them are kept); ``text`` is the list as one line.
    """

    label: str
    line_start: int
    line_end: int
    items: list[PartnerString]
    open_ended: bool
    prose: bool
    text: str


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


@dataclass
class Entry:
    """A strategic action (``kind="action"``) or a project under one (``kind="project"``).

    ``line_start`` is the heading, ``line_end`` the last line of the entry's own text (an action
    stops before the "Projecten en acties die bijdragen" line that introduces its projects);
    ``span_end`` is the last line before the next action (projects included).
    ``name`` is the heading as written; ``display_name`` the same with the case of an
    upper-case heading restored from the words of its text ("Café Anoniem in Hasselt").
    ``id`` is ``action:``/``project:`` + the slug of the heading. ``in_toc`` is false for a
    project the table of contents forgot; ``end_conditional`` is true when the text says the
    end date depends on negotiations ("einddatum ... onder voorbehoud").
    """

    kind: str
    id: str
    name: str
    display_name: str
    line_start: int
    line_end: int
    span_end: int
    page: int | None
    parent: str | None = None
    transversal: bool = False
    in_toc: bool = True
    partners: PartnerList | None = None
    timing: Timing | None = None
    end_conditional: bool = False


@dataclass
class TableRow:
    """One action row of the overview table.

    ``marks`` counts the "(x)" marks; ``columns`` are their 1-based column numbers when the
    row decodes cleanly (each empty cell two spaces, each mark "(x) "), ``exact`` says whether
    it decoded to exactly as many cells as there are external operational goals.
    """

    label: str
    action: str | None
    line_start: int
    line_end: int
    sector: bool
    marks: int
    mark_lines: list[int]
    columns: list[int]
    exact: bool


@dataclass
class Goal:
    """A strategic ("SD") or operational ("OD") goal from the table of contents."""

    kind: str
    id: str
    name: str
    code: str
    strategic_goal: str | None
    scope: str
    page: int
    line: int | None


@dataclass
class Plan:
    """Everything extracted from one plan text. ``lines[0]`` is line 1.

    ``entries`` are the actions and projects in the order of the text (a project after its
    action); ``pages`` is the text's page map (``plan.pages.page_of(line)``); ``warnings`` lists
    what was left out (a TOC entry without a heading in the body).
    """

    path: str
    lines: list[str]
    toc: list[TocEntry]
    headers: list[PageHeader]
    entries: list[Entry]
    table: list[TableRow]
    goals: list[Goal]
    pages: PageMap
    warnings: list[str] = field(default_factory=list)

    @property
    def actions(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "action"]

    @property
    def projects(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "project"]

    @property
    def partner_strings(self) -> list[PartnerString]:
        return [p for e in self.entries if e.partners for p in e.partners.items]

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def line(self, number: int) -> str:
        """The text of 1-based line ``number``."""
        return self.lines[number - 1]


# --------------------------------------------------------------------------- reading


def read_plan_text(path) -> list[str]:
    """Read a plan text file and return its lines (line 1 first, line ends removed).

    UTF-8 (with or without BOM) is tried first, then cp1252. Only ``\\n``, ``\\r\\n`` and ``\\r``
    end lines, so line numbers are those an editor shows.

    Raises
    ------
    RimographError
        naming the file when it cannot be read, is empty, or is neither UTF-8 nor cp1252.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RimographError(f"{path}: cannot read the plan ({exc.strerror})") from None
    if not data.strip():
        raise RimographError(f"{path}: the plan file is empty")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise RimographError(f"{path}: neither UTF-8 nor cp1252 (byte {exc.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_plan(path) -> Plan:
    """Extract the structure of the plan text at ``path``; see the module docstring.

    Returns
    -------
    Plan
        with the TOC, the page headers, every action and project (with partner list and
        timing), the overview-table rows and the goals.

    Raises
    ------
    RimographError
        naming the file when it is unreadable or empty, when it has no table of contents or no
        strategic actions, and naming the line for a "Timing:" value in an unknown format.
    """
    path = Path(path)
    lines = read_plan_text(path)
    where = str(path)
    headers = [PageHeader(i, int(m.group(1))) for i, text in enumerate(lines, 1)
               if (m := PAGE_HEADER.match(text))]
    toc = parse_toc(lines)
    if not toc:
        raise RimographError(f"{where}: no table of contents found (lines 'Title .... 12')")
    _locate_headings(lines, toc, headers)
    plan = Plan(where, lines, toc, headers, [], [], [], build_page_map(lines))
    plan.goals = _goals(plan)
    plan.entries = _entries(plan)
    if not plan.actions:
        raise RimographError(f"{where}: no strategic actions found (upper-case TOC entries after "
                             "'Externe werking: strategische acties')")
    for entry in plan.entries:
        _fill_entry(plan, entry, where)
    plan.table = parse_overview_table(plan)
    return plan


# --------------------------------------------------------------------------- TOC and headings


def parse_toc(lines: list[str]) -> list[TocEntry]:
    """The table of contents: every dot-leader line before the first body heading.

    Levels: an entry on the line right after another entry (no blank line between) is nested
    (level 2) under the last level-1 entry; after a page header the level carries over.
    """
    entries: list[TocEntry] = []
    last = None  # line number of the last TOC entry
    header_since = False
    for number, text in enumerate(lines, 1):
        match = _TOC.match(clean_spaces(text).strip())
        if not match:
            header_since = header_since or bool(PAGE_HEADER.match(text))
            continue
        if last is not None and number - last > 40:
            break  # far past the TOC: a dot leader in the body
        if last is None:
            level = 1
        elif number - last == 1:
            level = 2
        elif header_since:
            level = entries[-1].level
        else:
            level = 1
        entries.append(TocEntry(collapse(match.group("title")), int(match.group("page")), level,
                                number))
        last, header_since = number, False
    return entries


def _locate_headings(lines, toc, headers) -> None:
    """Find each TOC entry's heading in the body, in order, consistent with the page headers."""
    start = max(t.toc_line for t in toc)
    header_pages = [(h.line, h.page) for h in headers]
    cursor = start
    longest = max(len(t.title) for t in toc) + 10
    folded = [fold(text).rstrip(" .:") if len(text) <= longest else "" for text in lines]
    for entry in toc:
        key = fold(entry.title).rstrip(" .:")
        for number in range(cursor + 1, len(lines) + 1):
            if folded[number - 1] != key:
                continue
            before = [p for at, p in header_pages if at <= number]
            after = [p for at, p in header_pages if at > number]
            if before and entry.page < before[-1] or after and entry.page >= after[0]:
                continue
            entry.line = cursor = number
            break


def _is_upper(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _goals(plan: Plan) -> list[Goal]:
    """SD and OD entries of the TOC; ODs belong to the SD before them; internal after
    'SD Interne organisatie'."""
    goals, current, scope = [], None, "external"
    for entry in plan.toc:
        title = entry.title
        sd = re.match(r"^SD\s*(\d*)\s*:?\s*(.*)$", title)
        if sd and (sd.group(1) or sd.group(2)):
            code = f"SD{sd.group(1)}" if sd.group(1) else "SD"
            name = sd.group(2).strip() if sd.group(1) else sd.group(2).strip().capitalize()
            scope = "external" if sd.group(1) else "internal"
            current = f"strategic-goal:sd{sd.group(1)}" if sd.group(1) else \
                f"strategic-goal:{slugify(name)}"
            goals.append(Goal("SD", current, name, code, None, scope, entry.page, entry.line))
        elif title.upper().startswith("OD ") and current:
            name = title[3:].strip()
            if _is_upper(name):
                name = name.capitalize()
            goals.append(Goal("OD", f"operational-goal:{slugify(name)}", name, "OD", current,
                              scope, entry.page, entry.line))
    return goals


def _entries(plan: Plan) -> list[Entry]:
    """Actions and projects from the TOC and the body, with their line spans."""
    toc = plan.toc
    first = next((i for i, t in enumerate(toc) if "strategische acties" in fold(t.title)), None)
    if first is None:
        return []
    heads = []  # (kind, toc entry or None, line, transversal)
    transversal = False
    for entry in toc[first + 1:]:
        if re.match(r"^SD\b", entry.title, re.IGNORECASE):
            end_line = entry.line
            break
        if _is_upper(entry.title):
            if "STRATEGISCHE ACTIES" in entry.title:
                transversal = "TRANSVERSAL" in entry.title
                heads.append(("group", entry, entry.line, transversal))
            else:
                heads.append(("action", entry, entry.line, transversal))
        elif any(h[0] == "action" for h in heads):
            heads.append(("project", entry, entry.line, transversal))
    else:
        end_line = None
    end_line = end_line or len(plan.lines) + 1
    for kind, entry, line, _ in heads:
        if not line:
            plan.warnings.append(f"{plan.path}:{entry.toc_line}: TOC entry {entry.title!r} "
                                 f"(page {entry.page}) has no heading in the body; left out")
    heads = [h for h in heads if h[2]]
    heads = _add_missing_projects(plan, heads, end_line)
    heads.sort(key=lambda h: h[2])
    entries: list[Entry] = []
    action = None
    for index, (kind, toc_entry, line, transv) in enumerate(heads):
        if kind == "group":
            continue
        next_line = heads[index + 1][2] if index + 1 < len(heads) else end_line
        name = collapse(plan.line(line))
        if kind == "action":
            span_end = next(
                (h[2] for h in heads[index + 1:] if h[0] in ("action", "group")), end_line) - 1
            own_end = next_line - 1
            for number in range(line + 1, next_line):
                if _PROJECTS.match(plan.line(number)):
                    own_end = number - 1
                    break
            entry = Entry("action", f"action:{slugify(name)}", name, _display(name, plan, line,
                          span_end), line, _last_content(plan, line, own_end), span_end,
                          plan.pages.page_of(line), transversal=transv)
            action = entry
        else:
            entry = Entry("project", f"project:{slugify(name)}", name, name, line,
                          _last_content(plan, line, next_line - 1),
                          _last_content(plan, line, next_line - 1), plan.pages.page_of(line),
                          parent=action.id if action else None, transversal=transv,
                          in_toc=toc_entry is not None)
        entries.append(entry)
    return entries


def _add_missing_projects(plan: Plan, heads, end_line):
    """Projects written in the body but missing from the TOC: after an action's "Projecten en
    acties die bijdragen" line, a short line followed by "Maatschappelijke context" or "Korte
    omschrijving" (within three lines) is a project heading."""
    known = {h[2] for h in heads}
    bounds = sorted(h[2] for h in heads if h[0] in ("action", "group")) + [end_line]
    extra = []
    for start, stop in itertools.pairwise(bounds):
        marker = next((n for n in range(start, stop) if _PROJECTS.match(plan.line(n))), None)
        if marker is None:
            continue
        for number in range(marker + 1, stop):
            text = collapse(plan.line(number))
            if (not text or number in known or len(text) > 90 or text[-1] in ".:,;"
                    or _SUBHEAD.match(text) or _LABEL.match(text) or _TIMING.match(text)
                    or PAGE_HEADER.match(plan.line(number))):
                continue
            following = [collapse(plan.line(n)) for n in range(number + 1, min(number + 4, stop))]
            following = [t for t in following if t]
            if following and _SUBHEAD.match(following[0]):
                transversal = next((h[3] for h in heads if h[2] == start), False)
                extra.append(("project", None, number, transversal))
    return heads + extra


def _last_content(plan: Plan, start: int, stop: int) -> int:
    """The last line in start..stop that is neither blank nor a page header."""
    for number in range(stop, start, -1):
        text = plan.line(number)
        if text.strip() and not PAGE_HEADER.match(text):
            return number
    return start


def _display(name: str, plan: Plan, start: int, stop: int) -> str:
    """An upper-case heading with its case restored from the text below it:
    "CAFE ANONIEM IN HASSELT" -> "Café Anoniem in Hasselt"."""
    if not _is_upper(name):
        return name
    wanted = {fold(w) for w in name.split()}
    forms: dict[str, Counter] = {}
    for number in range(start + 1, stop + 1):
        for word in re.findall(r"[\w\u2019'-]+", plan.line(number)):
            key = word.lower() if word.isascii() else fold(word)
            if key in wanted:
                forms.setdefault(key, Counter())[word] += 1
    words = []
    for index, word in enumerate(name.split()):
        counts = forms.get(fold(word))
        lower = [w for w, _ in counts.most_common() if w[:1].islower()] if counts else []
        pick = (lower[0] if lower and index else counts.most_common(1)[0][0]) if counts \
            else word.lower()
        if index and word.lower() in _JOINERS:
            pick = word.lower()
        words.append(pick[0].upper() + pick[1:] if index == 0 else pick)
    return " ".join(words)


# --------------------------------------------------------------------------- one entry


def _fill_entry(plan: Plan, entry: Entry, where: str) -> None:
    stops = {e.line_start for e in plan.entries}
    for number in range(entry.line_start + 1, entry.line_end + 1):
        text = plan.line(number)
        if entry.partners is None and _LABEL.match(text):
            entry.partners = parse_partner_list(plan.lines, number, entry.line_end, stops)
        timing = _TIMING.match(text)
        if timing and entry.timing is None:
            entry.timing = parse_timing(timing.group("value"), number, where)
        if "einddatum" not in text.lower():
            continue
        folded = fold(text) + " " + (fold(plan.line(number + 1)) if number < len(plan.lines) else "")
        if "voorbehoud" in folded:
            entry.end_conditional = True


# --------------------------------------------------------------------------- partner lists


def _is_stop(text: str, number: int, stops) -> bool:
    return bool(number in stops or _TIMING.match(text) or _PROJECTS.match(text))


def parse_partner_list(lines: list[str], start: int, last: int | None = None,
                       stops=()) -> PartnerList:
    """Parse the partner list whose label ("Samenwerkingspartners:" or "Samenwerking:") is on
    1-based line ``start``.

    Parameters
    ----------
    lines : list of str
        the plan's lines (``lines[0]`` is line 1).
    start : int
        the label's line.
    last : int, optional
        the last line the list may use (the end of its entry); default: end of file.
    stops : collection of int
        line numbers of headings: the list ends before them.

    Returns
    -------
    PartnerList

    Notes
    -----
    The list runs over wrapped lines; across blank lines and page headers it continues while a
    bulleted list goes on, while the text so far ends in a comma, hyphen or an unfinished name
    and the next line is not a new paragraph, or when the next line starts in lower case. It
    ends at a "Timing:" line, a "Projecten en acties ..." line or a heading. Items are split at
    commas outside parentheses (so "Groep Hasselt ( Stad en OCMW Hasselt)" stays one), at bullets,
    after a colon that ends an introduction, and where a wrap joined two names without a comma
    ("Kind en taal / Basiseducatie LIMINO"). Sentences without an enumeration (prose lists) are
    left out.
    """
    last = last or len(lines)
    first = _LABEL.match(lines[start - 1])
    chunks: list[tuple[int, str]] = []
    rest = clean_spaces(first.group("rest") or "")
    if rest.strip():
        chunks.append((start, _bullets(rest)))
    gap = False
    for number in range(start + 1, last + 1):
        raw = lines[number - 1]
        text = _bullets(clean_spaces(raw))
        if PAGE_HEADER.match(raw) or not text.strip():
            gap = True
            continue
        if _is_stop(text, number, stops):
            break
        if gap and chunks:
            so_far = chunks[-1][1].rstrip()
            stripped = text.strip()
            bulleted = any(_BULLET in c for _, c in chunks)
            goes_on = (stripped.startswith(_BULLET)
                       or bulleted and not _ends(so_far)
                       or so_far.endswith((",", "-"))
                       or stripped[:1].islower()
                       or _header_between(lines, chunks[-1][0], number)
                       and not so_far.endswith((".", "\u2026", ":", ";")))
            if not goes_on:
                break
        chunks.append((number, text))
        gap = False
    line_end = chunks[-1][0] if chunks else start
    joined, owners = _join(chunks)
    items, open_ended, prose = _split_items(joined, owners)
    return PartnerList(first.group("label"), start, line_end, items, open_ended, prose,
                       collapse(joined.replace("\x00", " ")))


def _header_between(lines, a: int, b: int) -> bool:
    return any(PAGE_HEADER.match(lines[n - 1]) for n in range(a + 1, b))


def _ends(text: str) -> bool:
    """Whether an enumeration visibly ends here (full stop, ellipsis, "etc.")."""
    text = text.rstrip().rstrip(",").rstrip()
    return text.endswith((".", "\u2026"))


def _bullets(text: str) -> str:
    """Private-use glyphs (U+E000-U+F8FF: lost bullet symbols) become the bullet "•"."""
    return "".join(_BULLET if unicodedata.category(c) == "Co" else c for c in text)


def _join(chunks):
    """Join list lines into one string and a parallel list of source line numbers per char.

    A line ending in a hyphen after a letter joins the next without a space ("etnisch- /
    culturele"); a wrap from a lower-case word to a capitalised one without a comma is marked
    with ``\\x00`` (a soft split: two names, "Kind en taal / Basiseducatie LIMINO") unless the
    word is one that leads into a name ("de", "het", "stad", ...) or the name so far opens with
    a quantifier ("verschillende instituten / Samenlevingsopbouw")."""
    out, owners = [], []
    for index, (number, text) in enumerate(chunks):
        text = text.strip()
        if index:
            prev = "".join(out).rstrip()
            if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and \
                    not re.match(r"^(en|of)\b", text):
                sep = ""
                while out and out[-1] == " ":
                    out.pop()
                    owners.pop()
            else:
                sep = " "
                words = re.findall(r"[\w’'&]+$", prev)
                last_word = words[0] if words else ""
                fragment = re.split(r"[,:;\u2022(]", prev)[-1].split()
                if (last_word and last_word[0].islower() and last_word.lower() not in _JOINERS
                        and fragment and fragment[0].lower() not in _QUANTIFIERS
                        and not prev.endswith((",", ":", ";", _BULLET)) and text[:1].isupper()
                        and not text.startswith(_BULLET)):
                    sep = "\x00"
            out.append(sep)
            owners.append(number)
        out.extend(text)
        owners.extend([number] * len(text))
    return "".join(out), owners


def _split_items(text: str, owners: list[int]):
    """Split a joined list into PartnerStrings; returns (items, open_ended, prose)."""
    items: list[PartnerString] = []
    open_ended = False
    prose = False
    segments = _split_at(text, 0, len(text), {_BULLET})
    for seg_start, seg_end in segments:
        start, end = _trim(text, seg_start, seg_end)
        if start >= end:
            continue
        group = ""
        colon = _find_depth0(text, start, end, ":")
        if colon is not None and _BULLET in text:
            group = collapse(text[start:colon]).rstrip(" :")
            start, end = _trim(text, colon + 1, end)
        sentences = _sentences(text, start, end)
        if len(sentences) > 1:
            prose = True
        for index, (s_start, s_end) in enumerate(sentences):
            spans, ended = _enumeration(text, s_start, s_end, index, len(sentences) > 1)
            open_ended = open_ended or ended
            for a, b in spans:
                item = _clean_item(text[a:b])
                if item:
                    a2 = a + len(text[a:b]) - len(text[a:b].lstrip())
                    b2 = max(a2, a + len(text[a:b].rstrip()) - 1)
                    items.append(PartnerString(item, owners[a2], owners[min(b2, len(owners) - 1)],
                                               group))
    return items, open_ended, prose


def _trim(text, start, end):
    while start < end and text[start] in " \x00":
        start += 1
    while end > start and text[end - 1] in " \x00":
        end -= 1
    return start, end


def _outside_parentheses(text, start, end, chars):
    """Positions in text[start:end] of any of ``chars`` that stand outside parentheses."""
    depth = 0
    for i in range(start, end):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c in chars and depth == 0:
            yield i


def _find_depth0(text, start, end, char):
    """The last position of ``char`` outside parentheses in text[start:end], or None."""
    found = None
    for found in _outside_parentheses(text, start, end, char):
        pass
    return found


def _split_at(text, start, end, separators):
    """Spans of text[start:end] between separator characters outside parentheses."""
    spans, begin = [], start
    for i in _outside_parentheses(text, start, end, separators):
        spans.append((begin, i))
        begin = i + 1
    spans.append((begin, end))
    return spans


def _sentences(text, start, end):
    """Sentence spans: a boundary is ". " or "… " (outside parentheses) before a capital or a
    quote, not after an abbreviation ("Dr.", "St.", "vb.")."""
    spans, depth, begin = [], 0, start
    i = start
    while i < end:
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c in ".\u2026" and depth == 0:
            j = i + 1
            while j < end and text[j] == ".":
                j += 1
            k = j
            while k < end and text[k] in " \x00":
                k += 1
            if k > j and k < end and (text[k].isupper() or text[k] in "\u2018\u201c\"'"):
                word = re.findall(r"[\w.]+$", text[begin:i])
                if c == "\u2026" or j > i + 1 or not word or word[0].lower() not in _ABBREVIATIONS \
                        and not (len(word[0]) == 1 and word[0].isupper()):
                    spans.append((begin, j))
                    begin = k
                    i = k
                    continue
            i = j
            continue
        i += 1
    if begin < end:
        spans.append((begin, end))
    return [s for s in spans if text[s[0]:s[1]].strip()]


def _enumeration(text, start, end, index, prose):
    """The spans of the partner items in one sentence, and whether it ends open.

    A list written as one sentence: everything after an introduction ending in ":" or in a
    phrase such as "werken samen met"; split at commas. In prose (several sentences) a
    sentence counts only if it has an enumeration: after ":", inside parentheses, after
    "zoals" or an introduction; the first sentence also counts with a plain comma list. The
    words before "zoals" are an item too in the first sentence or after an introduction
    ("coalities met andere middenveldorganisaties, zoals ...").
    Enumerations in prose are split at commas and at "en"/"of".
    """
    sentence = text[start:end]
    ended = bool(re.search(r"(\u2026|\.\.\.|\betc\b\.?)[\s,.)\x00]*$", sentence))
    colon = _find_depth0(text, start, end, ":")
    if colon is not None:
        start = colon + 1
    if not prose:
        intro = _INTRO.match(text[start:end])
        if intro and colon is None and "," not in intro.group(0) and \
                not intro.group(0).lower().strip().startswith("zoals"):
            start += intro.end()
        return _comma_items(text, start, end), ended
    if colon is None:
        paren = re.search(r"\(([^()]*,[^()]*)\)", sentence)
        zoals = [m for m in re.finditer(r"\bzoals\s+", sentence)]
        intro = _INTRO.match(sentence)
        if paren:
            ended = bool(re.search(r"(\u2026|\.\.\.|\betc\b\.?)\s*$", paren.group(1)))
            return _prose_items(text, start + paren.start(1), start + paren.end(1)), ended
        if zoals:
            spans = _prose_items(text, start + zoals[-1].end(), end)
            head_start = intro.end() if intro and intro.end() <= zoals[-1].start() else None
            if index == 0 or head_start:
                head = sentence[:zoals[-1].start()].rstrip(" ,")
                spans = [(start + (head_start or 0), start + len(head))] + spans
            return spans, ended
        if intro and "," in sentence[intro.end():]:
            return _prose_items(text, start + intro.end(), end), ended
        if index == 0 and "," in sentence:
            return _comma_items(text, start, end), ended
        return [], False
    return _prose_items(text, start, end), ended


def _comma_items(text, start, end):
    spans = []
    for a, b in _split_at(text, start, end, {",", "\x00"}):
        spans.extend(_acronym_split(text, a, b))
    return spans


def _prose_items(text, start, end):
    spans = []
    for a, b in _split_at(text, start, end, {",", "\x00"}):
        piece = text[a:b]
        cut = a
        for m in re.finditer(r"\s(en|of)\s", piece):
            if "(" in piece[:m.start()] and ")" not in piece[:m.start()]:
                continue
            spans.append((cut, a + m.start()))
            cut = a + m.end()
        spans.append((cut, b))
    return spans


def _acronym_split(text, a, b):
    """"Voedselbank Limburg KOMOSIE (Koepel ...)": an all-capital word of three or more letters,
    followed by a parenthesised expansion and preceded by two or more other words, starts a new
    item (a legal form such as "VZW" does not)."""
    piece = text[a:b]
    match = re.search(r"(?<=\S)\s+([A-Z][A-Z0-9]{2,})\s*\(", piece)
    if match and match.group(1) not in _LEGAL_FORMS:
        before = piece[:match.start()].split()
        if len(before) >= 2 and not before[-1].isupper():
            return [(a, a + match.start()), (a + match.start(1), b)]
    return [(a, b)]


def _clean_item(raw: str) -> str:
    """Trim list noise: ellipses, "etc.", a trailing full stop, "zoals"/"en"/"met" in front."""
    item = collapse(raw.replace("\x00", " "))
    previous = None
    while item != previous:
        previous = item
        item = re.sub(r"\s*(\u2026|\.\.\.|\betc\b\.?|\benz\b\.?)\s*$", "", item).strip()
        item = item.rstrip(" ,;")
        if item.endswith(".") and not re.search(r"\b[A-Za-z]{1,3}\.$", item) \
                or item.endswith(" ."):
            item = item[:-1].rstrip()
        item = re.sub(r"^(zoals|en|of|met|van)\s+", "", item)
    if item.lower() in ("", "etc", "enz", "\u2026"):
        return ""
    return item


# --------------------------------------------------------------------------- timing


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
    place = f"{where}:{line}" if where else f"line {line}"
    if not body or len(parts) > 2:
        raise RimographError(f"{place}: unknown date format in 'Timing: {value.strip()}' "
                             "(expected 'start - end' with d/m/yyyy, month yyyy or yyyy)")
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
    raise RimographError(f"{place}: unknown date format {part!r} in 'Timing: {value.strip()}' "
                         "(expected d/m/yyyy, month yyyy, m/yyyy or yyyy)")


# --------------------------------------------------------------------------- overview table


def parse_overview_table(plan: Plan) -> list[TableRow]:
    """The action rows of the "Overzichtsschema doelstellingen" and their "(x)" marks.

    Rows wrap over several lines; a new row starts at a line whose first words are the first
    words of an action not seen yet (case and accents ignored, the last word may be cut short:
    "Ieders Stem" starts "IEDERS STEMT TELT CAMPAGNE"); marks on a following line belong to the
    row above. The repeated column header inside the table is skipped.
    """
    toc_entry = next((t for t in plan.toc if "overzichtsschema" in fold(t.title) and t.line), None)
    actions = [e for e in plan.actions if not e.transversal]
    if toc_entry is None or not actions:
        return []
    n_columns = len([g for g in plan.goals if g.kind == "OD" and g.scope == "external"])
    first_action = min(e.line_start for e in plan.actions)
    rows: list[dict] = []
    unused = list(actions)
    in_header = True
    for number in range(toc_entry.line + 1, first_action):
        raw = clean_spaces(plan.line(number))
        text = raw.strip()
        if not text or PAGE_HEADER.match(raw):
            continue
        if fold(text).startswith("deze acties dragen"):
            break
        if text == "STRATEGISCHE":
            in_header = True
            continue
        if in_header:
            if text == "STRATEGISCHE ACTIES":
                in_header = False
            continue
        label = collapse(text.replace("(x)", " ").replace("(sector)", " "))
        starts = _row_action(label, unused)
        if starts is not None or not rows:
            if starts is not None:
                unused.remove(starts)
            rows.append({"lines": [], "action": starts, "label": []})
        row = rows[-1]
        row["lines"].append(number)
        if label:
            row["label"].append(label)
    result = []
    for row in rows:
        label = ""
        for part in row["label"]:
            label = label + part if label.endswith("-") else f"{label} {part}".strip()
        texts = {n: clean_spaces(plan.line(n)) for n in row["lines"]}
        mark_lines = [n for n, t in texts.items() if "(x)" in t]
        marks = sum(t.count("(x)") for t in texts.values())
        columns, exact = [], False
        if len(mark_lines) == 1:
            columns, clean = _decode_cells(texts[mark_lines[0]])
            exact = clean and len(columns) > 0 and _cell_count(texts[mark_lines[0]]) == n_columns
            columns = [c for c, mark in columns if mark]
        result.append(TableRow(label, row["action"].id if row["action"] else None,
                               row["lines"][0], row["lines"][-1],
                               any("(sector)" in t for t in texts.values()), marks, mark_lines,
                               columns, exact))
    return result


def _row_action(label: str, unused: list[Entry]):
    words = [fold(w) for w in label.split()]
    if not words:
        return None
    for entry in unused:
        name = [fold(w) for w in entry.name.split()]
        k = min(2, len(words), len(name))
        if words[:k - 1] == name[:k - 1] and name[k - 1].startswith(words[k - 1]) and \
                (k > 1 or words[0] == name[0]):
            return entry
    return None


def _decode_cells(line: str):
    """Cells after the label: ``[(column, is_mark)]`` and whether the parse was clean."""
    cells, clean = [], True
    position = line.find("(x)")
    label_end = len(line[:position].rstrip())
    rest = line[label_end:]
    if label_end:
        rest = rest[1:]
    column = 0
    while rest:
        if rest.startswith("(x)"):
            column += 1
            cells.append((column, True))
            rest = rest[3:]
            rest = rest.removeprefix(" ")
        elif rest.startswith("  "):
            column += 1
            cells.append((column, False))
            rest = rest[2:]
        elif rest.strip() == "":
            break
        else:
            clean = False
            break
    return cells, clean


def _cell_count(line: str) -> int:
    return len(_decode_cells(line)[0])


# --------------------------------------------------------------------------- draft tables


def draft_tables(plan: Plan) -> dict[str, list[dict]]:
    """The extraction as rows of the ``graph/`` schema (``graph/README.md``), marked as drafts:
    ``summary`` (and ``reason``) start with "DRAFT", columns the text cannot fill (``scope``,
    ``theme``) stay empty for a person to fill.

    Returns ``{file name: list of row dicts}`` for strategic_goals.csv, operational_goals.csv,
    actions.csv, projects.csv, partner_mentions.csv, contributions.csv, sections.csv (the
    headings, :func:`rimograph.source.mentions.section_rows`) and toc.csv (an extra table: the
    table of contents with the body line of each heading).
    """
    note = f"{DRAFT}: extracted by rimograph extract from {Path(plan.path).name}; review"
    tables: dict[str, list[dict]] = {}
    tables["strategic_goals.csv"] = [
        {"id": g.id, "code": g.code, "name": g.name, "scope": g.scope, "summary": note,
         "page": g.page, "line_start": g.line or "", "line_end": g.line or ""}
        for g in plan.goals if g.kind == "SD"]
    tables["operational_goals.csv"] = [
        {"id": g.id, "name": g.name, "strategic_goal": g.strategic_goal, "theme": "",
         "scope": g.scope, "summary": note, "page": g.page, "line_start": g.line or "",
         "line_end": g.line or ""} for g in plan.goals if g.kind == "OD"]
    sector = {row.action: row.sector for row in plan.table}
    actions, projects, mentions = [], [], []
    for entry in plan.entries:
        timing = entry.timing
        notes = list(timing.notes) if timing else ["geen Timing-regel in het plan"]
        if entry.end_conditional:
            notes.append("einddatum onder voorbehoud van onderhandelingen met het lokaal bestuur")
        if not entry.in_toc:
            notes.append("ontbreekt in de inhoudsopgave")
        row = {"id": entry.id, "name": entry.display_name}
        if entry.kind == "action":
            row.update(sector=_bool(sector.get(entry.id, False)),
                       transversal=_bool(entry.transversal))
        else:
            row = {"id": entry.id, "action": entry.parent or "", "name": entry.display_name}
        row.update(scope="", start=timing.start if timing else "",
                   end=(timing.end or "") if timing else "", timing=timing.text if timing else "",
                   timing_note="; ".join(notes),
                   partners_open_ended=_bool(bool(entry.partners and entry.partners.open_ended)),
                   summary=note, page=entry.page, line_start=entry.line_start,
                   line_end=entry.line_end)
        (actions if entry.kind == "action" else projects).append(row)
        seen = set()
        for item in entry.partners.items if entry.partners else []:
            if item.text in seen:
                continue
            seen.add(item.text)
            mentions.append({"entry": entry.id, "mention": item.text,
                             "page": plan.pages.page_of(item.line_start),
                             "line_start": item.line_start, "line_end": item.line_end})
    tables["actions.csv"], tables["projects.csv"] = actions, projects
    tables["partner_mentions.csv"] = mentions
    goals = [g for g in plan.goals if g.kind == "OD" and g.scope == "external"]
    contributions = []
    for row in plan.table:
        if not row.action:
            continue
        for column in row.columns if row.exact else []:
            contributions.append({
                "action": row.action, "goal": goals[column - 1].id, "certainty": "possible",
                "basis": "table",
                "reason": f"{DRAFT}: '(x)' in column {column} of the overview table row "
                          f"(empty cell = two spaces, mark = '(x) '); review",
                "page": plan.pages.page_of(row.line_start), "line_start": row.line_start,
                "line_end": row.line_end})
    tables["contributions.csv"] = contributions
    from .mentions import section_rows

    tables["sections.csv"] = section_rows(plan)
    tables["toc.csv"] = [{"level": t.level, "title": t.title, "page": t.page,
                          "toc_line": t.toc_line, "line": t.line or ""} for t in plan.toc]
    return tables


def _bool(value: bool) -> str:
    return "true" if value else "false"


def write_drafts(plan: Plan, out) -> dict[str, int]:
    """Write :func:`draft_tables` as UTF-8 CSV files into folder ``out`` (created), all of
    them or none (:func:`rimograph.core.files.write_atomic_many`); return
    ``{file name: number of rows}``."""
    import csv
    import io

    from ..core.files import write_atomic_many
    from ..core.tables import SCHEMA

    counts, files = {}, {}
    for name, rows in draft_tables(plan).items():
        columns = [c for c, _ in SCHEMA[name]] if name in SCHEMA else list(rows[0]) if rows else []
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        files[Path(out) / name] = buffer.getvalue()
        counts[name] = len(rows)
    write_atomic_many(files)
    return counts
