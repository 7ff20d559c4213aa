"""The extract stage over a raw directory: contract columns, hints, tampered or missing snapshots."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from civicscope.cli import UserError
from civicscope.collect.store import RawStore
from civicscope.extract import extract
from civicscope.extract.runner import DOCUMENT_COLUMNS, REJECT_COLUMNS


def _store(tmp_path: Path, samples) -> Path:
    raw = tmp_path / "raw"
    store = RawStore(raw)
    pages = {
        "a1": samples.article("Accord signé", "2022-01-02", samples.FR, "fr"),
        "b2": samples.article("Council vote", "2021-05-06", samples.EN, "en"),
        "c3": samples.article("Stadtrat", "2020-01-01", samples.DE, "de"),
        "d4": samples.article("Supprimé", "2020-01-01", samples.FR[:1] * 3, "fr"),
    }
    import hashlib

    for doc_id, html in pages.items():
        body = html.encode("utf-8")
        raw_path = store.save_snapshot(doc_id, "html", body, {})
        store.record({"doc_id": doc_id, "source_id": "s", "kind": "file", "url": f"docs/{doc_id}.html",
                      "final_url": f"docs/{doc_id}.html", "fetched_at": "2024-06-01T10:00:00Z", "status": "ok",
                      "raw_path": raw_path, "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body),
                      "genre": "news", "lang_hint": "fr",
                      "title_hint": "Titre imposé" if doc_id == "b2" else "",
                      "date_hint": "2019-12-31" if doc_id == "b2" else ""})
    store.record({"doc_id": "e5", "source_id": "s", "kind": "url", "url": "https://e.org/x", "status": "rejected",
                  "reason": "http_404", "detail": "HTTP 404 Not Found"})
    store.finalize()
    (raw / "c3.html").write_text("<html><body><p>changed afterwards</p></body></html>", encoding="utf-8")
    (raw / "d4.html").unlink()
    return raw


def test_documents_and_rejects(tmp_path: Path, samples) -> None:
    raw = _store(tmp_path, samples)
    summary = extract(raw, tmp_path / "documents.parquet", tmp_path / "rejects.csv", progress=False)
    documents = pd.read_parquet(tmp_path / "documents.parquet")
    assert list(documents.columns) == list(DOCUMENT_COLUMNS)
    assert list(documents["doc_id"]) == ["a1", "b2"]
    b2 = documents.set_index("doc_id").loc["b2"]
    assert (b2["title"], b2["date"], b2["year"], b2["lang"], b2["genre"]) == ("Titre imposé", "2019-12-31", 2019, "en", "news")
    assert str(documents["year"].dtype) == "Int64" and str(documents["n_words"].dtype) == "int64"
    rejects = pd.read_csv(tmp_path / "rejects.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(rejects.columns) == list(REJECT_COLUMNS)
    got = {(r.doc_id, r.stage, r.reason) for r in rejects.itertuples()}
    assert got == {("c3", "extract", "raw_changed"), ("d4", "extract", "raw_missing"), ("e5", "collect", "http_404")}
    assert summary.documents == 2 and sum(summary.rejected.values()) == 3


def test_deterministic_output(tmp_path: Path, samples) -> None:
    raw = _store(tmp_path, samples)
    extract(raw, tmp_path / "one.parquet", tmp_path / "one.csv", progress=False)
    extract(raw, tmp_path / "two.parquet", tmp_path / "two.csv", progress=False)
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "one.parquet"), pd.read_parquet(tmp_path / "two.parquet"))


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="manifest.tsv"):
        extract(tmp_path, tmp_path / "d.parquet")


def test_shards_then_dedup_equal_one_extract(tmp_path: Path, samples) -> None:
    from civicscope.collect.store import read_manifest
    from civicscope.extract.merge import merge_shards

    raw = _store(tmp_path, samples)
    # a syndicated copy of a1 in another shard: only the corpus-level step can see it
    store = RawStore(raw, shard_size=2)
    body = (raw / "a1.html").read_bytes()
    import hashlib

    store.save_snapshot("f6", "html", body, {})
    store.record({**read_manifest(raw / "manifest.tsv")[0], "doc_id": "f6", "url": "docs/f6.html",
                  "raw_path": "f6.html", "sha256": hashlib.sha256(body).hexdigest(), "shard": ""})
    store.finalize()
    shards = sorted({r["shard"] for r in read_manifest(raw / "manifest.tsv")})
    assert len(shards) >= 2
    for shard in shards:
        extract(raw, tmp_path / f"docs_{shard}.parquet", tmp_path / f"rej_{shard}.csv", progress=False, shard=int(shard))
    assert pd.read_parquet(tmp_path / f"docs_{shards[-1]}.parquet")["dup_of"].isna().all()
    merge_shards([tmp_path / f"docs_{s}.parquet" for s in shards], [tmp_path / f"rej_{s}.csv" for s in shards],
                 tmp_path / "merged.parquet", tmp_path / "merged.csv")
    extract(raw, tmp_path / "whole.parquet", tmp_path / "whole.csv", progress=False)
    merged = pd.read_parquet(tmp_path / "merged.parquet")
    pd.testing.assert_frame_equal(merged, pd.read_parquet(tmp_path / "whole.parquet"))
    assert merged.set_index("doc_id").loc["f6", "dup_of"] == "a1"
    assert (tmp_path / "merged.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
