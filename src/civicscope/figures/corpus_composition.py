"""Figure 1, corpus composition: documents per year by genre (a) and by language (b), duplicates excluded."""

from __future__ import annotations

import logging
from typing import Any, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from civicscope.figures import Options
from civicscope.figures.common import is_blank, kept_documents, panel_title, read_parquet
from civicscope.figures.style import Style, colour_for, empty_figure

logger = logging.getLogger(__name__)

INPUTS = {"documents": True}
COLUMNS = ["panel", "year", "group", "n_documents"]
SORT_BY = ["panel", "year", "group"]
PANELS = (("genre", "by_genre"), ("lang", "by_language"))
GENRE_ORDER = ["blog", "press_release", "report", "news", "other", "unknown"]


def read(paths: Mapping[str, str]) -> dict[str, Any]:
    """Read the documents table (only the columns drawn)."""
    return {"documents": read_parquet(paths["documents"], ["doc_id", "genre", "lang", "year", "dup_of"])}


def tidy(tables: Mapping[str, Any], options: Options) -> pd.DataFrame:
    """Count kept documents per year and genre, and per year and language.

    ``attrs["undated"]`` holds the number of kept documents without a year (not drawn).
    """
    docs = tables["documents"]
    kept = kept_documents(docs).copy()
    years = pd.to_numeric(kept["year"], errors="coerce")
    undated = int(years.isna().sum())
    kept = kept[years.notna()].assign(year=years[years.notna()].astype(int))
    frames = []
    for column, _ in PANELS:
        group = kept[column].map(lambda v: "unknown" if is_blank(v) else str(v))
        counts = kept.assign(group=group).groupby(["year", "group"]).size().rename("n_documents").reset_index()
        frames.append(counts.assign(panel=column))
    data = pd.concat(frames, ignore_index=True)
    if data.empty:
        data = pd.DataFrame(columns=COLUMNS).assign(n_documents=pd.Series(dtype=int))
    data = data[COLUMNS].sort_values(SORT_BY, kind="mergesort").reset_index(drop=True)
    data["n_documents"] = data["n_documents"].astype(int)
    data.attrs["undated"] = undated
    logger.info("corpus composition: %d dated documents, %d undated", int(kept.shape[0]), undated)
    return data


def _order(groups: list[str], panel: str) -> list[str]:
    if panel == "genre":
        known = [g for g in GENRE_ORDER if g in groups]
        return known + sorted(g for g in groups if g not in known)
    return sorted(groups, key=lambda g: (g == "unknown", g))


def plot(data: pd.DataFrame, style: Style) -> Figure:
    """Stacked bars of documents per year, one panel per breakdown."""
    if data.empty:
        return empty_figure(style, style.text("documents"))
    fig = style.figure(62)
    axes = fig.subplots(1, 2, sharey=True)
    years = np.arange(int(data["year"].min()), int(data["year"].max()) + 1)
    for ax, (letter, (panel, title)) in zip(axes, zip("ab", PANELS)):
        part = data[data["panel"] == panel]
        table = part.pivot_table(index="year", columns="group", values="n_documents", aggfunc="sum", fill_value=0)
        table = table.reindex(index=years, fill_value=0)
        groups = _order(list(table.columns), panel)
        bottom = np.zeros(len(years))
        for group in groups:
            values = table[group].to_numpy() if group in table else np.zeros(len(years))
            ax.bar(years, values, bottom=bottom, width=0.8, label=style.code(group),
                   color=colour_for(group, {"unknown": "#CCCCCC"}, groups), edgecolor="white", linewidth=0.3)
            bottom += values
        panel_title(ax, letter, style.text(title))
        ax.set_xlabel(style.text("year"))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        handles, names = ax.get_legend_handles_labels()
        # Reversed so the legend reads in the same order as the stack, top to bottom.
        ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.0, 1.0), handlelength=1.0, borderaxespad=0.2)
    axes[0].set_ylabel(style.text("documents"))
    undated = int(data.attrs.get("undated", 0))
    if undated:
        # supxlabel, unlike fig.text, gets its own room from the constrained layout.
        fig.supxlabel(style.text("undated", n=undated), x=0.99, ha="right", fontsize="small", color="#555555")
    return fig
