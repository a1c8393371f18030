"""Entity resolution: partner strings of the plan -> Partner nodes, through ``aliases.csv``.

Three steps, in order, and only the first two resolve:

1. **exact**: the mention is an alias of ``aliases.csv`` (an alias for this entry first, else one
   valid everywhere), as :func:`rimograph.core.model.resolve_mention` does;
2. **normalised**: the mention's :func:`normalise` form equals that of exactly one alias or
   partner name (case, accents, punctuation, quotes, "vzw", "St."/"Sint", "Stad X"/"lokaal
   bestuur X", "OCMW van X" forms, leading articles); when the form points at two different
   partners the mention is **ambiguous** and stays unresolved;
3. **fuzzy**: close aliases and partner names by rapidfuzz's ``WRatio`` are *suggested* only.

Nothing is ever merged silently: a normalised or fuzzy match is printed (``rimograph
resolve-partners``) and can be written as alias rows for a person to review and copy into
``aliases.csv`` (:func:`suggest_aliases`).

Source of facts: ``graph/aliases.csv`` and ``graph/partners.csv`` (curated), and the partner
strings the extractor finds in the plan (:mod:`rimograph.source.extract`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import RimographError
from ..core.model import resolve_mention
from ..core.text import fold

_LEGAL = r"\b(?:i?v\.?z\.?w\.?|nv|cvba|cv|bv)(?=\s|$)"
_LOCAL_GOVERNMENT = re.compile(
    r"^(?:lokaal bestuur(?: van)?|stadsbestuur(?: van)?|gemeentebestuur(?: van)?|stad|gemeente)"
    r"\s+(?:stad\s+|gemeente\s+)?(?P<town>.+)$")
_OCMW = re.compile(r"^(?:het\s+)?ocmw(?:\s+van)?\s+(?P<town>.+)$")


def normalise(text: str) -> str:
    """The normalised form of a partner string.

    Case and accents folded, quotes unified, the apostrophe of "’s" plurals dropped ("OCMW’s" ->
    "ocmws", still a plural), "&" read as "en", "St."/"St-" read as "sint", legal forms ("vzw") and punctuation
    dropped, a leading article ("de", "het", "’t") dropped, and the forms of a local government
    unified: "Stad Genk", "lokaal bestuur van Genk", "gemeente Genk" -> "lokaal bestuur genk";
    "OCMW van Genk" -> "ocmw genk".

    >>> normalise("St.-Vincentius Limburg vzw")
    'sint vincentius limburg'
    >>> normalise("Lokaal bestuur Stad Genk")
    'lokaal bestuur genk'
    """
    text = fold(text)
    text = re.sub(r"(?<=[a-z])'s\b", "s", text)
    text = text.replace("&", " en ")
    text = re.sub(r"\bst\b\.?\s*-?\s*(?=[a-z])", "sint ", text)
    text = re.sub(_LEGAL, " ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    text = re.sub(r"^(?:de|het|t|een)\s+(?=\S)", "", text)
    match = _LOCAL_GOVERNMENT.match(text)
    if match:
        text = f"lokaal bestuur {match.group('town')}"
    match = _OCMW.match(text)
    if match:
        text = f"ocmw {match.group('town')}"
    return text


@dataclass
class Resolution:
    """How one partner string of one entry resolves.

    ``method``: ``exact``, ``normalised`` (both resolved: ``partners`` holds the partner ids),
    ``ambiguous`` (the normalised form names different partners), ``fuzzy`` (only
    ``suggestions``) or ``none``. ``via`` is the alias or name that matched;
    ``suggestions`` are ``(partner ids, score 0-100, alias or name)``, best first.
    """

    entry: str
    mention: str
    method: str
    partners: list[str] = field(default_factory=list)
    via: str = ""
    suggestions: list[tuple[tuple[str, ...], float, str]] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.method in ("exact", "normalised")


class Resolver:
    """Resolve partner strings against alias rows and partner rows.

    Parameters
    ----------
    aliases : iterable of dict
        rows with ``alias``, ``context`` (entry id or empty) and ``partner``.
    partners : iterable of dict
        rows with ``id`` and ``name``.
    fuzzy_cutoff : float
        least rapidfuzz ``WRatio`` score (0-100) of a suggestion.
    """

    def __init__(self, aliases, partners=(), fuzzy_cutoff: float = 88.0):
        self.exact: dict[tuple[str, str | None], list[str]] = {}
        for row in aliases:
            context = (row.get("context") or "").strip() or None
            self.exact.setdefault((row["alias"].strip(), context), []).append(row["partner"].strip())
        # normalised form -> {context: {partner tuple: alias or name}}
        self.forms: dict[str, dict[str | None, dict[tuple[str, ...], str]]] = {}
        for (alias, context), ids in self.exact.items():
            self._add(normalise(alias), context, tuple(sorted(set(ids))), alias)
        for row in partners:
            self._add(normalise(row["name"]), None, (row["id"].strip(),), row["name"])
            slug = row["id"].partition(":")[2].replace("-", " ")
            self._add(normalise(slug), None, (row["id"].strip(),), row["id"])
        self.fuzzy_cutoff = fuzzy_cutoff

    def _add(self, form, context, ids, via):
        if form:
            self.forms.setdefault(form, {}).setdefault(context, {}).setdefault(ids, via)

    def resolve(self, entry: str, mention: str) -> Resolution:
        """Resolve ``mention`` (as the plan writes it) in ``entry`` (an action or project id)."""
        ids = resolve_mention(self.exact, entry, mention)
        if ids:
            return Resolution(entry, mention, "exact", sorted(set(ids)), mention)
        form = normalise(mention)
        by_context = self.forms.get(form, {})
        found = by_context.get(entry) or by_context.get(None) or {}
        if len(found) == 1:
            (partner_ids, via), = found.items()
            return Resolution(entry, mention, "normalised", list(partner_ids), via)
        if len(found) > 1:
            return Resolution(entry, mention, "ambiguous",
                              suggestions=[(p, 100.0, v) for p, v in sorted(found.items())])
        suggestions = self.suggest(entry, form)
        return Resolution(entry, mention, "fuzzy" if suggestions else "none",
                          suggestions=suggestions)

    def suggest(self, entry: str, form: str, limit: int = 3):
        """Fuzzy suggestions ``[(partner ids, score, alias or name)]`` for a normalised form."""
        from rapidfuzz import fuzz, process

        choices = [f for f, contexts in self.forms.items() if None in contexts or entry in contexts]
        out = []
        for choice, score, _ in process.extract(form, choices, scorer=fuzz.WRatio, limit=limit,
                                                score_cutoff=self.fuzzy_cutoff):
            contexts = self.forms[choice]
            for ids, via in (contexts.get(entry) or contexts.get(None)).items():
                out.append((ids, round(score, 1), via))
        return out[:limit]


def read_rows(path) -> list[dict]:
    """Rows of a CSV table as dicts (cells stripped), read like ``rimograph validate`` reads
    them (:func:`rimograph.core.tables.csv_records`); ``[]`` when the file is missing.

    Raises :class:`~rimograph.core.errors.RimographError` naming the file when it is not UTF-8
    or not readable as CSV (an unclosed quote)."""
    import csv

    from ..core.tables import NotUtf8, csv_error, csv_records

    path = Path(path)
    if not path.exists():
        return []
    try:
        records = list(csv_records(path))
    except NotUtf8 as exc:
        raise RimographError(f"{path}: {exc}") from None
    except csv.Error as exc:
        raise RimographError(f"{path}: {csv_error(exc)}") from None
    if not records:
        return []
    header = [h.strip() for h in records[0]]
    return [dict(zip(header, (cell.strip() for cell in record))) for record in records[1:]
            if any(cell.strip() for cell in record)]


def resolver_for(graph_dir) -> Resolver:
    """A :class:`Resolver` over ``graph_dir/aliases.csv`` and ``graph_dir/partners.csv``."""
    graph_dir = Path(graph_dir)
    return Resolver(read_rows(graph_dir / "aliases.csv"), read_rows(graph_dir / "partners.csv"))


def resolve_plan(plan, resolver: Resolver, entry_ids: dict | None = None) -> list[Resolution]:
    """Resolve every partner string the extractor found in ``plan``.

    ``entry_ids`` maps extracted entry ids to curated ones (when a curated id differs, e.g. a
    corrected typo); default: the extracted ids. A string repeated in one list is resolved once.
    """
    out, seen = [], set()
    for entry in plan.entries:
        entry_id = (entry_ids or {}).get(entry.id, entry.id)
        for item in entry.partners.items if entry.partners else []:
            if (entry_id, item.text) in seen:
                continue
            seen.add((entry_id, item.text))
            out.append(resolver.resolve(entry_id, item.text))
    return out


def resolution_rows(resolutions: list[Resolution]) -> list[dict]:
    """Rows for printing: entry, mention, method, partners, via, suggestions."""
    return [{"entry": r.entry, "mention": r.mention, "method": r.method,
             "partners": ", ".join(r.partners), "via": r.via,
             "suggestions": "; ".join(f"{'+'.join(ids)} ({score:g}: {via})"
                                      for ids, score, via in r.suggestions)}
            for r in resolutions]


def suggest_aliases(resolutions: list[Resolution]) -> list[dict]:
    """Alias rows (``aliases.csv`` columns) a person can review and copy into ``aliases.csv``:
    one per partner of each normalised match, and the best suggestion of each fuzzy match
    (its reason starts with "CHECK"). Exact matches need no row; ambiguous ones get none."""
    rows = []
    for r in resolutions:
        if r.method == "normalised":
            for partner in r.partners:
                rows.append({"alias": r.mention, "context": "", "partner": partner,
                             "basis": "inferred",
                             "reason": f"same normalised form as {r.via!r}"})
        elif r.method == "fuzzy":
            ids, score, via = r.suggestions[0]
            for partner in ids:
                rows.append({"alias": r.mention, "context": r.entry, "partner": partner,
                             "basis": "inferred",
                             "reason": f"CHECK: fuzzy match {score:g} with {via!r}"})
    return rows
