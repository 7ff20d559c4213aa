"""Publication figures: one module per figure, one shared style.

Each figure module exposes:
    INPUTS: input keys it reads, each mapped to whether it is required.
    COLUMNS: columns of the CSV written beside the figure (exactly what is drawn).
    SORT_BY: the CSV's sort order.
    read(paths) -> dict: the input tables, read from files.
    tidy(tables, options) -> DataFrame: the data drawn, with COLUMNS.
    plot(data, style) -> Figure: the drawing; it never reads files and never saves.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

NAMES: tuple[str, ...] = (
    "corpus_composition",
    "stance_over_time",
    "topic_prevalence",
    "topic_stance_heatmap",
    "stance_network",
    "stance_evaluation",
    "topic_quality",
)


@dataclass(frozen=True)
class Options:
    """Choices about what a figure shows (how it looks is the Style's business).

    Attributes:
        top_actors: actors shown individually in stance_over_time (most statements first).
        period: ``year`` or ``quarter`` for topic_prevalence.
        max_nodes: most actors drawn in stance_network (by number of statements).
    """

    top_actors: int = 8
    period: str = "year"
    max_nodes: int = 30


def module(name: str) -> ModuleType:
    """The module of figure ``name``."""
    if name not in NAMES:
        raise KeyError(f"unknown figure {name!r}; known: {', '.join(NAMES)}")
    return importlib.import_module(f"civicscope.figures.{name}")
