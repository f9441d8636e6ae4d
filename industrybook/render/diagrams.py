"""Flow and chain diagrams generated from flows.csv and entities.csv with graphviz, framed as charts.

Graphviz lays the graph out; matplotlib draws it from graphviz's drawing instructions (xdot, in
the ``json`` output), so a diagram is vector in the SVG and the PDF like every other chart, in the
charts' font, and its text sizes are checked like theirs."""
from __future__ import annotations

import html
import json
import math

import graphviz
import pandas as pd
from matplotlib.patches import Ellipse, PathPatch, Polygon
from matplotlib.path import Path

from industrybook.render.collisions import TOUCH_PT
from industrybook.render.style import DIAGRAM_FONT, FONT_FAMILY, INK, MIN_FONT_PT, THEME_COLOURS, WIDTH_IN, Chart, chart, chart_data
from industrybook.text.facts import source_label

FONT = DIAGRAM_FONT  # graphviz measures labels in it: Latin and Chinese, wider than the charts' Latin face
EDGE_LABEL_KEYS = ("_ldraw_", "_hldraw_", "_tldraw_")
ALIGN = {"l": "left", "c": "center", "r": "right"}
DASHES = {"dashed": "--", "dotted": ":", "solid": "-"}


def node_label(entity: pd.Series) -> str:
    return f"{entity['name_zh']}\n{entity['name_en']}"


# dot sets an edge's label flush against the edge, which passes along one of the label's sides across
# the rank direction (left or right of it top to bottom, below or above it left to right), and another
# edge may pass the other: empty cells a line's touching distance deep on both sides keep them clear
EDGE_LABEL_GAP_PT = math.ceil(TOUCH_PT)


def edge_label(lines, rankdir: str = "LR") -> str:
    """An edge's label as graphviz's HTML-like label: the lines, one under another, centred, in a
    borderless table with an empty cell each side across the rank direction (the gap to the edges)."""
    rows = "<br/>".join(html.escape(part) for line in lines for part in line.split("\n"))
    if rankdir in ("TB", "BT"):
        gap = f'<td width="{EDGE_LABEL_GAP_PT}"></td>'
        cells = f"<tr>{gap}<td>{rows}</td>{gap}</tr>"
    else:
        gap = f'<tr><td height="{EDGE_LABEL_GAP_PT}"></td></tr>'
        cells = f"{gap}<tr><td>{rows}</td></tr>{gap}"
    return f'<<table border="0" cellborder="0" cellspacing="0" cellpadding="0">{cells}</table>>'


def select_flows(flows: pd.DataFrame, flow_ids: list[str]) -> pd.DataFrame:
    """The named flows, in the order given; a KeyError names any id missing from flows.csv."""
    missing = [f for f in flow_ids if f not in flows.index]
    if missing:
        raise KeyError(f"flows not in flows.csv: {missing}")
    return flows.loc[flow_ids]


def flow_graph(flows: pd.DataFrame, entities: pd.DataFrame, rankdir: str = "LR") -> graphviz.Digraph:
    """A directed graph, one node an entity (Chinese and English name), one edge a flow
    labelled with its material in Chinese and English (see edge_label)."""
    missing = (set(flows["from_entity"]) | set(flows["to_entity"])) - set(entities.index)
    if missing:
        raise KeyError(f"flows name entities not in entities.csv: {sorted(missing)}")
    g = graphviz.Digraph(graph_attr={"rankdir": rankdir, "fontname": FONT, "bgcolor": "white", "nodesep": "0.25",
                                     "ranksep": "0.45", "pad": "0.1"},
                         node_attr={"shape": "box", "style": "rounded,filled", "fontname": FONT, "fontsize": "10",
                                    "color": "#666666", "fillcolor": "#f4f4f4", "margin": "0.14,0.07"},
                         edge_attr={"fontname": FONT, "fontsize": "8.5", "color": "#444444", "fontcolor": INK})
    used = pd.unique(pd.concat([flows["from_entity"], flows["to_entity"]]))
    for entity_id in used:
        e = entities.loc[entity_id]
        colour = THEME_COLOURS.get(e.get("theme"), "#666666") if isinstance(e.get("theme"), str) else "#666666"
        g.node(entity_id, node_label(e), color=colour, penwidth="1.4")
    for _, f in flows.iterrows():
        style = "dashed" if f["mode"] == "pipeline" else "solid"
        g.edge(f["from_entity"], f["to_entity"], label=edge_label([f["material_zh"], f["material_en"]], rankdir),
               style=style)
    return g


def flows_data(db, flows: pd.DataFrame) -> pd.DataFrame:
    """A flow diagram's chart data: one row a flow of flows.csv it draws (id, supplier, user, mode,
    source id), ``label`` the material as the edge writes it, Chinese then English. Flows carry no
    fact, so ``fact_ids`` is empty and ``source`` names the flow's page."""
    names = db.entities["name_en"]
    frame = pd.DataFrame({"flow_id": list(flows.index), "from": list(flows["from_entity"].map(names)),
                          "to": list(flows["to_entity"].map(names)),
                          "label": list(flows["material_zh"] + "\n" + flows["material_en"]),
                          "mode": list(flows["mode"]), "source_id": list(flows["source_id"])})
    data = chart_data(db, frame, [[] for _ in range(len(frame))], "none: a link, no quantity")
    data["source"] = [source_label(db, s) for s in frame["source_id"]]
    return data


def layout(graph: graphviz.Digraph) -> dict:
    """Graphviz's layout and drawing instructions for ``graph`` (sizes in points)."""
    return json.loads(graph.pipe(format="json"))


def _colour(value: str) -> str:
    return "none" if value in ("transparent", "none") else value


def draw_xdot(ax, ops: list[dict], scale: float, zorder: float, backed: bool = False) -> None:
    """Draw one xdot instruction list (shapes, curves, text) into ``ax`` in graph points;
    ``scale`` converts graph points to printed points (for line widths and font sizes). Texts are
    set in the charts' families (graphviz measured them in the wider FONT, so they fit their
    place); ``backed`` texts (an edge's label) on white, over any arrow that passes them."""
    pen, fill, width, dash, font_size = "black", "none", 1.0, "-", 14.0
    for op in ops:
        kind = op["op"]
        if kind == "c":
            pen = _colour(op["color"])
        elif kind == "C":
            fill = _colour(op["color"])
        elif kind == "S":
            style = op["style"]
            if style.startswith("setlinewidth("):
                width = float(style[len("setlinewidth("):-1])
            elif style in DASHES:
                dash = DASHES[style]
        elif kind == "F":
            font_size = float(op["size"])
        elif kind in "bB":
            points = op["points"]
            codes = [Path.MOVETO] + [Path.CURVE4] * (len(points) - 1)
            ax.add_patch(PathPatch(Path(points, codes), facecolor=fill if kind == "b" else "none", edgecolor=pen,
                                   lw=width * scale, ls=dash, zorder=zorder))
        elif kind in "pP":
            ax.add_patch(Polygon(op["points"], closed=True, facecolor=fill if kind == "P" else "none",
                                 edgecolor=pen, lw=width * scale, ls="-", zorder=zorder))
        elif kind == "L":
            xs, ys = zip(*op["points"])
            ax.plot(xs, ys, color=pen, lw=width * scale, ls=dash, zorder=zorder)
        elif kind in "eE":
            (x, y), (rx, ry) = op["rect"][:2], op["rect"][2:]
            ax.add_patch(Ellipse((x, y), 2 * rx, 2 * ry, facecolor=fill if kind == "E" else "none",
                                 edgecolor=pen, lw=width * scale, zorder=zorder))
        elif kind == "T":
            backing = {"bbox": {"facecolor": "white", "edgecolor": "none", "pad": 0.5}} if backed else {}
            ax.text(*op["pt"], op["text"], ha=ALIGN[op["align"]], va="baseline", fontsize=font_size * scale,
                    color=pen, family=FONT_FAMILY, zorder=zorder + 0.5, **backing)


def draw_graph(ax, drawing: dict, scale: float) -> None:
    """Clusters under edges under nodes, as graphviz paints them."""
    objects = drawing.get("objects", [])
    clusters = [o for o in objects if str(o.get("name", "")).startswith("cluster")]
    nodes = [o for o in objects if o not in clusters and "nodes" not in o]
    edges = drawing.get("edges", [])
    layers = [[drawing]] + [clusters, edges, nodes]
    for depth, items in enumerate(layers):
        for item in items:
            for key in ("_draw_", "_hdraw_", "_tdraw_", "_ldraw_", "_hldraw_", "_tldraw_"):
                if key in item:
                    draw_xdot(ax, item[key], scale, zorder=1 + depth,
                              backed=items is edges and key in EDGE_LABEL_KEYS)
    x0, y0, x1, y1 = (float(v) for v in drawing["bb"].split(","))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()


def smallest_font(drawing: dict) -> float:
    """The smallest font size the drawing asks for, graph points."""
    items = [drawing] + drawing.get("objects", []) + drawing.get("edges", [])
    sizes = [float(op["size"]) for item in items for key, ops in item.items() if key.endswith("draw_")
             for op in ops if op["op"] == "F"]
    return min(sizes, default=14.0)


def diagram_chart(graph: graphviz.Digraph, title: str, subtitle: str, source_line: str, alt: str,
                  width: float = WIDTH_IN, max_height: float = 8.0) -> Chart:
    """The graph drawn inside a house-style frame (title, subtitle, source line), as vectors.

    The drawing is at most ``width`` (less a margin) wide and ``max_height`` high (inches), shrunk
    from graphviz's natural size if need be. A drawing that would shrink its smallest text below
    the print minimum is refused: lay the graph out more compactly (wrap labels, top to bottom)."""
    drawing = layout(graph)
    x0, y0, x1, y1 = (float(v) for v in drawing["bb"].split(","))
    natural_w, natural_h = (x1 - x0) / 72, (y1 - y0) / 72
    side = 0.01  # of the figure width, each side
    scale = min(1.0, width * (1 - 2 * side) / natural_w, max_height / natural_h)
    if smallest_font(drawing) * scale < MIN_FONT_PT - 1e-6:
        raise ValueError(f"the diagram must shrink to {scale:.0%} to fit, so its {smallest_font(drawing):g} pt "
                         f"labels would print below {MIN_FONT_PT:.1f} pt: make the graph narrower")
    c = chart(title, subtitle, source_line, alt, height=max(1.5, natural_h * scale), width=width)
    # placed by hand, not by the layout engine, so that one graph point is exactly ``scale`` points
    left, bottom, _, area = c.fig.get_layout_engine().get()["rect"]
    c.fig.set_layout_engine("none")
    c.ax.set_position((side, bottom, 1 - 2 * side, area))
    draw_graph(c.ax, drawing, scale)
    return c
