"""The partner lists of the plan ("Samenwerkingspartners:" / "Samenwerking:"): one item per
partner as the plan writes it, wraps joined, page noise dropped, with its lines.

Source of facts: the plan text (see :mod:`rimograph.source.extract`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..core.text import clean_spaces, collapse
from .pages import PAGE_HEADER
from .timing import TIMING

LABEL = re.compile(r"^\s*(?P<label>Samenwerkingspartners|Samenwerking)\s*(?::\s*(?P<rest>.*)|\s*$)")
PROJECTS = re.compile(r"^\s*Projecten en acties die bijdragen", re.IGNORECASE)
_BULLET = "\u2022"
_ABBREVIATIONS = {"dr", "st", "vb", "bv", "nl", "mr", "prof", "ca", "o.a", "i.s.m", "m.a.w", "bijv"}
# Words after which a wrapped line continues a name ("de / Draaischijf", "stad / Beringen").
JOINERS = {"de", "het", "een", "van", "voor", "en", "of", "met", "in", "op", "aan", "uit", "bij",
           "door", "naar", "tot", "via", "der", "den", "stad", "gemeente", "provincie", "bestuur",
           "besturen", "t", "'t", "\u2019t"}
# A fragment opening with these expects its specification to follow ("verschillende instituten /
# Samenlevingsopbouw"): a wrap after it is no boundary between two names.
_QUANTIFIERS = {"verschillende", "diverse", "andere", "alle", "enkele", "meerdere", "sommige"}
_LEGAL_FORMS = {"VZW", "IVZW", "NV", "CVBA", "BV", "CV", "VOF"}
# Introductions a prose list puts before its enumeration.
_INTRO = re.compile(r"^(?:.*?\b(?:is een initiatief van|werk(?:t|en) samen met|samen met|"
                    r"coalities (?:gesloten worden )?met|zoals)\s+)", re.IGNORECASE)


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


def _is_stop(text: str, number: int, stops) -> bool:
    return bool(number in stops or TIMING.match(text) or PROJECTS.match(text))


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
    first = LABEL.match(lines[start - 1])
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
                if (last_word and last_word[0].islower() and last_word.lower() not in JOINERS
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
