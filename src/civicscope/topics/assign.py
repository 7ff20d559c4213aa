"""Topics for the units a sampled fit left out: the fitted model's own prediction, block by block.

BERTopic's ``transform`` projects new vectors with the fitted UMAP and places them in the fitted
HDBSCAN tree with ``hdbscan.approximate_predict``: the same path a reloaded model takes for new
documents, topic ids mapped like the fit's (also after ``nr_topics`` merges), and outliers (-1)
where HDBSCAN would have left them. Those outliers are then reduced with the fit's strategy and
model state, so a unit gets the same kind of assignment whether or not it was in the sample.
Everything here is deterministic: UMAP's transform draws from ``transform_seed`` on each call, and
the blocks are fixed by the unit order, so the same units give the same topics.
"""

from __future__ import annotations

import logging
from typing import Any, Sequence

import numpy as np

logger = logging.getLogger(__name__)

# Points per transform call: bounds memory, and UMAP gives calls of at most 10,000 points 100
# optimisation epochs (30 above), the same for every block.
BLOCK = 10_000
METHOD = "BERTopic.transform (fitted UMAP + hdbscan.approximate_predict), then the fit's outlier reduction"


def predict(model: Any, docs: Sequence[str], embeddings: np.ndarray, rows: np.ndarray, block: int = BLOCK) -> tuple[np.ndarray, np.ndarray]:
    """Topic (before outlier reduction) and membership strength of each unit in ``rows``.

    Args:
        model: the fitted BERTopic model (UMAP and HDBSCAN with prediction data).
        docs: texts of all units; only ``rows`` are read.
        embeddings: vectors of all units.
        rows: indices of the units to assign.
        block: units per ``transform`` call.
    """
    topics = np.empty(len(rows), dtype=int)
    probs = np.empty(len(rows), dtype=float)
    for start in range(0, len(rows), block):
        idx = rows[start : start + block]
        predicted, strength = model.transform([docs[i] for i in idx], embeddings[idx])
        predicted = np.asarray(predicted, dtype=int)
        topics[start : start + len(idx)] = predicted
        if strength is None:  # a clusterer without membership strengths
            probs[start : start + len(idx)] = (predicted != -1).astype(float)
        else:
            probs[start : start + len(idx)] = np.asarray(strength, dtype=float).reshape(len(idx))
        logger.info("assigned %d/%d unit(s) outside the fit sample", min(start + block, len(rows)), len(rows))
    return topics, probs


def reduce_outliers(
    model: Any,
    docs: Sequence[str],
    embeddings: np.ndarray,
    rows: np.ndarray,
    topics: np.ndarray,
    strategy: str,
    threshold: float,
    block: int = BLOCK,
) -> np.ndarray:
    """Reassign the outliers among ``rows`` (current ``topics``) with BERTopic's ``reduce_outliers``.

    Call it before ``update_topics``: the fit's outliers were reduced against that model state.
    Each strategy scores every outlier on its own, so doing it in blocks changes nothing.
    """
    out = np.asarray(topics, dtype=int).copy()
    outliers = np.flatnonzero(out == -1)
    if not len(outliers) or strategy == "none":
        return out
    for start in range(0, len(outliers), block):
        pos = outliers[start : start + block]
        idx = rows[pos]
        block_docs, block_emb = [docs[i] for i in idx], embeddings[idx]
        if model._outliers:  # noqa: SLF001 — BERTopic's own flag: did the fit have an outlier class
            new = model.reduce_outliers(block_docs, [-1] * len(idx), strategy=strategy, threshold=threshold, embeddings=block_emb)
        else:
            new = nearest_topics(model, block_docs, block_emb, strategy, threshold)
        out[pos] = np.asarray(new, dtype=int)
    logger.info("outliers outside the fit sample: %d -> %d", len(outliers), int((out == -1).sum()))
    return out


def nearest_topics(model: Any, docs: Sequence[str], embeddings: np.ndarray, strategy: str, threshold: float) -> np.ndarray:
    """The topic ``reduce_outliers`` would pick for each unit, for a model whose fit had no outlier.

    BERTopic refuses to reduce outliers when its fit left none (``No outliers to reduce``), yet units
    outside the fit sample can still fall outside every cluster. This scores them exactly as its
    ``embeddings``, ``c-tf-idf`` and ``distributions`` strategies do (every topic row is a real topic
    here, there being no outlier row to skip).
    """
    from sklearn.metrics.pairwise import cosine_similarity

    if strategy == "distributions":
        scores, _ = model.approximate_distribution(list(docs), min_similarity=threshold)
    else:
        if strategy == "embeddings":
            scores = cosine_similarity(embeddings, model.topic_embeddings_)
        else:
            scores = cosine_similarity(model.ctfidf_model.transform(model.vectorizer_model.transform(list(docs))), model.c_tf_idf_)
        scores[scores < threshold] = 0
    return np.asarray([int(np.argmax(s)) if np.sum(s) > 0 else -1 for s in scores], dtype=int)
