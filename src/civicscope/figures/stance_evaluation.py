"""Figure 6, stance method evaluation on the held-out test set: confusion matrices and per-class F1."""

from __future__ import annotations

import logging
from typing import Any, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from civicscope.figures import Options
from civicscope.figures.common import panel_title, read_json
from civicscope.figures.style import CYCLE, SEQUENTIAL, STANCE_COLOURS, Style, empty_figure

logger = logging.getLogger(__name__)

INPUTS = {"metrics": True}
COLUMNS = ["panel", "method", "chosen", "true_label", "predicted_label", "metric", "value"]
SORT_BY = ["panel", "method", "true_label", "predicted_label", "metric"]
METHODS = ["model", "lexicon"]
METRICS = ["precision", "recall", "f1", "support"]


def read(paths: Mapping[str, str]) -> dict[str, Any]:
    """Read the stance evaluation report."""
    return {"metrics": read_json(paths["metrics"])}


def tidy(tables: Mapping[str, Any], options: Options) -> pd.DataFrame:
    """Long table: confusion counts (panel ``confusion``), per-class scores (``per_class``), macro-F1 with CI (``macro``)."""
    report = tables["metrics"]
    chosen = report.get("chosen_method", "")
    rows = []
    for method in [m for m in METHODS if m in report.get("test", {})] + sorted(set(report.get("test", {})) - set(METHODS)):
        result = report["test"][method]
        flag = method == chosen
        matrix = result.get("confusion_matrix", {})
        labels = matrix.get("labels", [])
        for i, true in enumerate(labels):
            for j, predicted in enumerate(labels):
                rows.append(("confusion", method, flag, true, predicted, "count", float(matrix["rows_true_cols_predicted"][i][j])))
        for label, scores in result.get("per_class", {}).items():
            for metric in METRICS:
                if metric in scores:
                    rows.append(("per_class", method, flag, label, "", metric, float(scores[metric])))
        if "macro_f1" in result:
            low, high = (result.get("macro_f1_ci95") or [np.nan, np.nan])[:2]
            rows += [("macro", method, flag, "", "", "macro_f1", float(result["macro_f1"])),
                     ("macro", method, flag, "", "", "macro_f1_ci_low", float(low)),
                     ("macro", method, flag, "", "", "macro_f1_ci_high", float(high))]
    data = pd.DataFrame(rows, columns=COLUMNS)
    logger.info("stance evaluation: %d methods, chosen %s", data["method"].nunique(), chosen or "none")
    return data.sort_values(SORT_BY, kind="mergesort").reset_index(drop=True)


def _label_order(data: pd.DataFrame) -> list[str]:
    labels = list(dict.fromkeys(data.loc[data["panel"] == "confusion", "true_label"]))
    known = [s for s in ("cooperation", "neutral", "confrontation") if s in labels]
    return known + sorted(set(labels) - set(known))


def _macro(data: pd.DataFrame, method: str) -> tuple[float, float, float]:
    part = data[(data["panel"] == "macro") & (data["method"] == method)].set_index("metric")["value"]
    return tuple(float(part.get(k, np.nan)) for k in ("macro_f1", "macro_f1_ci_low", "macro_f1_ci_high"))  # type: ignore[return-value]


def plot(data: pd.DataFrame, style: Style) -> Figure:
    """One confusion matrix per method (row-normalised colour, counts printed), then grouped F1 bars."""
    if data.empty:
        return empty_figure(style, style.text("f1"))
    methods = list(dict.fromkeys(sorted(data["method"].unique(), key=lambda m: (METHODS.index(m) if m in METHODS else 9, m))))
    labels = _label_order(data)
    fig = style.figure(62)
    axes = fig.subplots(1, len(methods) + 1, width_ratios=[1] * len(methods) + [1.25])
    letters = "abcdefgh"
    for k, method in enumerate(methods):
        ax = axes[k]
        part = data[(data["panel"] == "confusion") & (data["method"] == method)]
        counts = part.pivot(index="true_label", columns="predicted_label", values="value").reindex(index=labels, columns=labels).fillna(0)
        values = counts.to_numpy(dtype=float)
        # Colour by share of each true class, so a rare class is as readable as a frequent one.
        shares = values / np.where(values.sum(axis=1, keepdims=True) > 0, values.sum(axis=1, keepdims=True), 1)
        ax.imshow(shares, cmap=SEQUENTIAL, vmin=0, vmax=1, interpolation="nearest")
        for i in range(len(labels)):
            for j in range(len(labels)):
                ax.text(j, i, f"{int(values[i, j])}", ha="center", va="center", fontsize=6.5,
                        color="white" if shares[i, j] > 0.55 else "#222222")
        names = [style.code(lab) for lab in labels]
        ax.set_xticks(range(len(labels)), names, rotation=30, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(len(labels)), names if k == 0 else [""] * len(labels))
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(style.text("predicted_label"))
        if k == 0:
            ax.set_ylabel(style.text("true_label"))
        f1, low, high = _macro(data, method)
        chosen = bool(part["chosen"].any()) if len(part) else False
        title = style.code(method) + (f" ({style.text('chosen')})" if chosen else "")
        if not np.isnan(f1):
            title += f"\n{style.text('macro_f1')} {f1:.2f} [{low:.2f}, {high:.2f}]"
        panel_title(ax, letters[k], title)
    ax = axes[-1]
    f1 = data[(data["panel"] == "per_class") & (data["metric"] == "f1")]
    width = 0.8 / max(1, len(methods))
    for k, method in enumerate(methods):
        part = f1[f1["method"] == method].set_index("true_label")["value"].reindex(labels)
        x = np.arange(len(labels)) + (k - (len(methods) - 1) / 2) * width
        ax.bar(x, part.fillna(0).to_numpy(), width=width, color=CYCLE[k % len(CYCLE)], label=style.code(method))
    ax.set_xticks(range(len(labels)), [style.code(lab) for lab in labels])
    for tick, lab in zip(ax.get_xticklabels(), labels):
        # Neutral's light grey is for areas; as text it needs more contrast.
        tick.set_color("#666666" if lab == "neutral" else STANCE_COLOURS.get(lab, "#222222"))
    ax.set_ylim(0, 1)
    ax.set_ylabel(style.text("f1"))
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=len(methods), borderaxespad=0.2)
    panel_title(ax, letters[len(methods)], "F1\n ")  # two lines, level with the matrices' titles
    return fig
