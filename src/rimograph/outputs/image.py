"""Static images of the network map (PNG, SVG or PDF) for slides and print.

The picture is the HTML map's: the same choice of nodes, the same arrangement and label
placement (:func:`rimograph.outputs.maps.labelled_layout`, here in a frame of points on a
13.33 x 7.5 inch slide, so 1 map unit = 1 pt), the same colours and shapes per node type
(:data:`rimograph.outputs.labels.TYPE_STYLE`, vis shapes mapped to matplotlib markers), node
size by degree, possible contributions dashed; the legend, a title and the source are drawn
in. matplotlib (Agg) draws it, in DejaVu Sans (the font the label boxes are measured in),
with a fallback per character for the scripts DejaVu Sans lacks
(:data:`rimograph.outputs.placement.FONT_FALLBACK`);
matplotlib is imported only here, when an image is made.

The same graph always gives the same bytes: positions are seeded, nodes and edges drawn in
sorted order, the SVG's ids come from a fixed ``svg.hashsalt`` and carry no date, the PNG and
PDF no timestamp.
"""

from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..core.errors import RimographError
from ..core.i18n import _
from .labels import IMAGE_LABELS, LABELS, TYPE_STYLE, type_label

FORMATS = ("png", "svg", "pdf")

#: vis-network shapes (labels.TYPE_STYLE) -> matplotlib markers.
MARKERS = {"diamond": "D", "hexagon": "h", "square": "s", "dot": "o", "triangle": "^",
           "triangleDown": "v", "star": "*"}

#: The slide (inches, 16:9: PowerPoint's size) and the drawing area on it (figure fractions:
#: left, bottom, width, height); the legend runs along the bottom.
SLIDE = (13.333, 7.5)
AREA = (0.01, 0.125, 0.98, 0.775)
#: The smallest text on the slide, in points: every name is drawn in it (the focus larger);
#: marker sizes are the map's pixels times ``MIN_POINTS / 12``.
MIN_POINTS = 10

EDGE_OTHER = "#9aa4ad"
EDGE_POSSIBLE = "#d08c40"
EDGE_CERTAIN = "#5f6b76"


def image_format(path) -> str:
    """The image format of ``path`` from its suffix (``png``, ``svg`` or ``pdf``).

    Raises :class:`~rimograph.core.errors.RimographError` for any other suffix."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise RimographError(_("{path}: give a file name ending in .png, .svg or .pdf").format(
            path=path))
    return suffix


def figure(graph, title: str, lang: str = "nl", focus=None, shades=None):
    """The slide as a matplotlib figure, and the label texts drawn on it.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The nodes to draw (a :func:`rimograph.outputs.maps.ordered_subgraph` of the plan).
    title : str
        Drawn above the map (wrapped to two lines when long).
    lang : {"nl", "en"}
        Language of the legend and the credit line.
    focus : str, optional
        The node a focused map is about: drawn largest.
    shades : dict, optional
        :func:`rimograph.outputs.shading.shading` of the graph's municipalities for one need
        indicator: their colours, and its legend drawn at the top right.

    Returns
    -------
    (Figure, list of Text)
        The names drawn, one matplotlib ``Text`` per line (``gid`` = "label <node id>"), for
        measuring their boxes.

    Raises
    ------
    RimographError
        When the graph is empty.
    """
    import textwrap

    import networkx as nx
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from .maps import labelled_layout
    from .placement import GAP, LINE_HEIGHT

    if graph.number_of_nodes() == 0:
        raise RimographError(_("nothing to draw: the graph has no nodes"))
    words, extra = LABELS[lang], IMAGE_LABELS[lang]
    width, height = SLIDE
    frame = (AREA[2] * width * 72, AREA[3] * height * 72)  # points
    positions, labels, radii, levels, _stats = labelled_layout(graph, frame, MIN_POINTS / 12, focus,
                                                          lang, font=12)

    fig = Figure(figsize=SLIDE)
    FigureCanvasAgg(fig)
    ax = fig.add_axes(AREA)
    ax.set_axis_off()
    ax.set_xlim(0, frame[0])
    ax.set_ylim(frame[1], 0)  # y down, as on the map

    styles = {"other": [], "certain": [], "possible": []}
    for u, v, key, data in sorted(graph.edges(keys=True, data=True)):
        if u == v:
            continue
        if key == "CONTRIBUTES_TO":
            styles[data.get("certainty", "certain")].append((u, v))
        else:
            styles["other"].append((u, v))
    for style, color, width_pt, line in (("other", EDGE_OTHER, 0.4, "solid"),
                                          ("certain", EDGE_CERTAIN, 1.0, "solid"),
                                          ("possible", EDGE_POSSIBLE, 1.0, "dashed")):
        if styles[style]:
            nx.draw_networkx_edges(graph, positions, edgelist=styles[style], ax=ax,
                                   edge_color=color, width=width_pt, style=line,
                                   alpha=0.7, arrows=False)

    present = [t for t in TYPE_STYLE if any(d == t for _n, d in graph.nodes(data="type"))]
    for node_type in present:
        nodes = sorted(n for n, d in graph.nodes(data="type") if d == node_type)
        style = TYPE_STYLE[node_type]
        colours = [shades["colors"].get(n, style["color"]) for n in nodes] if shades \
            else style["color"]
        nx.draw_networkx_nodes(graph, positions, nodelist=nodes, ax=ax,
                               node_shape=MARKERS[style["shape"]], node_color=colours,
                               node_size=[(2 * radii[n]) ** 2 for n in nodes],
                               edgecolors="white", linewidths=0.4)

    # a light box behind each name keeps it readable over edges (a stroke "halo" would turn
    # the text into outlines in SVG and PDF)
    backing = {"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 0.3}
    texts = []
    for node in sorted(graph):
        if levels[node] != 1.0:  # names that need zooming in are left out of a still picture
            continue
        x, y = positions[node]
        label = labels[node]
        for i, line in enumerate(label.lines):  # one text per line: line height as measured
            texts.append(ax.text(x, y + radii[node] + GAP + i * label.size * LINE_HEIGHT, line,
                                 fontsize=label.size, va="top", ha="center", color="#1d232a",
                                 fontweight="bold" if label.bold else "normal",
                                 bbox=backing, zorder=5, gid=f"label {node}"))

    handles = [Line2D([], [], linestyle="none", marker=MARKERS[TYPE_STYLE[t]["shape"]],
                      markersize=12 if TYPE_STYLE[t]["shape"] == "star" else 9,
                      markerfacecolor=TYPE_STYLE[t]["color"],
                      markeredgecolor="white", label=type_label(t, lang)) for t in present]
    handles += [Line2D([], [], color=EDGE_CERTAIN, linewidth=1.5, label=words["certain"]),
                Line2D([], [], color=EDGE_POSSIBLE, linewidth=1.5, linestyle="dashed",
                       label=words["possible"]),
                Line2D([], [], color=EDGE_OTHER, linewidth=1.0, label=extra["other_edges"])]
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.005, 0.035),
               ncol=-(-len(handles) // 2), fontsize=MIN_POINTS, frameon=False,
               columnspacing=1.2, handletextpad=0.4)
    if shades:  # the indicator's colours, in one row at the top right
        legend = shades["legend"]
        steps = legend["steps"] + ([legend["none"]] if legend["none"] else [])
        fig.legend(handles=[Line2D([], [], linestyle="none", marker="^", markersize=9,
                                   markerfacecolor=step["color"], markeredgecolor="white",
                                   label=step["label"]) for step in steps],
                   loc="upper right", bbox_to_anchor=(0.995, 0.995), ncol=len(steps),
                   fontsize=MIN_POINTS, title=f"{legend['title']} ({legend['reading']})",
                   title_fontsize=MIN_POINTS, frameon=False, columnspacing=1.0,
                   handletextpad=0.3)
    # a narrower title beside the indicator's legend
    fig.text(0.01, 0.975, "\n".join(textwrap.wrap(title, 45 if shades else 80)[:2]), fontsize=16,
             fontweight="bold", va="top")
    fig.text(0.01, 0.02, extra["summary"].format(nodes=graph.number_of_nodes(),
                                                 edges=graph.number_of_edges(),
                                                 names=len({t.get_gid() for t in texts})) + " "
             + extra["credit"].format(version=__version__), fontsize=MIN_POINTS,
             color="#5b6470")
    return fig, texts


def draw_map(graph, out, title: str, lang: str = "nl", focus=None, dpi: int = 200,
             shades=None) -> Path:
    """Draw ``graph`` as a slide (:func:`figure`, ``shades`` too) and write it to ``out``
    (``.png``, ``.svg`` or ``.pdf``; folders are created, the file is written atomically; PNG
    at ``dpi``).

    Returns ``out``. Raises :class:`~rimograph.core.errors.RimographError` when ``out`` has
    another suffix or the graph is empty."""
    import io

    import matplotlib

    from ..core.files import write_atomic
    from .placement import font_families

    fmt = image_format(out)
    with matplotlib.rc_context({"svg.hashsalt": "rimograph", "svg.fonttype": "none",
                                "pdf.fonttype": 42, "font.family": font_families(),
                                "path.simplify": True}):
        fig, _axes = figure(graph, title, lang, focus, shades)
        buffer = io.BytesIO()
        metadata = {"svg": {"Date": None, "Title": title},
                    "pdf": {"CreationDate": None, "ModDate": None, "Title": title},
                    "png": {"Title": title}}[fmt]
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    write_atomic(out, buffer.getvalue())
    return Path(out)
