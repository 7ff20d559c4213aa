"""Scaling figure of the benchmark: wall time and peak memory of each stage against corpus size."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Mapping

logger = logging.getLogger(__name__)

# Stages drawn, in legend order; other stages (e.g. training on the fixed annotations) are left out
# because their cost does not depend on the corpus.
STAGES = ("collect", "extract", "nlp", "embed", "stance_apply", "topics", "total")


def scaling_figure(rows: Iterable[Mapping[str, object]], prefix: str | Path, dpi: int = 300) -> list[Path]:
    """Draw time (summed job wall seconds; whole run for ``total``) and peak RSS against size, log axes.

    Args:
        rows: ``summary.csv`` rows (size, stage, wall_s_sum, peak_rss_mb).
        prefix: output path without extension; ``.pdf`` and ``.png`` are written.

    Returns:
        The paths written.
    """
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    from civicscope.figures.save import save_pdf, save_png
    from civicscope.figures.style import CYCLE, Style, drawing

    series: dict[str, list[tuple[int, float, float]]] = {}
    for row in rows:
        stage = str(row["stage"])
        if stage in STAGES:
            series.setdefault(stage, []).append((int(row["size"]), float(row["wall_s_sum"]), float(row["peak_rss_mb"])))
    style = Style(language="en", width_mm=183, dpi=dpi)
    prefix = Path(prefix)
    with drawing():
        fig = style.figure(70)
        ax_time, ax_mem = fig.subplots(1, 2)
        for i, stage in enumerate(s for s in STAGES if s in series):
            points = sorted(series[stage])
            sizes = [p[0] for p in points]
            line = {"color": "#000000" if stage == "total" else CYCLE[i % len(CYCLE)], "marker": "o",
                    "linestyle": "--" if stage == "total" else "-", "label": stage}
            ax_time.plot(sizes, [max(p[1], 0.01) for p in points], **line)
            if stage != "total":
                ax_mem.plot(sizes, [max(p[2], 1.0) for p in points], **line)
        ax_time.set(xscale="log", yscale="log", xlabel="documents", ylabel="wall time (s, summed over jobs)",
                    title="Time")
        ax_mem.set(xscale="log", yscale="log", xlabel="documents", ylabel="peak RSS per job (MB)", title="Memory")
        plain = FuncFormatter(lambda value, _pos: f"{value:,.0f}" if value >= 1 else f"{value:g}")
        for ax in (ax_time, ax_mem):
            ax.xaxis.set_major_formatter(plain)
            ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1, 2, 5)))
            ax.yaxis.set_major_formatter(plain)
            ax.yaxis.set_minor_formatter(NullFormatter())
        ax_mem.axhline(4096, color="#999999", linewidth=0.6, linestyle=":")
        ax_mem.annotate("4 GB per job", (0.02, 4096), xycoords=("axes fraction", "data"), va="bottom", fontsize=6,
                        color="#555555")
        # Outside the axes: the lines cross the whole panel as the corpus grows.
        fig.legend(*ax_time.get_legend_handles_labels(), loc="outside right center")
        paths = [prefix.with_suffix(".pdf"), prefix.with_suffix(".png")]
        save_pdf(fig, paths[0])
        save_png(fig, paths[1], dpi)
    logger.info("wrote %s", ", ".join(map(str, paths)))
    return paths
