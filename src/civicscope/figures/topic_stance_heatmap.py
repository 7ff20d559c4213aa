"""Figure 4, topic × stance: share of cooperation, neutral and confrontation statements per topic.

A statement takes the main topic of its document (statements → doc_topics by doc_id).
"""

from __future__ import annotations

import logging
from typing import Any, Mapping

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from civicscope.figures import Options
from civicscope.figures.common import read_csv, read_parquet, topic_display
from civicscope.figures.style import STANCE_COLOURS, Style, empty_figure

logger = logging.getLogger(__name__)

INPUTS = {"statements": True, "doc_topics": True, "topic_info": True}
COLUMNS = ["topic", "label", "stance", "n_statements", "n_topic", "share", "index"]
SORT_BY = ["topic", "stance"]
STANCES = ["cooperation", "neutral", "confrontation"]


def read(paths: Mapping[str, str]) -> dict[str, Any]:
    """Read statement stances, document topics and topic labels."""
    return {
        "statements": read_parquet(paths["statements"], ["sent_id", "doc_id", "stance"]),
        "doc_topics": read_parquet(paths["doc_topics"], ["doc_id", "topic"]),
        "topic_info": read_csv(paths["topic_info"], ["label"]),
    }


def tidy(tables: Mapping[str, Any], options: Options) -> pd.DataFrame:
    """Statements per topic and stance; share within the topic; the topic's stance index on every row."""
    merged = tables["statements"].merge(tables["doc_topics"], on="doc_id", how="inner")
    merged = merged[merged["stance"].isin(STANCES)]
    if merged.empty:
        return pd.DataFrame(columns=COLUMNS)
    topics = sorted(merged["topic"].astype(int).unique())
    counts = merged.groupby(["topic", "stance"]).size()
    grid = counts.reindex(pd.MultiIndex.from_product([topics, STANCES], names=["topic", "stance"]), fill_value=0)
    data = grid.rename("n_statements").reset_index()
    data["n_topic"] = data.groupby("topic")["n_statements"].transform("sum").astype(int)
    data["share"] = (data["n_statements"] / data["n_topic"]).round(4)
    wide = data.pivot(index="topic", columns="stance", values="n_statements")
    coop, conf = wide["cooperation"], wide["confrontation"]
    index = ((coop - conf) / (coop + conf).replace(0, np.nan)).round(4)
    data["index"] = data["topic"].map(index)
    labels = dict(zip(tables["topic_info"]["topic"].astype(int), tables["topic_info"]["label"]))
    data["label"] = data["topic"].map(lambda t: labels.get(int(t), ""))
    logger.info("topic x stance: %d statements in %d topics", int(data["n_statements"].sum()), len(topics))
    return data[COLUMNS].sort_values(SORT_BY, kind="mergesort").reset_index(drop=True)


def plot(data: pd.DataFrame, style: Style) -> Figure:
    """Heat map of shares, one column per stance; each column has its stance colour, value printed in cells."""
    if data.empty:
        return empty_figure(style, style.text("topic"))
    topics = sorted(data["topic"].unique(), key=lambda t: (t == -1, t))
    grid = data.pivot(index="topic", columns="stance", values="share").reindex(index=topics, columns=STANCES)
    meta = data.drop_duplicates("topic").set_index("topic")
    fig = style.figure(20 + 5.2 * len(topics))
    ax = fig.add_subplot()
    # One colour ramp per column: colour always says which stance, depth says how much.
    for j, stance in enumerate(STANCES):
        cmap = LinearSegmentedColormap.from_list(stance, ["#FFFFFF", STANCE_COLOURS[stance]])
        column = np.full(grid.shape, np.nan)
        column[:, j] = grid[stance].to_numpy(dtype=float)
        ax.imshow(np.ma.masked_invalid(column), aspect="auto", cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    for i, topic in enumerate(topics):
        for j, stance in enumerate(STANCES):
            value = float(grid.loc[topic, stance])
            ax.text(j, i, f"{100 * value:.0f}", ha="center", va="center", fontsize=6,
                    color="white" if value > 0.6 else "#222222")
    ax.set_yticks(range(len(topics)), [topic_display(t, meta.loc[t, "label"], style.text("outliers")) for t in topics])
    right = ax.secondary_yaxis("right")
    right.set_yticks(range(len(topics)), [f"n = {int(meta.loc[t, 'n_topic'])}" for t in topics], color="#555555")
    right.tick_params(length=0)
    right.spines["right"].set_visible(False)
    ax.set_xticks(range(len(STANCES)), [style.code(s) for s in STANCES])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(style.text("share_statements"))
    ax.xaxis.set_label_position("bottom")
    return fig
