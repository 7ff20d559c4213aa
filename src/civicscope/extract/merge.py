"""Join per-shard document tables into the corpus table and mark duplicates across all shards."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

import pandas as pd

from civicscope.extract.runner import DOCUMENT_COLUMNS, documents_frame, duplicate_rejects, rejects_frame

logger = logging.getLogger(__name__)


def merge_shards(
    shard_documents: Sequence[str | Path],
    shard_rejects: Sequence[str | Path],
    output: str | Path,
    rejects: str | Path | None = None,
    near_threshold: float | None = 0.8,
) -> int:
    """Write the corpus documents table (with ``dup_of``) and the corpus rejects table.

    Duplicates are a property of the corpus, not of a shard (a syndicated press release lands in
    whichever shard its copies were collected into), so they are found here, after extraction.

    Args:
        shard_documents: documents Parquet files written by ``extract --shard``.
        shard_rejects: their rejects CSV files.
        output: the documents Parquet file to write.
        rejects: the corpus rejects CSV (shard rejects plus one row per duplicate).
        near_threshold: Jaccard threshold for near duplicates; None = exact duplicates only.

    Returns:
        The number of documents marked as duplicates.
    """
    from civicscope.cli import UserError
    from civicscope.io import read_table, write_csv, write_parquet

    frames = [pd.read_parquet(path) for path in shard_documents]
    frames = [f for f in frames if len(f)]
    table = pd.concat(frames, ignore_index=True) if frames else documents_frame([])
    if table["doc_id"].duplicated().any():
        first = table.loc[table["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise UserError(f"document {first} is in two shards — re-run `civicscope collect`, which gives each "
                        "document one shard, then the extract stage")
    records = table[list(DOCUMENT_COLUMNS)].sort_values("doc_id").to_dict("records")
    for record in records:
        for key, value in record.items():
            if value is pd.NA:
                record[key] = None
    duplicates = duplicate_rejects(records, near_threshold)
    write_parquet(documents_frame(records), output, sort_by=["doc_id"])
    if rejects is not None:
        parts = [read_table(path).astype(str) for path in shard_rejects]
        rows = [row for part in parts for row in part.to_dict("records")] + duplicates
        write_csv(rejects_frame(rows), rejects, sort_by=["doc_id", "stage"])
    logger.info("%d documents from %d shard(s), %d marked as duplicates", len(records), len(shard_documents),
                len(duplicates))
    return len(duplicates)
