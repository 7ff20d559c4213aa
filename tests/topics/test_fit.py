"""The topics stage: identical reruns, faithful reload, no look-ahead over time, baselines, outliers."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from civicscope.cli import main
from civicscope.io import read_table
from civicscope.topics.model import TopicParams, fit_topics
from civicscope.topics.persist import load_model
from civicscope.topics.pipeline import run_topics
from civicscope.topics.stopwords import stop_words
from civicscope.topics.tables import period_of
from civicscope.topics.vocab import fit_vocabulary

from .conftest import embed_tfidf_shards

OUTPUTS = ("topic_info.csv", "doc_topics.parquet", "unit_topics.parquet", "topics_over_time.csv", "topics_by_class.csv", "outliers.json", "topic_quality.csv")


@pytest.fixture(scope="module")
def fitted(corpus, tmp_path_factory):
    """Embed (tfidf-svd) and fit twice from scratch: once through the CLI, once through the library."""
    root = tmp_path_factory.mktemp("fit")
    embeddings = embed_tfidf_shards(corpus["documents"], root)
    labels = root / "labels.yaml"
    labels.write_text("# test labels\n0: Custom label\n", encoding="utf-8")
    docs = corpus["docs"]
    classes = root / "classes.csv"
    pd.DataFrame({"doc_id": docs["doc_id"], "stance": ["cooperation" if i % 3 else "confrontation" for i in range(len(docs))]}).to_csv(classes, index=False)
    common = ["--documents", str(corpus["documents"]), "--sentences", *map(str, corpus["sentences"]), "--embeddings", *map(str, embeddings)]
    rc = main(["topics", *common, "--out-dir", str(root / "a"), "--models-dir", str(root / "models_a"), "--labels", str(labels), "--classes", str(classes)])
    assert rc == 0
    summary = run_topics(
        corpus["documents"], corpus["sentences"], embeddings, root / "b", root / "models_b", TopicParams(),
        labels_path=labels, classes_path=classes, html_dir=root / "html",
    )
    return {"root": root, "summary": summary, "embeddings": embeddings, "labels": labels}


def test_two_fits_from_scratch_are_identical(fitted):
    root = fitted["root"]
    for name in OUTPUTS:
        assert (root / "a" / name).read_bytes() == (root / "b" / name).read_bytes(), name


def test_several_topics_that_follow_the_themes(fitted, corpus):
    doc_topics = pd.read_parquet(fitted["root"] / "a" / "doc_topics.parquet")
    assert len(doc_topics) == len(corpus["docs"]) - 1  # the near-duplicate is left out
    assert doc_topics["doc_id"].is_monotonic_increasing
    themed = doc_topics[doc_topics["doc_id"].map(corpus["theme_of"]) != "mixed"]
    purity = themed.assign(theme=themed["doc_id"].map(corpus["theme_of"])).groupby("topic")["theme"].agg(lambda s: s.value_counts().iloc[0] / len(s))
    assert themed["topic"].nunique() >= 4
    assert purity.min() >= 0.9


def test_reloaded_model_assigns_the_same_topics(fitted):
    summary, models_dir = fitted["summary"], fitted["root"] / "models_b"
    fitted_model, inputs = summary["result"].model, summary["inputs"]
    reloaded = load_model(models_dir)
    assert reloaded.topics_ == summary["result"].topics.tolist()
    saved = pd.read_parquet(models_dir / "units.parquet")
    assert saved["topic"].tolist() == summary["result"].topics.tolist()
    # The full pipeline (UMAP + HDBSCAN) survives the round trip: new predictions agree too.
    original, _ = fitted_model.transform(inputs.docs, inputs.embeddings)
    again, _ = reloaded.transform(inputs.docs, inputs.embeddings)
    assert list(again) == list(original)
    manifest = json.loads((models_dir / "manifest.json").read_text())
    assert manifest["format"] == "pickle" and manifest["versions"]["bertopic"]


def test_topics_over_time_never_shows_a_word_outside_its_period(fitted, corpus):
    root = fitted["root"] / "a"
    over_time = read_table(root / "topics_over_time.csv")
    assert len(over_time) > 0
    units = pd.read_parquet(root / "unit_topics.parquet")
    docs = corpus["docs"].set_index("doc_id")
    lemmas = corpus["sents"].groupby("doc_id")["lemmas"].agg(" ".join)
    tokens: dict[tuple[int, str], set[str]] = {}
    period_tokens: dict[str, set[str]] = {}
    for doc_id, topic in zip(units["doc_id"], units["topic"]):
        period = period_of(docs.at[doc_id, "date"], docs.at[doc_id, "year"], "year")
        words = set(lemmas[doc_id].split())
        tokens.setdefault((int(topic), period), set()).update(words)
        period_tokens.setdefault(period, set()).update(words)
    for topic, period, words in over_time[["topic", "period", "words"]].itertuples(index=False):
        for term in filter(None, words.split("; ")):
            for token in term.split():
                assert token in period_tokens[period], (token, period)
                assert token in tokens[(int(topic), period)], (token, topic, period)


def test_quality_table_compares_three_models(fitted):
    quality = read_table(fitted["root"] / "a" / "topic_quality.csv")
    assert sorted(quality["model"]) == ["bertopic", "lda", "nmf"]
    assert quality["n_topics"].nunique() == 1
    assert all(-1 <= float(x) <= 1 for x in quality["npmi"])
    assert all(0 < float(x) <= 1 for x in quality["diversity"])


def test_info_labels_classes_and_views(fitted):
    root = fitted["root"] / "a"
    info = read_table(root / "topic_info.csv")
    assert list(info.columns) == ["topic", "label", "words", "count", "representative_docs"]
    assert info.loc[info["topic"] == "0", "label"].item() == "Custom label"
    assert all(":" in w for w in info["words"].str.split("; ").str[0])
    by_class = read_table(root / "topics_by_class.csv")
    assert set(by_class["class_type"]) == {"genre", "lang", "stance"}
    shares = by_class.assign(share=by_class["share"].astype(float)).groupby(["class_type", "class"])["share"].sum()
    assert np.allclose(shares, 1.0)
    outliers = json.loads((root / "outliers.json").read_text())
    assert outliers["share_after"] <= outliers["share_before"]
    assert "barchart" in fitted["summary"]["views"]


def test_chunk_units_roll_up_to_documents(corpus, fitted, tmp_path):
    embeddings = embed_tfidf_shards(corpus["documents"], tmp_path, "--unit", "chunk", "--chunk-words", "40")
    run_topics(corpus["documents"], corpus["sentences"], embeddings, tmp_path / "out", tmp_path / "models", TopicParams())
    units = pd.read_parquet(tmp_path / "out" / "unit_topics.parquet")
    docs = pd.read_parquet(tmp_path / "out" / "doc_topics.parquet")
    assert units["unit_id"].str.contains("#c").all() and len(units) > len(docs)
    assert docs["doc_id"].tolist() == sorted(units["doc_id"].unique())
    assert docs["prob"].between(0, 1).all()


class FixedClusters:
    """A stand-in clusterer that leaves chosen points as outliers (HDBSCAN rarely does on toy data)."""

    def __init__(self, labels):
        self.fixed = np.asarray(labels)

    def fit(self, X, y=None):
        self.labels_ = self.fixed.copy()
        return self


@pytest.mark.parametrize("strategy", ["embeddings", "c-tf-idf", "none"])
def test_outliers_are_reduced_and_topics_updated(strategy):
    rng = np.random.RandomState(0)
    words = [["alpha", "beta", "gamma", "delta"], ["rouge", "vert", "bleu", "jaune"], ["chat", "chien", "lapin", "souris"]]
    vectors, docs, labels = [], [], []
    for c, vocab in enumerate(words):
        centre = rng.randn(8) * 3
        for i in range(12):
            vectors.append(centre + rng.randn(8) * 0.2)
            docs.append(" ".join(rng.choice(vocab, 5)))
            labels.append(-1 if i < 2 else c)  # two points per cluster start as outliers
    vectors = np.asarray(vectors, dtype=np.float32)
    stops = stop_words()
    vectoriser, _ = fit_vocabulary(docs, stops, (1, 1), 1, 1.0)
    params = TopicParams(outlier_strategy=strategy)
    result = fit_topics(docs, vectors, params, vectoriser.vocabulary_, stops, cluster_model=FixedClusters(labels))
    assert (result.topics_before == -1).sum() == 6
    if strategy == "none":
        assert (result.topics == -1).sum() == 6
        return
    assert (result.topics == -1).sum() == 0
    assert result.topics.tolist() == result.model.topics_
    assert result.reassigned.sum() == 6 and result.probs.min() >= 0 and result.probs.max() <= 1
    assert len(result.model.topic_embeddings_) == 3
    # each reassigned point joins the cluster it was drawn from, and the topic words follow the update
    assert all(result.topics[i] == result.topics[i + 2] for i in range(0, 36, 12))
    for topic in range(3):
        top = {w for w, _ in result.model.get_topic(topic) if w}
        assert any(top <= set(v) for v in words)
