"""Static images of the network map (PNG or SVG) for slides and print.

The picture is the HTML map's: the same positions (:func:`rimograph.outputs.maps.layout`), the same
colours and shapes per node type (:data:`rimograph.outputs.labels.TYPE_STYLE`, vis shapes mapped to
matplotlib markers), node size by degree, possible contributions dashed; the legend, a title
and the source are drawn in. matplotlib (Agg) and networkx draw it; matplotlib is imported only
here, when an image is made.

The same graph always gives the same bytes: positions are seeded, nodes and edges drawn in
sorted order, the SVG's ids come from a fixed ``svg.hashsalt`` and carry no date, the PNG no
timestamp.
"""

from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..core.errors import RimographError
from .labels import IMAGE_LABELS, LABELS, TYPE_STYLE, type_label

FORMATS = ("png", "svg")

#: vis-network shapes (labels.TYPE_STYLE) -> matplotlib markers.
MARKERS = {"diamond": "D", "hexagon": "h", "square": "s", "dot": "o", "triangle": "^",
           "triangleDown": "v", "star": "*"}

#: Labels are placed in this order of node type (then by degree, most connected first), each
#: where it overlaps no label placed before it, or not at all.
LABEL_ORDER = ("StrategicGoal", "Theme", "OperationalGoal", "StrategicAction", "Project",
               "Municipality", "Partner", "Neighbourhood", "TargetGroup")
#: Nodes of other types than the first four get a label only from this degree on.
LABEL_MIN_DEGREE = 3

EDGE_OTHER = "#9aa4ad"
EDGE_POSSIBLE = "#d08c40"
EDGE_CERTAIN = "#5f6b76"


def image_format(path) -> str:
    """The image format of ``path`` from its suffix (``png`` or ``svg``).

    Raises :class:`~rimograph.core.errors.RimographError` for any other suffix."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise RimographError(f"{path}: give a file name ending in .png or .svg")
    return suffix


def node_size(degree: int) -> float:
    """The node's marker size in points: grows with degree, capped at degree 20."""
    return 10 + 3 * min(degree, 20) ** 0.8


def _place_labels(fig, ax, graph, positions, degrees):
    """Name the nodes where there is room: in :data:`LABEL_ORDER`, each label below its node,
    else above it (centred, else starting or ending at the node), else not at all; never
    overlapping a label placed before it, never cut by the edge of the picture."""
    import matplotlib.patheffects as effects

    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    halo = [effects.withStroke(linewidth=2.2, foreground="white")]
    rank = {t: i for i, t in enumerate(LABEL_ORDER)}
    candidates = sorted(
        (n for n, t in graph.nodes(data="type")
         if rank.get(t, 99) < 4 or t == "Municipality" or degrees[n] >= LABEL_MIN_DEGREE),
        key=lambda n: (rank.get(graph.nodes[n]["type"], 99), -degrees[n], n))
    placed = []
    for node in candidates:
        data = graph.nodes[node]
        x, y = positions[node]
        gap = node_size(degrees[node]) + 4
        node_rank = rank.get(data["type"], 99)
        for ha in ("center", "left", "right"):
            for dy, va in ((-gap, "top"), (gap, "bottom")):
                text = ax.text(x, y + dy, data["name"], fontsize=6.5 if node_rank < 4 else 5.5,
                               fontweight="bold" if node_rank < 3 else "normal", ha=ha, va=va,
                               color="#1d232a", path_effects=halo, zorder=5)
                extent = text.get_window_extent(renderer).expanded(1.04, 1.1)
                inside = (extent.x0 >= frame.x0 and extent.x1 <= frame.x1
                          and extent.y0 >= frame.y0 and extent.y1 <= frame.y1)
                if inside and not any(extent.overlaps(other) for other in placed):
                    placed.append(extent)
                    break
                text.remove()
            else:
                continue
            break


def draw_map(graph, out, title: str, lang: str = "nl", width: float = 16.0,
             height: float = 9.0, dpi: int = 200) -> Path:
    """Draw ``graph`` (the whole plan or any part of it) and write it to ``out``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        As built by :func:`rimograph.core.model.build_graph`, or a subgraph of it.
    out : path
        ``.png`` or ``.svg``; folders are created, the file is written atomically.
    title : str
        Drawn above the map.
    lang : {"nl", "en"}
        Language of the legend and the credit line.
    width, height : float
        Size in inches (16 x 9: a slide); ``dpi`` applies to PNG.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    RimographError
        When ``out`` is neither .png nor .svg, or the graph is empty.
    """
    import io

    import matplotlib
    import networkx as nx
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from .maps import layout
    from ..core.files import write_atomic

    fmt = image_format(out)
    if graph.number_of_nodes() == 0:
        raise RimographError("nothing to draw: the graph has no nodes")
    words, extra = LABELS[lang], IMAGE_LABELS[lang]
    positions = {n: (x, -y) for n, (x, y) in layout(graph).items()}  # screen y points down
    degrees = dict(graph.degree())

    with matplotlib.rc_context({"svg.hashsalt": "rimograph", "svg.fonttype": "path",
                                "font.family": "DejaVu Sans", "path.simplify": True}):
        fig = Figure(figsize=(width, height), dpi=dpi)
        FigureCanvasAgg(fig)
        box = (0.01, 0.06, 0.78, 0.84)  # left, bottom, width, height (figure fraction)
        ax = fig.add_axes(box)
        ax.set_axis_off()
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        pad = 60.0
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(min(ys) - pad, max(ys) + pad)
        ax.set_aspect("equal", adjustable="box", anchor="C")
        # points per map pixel (equal aspect: the tighter of the two directions), so nodes
        # are sized as on the HTML map
        scale = min(box[2] * width * 72 / (max(xs) - min(xs) + 2 * pad),
                    box[3] * height * 72 / (max(ys) - min(ys) + 2 * pad))

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

        present = [t for t in TYPE_STYLE if any(d == t for _, d in graph.nodes(data="type"))]
        for node_type in present:
            nodes = sorted(n for n, d in graph.nodes(data="type") if d == node_type)
            style = TYPE_STYLE[node_type]
            sizes = [(2 * node_size(degrees[n]) * scale) ** 2 for n in nodes]
            nx.draw_networkx_nodes(graph, positions, nodelist=nodes, ax=ax,
                                   node_shape=MARKERS[style["shape"]], node_color=style["color"],
                                   node_size=sizes, edgecolors="white", linewidths=0.4)

        _place_labels(fig, ax, graph, positions, degrees)

        handles = [Line2D([], [], linestyle="none", marker=MARKERS[TYPE_STYLE[t]["shape"]],
                          markersize=12 if TYPE_STYLE[t]["shape"] == "star" else 9,
                          markerfacecolor=TYPE_STYLE[t]["color"],
                          markeredgecolor="white", label=type_label(t, lang)) for t in present]
        handles += [Line2D([], [], color=EDGE_CERTAIN, linewidth=1.5, label=words["certain"]),
                    Line2D([], [], color=EDGE_POSSIBLE, linewidth=1.5, linestyle="dashed",
                           label=words["possible"]),
                    Line2D([], [], color=EDGE_OTHER, linewidth=1.0, label=extra["other_edges"])]
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.80, 0.92),
                   title=words["legend"], fontsize=9, title_fontsize=11, frameon=False,
                   alignment="left")
        fig.text(0.01, 0.965, title, fontsize=17, fontweight="bold", va="top")
        fig.text(0.01, 0.925, extra["summary"].format(nodes=graph.number_of_nodes(),
                                                      edges=graph.number_of_edges()),
                 fontsize=9, color="#5b6470", va="top")
        fig.text(0.01, 0.02, extra["credit"].format(version=__version__), fontsize=8,
                 color="#5b6470")

        buffer = io.BytesIO()
        if fmt == "svg":
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
        else:
            fig.savefig(buffer, format="png", dpi=dpi, metadata={"Title": title})
    write_atomic(out, buffer.getvalue())
    return Path(out)
