"""Embedding cache files: deterministic, sorted, shard-disjoint; chunk pooling."""

import numpy as np
import pandas as pd
import pytest

from civicscope.cli import UserError, main
from civicscope.topics.embeddings import document_vectors
from civicscope.topics.store import read_npz, read_shards, write_npz
from civicscope.topics.units import build_units, load_documents


def test_npz_is_sorted_and_byte_identical(tmp_path):
    ids, vectors = ["b", "a", "c"], np.arange(6, dtype=np.float64).reshape(3, 2)
    meta = {"backend": "x", "model": "m", "unit": "document", "chunk_words": "120"}
    write_npz(tmp_path / "1.npz", ids, vectors, meta)
    write_npz(tmp_path / "2.npz", ids, vectors, meta)
    assert (tmp_path / "1.npz").read_bytes() == (tmp_path / "2.npz").read_bytes()
    got = read_npz(tmp_path / "1.npz")
    assert got.ids.tolist() == ["a", "b", "c"]
    assert got.vectors.dtype == np.float32 and got.vectors[0].tolist() == [2.0, 3.0]
    assert got.meta == meta
    write_npz(tmp_path / "3.npz", ["z"], np.zeros((1, 2)), dict(meta, unit="chunk"))
    with pytest.raises(UserError):
        read_shards([tmp_path / "1.npz", tmp_path / "3.npz"])


def test_tfidf_svd_shards_cover_the_corpus_once(corpus, tmp_path):
    paths = []
    for shard in range(3):
        for attempt in ("a", "b"):
            out = tmp_path / f"{attempt}_{shard}.npz"
            args = ["embed", "--documents", str(corpus["documents"]), "--shard", str(shard), "--n-shards", "3"]
            assert main(args + ["--backend", "tfidf-svd", "--unit", "chunk", "--chunk-words", "40", "--output", str(out)]) == 0
        assert (tmp_path / f"a_{shard}.npz").read_bytes() == (tmp_path / f"b_{shard}.npz").read_bytes()
        paths.append(tmp_path / f"a_{shard}.npz")
    merged = read_shards(paths)
    expected = build_units(load_documents(corpus["documents"]), "chunk", 40)["unit_id"].tolist()
    assert merged.ids.tolist() == sorted(expected)  # every unit once; duplicates left out
    assert merged.deferred and merged.meta["backend"] == "tfidf-svd"


def test_document_vector_is_the_weighted_mean_of_its_chunks():
    chunks = pd.DataFrame({"doc_id": ["d", "d", "e"], "n_words": [3, 1, 5]})
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 2.0]], dtype=np.float32)
    ids, pooled = document_vectors(chunks, vectors)
    assert ids == ["d", "e"]
    assert pooled[0] == pytest.approx(np.array([3.0, 1.0]) / np.sqrt(10))
    assert pooled[1] == pytest.approx([0.0, 1.0])
