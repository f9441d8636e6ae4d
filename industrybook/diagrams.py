"""Flow and chain diagrams generated from flows.csv and entities.csv with graphviz, framed as charts."""
from __future__ import annotations

import io

import graphviz
import matplotlib.image as mpimg
import pandas as pd

from industrybook.style import DPI, THEME_COLOURS, WIDTH_IN, Chart, chart

FONT = "Noto Sans CJK SC"  # carries Latin and Chinese glyphs, so labels mix both


def node_label(entity: pd.Series) -> str:
    return f"{entity['name_zh']}\n{entity['name_en']}"


def flow_graph(flows: pd.DataFrame, entities: pd.DataFrame, rankdir: str = "LR") -> graphviz.Digraph:
    """A directed graph, one node an entity (Chinese and English name), one edge a flow
    labelled with its material in Chinese and English."""
    missing = (set(flows["from_entity"]) | set(flows["to_entity"])) - set(entities.index)
    if missing:
        raise KeyError(f"flows name entities not in entities.csv: {sorted(missing)}")
    g = graphviz.Digraph(graph_attr={"rankdir": rankdir, "fontname": FONT, "bgcolor": "white", "nodesep": "0.25",
                                     "ranksep": "0.45", "pad": "0.1"},
                         node_attr={"shape": "box", "style": "rounded,filled", "fontname": FONT, "fontsize": "10",
                                    "color": "#666666", "fillcolor": "#f4f4f4", "margin": "0.14,0.07"},
                         edge_attr={"fontname": FONT, "fontsize": "8.5", "color": "#444444", "fontcolor": "#222222"})
    used = pd.unique(pd.concat([flows["from_entity"], flows["to_entity"]]))
    for entity_id in used:
        e = entities.loc[entity_id]
        colour = THEME_COLOURS.get(e.get("theme"), "#666666") if isinstance(e.get("theme"), str) else "#666666"
        g.node(entity_id, node_label(e), color=colour, penwidth="1.4")
    for _, f in flows.iterrows():
        style = "dashed" if f["mode"] == "pipeline" else "solid"
        g.edge(f["from_entity"], f["to_entity"], label=f"{f['material_zh']}\n{f['material_en']}", style=style)
    return g


def diagram_chart(graph: graphviz.Digraph, title: str, subtitle: str, source_line: str, alt: str,
                  width: float = WIDTH_IN, max_height: float = 8.0, scale: int = 2) -> Chart:
    """The graph drawn inside a house-style frame (title, subtitle, source line).

    The graph is rendered at its natural size and ``scale`` times the house resolution, then shrunk
    to the page by matplotlib with antialiasing: asking graphviz to shrink a wide graph itself (its
    ``size`` attribute) spaces the glyphs of small labels unevenly. The drawing is at most ``width``
    wide and ``max_height`` high (inches)."""
    g = graph.copy()
    g.graph_attr.update(dpi=str(DPI * scale))
    img = mpimg.imread(io.BytesIO(g.pipe(format="png")), format="png")
    h_px, w_px = img.shape[:2]
    natural_w, natural_h = w_px / (DPI * scale), h_px / (DPI * scale)
    shrink = min(1.0, (width - 0.2) / natural_w, max_height / natural_h)
    height = max(1.5, natural_h * shrink)
    c = chart(title, subtitle, source_line, alt, height=height, width=width)
    c.ax.imshow(img, interpolation="antialiased")
    c.ax.set_axis_off()
    return c
