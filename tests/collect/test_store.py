"""The raw store: journal replay after a crash, one row per doc_id, atomic manifest."""

from __future__ import annotations

import json
from pathlib import Path

from civicscope.collect.store import JOURNAL_NAME, MANIFEST_COLUMNS, RawStore, read_manifest


def _row(doc_id: str, status: str = "ok", **extra: str) -> dict[str, str]:
    return {"doc_id": doc_id, "source_id": "s", "url": f"u/{doc_id}", "status": status, **extra}


def test_record_and_finalize(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    raw = store.save_snapshot("bbb", "html", b"<html></html>", {"status": 200})
    store.record(_row("bbb", raw_path=raw, title_hint='a "quoted"\ttitle'))
    store.record(_row("aaa", "rejected", reason="http_404", detail="line one\nline two"))
    manifest = store.finalize()
    assert not (tmp_path / JOURNAL_NAME).exists()
    rows = read_manifest(manifest)
    assert [r["doc_id"] for r in rows] == ["aaa", "bbb"]
    assert list(rows[0]) == list(MANIFEST_COLUMNS)
    assert rows[0]["detail"] == "line one line two"
    assert rows[1]["title_hint"] == 'a "quoted" title'
    assert RawStore(tmp_path).cached("bbb") and not RawStore(tmp_path).cached("aaa")


def test_journal_replayed_after_crash(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    store.record(_row("aaa", "rejected", reason="timeout"))
    store.finalize()
    # a later run recorded two items, then died before finalize; the last line is cut
    with open(tmp_path / JOURNAL_NAME, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(_row("aaa", "ok", raw_path="aaa.html")) + "\n")
        handle.write(json.dumps(_row("ccc", "ok")) + "\n")
        handle.write('{"doc_id": "ddd", "sta')
    reopened = RawStore(tmp_path)
    assert not (tmp_path / JOURNAL_NAME).exists()
    rows = {r["doc_id"]: r for r in read_manifest(tmp_path / "manifest.tsv")}
    assert set(rows) == {"aaa", "ccc"} and rows["aaa"]["status"] == "ok"
    assert reopened.previous("ccc")["status"] == "ok"


def test_forget(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    store.record(_row("feed", "rejected", reason="http_503"))
    store.forget("feed")
    store.forget("never-seen")
    assert RawStore(tmp_path).previous("feed") is None


def test_snapshot_type_change_keeps_one_file(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    store.save_snapshot("x", "html", b"<html/>", {})
    store.save_snapshot("x", "pdf", b"%PDF-1.4", {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.headers.json", "x.pdf"]


def test_new_documents_fill_the_last_shard_then_open_new_ones(tmp_path: Path) -> None:
    store = RawStore(tmp_path, shard_size=3)
    for doc_id in ["e", "a", "c", "b", "d"]:
        store.record(_row(doc_id))
    store.finalize()
    first = {r["doc_id"]: r["shard"] for r in read_manifest(tmp_path / "manifest.tsv")}
    assert first == {"a": "0", "b": "0", "c": "0", "d": "1", "e": "1"}
    # later documents (even ones sorting first) never move the earlier ones
    store = RawStore(tmp_path, shard_size=3)
    for doc_id in ["0", "f", "g"]:
        store.record(_row(doc_id))
    store.record(_row("a", "ok", raw_path="a.html"))  # a refreshed document keeps its shard
    store.finalize()
    second = {r["doc_id"]: r["shard"] for r in read_manifest(tmp_path / "manifest.tsv")}
    assert {k: second[k] for k in first} == first
    assert (second["0"], second["f"], second["g"]) == ("1", "2", "2")


def test_shards_survive_a_crash_before_finalize(tmp_path: Path) -> None:
    store = RawStore(tmp_path, shard_size=1)
    store.record(_row("a"))
    store.finalize()
    with open(tmp_path / JOURNAL_NAME, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(_row("a", "ok", raw_path="a.html")) + "\n")
        handle.write(json.dumps(_row("b")) + "\n")
    RawStore(tmp_path, shard_size=1)
    rows = {r["doc_id"]: r["shard"] for r in read_manifest(tmp_path / "manifest.tsv")}
    assert rows == {"a": "0", "b": "1"}


def test_read_one_shard(tmp_path: Path) -> None:
    path = tmp_path / "manifest.tsv"
    # columns out of order and one missing, as in a manifest written by an older version
    columns = [c for c in reversed(MANIFEST_COLUMNS) if c != "detail"]
    lines = ["\t".join(columns)]
    for i in range(7):
        values = {c: "" for c in columns} | {"doc_id": f"d{i}", "shard": str(i % 3), "bytes": "1", "url": f"u{i}"}
        lines.append("\t".join(values[c] for c in columns))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    everything = read_manifest(path)
    assert [r["doc_id"] for r in everything] == [f"d{i}" for i in range(7)]
    assert all(list(r) == list(MANIFEST_COLUMNS) and r["detail"] == "" for r in everything)
    for shard in range(3):
        assert read_manifest(path, shard=shard) == [r for r in everything if r["shard"] == str(shard)]
    assert read_manifest(path, shard=1)[0]["doc_id"] == "d1"  # the value 1 elsewhere in a row does not match
    assert read_manifest(path, shard=9) == []
