"""Write a figure as PDF + PNG and its data as CSV, byte-identical from one run to the next."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from civicscope import __version__
from civicscope.io import atomic_path, write_csv

logger = logging.getLogger(__name__)

# No creation or modification date, and producer strings that change only with the software versions.
PDF_METADATA = {
    "CreationDate": None,
    "ModDate": None,
    "Creator": f"civicscope {__version__}",
    "Producer": f"matplotlib {matplotlib.__version__}",
}
# Matplotlib writes its version as PNG "Software"; dropped so only pixels and size make the bytes.
PNG_METADATA = {"Software": None}


def save_pdf(fig: Figure, path: str | Path) -> None:
    """Save ``fig`` as a vector PDF without timestamps, atomically."""
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="pdf", metadata=PDF_METADATA)


def save_png(fig: Figure, path: str | Path, dpi: int) -> None:
    """Save ``fig`` as a PNG at ``dpi`` without software metadata, atomically."""
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=dpi, metadata=PNG_METADATA)


def save_all(fig: Figure, data: pd.DataFrame, prefix: str | Path, dpi: int, sort_by: Sequence[str] | None = None) -> list[Path]:
    """Write ``{prefix}.pdf``, ``{prefix}.png`` and ``{prefix}.csv`` (the data drawn, sorted).

    Returns:
        The three paths written.
    """
    prefix = Path(prefix)
    paths = [prefix.with_name(prefix.name + ext) for ext in (".pdf", ".png", ".csv")]
    save_pdf(fig, paths[0])
    save_png(fig, paths[1], dpi)
    write_csv(data, paths[2], sort_by=sort_by)
    logger.info("wrote %s (%d data rows)", ", ".join(str(p) for p in paths), len(data))
    return paths
