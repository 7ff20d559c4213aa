"""Figure 7, topic-model quality: coherence (NPMI) and diversity of BERTopic against LDA and NMF."""

from __future__ import annotations

import logging
from typing import Any, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from civicscope.figures import Options
from civicscope.figures.common import panel_title, read_csv
from civicscope.figures.style import CYCLE, Style, empty_figure

logger = logging.getLogger(__name__)

INPUTS = {"topic_quality": True}
COLUMNS = ["model", "n_topics", "metric", "value"]
SORT_BY = ["metric", "model"]
MODEL_ORDER = ["bertopic", "lda", "nmf"]
METRICS = [("npmi", "npmi"), ("diversity", "diversity")]


def read(paths: Mapping[str, str]) -> dict[str, Any]:
    """Read the topic quality table."""
    return {"topic_quality": read_csv(paths["topic_quality"], ["model"])}


def tidy(tables: Mapping[str, Any], options: Options) -> pd.DataFrame:
    """One row per model and metric (npmi, diversity)."""
    table = tables["topic_quality"]
    if table.empty:
        return pd.DataFrame(columns=COLUMNS)
    long = table.melt(id_vars=["model", "n_topics"], value_vars=[m for m, _ in METRICS if m in table], var_name="metric")
    long["value"] = pd.to_numeric(long["value"], errors="coerce").round(4)
    long["n_topics"] = pd.to_numeric(long["n_topics"], errors="coerce").fillna(0).astype(int)
    return long[COLUMNS].sort_values(SORT_BY, kind="mergesort").reset_index(drop=True)


def plot(data: pd.DataFrame, style: Style) -> Figure:
    """Two bar panels (NPMI, diversity), one bar per model, the number of topics under each model name."""
    if data.empty:
        return empty_figure(style, style.text("npmi"))
    models = sorted(data["model"].unique(), key=lambda m: (MODEL_ORDER.index(m) if m in MODEL_ORDER else 9, m))
    n_topics = data.drop_duplicates("model").set_index("model")["n_topics"]
    fig = style.figure(55)
    axes = fig.subplots(1, len(METRICS))
    for ax, letter, (metric, key) in zip(axes, "ab", METRICS):
        part = data[data["metric"] == metric].set_index("model")["value"].reindex(models)
        values = part.to_numpy(dtype=float)
        ax.bar(range(len(models)), np.nan_to_num(values), width=0.6, color=[CYCLE[i % len(CYCLE)] for i in range(len(models))])
        for i, value in enumerate(values):
            if not np.isnan(value):
                ax.annotate(f"{value:.2f}", (i, value), xytext=(0, 2 if value >= 0 else -2), textcoords="offset points",
                            ha="center", va="bottom" if value >= 0 else "top", fontsize=6)
        ax.set_xticks(range(len(models)), [f"{style.code(m)}\n{style.text('n_topics', n=int(n_topics[m]))}" for m in models])
        ax.tick_params(axis="x", length=0)
        ax.axhline(0, color="#555555", linewidth=0.6)
        if metric == "diversity":
            ax.set_ylim(0, 1.08)
        else:
            finite = values[~np.isnan(values)]
            low = min(0.0, float(finite.min()) if len(finite) else 0.0)
            high = max(0.05, float(finite.max()) if len(finite) else 0.05)
            ax.set_ylim(low - 0.1 * (high - low) if low < 0 else 0, high + 0.15 * (high - low))
        panel_title(ax, letter, style.text(key))
    return fig
