"""BERTopic's interactive HTML views, each skipped (and logged) when it cannot be drawn."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

logger = logging.getLogger(__name__)


def save_views(model: Any, html_dir: str | Path, over_time: Any = None, top_n_topics: int = 20) -> list[str]:
    """Write ``topics.html``, ``barchart.html`` and ``topics_over_time.html`` when possible.

    The HTML files carry plotly's JavaScript inline so they open offline. Small corpora often have
    too few topics for the intertopic map; such a view is skipped with a log line, never an error.
    """
    try:
        import plotly  # noqa: F401
    except ImportError:
        logger.warning("plotly is not installed; no HTML view written")
        return []
    from civicscope.io import atomic_path

    views: dict[str, Callable[[], Any]] = {
        "topics": lambda: model.visualize_topics(custom_labels=True),
        "barchart": lambda: model.visualize_barchart(top_n_topics=top_n_topics, n_words=8, custom_labels=True),
    }
    if over_time is not None and len(over_time):
        views["topics_over_time"] = lambda: model.visualize_topics_over_time(over_time, top_n_topics=top_n_topics, custom_labels=True)
    out = Path(html_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in views.items():
        try:
            figure = draw()
            with atomic_path(out / f"{name}.html") as tmp:
                figure.write_html(str(tmp), include_plotlyjs=True, full_html=True)
            written.append(name)
        except Exception as exc:  # a view that cannot be drawn must not fail the stage
            logger.warning("HTML view %s skipped: %s: %s", name, type(exc).__name__, exc)
    return written
