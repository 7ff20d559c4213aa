"""Figure 5, the signed actor network: who speaks of whom, and how (source → target statements).

Layout is fixed, not simulated: platform-side actors in the left column (most statements on top),
institution-side and other actors in the right column, each placed at the mean height of the actors
it is linked to (one barycentre pass), which keeps crossings few and the drawing identical run to run.
"""

from __future__ import annotations

import logging
from typing import Any, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from civicscope.figures import Options
from civicscope.figures.style import SIDE_COLOURS, STANCE_COLOURS, Style, empty_figure

logger = logging.getLogger(__name__)

INPUTS = {"network": True}
COLUMNS = [
    "source", "source_label", "source_side", "source_is_group", "source_x", "source_y",
    "target", "target_label", "target_side", "target_is_group", "target_x", "target_y",
    "weight", "n_coop", "n_conf", "n_neutral", "stance_index", "dominant",
]
SORT_BY = ["source", "target"]
ROW_MM = 4.6  # vertical room per actor: labels at 6.5 pt never touch
DOMINANT = ["cooperation", "confrontation", "balanced", "neutral"]


def read(paths: Mapping[str, str]) -> dict[str, Any]:
    """Read the stance network (GEXF written by the stance stage)."""
    import networkx as nx

    return {"network": nx.read_gexf(paths["network"], node_type=str)}


def _edges(graph: Any) -> pd.DataFrame:
    rows = []
    for src, dst, attrs in graph.edges(data=True):
        rows.append({
            "source": src, "target": dst,
            "weight": int(attrs.get("weight", 0)), "n_coop": int(attrs.get("n_coop", 0)),
            "n_conf": int(attrs.get("n_conf", 0)), "n_neutral": int(attrs.get("n_neutral", 0)),
            "stance_index": float(attrs.get("stance_index", 0.0)), "dominant": str(attrs.get("dominant", "balanced")),
        })
    return pd.DataFrame(rows, columns=["source", "target", "weight", "n_coop", "n_conf", "n_neutral", "stance_index", "dominant"])


def _column_positions(left: list[str], right: list[str], edges: pd.DataFrame, strength: pd.Series) -> dict[str, float]:
    """y in [0, 1] (1 = top): left column by statements, right column by barycentre of its neighbours."""
    n = max(len(left), len(right), 2)
    step = 1.0 / (n - 1)

    def spread(nodes: list[str]) -> dict[str, float]:
        top = 0.5 + step * (len(nodes) - 1) / 2
        return {node: top - i * step for i, node in enumerate(nodes)}

    left_sorted = sorted(left, key=lambda a: (-strength.get(a, 0), a))
    y = spread(left_sorted)
    centre: dict[str, float] = {}
    for node in right:
        links = edges[(edges["target"] == node) | (edges["source"] == node)]
        others = [b if a == node else a for a, b in zip(links["source"], links["target"])]
        weights = links["weight"].to_numpy(dtype=float)
        heights = np.array([y.get(o, 0.5) for o in others])
        centre[node] = float(np.average(heights, weights=weights)) if weights.sum() else 0.5
    y.update(spread(sorted(right, key=lambda a: (-centre[a], -strength.get(a, 0), a))))
    return y


def tidy(tables: Mapping[str, Any], options: Options) -> pd.DataFrame:
    """Edges among the ``options.max_nodes`` actors with most statements, with their drawn positions.

    ``attrs["hidden"]`` holds the number of actors left out.
    """
    graph = tables["network"]
    edges = _edges(graph)
    edges = edges[edges["weight"] > 0]
    if edges.empty:
        data = pd.DataFrame(columns=COLUMNS)
        data.attrs["hidden"] = 0
        return data
    strength = pd.concat([edges.groupby("source")["weight"].sum(), edges.groupby("target")["weight"].sum()]).groupby(level=0).sum()
    ranked = sorted(strength.index, key=lambda a: (-int(strength[a]), a))
    kept = set(ranked[: max(2, options.max_nodes)])
    edges = edges[edges["source"].isin(kept) & edges["target"].isin(kept)].reset_index(drop=True)
    # An edge with only neutral statements is not "balanced" between cooperation and confrontation.
    edges.loc[(edges["n_coop"] == 0) & (edges["n_conf"] == 0), "dominant"] = "neutral"
    nodes = sorted(set(edges["source"]) | set(edges["target"]))
    attrs = {n: graph.nodes[n] for n in nodes}
    side = {n: str(attrs[n].get("side", "") or "") for n in nodes}
    left = [n for n in nodes if side[n] == "platform"]
    right = [n for n in nodes if side[n] != "platform"]
    y = _column_positions(left, right, edges, strength)
    x = {n: 0.0 if n in left else 1.0 for n in nodes}
    for end in ("source", "target"):
        edges[f"{end}_label"] = edges[end].map(lambda n: str(attrs[n].get("label", n) or n))
        edges[f"{end}_side"] = edges[end].map(side)
        edges[f"{end}_is_group"] = edges[end].map(lambda n: str(attrs[n].get("is_group", False)).lower() == "true")
        edges[f"{end}_x"] = edges[end].map(x)
        edges[f"{end}_y"] = edges[end].map(y).round(6)
    data = edges[COLUMNS].sort_values(SORT_BY, kind="mergesort").reset_index(drop=True)
    data.attrs["hidden"] = len(strength) - len(nodes)
    logger.info("stance network: %d actors, %d edges drawn, %d actors hidden", len(nodes), len(data), data.attrs["hidden"])
    return data


def _nodes(data: pd.DataFrame) -> pd.DataFrame:
    ends = []
    for end in ("source", "target"):
        part = data[[end, f"{end}_label", f"{end}_side", f"{end}_is_group", f"{end}_x", f"{end}_y", "weight"]]
        ends.append(part.set_axis(["node", "label", "side", "is_group", "x", "y", "weight"], axis=1))
    nodes = pd.concat(ends).groupby(["node", "label", "side", "is_group", "x", "y"], as_index=False)["weight"].sum()
    return nodes.sort_values(["x", "y", "node"], ascending=[True, False, True], kind="mergesort")


def plot(data: pd.DataFrame, style: Style) -> Figure:
    """Two columns of actors, edges coloured by dominant stance and as wide as their statement count."""
    if data.empty:
        return empty_figure(style, style.text("edge_legend"))
    nodes = _nodes(data)
    rows = int(max((nodes["x"] == 0).sum(), (nodes["x"] == 1).sum()))
    fig = style.figure(28 + ROW_MM * max(rows, 4))
    ax = fig.add_subplot()
    max_w = float(data["weight"].max())
    order = data.sort_values(["weight", "source", "target"], kind="mergesort")  # heaviest edges drawn on top
    for row in order.itertuples(index=False):
        ax.plot([row.source_x, row.target_x], [row.source_y, row.target_y], color=STANCE_COLOURS.get(row.dominant, "#999999"),
                linewidth=0.5 + 3.5 * row.weight / max_w, alpha=0.75, solid_capstyle="butt", zorder=1)
    max_n = float(nodes["weight"].max())
    ax.scatter(nodes["x"], nodes["y"], s=12 + 60 * nodes["weight"] / max_n, c=[SIDE_COLOURS.get(s, "#CCCCCC") for s in nodes["side"]],
               edgecolors="#333333", linewidths=0.4, zorder=2)
    for node in nodes.itertuples(index=False):
        left = node.x == 0
        ax.annotate(node.label, (node.x, node.y), xytext=(-6 if left else 6, 0), textcoords="offset points",
                    ha="right" if left else "left", va="center", fontsize=6.5,
                    fontstyle="italic" if node.is_group else "normal")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(float(nodes["y"].min()) - 0.04, float(nodes["y"].max()) + 0.04)
    ax.set_axis_off()
    handles = [Line2D([], [], color=STANCE_COLOURS[d], linewidth=2.2, label=style.code(d)) for d in DOMINANT if d in set(data["dominant"])]
    sides = [s for s in ("platform", "institution", "other") if s in set(nodes["side"])]
    handles += [Line2D([], [], marker="o", linestyle="", markerfacecolor=SIDE_COLOURS[s], markeredgecolor="#333333",
                       markeredgewidth=0.4, markersize=5, label=style.text(f"side_{s}")) for s in sides]
    note = style.text("width_note")
    if nodes["is_group"].any():
        note += " · " + style.text("group_note")
    hidden = int(data.attrs.get("hidden", 0))
    if hidden:
        note += " · " + style.text("hidden_nodes", n=hidden)
    # The notes go in the legend's title line: one centred block that the layout keeps inside the figure.
    legend = fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), handlelength=1.6,
                        columnspacing=1.4, title=note, title_fontsize="small")
    legend.get_title().set_color("#555555")
    return fig
