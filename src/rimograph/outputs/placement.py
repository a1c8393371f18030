"""Room for every name: node positions spread from their label sizes, and when each label shows.

Shared by the HTML map (:mod:`rimograph.outputs.maps`) and the slide image
(:mod:`rimograph.outputs.image`). Both give a frame (the drawing area at first view, in CSS
pixels for the map, in points for the image) and a font size per node; :func:`place` returns
positions inside that frame where each node with its label below it takes a box that overlaps
no other box, and for each label the zoom factor from which it is drawn (1 = at first view).

Text is measured with DejaVu Sans (matplotlib's bundled font, the one the image is drawn in),
with the image's fallback fonts for other scripts (:data:`FONT_FALLBACK`).
The map draws its labels in DejaVu Sans where the computer has it, else Arial, which is
narrower: the measured boxes are never smaller than the drawn ones.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: Characters per line of a label; names longer than two lines are shortened with "…" (the
#: full name is in the tooltip).
LINE_CHARS = 22
#: Browsers lay text out unhinted and a little wider than FreeType's hinted width (up to 4 %
#: measured in Chromium): measured widths are enlarged by this factor.
WIDTH_MARGIN = 1.06
#: Line height as a multiple of the font size.
LINE_HEIGHT = 1.2
#: Space between a node's marker and its label, and between two boxes (frame units).
GAP = 2.0
PAD = 3.0
#: Zoom factors (relative to the first view) at which labels that do not fit earlier appear.
LEVELS = (1.0, 1.6, 2.5, 4.0, 6.4, 10.0, 16.0, 25.0, 40.0)
#: Labels tried for a zoom level, beyond those of the first view (large maps: the others are
#: found by search and tooltip).
CANDIDATES = 1500
#: Grid cell for finding free room (frame units, x and y).
CELL = (4.0, 3.0)


#: Fonts tried in this order for every character (matplotlib's per-glyph fallback), with the
#: start of their file names: DejaVu Sans (Latin, Greek, Cyrillic, Arabic, Hebrew; matplotlib
#: ships it), Noto Sans CJK (Debian fonts-noto-cjk) for Chinese, Japanese and Korean, then
#: Symbola (fonts-symbola) for emoji and symbols (matplotlib cannot draw the colour bitmaps of
#: Noto Color Emoji).
FONT_FALLBACK = (("DejaVu Sans", "DejaVuSans"), ("Noto Sans CJK JP", "NotoSansCJK-Regular"),
                 ("Symbola", "Symbola"))


def font_families() -> list:
    """The families of :data:`FONT_FALLBACK` that are installed, so a missing one is skipped
    without a warning. A font installed after matplotlib built its font cache is added from
    the system's font folders."""
    import logging

    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    missing = [prefix for name, prefix in FONT_FALLBACK if name not in installed]
    if missing:
        for path in font_manager.findSystemFonts():
            if Path(path).name.startswith(tuple(missing)):
                font_manager.fontManager.addfont(path)
        installed = {font.name for font in font_manager.fontManager.ttflist}
    # matplotlib logs a warning for every bold text with Symbola in the list (it has only a
    # regular face, which it then uses, as it should)
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    return [name for name, _ in FONT_FALLBACK if name in installed]


@lru_cache(maxsize=2)
def _font(bold: bool):
    """DejaVu Sans (bold or not) with the fonts of :func:`font_families` as per-glyph
    fallback, as the image draws text."""
    import matplotlib
    from matplotlib import font_manager

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    weight = "bold" if bold else "normal"
    fallbacks = [font_manager.findfont(font_manager.FontProperties(family=family, weight=weight))
                 for family in font_families()[1:]]
    return font_manager.get_font([f"{matplotlib.get_data_path()}/fonts/ttf/{name}", *fallbacks])


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of ``text`` in DejaVu Sans at ``size`` (the unit of ``size``: pixels in,
    pixels out; points in, points out)."""
    font = _font(bold)
    font.set_size(size, 72)
    font.set_text(text, 0.0)
    return font.get_width_height()[0] / 64 * WIDTH_MARGIN


def label_lines(name: str, most: int = 2) -> list[str]:
    """``name`` in at most ``most`` lines of about :data:`LINE_CHARS` characters (up to six
    more rather than shortening; textwrap, words are not broken), shortened with "…" after
    the last line when it is longer still."""
    for width in (LINE_CHARS, LINE_CHARS + 6):  # a little wider rather than shortened
        lines = textwrap.wrap(name, width, break_long_words=False,
                              break_on_hyphens=False) or [name]
        if len(lines) <= most:
            return lines
    return lines[:most - 1] + [lines[most - 1] + " …"]


@dataclass
class Label:
    """A node's label: its lines, font size, weight, and the box it takes (frame units)."""

    lines: list[str]
    size: float
    bold: bool

    @property
    def width(self) -> float:
        return max(text_width(line, self.size, self.bold) for line in self.lines)

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LINE_HEIGHT


def _boxes(centres, radii, labels):
    """Per node: the centre and half sizes of marker plus label below it (numpy arrays)."""
    import numpy as np

    width = np.array([max(2 * r, lab.width if lab else 0) for r, lab in zip(radii, labels)])
    text = np.array([GAP + lab.height if lab else 0 for lab in labels])
    radii = np.asarray(radii, dtype=float)
    offset = text / 2  # the box's centre lies this far below the node
    return (centres + np.stack([np.zeros(len(offset)), offset], axis=1),
            width / 2, radii + text / 2, offset)


def spread(positions, radii, labels, width, height, order, follow=None, reach=None):
    """Put each node, in ``order``, at the free spot nearest its target: a spot where its box
    (marker, and the label below it when ``labels`` has one, with :data:`PAD` around) overlaps
    no box placed before and lies inside the ``width`` x ``height`` frame. A node whose
    labelled box finds no room anywhere -- or, with ``reach``, none within ``reach[i]`` frame
    units of its target -- is placed with its marker alone.

    The target is the node's ``positions`` entry, moved as its anchors moved: ``follow[i]``
    lists the nodes (indices) it keeps its place beside, e.g. a partner its actions; the
    target shifts by the mean shift of those already placed, so a partner stays beside its
    actions when their labels push them apart.

    The frame is a grid of cells of :data:`CELL` units; a placed box marks the cells it
    touches, and a summed-area table of the marks gives, for every spot at once, whether a box
    fits there. Distance in y counts double (the frame is wider than high). Returns the new
    positions (an ``n x 2`` array), the indices of the nodes placed without their label, and
    those of the nodes for which not even the marker found room, left where they were (both
    empty unless the frame is too small for all the labels)."""
    import numpy as np

    start = np.array(positions, dtype=float)
    points = start.copy()
    placed = np.zeros(len(points), dtype=bool)
    _, half_w, half_h, offset = _boxes(points, radii, labels)
    _, marker_w, marker_h, _ = _boxes(points, radii, [None] * len(points))
    cw, ch = CELL
    columns, rows = int(width // cw), int(height // ch)
    taken = np.zeros((rows, columns), dtype=np.int32)
    crowded, lost = [], []
    for i in order:
        target = start[i].copy()
        anchors = [j for j in (follow[i] if follow else ()) if placed[j]]
        if anchors:
            target += (points[anchors] - start[anchors]).mean(axis=0)
        table = np.zeros((rows + 1, columns + 1), dtype=np.int32)
        table[1:, 1:] = taken.cumsum(0).cumsum(1)
        limit = reach[i] if reach is not None else np.inf
        for w, h, below in ((half_w[i], half_h[i], offset[i]), (marker_w[i], marker_h[i], 0)):
            kw = min(int(np.ceil((2 * w + PAD) / cw)), columns)
            kh = min(int(np.ceil((2 * h + PAD) / ch)), rows)
            used = table[kh:, kw:] - table[:-kh, kw:] - table[kh:, :-kw] + table[:-kh, :-kw]
            gy, gx = np.nonzero(used == 0)
            x = (gx + kw / 2) * cw
            y = (gy + kh / 2) * ch - below
            far = (x - target[0]) ** 2 + 4 * (y - target[1]) ** 2
            if len(gx) and (below == 0 or far.min() <= limit ** 2):
                break
            crowded.append(i)
            limit = np.inf
        else:  # not even its marker fits: it stays where it was
            lost.append(i)
            placed[i] = True
            continue
        best = np.argmin(far)
        points[i] = x[best], y[best]
        placed[i] = True
        taken[gy[best]:gy[best] + kh, gx[best]:gx[best] + kw] = 1
    return points, sorted(set(crowded)), lost


def fill(positions, width, height):
    """Scale ``positions`` (a dict) independently in x and y to fill ``width`` x ``height``,
    keeping a margin of a tenth; a single node goes to the middle."""
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    low_x, low_y = min(xs), min(ys)
    span_x, span_y = (max(xs) - low_x) or 1.0, (max(ys) - low_y) or 1.0
    return {n: (width * (0.1 + 0.8 * (x - low_x) / span_x if len(xs) > 1 else 0.5),
                height * (0.1 + 0.8 * (y - low_y) / span_y if len(ys) > 1 else 0.5))
            for n, (x, y) in positions.items()}


def place(positions, radii, labels, first, width, height, order=None, follow=None,
          wanted=None, sequence=None):
    """Positions inside the frame and the zoom at which each label is drawn.

    Parameters
    ----------
    positions : dict node -> (x, y)
        Any layout; it is stretched to fill the frame (:func:`fill`), then spread (not when
        ``first`` is empty: a large map keeps its layout, its names wait for zooming in).
    radii : dict node -> float
        Marker radius (frame units).
    labels : dict node -> Label
    first : set
        Nodes whose label must be drawn at first view; their boxes are spread apart. The
        others' markers take room too; their labels go where they fit, at the first zoom of
        :data:`LEVELS` where they overlap no label drawn at that zoom (or never, then
        ``None``: the name is in the tooltip). At most :data:`CANDIDATES` of them are tried,
        in ``order`` (a list of nodes; default: largest marker first).
    width, height : float
        The frame (the drawing area at first view).
    follow : dict node -> list of nodes, optional
        The nodes each node keeps its place beside (see :func:`spread`): a partner its
        actions; it moves as those of them spread before it moved.
    wanted : dict node -> float, optional
        Nodes also named at first view where their label finds room within that many frame
        units of their target (``inf``: anywhere, right after ``first``); the others of them
        get their marker there, and a level like the rest. In a frame too small for them
        and ``first``, those of ``first`` keep their names.
    sequence : list of nodes, optional
        The order of spreading (default: ``first`` before the rest, largest marker first);
        nodes not in it come after, in that default order.

    Returns
    -------
    (positions, levels, crowded)
        ``positions`` node -> (x, y), rounded to 0.1; ``levels`` node -> zoom factor or None;
        ``crowded``: how many nodes of ``first`` found no room for their label at first view
        (0 when the frame is big enough; their labels get a level like the others). No two
        labels drawn at the same zoom overlap.
    """
    import numpy as np

    nodes = sorted(positions)
    index = {n: i for i, n in enumerate(nodes)}
    start = fill(positions, width, height)
    points = np.array([start[n] for n in nodes], dtype=float)
    crowded = []
    if first:
        rank, wanted = {n: k for k, n in enumerate(sequence or ())}, wanted or {}
        plain = sorted(range(len(nodes)), key=lambda i: (
            nodes[i] not in first, wanted.get(nodes[i], 0.0) != np.inf, -radii[nodes[i]],
            nodes[i]))
        anchors = [[index[m] for m in (follow or {}).get(n, ())] for n in nodes]
        limits = np.array([np.inf if n in first else wanted.get(n, 0.0) for n in nodes])
        # rounds: the given sequence with the names of ``wanted``; where the frame is too small
        # for them, ``first`` before the rest with only those of unlimited reach, then without
        # any. Nodes of ``first`` left without room for their name go first in the next try.
        # The best try is kept: fewest names of ``first`` without room, then fewest markers
        # without room (a frame far too small for the map: those stay where the layout put
        # them).
        rounds = [(sorted(plain, key=lambda i: rank.get(nodes[i], len(rank))), set(wanted)),
                  (plain, {n for n, r in wanted.items() if r == np.inf}), (plain, set())]
        best, more = None, bool(wanted or sequence)
        for spread_order, optional in rounds[:3 if more else 1]:
            for _ in range(2 if more else 3):
                result = spread(points, [radii[n] for n in nodes],
                                [labels[n] if n in first or n in optional else None
                                 for n in nodes],
                                width, height, spread_order, anchors, limits)
                crowded = [i for i in result[1] if nodes[i] in first]
                score = (len(crowded), len(result[2]))
                if best is None or score < best[0]:
                    best = (score, result, crowded, optional)
                if not crowded:
                    break
                spread_order = crowded + [i for i in spread_order if i not in crowded]
            if best[0] == (0, 0):
                break
        _, (points, bare, _), crowded, optional = best
        first = set(first) | (optional - {nodes[i] for i in bare})
    first = set(first) - {nodes[i] for i in crowded}
    rest = [n for n in (order or sorted(nodes, key=lambda n: (-radii[n], n))) if n not in first]
    tried = [index[n] for n in sorted(first)] + [index[n] for n in rest[:CANDIDATES]]
    radius = np.array([radii[n] for n in nodes])
    centres, half_w, half_h, _ = _boxes(points[tried], radius[tried],
                                        [labels[nodes[i]] for i in tried])
    drawn = {zoom: np.array([k < len(first) for k in range(len(tried))]) for zoom in LEVELS}

    def free(k, zoom):
        """Whether the label of ``tried[k]`` overlaps no label drawn at ``zoom`` (and, at
        first view, no other node's marker, and lies inside the frame)."""
        near = ((np.abs(centres[k, 0] - centres[:, 0]) * zoom < half_w[k] + half_w + PAD)
                & (np.abs(centres[k, 1] - centres[:, 1]) * zoom < half_h[k] + half_h + PAD))
        if near[drawn[zoom]].any():
            return False
        if zoom == LEVELS[0]:
            inside = (half_w[k] <= centres[k, 0] <= width - half_w[k]
                      and half_h[k] <= centres[k, 1] <= height - half_h[k])
            touch = ((np.abs(centres[k, 0] - points[:, 0]) < half_w[k] + radius)
                     & (np.abs(centres[k, 1] - points[:, 1]) < half_h[k] + radius))
            touch[tried[k]] = False
            return inside and not touch.any()
        return True

    levels = {n: (LEVELS[0] if n in first else None) for n in nodes}
    for k in range(len(first), len(tried)):
        for zoom in LEVELS:
            if free(k, zoom):
                levels[nodes[tried[k]]] = zoom
                for higher in LEVELS[LEVELS.index(zoom):]:
                    drawn[higher][k] = True
                break
    result = {n: (round(float(points[index[n]][0]), 1), round(float(points[index[n]][1]), 1))
              for n in nodes}
    return result, levels, len(crowded)
