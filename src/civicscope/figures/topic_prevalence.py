"""Figure 3, topic prevalence over time: share of each period's documents whose main topic is each topic."""

from __future__ import annotations

import logging
from typing import Any, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from civicscope.figures import Options
from civicscope.figures.common import kept_documents, period_position, read_csv, read_parquet, topic_display
from civicscope.figures.style import SEQUENTIAL, Style, empty_figure
from civicscope.topics.tables import period_of

logger = logging.getLogger(__name__)

INPUTS = {"doc_topics": True, "documents": True, "topic_info": True}
COLUMNS = ["topic", "label", "period", "x", "n_documents", "n_period", "share"]
SORT_BY = ["topic", "x", "period"]


def read(paths: Mapping[str, str]) -> dict[str, Any]:
    """Read document topics, document dates and topic labels."""
    return {
        "doc_topics": read_parquet(paths["doc_topics"], ["doc_id", "topic"]),
        "documents": read_parquet(paths["documents"], ["doc_id", "date", "year", "dup_of"]),
        "topic_info": read_csv(paths["topic_info"], ["label"]),
    }


def tidy(tables: Mapping[str, Any], options: Options) -> pd.DataFrame:
    """Documents per topic and period, and their share of the period's documents (outliers included).

    Every (topic, period) cell is present, zeros included, so the CSV is the full grid drawn.
    """
    docs = tables["documents"]
    docs = kept_documents(docs)
    merged = tables["doc_topics"].merge(docs, on="doc_id", how="inner")
    merged["period"] = [period_of(d, y, options.period) for d, y in zip(merged["date"], merged["year"])]
    dated = merged[merged["period"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=COLUMNS)
    counts = dated.groupby(["topic", "period"]).size()
    topics = sorted(set(dated["topic"].astype(int)) | set(tables["topic_info"]["topic"].astype(int)))
    periods = sorted(dated["period"].unique(), key=period_position)
    grid = counts.reindex(pd.MultiIndex.from_product([topics, periods], names=["topic", "period"]), fill_value=0)
    data = grid.rename("n_documents").reset_index()
    totals = dated.groupby("period").size()
    data["n_period"] = data["period"].map(totals).astype(int)
    data["share"] = (data["n_documents"] / data["n_period"]).round(4)
    labels = dict(zip(tables["topic_info"]["topic"].astype(int), tables["topic_info"]["label"]))
    data["label"] = data["topic"].map(lambda t: labels.get(int(t), ""))
    data["x"] = data["period"].map(period_position)
    logger.info("topic prevalence: %d topics x %d periods, %d dated documents", len(topics), len(periods), len(dated))
    return data[COLUMNS].sort_values(SORT_BY, kind="mergesort").reset_index(drop=True)


def plot(data: pd.DataFrame, style: Style) -> Figure:
    """Heat map: topics (rows, outliers last) by periods (columns), colour = share, value printed when it fits."""
    if data.empty:
        return empty_figure(style, style.text("topic"))
    topics = sorted(data["topic"].unique(), key=lambda t: (t == -1, t))
    periods = sorted(data["period"].unique(), key=period_position)
    grid = data.pivot(index="topic", columns="period", values="share").reindex(index=topics, columns=periods)
    labels = dict(zip(data["topic"], data["label"]))
    fig = style.figure(22 + 5.2 * len(topics))
    ax = fig.add_subplot()
    image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap=SEQUENTIAL, vmin=0, vmax=max(0.05, float(np.nanmax(grid.to_numpy()))),
                      interpolation="nearest")
    ax.set_yticks(range(len(topics)), [topic_display(t, labels.get(t, ""), style.text("outliers")) for t in topics])
    ax.set_xticks(range(len(periods)), periods, rotation=90 if len(periods) > 16 else 0)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(style.text("period"))
    counts = data.drop_duplicates("period").set_index("period")["n_period"]
    # Period totals above the columns: a share of 0.5 of 2 documents is not one of 200.
    top = ax.secondary_xaxis("top")
    upright = len(periods) <= 16
    top.set_xticks(range(len(periods)), [f"n={int(counts[p])}" for p in periods], rotation=0 if upright else 90,
                   fontsize="x-small", color="#555555")
    top.tick_params(length=0)
    top.spines["top"].set_visible(False)
    ax.set_title(style.text("share_docs"), loc="left", fontweight="normal", pad=10)
    if len(periods) <= 16:
        threshold = 0.6 * float(np.nanmax(grid.to_numpy()))
        for i, topic in enumerate(topics):
            for j, period in enumerate(periods):
                value = grid.loc[topic, period]
                if value > 0:
                    ax.text(j, i, f"{100 * value:.0f}", ha="center", va="center", fontsize=5,
                            color="white" if value > threshold else "#222222")
    bar = fig.colorbar(image, ax=ax, shrink=0.8, aspect=25, pad=0.01)
    bar.ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0, symbol=""))
    bar.outline.set_visible(False)
    return fig
