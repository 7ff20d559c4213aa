"""Run the extract stage: raw directory → documents.parquet + rejects.csv."""

from __future__ import annotations

import collections
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from civicscope.cli import UserError
from civicscope.collect import reasons
from civicscope.collect.store import MANIFEST_NAME, read_manifest
from civicscope.extract.dedup import find_duplicates
from civicscope.extract.document import ExtractOptions, extract_document
from civicscope.extract.errors import ExtractFailure

logger = logging.getLogger(__name__)

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "source_id",
    "url",
    "title",
    "author",
    "date",
    "year",
    "sitename",
    "genre",
    "publisher",
    "actor",
    "lang",
    "text",
    "n_words",
    "sha256",
    "dup_of",
)
REJECT_COLUMNS: tuple[str, ...] = ("doc_id", "source_id", "url", "stage", "reason", "detail")


@dataclass
class ExtractSummary:
    """What a run produced: documents kept, duplicates marked, rejects by stage and reason."""

    documents: int = 0
    duplicates: int = 0
    rejected: collections.Counter = field(default_factory=collections.Counter)

    def describe(self) -> str:
        """One-line human summary for the log."""
        rejected = ", ".join(f"{stage}:{reason}={n}" for (stage, reason), n in sorted(self.rejected.items()))
        return (
            f"{self.documents} documents ({self.duplicates} marked as duplicates), "
            f"rejected {sum(self.rejected.values())} ({rejected or 'none'})"
        )


def documents_frame(rows: list[dict[str, Any]]) -> Any:
    """Return the documents table with the contract's columns and dtypes."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    frame["n_words"] = frame["n_words"].astype("int64")
    for column in DOCUMENT_COLUMNS:
        if column not in ("year", "n_words"):
            frame[column] = frame[column].astype("string")
    return frame


def _extract_one(job: tuple[dict[str, str], Path, ExtractOptions]) -> tuple[str, Any, str]:
    """Extract one manifest row; never raises, so one bad file cannot stop a worker pool."""
    row, raw_dir, options = job
    try:
        return "ok", extract_document(row, raw_dir, options), ""
    except ExtractFailure as exc:
        logger.debug("%s rejected: %s", row["url"], exc)
        return "rejected", exc.reason, exc.detail
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the run
        logger.exception("unexpected failure on %s", row["url"])
        return "rejected", "error", f"{type(exc).__name__}: {exc}"


def _map(jobs: list, workers: int):
    """Results in input order, from a process pool when ``workers`` > 1 (pages are independent)."""
    if workers <= 1 or len(jobs) < 2 * workers:
        yield from map(_extract_one, jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_extract_one, jobs, chunksize=8)


def duplicate_rejects(documents: list[dict[str, Any]], near_threshold: float | None) -> list[dict[str, Any]]:
    """Set ``dup_of`` on every document (in place) and return the rejects rows that list the duplicates.

    Args:
        documents: document rows (doc_id, text, date, …), sorted by doc_id.
        near_threshold: Jaccard threshold for near duplicates; None = exact duplicates only.
    """
    dup_of = find_duplicates(
        [d["doc_id"] for d in documents],
        [d["text"] for d in documents],
        [d["date"] for d in documents],
        near_threshold=near_threshold,
    )
    for document, original in zip(documents, dup_of):
        document["dup_of"] = original
    return duplicate_rows(documents)


def duplicate_rows(documents: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The rejects rows that list the documents whose ``dup_of`` is set (they stay in the documents table)."""
    return [{"doc_id": d["doc_id"], "source_id": d["source_id"], "url": d["url"], "stage": "extract",
             "reason": reasons.DUPLICATE,
             "detail": f"same text as {d['dup_of']} (kept in the documents table with dup_of set)"}
            for d in documents if d.get("dup_of")]


def extract(
    raw_dir: str | Path,
    output: str | Path,
    rejects: str | Path | None = None,
    options: ExtractOptions | None = None,
    progress: bool = True,
    workers: int = 1,
    shard: int | None = None,
) -> ExtractSummary:
    """Extract every ``ok`` snapshot of ``raw_dir`` (or of one shard) into the documents table.

    Args:
        raw_dir: a directory written by ``collect`` (holds ``manifest.tsv``).
        output: the documents Parquet file to write.
        rejects: optional CSV of everything left out, with stage (collect/extract) and reason.
        options: extraction settings.
        progress: show a tqdm progress bar on stderr.
        workers: processes extracting pages in parallel (the output does not depend on it).
        shard: only the manifest rows of this shard, without duplicate marking (duplicates are
            found across the whole corpus by :func:`civicscope.extract.merge.merge_shards`).
    """
    from tqdm import tqdm

    from civicscope.io import write_csv, write_parquet

    options = options or ExtractOptions()
    raw_dir = Path(raw_dir)
    manifest = raw_dir / MANIFEST_NAME
    if not manifest.is_file():
        raise UserError(f"no {MANIFEST_NAME} in {raw_dir} — run `civicscope collect` first or fix --raw-dir")
    rows = read_manifest(manifest, shard=shard)
    if shard is not None:
        logger.info("shard %d: %d manifest row(s)", shard, len(rows))
    summary = ExtractSummary()
    documents: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []

    def reject(row: dict[str, str], stage: str, reason: str, detail: str) -> None:
        rejected.append({"doc_id": row["doc_id"], "source_id": row["source_id"], "url": row["url"],
                         "stage": stage, "reason": reason, "detail": detail})
        summary.rejected[(stage, reason)] += 1

    ok_rows = []
    for row in rows:
        if row["status"] == "ok":
            ok_rows.append(row)
        else:
            reject(row, "collect", row["reason"] or "unknown", row.get("detail", ""))
    results = _map([(row, raw_dir, options) for row in ok_rows], workers)
    bar = tqdm(zip(ok_rows, results), total=len(ok_rows), desc="extract", unit="doc", mininterval=1.0,
               disable=not progress, leave=False)
    for row, (status, value, detail) in bar:
        if status == "ok":
            documents.append(value)
        else:
            reject(row, "extract", value, detail)
    documents.sort(key=lambda d: d["doc_id"])
    if shard is None:
        duplicates = duplicate_rejects(documents, options.near_duplicate_threshold)
        rejected.extend(duplicates)
        summary.duplicates = len(duplicates)
    summary.documents = len(documents)
    write_parquet(documents_frame(documents), output, sort_by=["doc_id"])
    if rejects is not None:
        write_csv(rejects_frame(rejected), rejects, sort_by=["doc_id", "stage"])
    logger.info("extract: %s", summary.describe())
    return summary


def rejects_frame(rows: list[dict[str, Any]]) -> Any:
    """Return the rejects table with the contract's columns (all strings)."""
    import pandas as pd

    return pd.DataFrame(rows, columns=list(REJECT_COLUMNS))
