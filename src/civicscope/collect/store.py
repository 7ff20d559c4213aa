"""The raw directory: frozen snapshots by doc_id and a manifest that survives interruption.

Each finished item is appended to a journal (one JSON line, flushed and fsynced) before the
next one starts; the manifest TSV is rewritten from manifest + journal at the end of a run and
at the start of the next one. A run killed at any point therefore loses at most the item in
flight, and a restart never writes the same doc_id twice.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from civicscope.io import atomic_path, write_json, write_tsv

logger = logging.getLogger(__name__)

MANIFEST_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "source_id",
    "kind",
    "url",
    "final_url",
    "fetched_at",
    "http_status",
    "content_type",
    "bytes",
    "sha256",
    "status",
    "reason",
    "raw_path",
    "genre",
    "publisher",
    "actor",
    "lang_hint",
    "date_hint",
    "title_hint",
    "robots_override",
    "detail",
    "shard",
)
MANIFEST_NAME = "manifest.tsv"
JOURNAL_NAME = "manifest.journal.jsonl"
RAW_EXTENSIONS = ("html", "pdf", "txt")
# Documents per shard unless the caller says otherwise: about a minute of spaCy per shard on one core.
SHARD_SIZE = 500


def utc_now() -> str:
    """Return the current UTC time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_manifest(path: str | Path, shard: int | None = None) -> list[dict[str, str]]:
    """Read a manifest TSV as a list of string dicts (missing columns filled with '').

    Args:
        path: the manifest.
        shard: keep only this shard's rows. Each extract job reads the manifest of the whole corpus;
            skipping the other rows before they become dicts keeps that to a fraction of a second at
            100,000 documents (a full read took about a second per job there).
    """
    path = Path(path)
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader, [])
        records: Iterable[list[str]] = reader
        if shard is not None:
            if "shard" not in header:
                return []
            at, wanted = header.index("shard"), str(shard)
            records = (r for r in reader if len(r) > at and r[at] == wanted)
        positions = [(c, header.index(c) if c in header else None) for c in MANIFEST_COLUMNS]
        return [{c: (r[i] if i is not None and i < len(r) else "") for c, i in positions} for r in records]


def _clean(value: Any) -> str:
    # tabs and newlines would break the TSV; details can contain both
    text = "" if value is None else str(value)
    return " ".join(text.split()) if any(ch in text for ch in "\t\r\n") else text


def assign_shards(rows: Mapping[str, dict[str, str]], shard_size: int) -> int:
    """Give every row without a shard one, in place; return how many rows were assigned.

    A document keeps the shard it was first given, forever. New documents (in doc_id order) fill
    the highest-numbered shard up to ``shard_size`` and then open new ones, so adding documents to
    a finished corpus changes only the last shard(s) and the downstream jobs of the others stay done.
    """
    if shard_size < 1:
        raise ValueError("shard_size must be at least 1")
    counts: collections.Counter[int] = collections.Counter(
        int(row["shard"]) for row in rows.values() if row.get("shard", "").isdigit()
    )
    new = sorted(doc_id for doc_id, row in rows.items() if not row.get("shard", "").isdigit())
    current = max(counts) if counts else 0
    for doc_id in new:
        while counts[current] >= shard_size:
            current += 1
        rows[doc_id]["shard"] = str(current)
        counts[current] += 1
    return len(new)


class RawStore:
    """Snapshots, headers and manifest of one raw directory."""

    def __init__(self, raw_dir: str | Path, shard_size: int = SHARD_SIZE) -> None:
        self.shard_size = shard_size
        self.dir = Path(raw_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.manifest_path = self.dir / MANIFEST_NAME
        self.journal_path = self.dir / JOURNAL_NAME
        self._lock = threading.Lock()
        self.rows: dict[str, dict[str, str]] = {}
        for row in read_manifest(self.manifest_path):
            self.rows[row["doc_id"]] = row
        self._replay_journal()
        if self.journal_path.exists():
            self.finalize()  # fold what an interrupted run left into the manifest

    def _replay_journal(self) -> None:
        if not self.journal_path.exists():
            return
        with open(self.journal_path, encoding="utf-8") as handle:
            for line in handle:
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut by a kill: that item is simply redone
                if row.get("_forget"):
                    self.rows.pop(row["doc_id"], None)
                else:
                    self._keep({c: _clean(row.get(c)) for c in MANIFEST_COLUMNS})

    def _keep(self, row: dict[str, str]) -> None:
        # a re-fetched document stays in its shard, so only that shard's jobs re-run
        previous = self.rows.get(row["doc_id"])
        if previous is not None and not row["shard"]:
            row["shard"] = previous["shard"]
        self.rows[row["doc_id"]] = row

    def cached(self, doc_id: str) -> bool:
        """Tell whether ``doc_id`` already has an ``ok`` snapshot on disk."""
        row = self.rows.get(doc_id)
        return bool(row and row["status"] == "ok" and row["raw_path"] and (self.dir / row["raw_path"]).is_file())

    def previous(self, doc_id: str) -> dict[str, str] | None:
        """Return the manifest row already recorded for ``doc_id``, if any."""
        return self.rows.get(doc_id)

    def save_snapshot(self, doc_id: str, ext: str, body: bytes, headers: Mapping[str, Any]) -> str:
        """Write raw bytes and their headers; return the raw path relative to the raw dir."""
        if ext not in RAW_EXTENSIONS:
            raise ValueError(f"unknown raw extension {ext!r}")
        for other in RAW_EXTENSIONS:
            stale = self.dir / f"{doc_id}.{other}"
            if other != ext and stale.exists():
                stale.unlink()  # a refresh changed the type: keep one snapshot per doc_id
        name = f"{doc_id}.{ext}"
        with atomic_path(self.dir / name) as tmp:
            tmp.write_bytes(body)
        write_json(dict(headers), self.dir / f"{doc_id}.headers.json")
        return name

    def record(self, row: Mapping[str, Any]) -> None:
        """Append one finished item to the journal (durable before returning)."""
        clean = {c: _clean(row.get(c)) for c in MANIFEST_COLUMNS}
        with self._lock:
            self._append(clean)
            self._keep(clean)

    def _append(self, entry: Mapping[str, Any]) -> None:
        with open(self.journal_path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def forget(self, doc_id: str) -> None:
        """Drop the row of ``doc_id`` (a feed that failed before and works now), durably."""
        with self._lock:
            if doc_id not in self.rows:
                return
            self._append({"doc_id": doc_id, "_forget": True})
            del self.rows[doc_id]

    def finalize(self) -> Path:
        """Give new rows a shard, rewrite the manifest (sorted by doc_id) and drop the journal."""
        with self._lock:
            assigned = assign_shards(self.rows, self.shard_size)
            if assigned:
                logger.info("%d new document(s) assigned to shards of %d", assigned, self.shard_size)
            table = pd.DataFrame([self.rows[k] for k in sorted(self.rows)], columns=list(MANIFEST_COLUMNS))
            write_tsv(table, self.manifest_path, sort_by=["doc_id"])
            if self.journal_path.exists():
                self.journal_path.unlink()
        return self.manifest_path
