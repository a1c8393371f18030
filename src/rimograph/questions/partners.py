"""Which partners work across themes."""

from __future__ import annotations

from itertools import chain, repeat

from ..core.model import in_adjacency, sources_of, themes_by_entry
from ..core.memory import paused_gc

#: From this many nodes on (a sector-sized graph; the plan has about 400), the partnerships are
#: read into arrays once and the question is answered on them with numpy: about 1.5 times
#: faster at a million edges (0.8 s instead of 1.3). Smaller graphs keep the plain path, which
#: imports nothing heavy.
COLUMNAR_FROM = 10_000


def partners_spanning_themes(graph, min_themes=2, include_generic=False):
    """Partners that work across at least ``min_themes`` themes.

    A partner's themes are the themes of the actions and projects it partners in (see
    :func:`entry_themes`; only *certain* contributions count, so a theme is never credited on
    the strength of the overview table's "possibly" marks).

    Returns rows with columns ``partner`` (id), ``name``, ``kind``, ``themes`` (count),
    ``theme_names`` (list), ``entries`` (count), ``entry_names`` (list), sorted by themes
    descending, then entries descending, then name. Generic partners (kind generic or role) are
    left out unless ``include_generic``. Graphs of :data:`COLUMNAR_FROM` nodes or more are
    answered on arrays (numpy), with the same rows.
    """
    with paused_gc():  # 47k rows holding 600k names at 1M edges: the collector would walk them
        themes_of = themes_by_entry(graph)
        partners = [(p, d) for p, d in graph.nodes(data=True)
                    if d["type"] == "Partner" and (include_generic or not d["generic"])]
        theme_ids = sorted(set().union(*themes_of.values()))
        names = dict(graph.nodes(data="name"))
        if graph.number_of_nodes() >= COLUMNAR_FROM and len(theme_ids) < 64:
            found = _spans_on_arrays(graph, names, themes_of, theme_ids, partners, min_themes)
        else:
            found = _spans(graph, names, themes_of, partners, min_themes)
        rows = [{"partner": partner, "name": data["name"], "kind": data["kind"],
                 "themes": len(themes), "theme_names": [names[t] for t in themes],
                 "entries": len(entry_names), "entry_names": entry_names}
                for (partner, data), themes, entry_names in found]
    rows.sort(key=lambda r: (-r["themes"], -r["entries"], r["name"]))
    return rows


def _spans(graph, names, themes_of, partners, min_themes):
    """((partner, data), theme ids, sorted entry names) of each partner with enough themes."""
    for partner in partners:
        partner_entries = sources_of(graph, partner[0], "PARTNERS_WITH")
        themes = sorted(set().union(*map(themes_of.__getitem__, partner_entries)))
        if len(themes) >= min_themes:
            yield partner, themes, sorted(map(names.__getitem__, partner_entries))


def _spans_on_arrays(graph, names, themes_of, theme_ids, partners, min_themes):
    """:func:`_spans` on arrays: every partnership as (partner number, entry rank by name),
    each entry's themes as a bit mask, a partner's themes as the OR of its entries' masks.

    A partner's incoming edges from actions and projects are exactly its PARTNERS_WITH edges
    (the ties of ``ties.csv`` into a partner start at a partner or a municipality), so the
    sources are read without looking at the edge keys."""
    import numpy as np

    entries = sorted(themes_of, key=names.__getitem__)
    rank = dict(zip(entries, range(len(entries))))
    bit = {theme: 1 << i for i, theme in enumerate(theme_ids)}
    mask_of = {}  # one mask per theme list (an action's projects share their action's)
    masks = np.array([mask_of.get(id(themes)) or mask_of.setdefault(
        id(themes), sum(map(bit.__getitem__, themes))) for themes in map(themes_of.get, entries)],
        dtype=np.uint64)
    sources = [in_adjacency(graph, partner) for partner, _data in partners]
    counts = np.fromiter(map(len, sources), np.int64, len(sources))
    ranks = np.fromiter(map(rank.get, chain.from_iterable(sources), repeat(-1)), np.int64,
                        int(counts.sum()))
    owner = np.repeat(np.arange(len(sources)), counts)
    keep = ranks >= 0  # sources that are actions or projects
    ranks, owner = ranks[keep], owner[keep]
    order = np.lexsort((ranks, owner))  # by partner, then by entry name
    ranks, owner = ranks[order], owner[order]
    counts = np.bincount(owner, minlength=len(sources))
    starts = np.cumsum(counts) - counts
    spans = np.zeros(len(sources), np.uint64)
    used = counts > 0
    if used.any():
        spans[used] = np.bitwise_or.reduceat(masks[ranks], starts[used])
    chosen = np.flatnonzero(np.bitwise_count(spans) >= min_themes)
    entry_names = np.array([names[e] for e in entries], dtype=object)[ranks].tolist()
    themes_of_mask = {}
    for i, start, count, span in zip(chosen.tolist(), starts[chosen].tolist(),
                                     counts[chosen].tolist(), spans[chosen].tolist()):
        themes = themes_of_mask.get(span)
        if themes is None:
            themes = themes_of_mask[span] = [t for t in theme_ids if span & bit[t]]
        yield partners[i], themes, entry_names[start:start + count]
