"""Join per-shard document tables into the corpus table and mark duplicates across all shards."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

from civicscope.extract.dedup import Fingerprints, group_duplicates
from civicscope.extract.runner import DOCUMENT_COLUMNS, documents_frame, duplicate_rows, rejects_frame

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
    import pyarrow as pa
    import pyarrow.parquet as pq

    from civicscope.cli import UserError
    from civicscope.io import read_table, write_csv, write_parquet

    # Arrow tables keep the texts in compact buffers; only one shard's texts at a time become
    # Python strings (for their fingerprints), so the corpus is never held as Python objects.
    tables, prints, seen = [], Fingerprints(), set()
    for path in shard_documents:
        table = pq.read_table(path)
        if not table.num_rows:
            continue
        ids = table.column("doc_id").to_pylist()
        shard_ids = set(ids)
        if len(shard_ids) < len(ids) or not seen.isdisjoint(shard_ids):
            first = next(i for i in ids if i in seen or ids.count(i) > 1)
            raise UserError(f"document {first} is in two shards — re-run `civicscope collect`, which gives each "
                            "document one shard, then the extract stage")
        seen |= shard_ids
        prints.extend(Fingerprints.of(table.column("text").fill_null("").to_pylist(), near_threshold is not None))
        tables.append(table.select(list(DOCUMENT_COLUMNS)))
    if not tables:
        write_parquet(documents_frame([]), output)
        duplicates: list[dict] = []
    else:
        table = pa.concat_tables(tables)
        del tables
        dup_of = group_duplicates(table.column("doc_id").to_pylist(), prints,
                                  table.column("date").to_pylist(), near_threshold)
        table = table.set_column(table.schema.get_field_index("dup_of"), "dup_of", pa.array(dup_of, pa.string()))
        write_parquet(table, output, sort_by=["doc_id"])
        duplicates = duplicate_rows(table.select(["doc_id", "source_id", "url", "dup_of"]).to_pylist())
    if rejects is not None:
        parts = [read_table(path).astype(str) for path in shard_rejects]
        rows = [row for part in parts for row in part.to_dict("records")] + duplicates
        write_csv(rejects_frame(rows), rejects, sort_by=["doc_id", "stage"])
    logger.info("%d documents from %d shard(s), %d marked as duplicates", len(seen), len(shard_documents),
                len(duplicates))
    return len(duplicates)
