"""Fitting on a sample of units: every unit still gets a topic, runs repeat, small corpora are unchanged."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from civicscope.cli import main
from civicscope.topics.assign import predict
from civicscope.topics.model import TopicParams
from civicscope.topics.pipeline import run_topics
from civicscope.topics.sampling import fit_sample
from civicscope.topics.tables import representative_units

from .conftest import embed_tfidf_shards

TABLES = ("topic_info.csv", "doc_topics.parquet", "unit_topics.parquet", "topics_over_time.csv", "topics_by_class.csv", "outliers.json", "topic_quality.csv")
SAMPLE = 40  # of the 70 document units of the test corpus


@pytest.fixture(scope="module")
def embeddings(corpus, tmp_path_factory):
    """tfidf-svd embedding files (ids only) for the test corpus, one unit per document."""
    return embed_tfidf_shards(corpus["documents"], tmp_path_factory.mktemp("sample_emb"))


def _common(corpus, embeddings) -> list[str]:
    return ["--documents", str(corpus["documents"]), "--sentences", *map(str, corpus["sentences"]), "--embeddings", *map(str, embeddings)]


@pytest.fixture(scope="module")
def sampled(corpus, embeddings, tmp_path_factory):
    """Two sampled fits from scratch: one through the CLI, one through the library."""
    root = tmp_path_factory.mktemp("sampled")
    rc = main(["topics", *_common(corpus, embeddings), "--out-dir", str(root / "a"), "--models-dir", str(root / "ma"), "--fit-sample-size", str(SAMPLE)])
    assert rc == 0
    summary = run_topics(corpus["documents"], corpus["sentences"], embeddings, root / "b", root / "mb", TopicParams(fit_sample_size=SAMPLE))
    return {"root": root, "summary": summary}


def test_sample_is_seeded_sized_and_order_free():
    ids = [f"{k:04x}" for k in range(500)]
    rows = fit_sample(ids, 100, seed=7)
    assert len(rows) == 100 and np.all(np.diff(rows) > 0)
    assert np.array_equal(rows, fit_sample(ids, 100, seed=7))
    assert not np.array_equal(rows, fit_sample(ids, 100, seed=8))
    shuffled = ids[::-1]
    assert {shuffled[i] for i in fit_sample(shuffled, 100, seed=7)} == {ids[i] for i in rows}
    for size in (0, None, 500, 10_000):
        assert fit_sample(ids, size, seed=7) is None


def test_every_unit_and_document_gets_a_topic(sampled, corpus):
    out = sampled["root"] / "a"
    units = pd.read_parquet(out / "unit_topics.parquet")
    docs = pd.read_parquet(out / "doc_topics.parquet")
    expected = sorted(corpus["docs"].loc[corpus["docs"]["dup_of"].isna(), "doc_id"])
    assert len(units) == len(expected) > SAMPLE
    assert docs["doc_id"].tolist() == expected
    assert set(units["topic"]) <= set(sampled["summary"]["result"].model.get_topics()) | {-1}
    assert units["prob"].between(0, 1).all()
    info = pd.read_csv(out / "topic_info.csv")
    assert info["count"].sum() == len(units)
    over_time = pd.read_csv(out / "topics_over_time.csv")
    assert over_time["frequency"].sum() == len(units)  # every test document has a year


def test_fitted_on_count_is_recorded(sampled):
    root = sampled["root"]
    fit = json.loads((root / "a" / "topic_fit.json").read_text())
    assert fit["sampled"] is True and fit["n_fit_units"] == SAMPLE and fit["fit_sample_size"] == SAMPLE
    assert fit["n_units"] == 70 and "transform" in fit["assignment"]
    manifest = json.loads((root / "ma" / "manifest.json").read_text())
    assert manifest["fit"] == fit and manifest["params"]["fit_sample_size"] == SAMPLE
    assert len(sampled["summary"]["result"].model.topics_) == SAMPLE


def test_two_sampled_runs_are_identical(sampled):
    root = sampled["root"]
    for name in (*TABLES, "topic_fit.json"):
        assert (root / "a" / name).read_bytes() == (root / "b" / name).read_bytes(), name


def test_large_sample_size_is_the_unsampled_path(corpus, embeddings, tmp_path):
    common = _common(corpus, embeddings)
    assert main(["topics", *common, "--out-dir", str(tmp_path / "all"), "--models-dir", str(tmp_path / "m1"), "--fit-sample-size", "0"]) == 0
    assert main(["topics", *common, "--out-dir", str(tmp_path / "big"), "--models-dir", str(tmp_path / "m2"), "--fit-sample-size", "100000"]) == 0
    for name in TABLES:
        assert (tmp_path / "all" / name).read_bytes() == (tmp_path / "big" / name).read_bytes(), name
    fit = json.loads((tmp_path / "big" / "topic_fit.json").read_text())
    assert fit["sampled"] is False and fit["n_fit_units"] == fit["n_units"] == 70


def test_blocks_change_nothing(sampled):
    result, inputs = sampled["summary"]["result"], sampled["summary"]["inputs"]
    model, docs, ids = result.model, inputs.docs, inputs.units["unit_id"].tolist()
    assert representative_units(model, docs, ids, result.topics, block=7) == representative_units(model, docs, ids, result.topics)
    rows = np.setdiff1d(np.arange(len(docs)), result.fit_rows)
    whole = predict(model, docs, inputs.embeddings, rows)
    again = predict(model, docs, inputs.embeddings, rows)
    assert np.array_equal(whole[0], again[0]) and np.array_equal(whole[1], again[1])
    assert np.array_equal(whole[0], result.topics_before[rows])


def test_outside_outliers_are_reduced_when_the_fit_had_none():
    from civicscope.topics.assign import reduce_outliers
    from civicscope.topics.model import fit_topics
    from civicscope.topics.stopwords import stop_words
    from civicscope.topics.vocab import fit_vocabulary

    class FixedClusters:
        def __init__(self, labels):
            self.fixed = np.asarray(labels)

        def fit(self, X, y=None):
            self.labels_ = self.fixed.copy()
            return self

    rng = np.random.RandomState(0)
    words = [["alpha", "beta", "gamma", "delta"], ["rouge", "vert", "bleu", "jaune"]]
    centres = rng.randn(2, 8) * 3
    vectors = np.asarray([centres[i // 12] + rng.randn(8) * 0.2 for i in range(24)], dtype=np.float32)
    docs = [" ".join(rng.choice(words[i // 12], 5)) for i in range(24)]
    stops = stop_words()
    vectoriser, _ = fit_vocabulary(docs, stops, (1, 1), 1, 1.0)
    result = fit_topics(docs, vectors, TopicParams(), vectoriser.vocabulary_, stops, cluster_model=FixedClusters([i // 12 for i in range(24)]))
    assert not result.model._outliers
    rows = np.arange(24)
    for strategy in ("embeddings", "c-tf-idf"):
        got = reduce_outliers(result.model, docs, vectors, rows, np.full(24, -1), strategy, 0.0)
        assert got.tolist() == result.topics.tolist(), strategy
