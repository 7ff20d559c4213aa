"""Figure 2, the headline: stance index over time per actor type (a, with counts) and per top actor (b).

The index is (cooperation − confrontation) / (cooperation + confrontation) per period, between −1 (only
confrontation) and 1 (only cooperation), with the stance stage's 95 % bootstrap interval.
"""

from __future__ import annotations

import logging
import math
from typing import Any, Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from civicscope.figures import Options
from civicscope.figures.common import optional, panel_title, period_position, read_csv
from civicscope.figures.style import OKABE_ITO, TYPE_COLOURS, Style, colour_for, empty_figure

logger = logging.getLogger(__name__)

INPUTS = {"by_type": True, "by_actor": True, "actors": False}
COLUMNS = [
    "panel", "group", "label", "group_type", "rank", "period", "x",
    "n_coop", "n_conf", "n_neutral", "n", "index", "ci_low", "ci_high",
]
SORT_BY = ["panel", "rank", "group", "x", "period"]
TYPE_ORDER = ["platform", "civic_tech", "neighbourhood_network"]
COUNTS = ["n_coop", "n_conf", "n_neutral"]
SMALL_MULTIPLE_COLUMNS = 4
MIN_DECISIVE = 5  # below this many cooperative + confrontational statements a point is drawn open


def read(paths: Mapping[str, str]) -> dict[str, Any]:
    """Read both aggregates and, when given, the actor names of the gazetteer."""
    tables: dict[str, Any] = {
        "by_type": read_csv(paths["by_type"], ["actor_type", "period"]),
        "by_actor": read_csv(paths["by_actor"], ["actor", "actor_type", "period"]),
        "names": {},
        "groups": set(),
    }
    actors = optional(paths, "actors")
    if actors:
        from civicscope.nlp.gazetteer import load_gazetteer

        gazetteer = load_gazetteer(actors)
        tables["names"] = {a.id: a.name for a in gazetteer.actors.values()}
        tables["groups"] = {a.id for a in gazetteer.actors.values() if a.is_group}
    return tables


def _with_counts(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for col in COUNTS:
        frame[col] = pd.to_numeric(frame.get(col, 0), errors="coerce").fillna(0).astype(int)
    frame["n"] = frame[COUNTS].sum(axis=1)
    for col in ("index", "ci_low", "ci_high"):
        frame[col] = pd.to_numeric(frame.get(col, np.nan), errors="coerce")
    frame["x"] = frame["period"].map(period_position)
    return frame[frame["x"].notna()]


def _type_rank(actor_type: str) -> int:
    return TYPE_ORDER.index(actor_type) if actor_type in TYPE_ORDER else len(TYPE_ORDER)


def tidy(tables: Mapping[str, Any], options: Options) -> pd.DataFrame:
    """Rows drawn: every actor-type period, and every period of the ``options.top_actors`` top actors.

    Top actors are named organisations: generic group terms ("the platforms") count in their actor
    type's series but are not "actors" of panel b.
    """
    names: Mapping[str, str] = tables.get("names", {})
    groups = set(tables.get("groups", set()))
    by_type = _with_counts(tables["by_type"])
    by_type = by_type[by_type["actor_type"] != ""]
    types = sorted(by_type["actor_type"].unique(), key=lambda t: (_type_rank(t), t))
    type_rows = by_type.assign(
        panel="type", group=by_type["actor_type"], label=by_type["actor_type"], group_type=by_type["actor_type"],
        rank=by_type["actor_type"].map({t: i for i, t in enumerate(types)}),
    )
    by_actor = _with_counts(tables["by_actor"])
    by_actor = by_actor[(by_actor["actor"] != "") & ~by_actor["actor"].isin(groups)]
    totals = by_actor.groupby("actor")["n"].sum()
    # Most statements first; ties broken by id so the choice never depends on row order.
    top = sorted(totals.index, key=lambda a: (-int(totals[a]), a))[: max(0, options.top_actors)]
    actor_rows = by_actor[by_actor["actor"].isin(top)]
    actor_rows = actor_rows.assign(
        panel="actor", group=actor_rows["actor"], label=actor_rows["actor"].map(lambda a: names.get(a, a)),
        group_type=actor_rows.get("actor_type", ""), rank=actor_rows["actor"].map({a: i for i, a in enumerate(top)}),
    )
    data = pd.concat([type_rows, actor_rows], ignore_index=True)
    if data.empty:
        return pd.DataFrame(columns=COLUMNS)
    data["rank"] = data["rank"].astype(int)
    data["panel_order"] = data["panel"].map({"type": 0, "actor": 1})
    data = data.sort_values(["panel_order", "rank", "x"], kind="mergesort")[COLUMNS].reset_index(drop=True)
    logger.info("stance over time: %d actor types, %d top actors, %d rows", len(types), len(top), len(data))
    return data


def _spacing(x: pd.Series) -> float:
    steps = np.diff(np.unique(x.to_numpy(dtype=float)))
    return float(steps.min()) if len(steps) else 1.0


def _index_axis(ax: Axes, style: Style, ylabel: bool, cues: bool) -> None:
    ax.axhline(0, color="#555555", linewidth=0.6, zorder=0)
    ax.set_ylim(-1.08, 1.08)
    ax.set_yticks([-1, -0.5, 0, 0.5, 1])
    if ylabel:
        ax.set_ylabel(style.text("stance_index"))
    if cues:
        grey = "#555555"
        ax.text(1.01, 0.97, style.text("cooperation_up"), transform=ax.transAxes, ha="left", va="top", color=grey, fontsize="small")
        ax.text(1.01, 0.03, style.text("confrontation_down"), transform=ax.transAxes, ha="left", va="bottom", color=grey, fontsize="small")


def _draw_series(ax: Axes, part: pd.DataFrame, x: np.ndarray, colour: str, label: str | None, size: float) -> None:
    drawn = part["index"].notna().to_numpy()
    px, py = x[drawn], part["index"].to_numpy()[drawn]
    low = np.nan_to_num(np.clip(py - part["ci_low"].to_numpy()[drawn], 0, None))
    high = np.nan_to_num(np.clip(part["ci_high"].to_numpy()[drawn] - py, 0, None))
    decisive = (part["n_coop"] + part["n_conf"]).to_numpy()[drawn]
    solid = decisive >= MIN_DECISIVE
    # The line joins only points resting on enough statements: a zig-zag through anecdotes is no trend.
    ax.plot(px[solid], py[solid], color=colour, linewidth=0.8, alpha=0.7, zorder=2)
    ax.errorbar(px, py, yerr=[low, high], fmt="none", ecolor=colour, elinewidth=0.8, capsize=0, zorder=3)
    # Open markers flag indices resting on a handful of statements (often exactly −1 or 1).
    ax.plot(px[solid], py[solid], "o", color=colour, markersize=size, zorder=4, label=label)
    ax.plot(px[~solid], py[~solid], "o", markerfacecolor="white", markeredgecolor=colour, markeredgewidth=0.8,
            markersize=size, zorder=4)


def _types_panel(fig: Figure, data: pd.DataFrame, style: Style) -> None:
    axes = fig.subplots(2, 1, sharex=True, height_ratios=[3, 1])
    ax, ax_n = axes
    types = list(dict.fromkeys(data.sort_values("rank")["group"]))
    step = _spacing(data["x"])
    width = 0.8 * step / max(1, len(types))
    for i, actor_type in enumerate(types):
        part = data[data["group"] == actor_type].sort_values("x")
        offset = (i - (len(types) - 1) / 2) * width
        colour = colour_for(actor_type, TYPE_COLOURS, types)
        x = part["x"].to_numpy(dtype=float) + offset
        _draw_series(ax, part, x, colour, style.code(actor_type), 3.5)
        ax_n.bar(x, part["n"].to_numpy(), width=width, color=colour, linewidth=0)
    _index_axis(ax, style, ylabel=True, cues=True)
    panel_title(ax, "a", style.text("by_actor_type"))
    # Legend on the title's line, right-aligned: it never covers a point.
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=max(1, len(types)), handletextpad=0.3,
              columnspacing=1.2, borderaxespad=0.2)
    ax_n.set_ylabel(style.text("n_statements"))
    ax_n.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    ax_n.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=12))
    ax_n.set_xlabel(style.text("period"))
    fig.supxlabel(style.text("ci_note", k=MIN_DECISIVE), x=1.0, ha="right", fontsize="small", color="#555555")


def _actors_panel(fig: Figure, data: pd.DataFrame, style: Style, x_range: tuple[float, float]) -> None:
    actors = list(dict.fromkeys(data.sort_values("rank")["group"]))
    ncols = min(SMALL_MULTIPLE_COLUMNS, len(actors))
    nrows = math.ceil(len(actors) / ncols)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)).ravel()
    fig.suptitle(f"b   {style.text('top_actors')}", x=0.0, ha="left", fontsize="medium", fontweight="bold")
    type_order = sorted(set(data["group_type"]), key=lambda t: (_type_rank(t), t))
    for i, ax in enumerate(axes):
        if i >= len(actors):
            ax.set_visible(False)
            continue
        part = data[data["group"] == actors[i]].sort_values("x")
        colour = colour_for(str(part["group_type"].iloc[0]), TYPE_COLOURS, type_order)
        _draw_series(ax, part, part["x"].to_numpy(dtype=float), colour, None, 2.5)
        _index_axis(ax, style, ylabel=(i % ncols == 0), cues=False)
        ax.set_title(f"{part['label'].iloc[0]} (n = {int(part['n'].sum())})", loc="left", fontsize="small", fontweight="normal")
        ax.set_xlim(*x_range)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
    fig.supxlabel(style.text("period"), fontsize=plt.rcParams["axes.labelsize"])


def plot(data: pd.DataFrame, style: Style) -> Figure:
    """Panel a (index by actor type, with statement counts underneath) above small multiples per top actor."""
    if data.empty:
        return empty_figure(style, style.text("stance_index"))
    types = data[data["panel"] == "type"]
    actors = data[data["panel"] == "actor"]
    n_rows_b = math.ceil(actors["group"].nunique() / SMALL_MULTIPLE_COLUMNS) if len(actors) else 0
    height_a, height_b = 78.0, 34.0 * n_rows_b + 8.0 * bool(n_rows_b)
    fig = style.figure(height_a + height_b)
    pad = 0.6 * _spacing(data["x"])
    x_range = (float(data["x"].min()) - pad, float(data["x"].max()) + pad)
    if n_rows_b:
        top, bottom = fig.subfigures(2, 1, height_ratios=[height_a, height_b])
    else:
        top, bottom = fig, None
    if len(types):
        _types_panel(top, types, style)
        top.axes[0].set_xlim(*x_range)
    else:
        ax = top.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, style.text("no_data"), ha="center", va="center", color=OKABE_ITO["grey"])
    if bottom is not None:
        _actors_panel(bottom, actors, style, x_range)
    return fig
