"""Which documents of the corpus table enter the analysis."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

logger = logging.getLogger(__name__)


def analysed_doc_ids(documents: str | Path, keep_duplicates: bool = False) -> set[str]:
    """Return the doc_ids analysed: every document, less those marked as duplicates unless kept.

    The NLP and embedding shards process duplicates too (duplicates are only known once every
    shard is extracted); the corpus-level stages drop them here, so a syndicated press release
    counts once.
    """
    table = pd.read_parquet(documents, columns=["doc_id", "dup_of"])
    if keep_duplicates:
        return set(table["doc_id"])
    duplicate = table["dup_of"].notna() & (table["dup_of"].astype(str) != "")
    if duplicate.any():
        logger.info("%d duplicate document(s) left out of the analysis", int(duplicate.sum()))
    return set(table.loc[~duplicate, "doc_id"])
