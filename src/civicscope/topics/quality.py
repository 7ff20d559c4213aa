"""Topic quality: NPMI coherence on the corpus itself, topic diversity, and LDA/NMF baselines."""

from __future__ import annotations

import logging
from itertools import combinations
from typing import Sequence

import numpy as np
import scipy.sparse as sp

logger = logging.getLogger(__name__)


def npmi_pair(n_i: int, n_j: int, n_ij: int, n_docs: int) -> float:
    """NPMI of two words from document counts (each word's and both together) among ``n_docs``.

    NPMI = log(p_ij / (p_i p_j)) / -log(p_ij), with p = document frequency / n_docs. It is -1 when
    the words never occur together and 1 when they only ever occur together (including the limit
    case where both occur in every document, where the formula reads 0/0).
    """
    if n_ij == 0:
        return -1.0
    p_i, p_j, p_ij = n_i / n_docs, n_j / n_docs, n_ij / n_docs
    if p_ij >= 1.0:
        return 1.0
    return float(np.log(p_ij / (p_i * p_j)) / -np.log(p_ij))


def npmi_coherence(topics: Sequence[Sequence[int]], presence: sp.spmatrix) -> list[float]:
    """Mean pairwise NPMI of each topic's top terms, using document co-occurrence in ``presence``.

    Args:
        topics: per topic, the column indices of its top terms.
        presence: units × terms matrix; any non-zero counts as "the term occurs in the unit".

    Returns:
        One score per topic (NaN for a topic with fewer than two terms).
    """
    binary = (sp.csc_matrix(presence) != 0).astype(np.int64)
    n_docs = binary.shape[0]
    df = np.asarray(binary.sum(axis=0)).ravel()
    scores = []
    for terms in topics:
        terms = list(dict.fromkeys(int(t) for t in terms))
        if len(terms) < 2:
            scores.append(float("nan"))
            continue
        sub = binary[:, terms]
        co = (sub.T @ sub).toarray()
        pairs = [npmi_pair(int(df[a]), int(df[b]), int(co[i, j]), n_docs) for (i, a), (j, b) in combinations(enumerate(terms), 2)]
        scores.append(float(np.mean(pairs)))
    return scores


def diversity(topics: Sequence[Sequence[str]]) -> float:
    """Share of unique terms among the top terms of all topics (1 = no term shared by two topics)."""
    words = [w for topic in topics for w in topic]
    return float(len(set(words)) / len(words)) if words else float("nan")


def top_terms(weights: np.ndarray, k: int) -> list[list[int]]:
    """Return, per row of a topic × term weight matrix, the indices of its ``k`` largest positive weights."""
    out = []
    for row in np.asarray(weights):
        order = np.argsort(-row, kind="stable")[:k]
        out.append([int(i) for i in order if row[i] > 0])
    return out


def baseline_topics(counts: sp.spmatrix, n_topics: int, seed: int, k: int) -> dict[str, list[list[int]]]:
    """Fit seeded LDA (on counts) and NMF (on TF-IDF) with ``n_topics`` and return their top terms."""
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import TfidfTransformer

    lda = LatentDirichletAllocation(n_components=n_topics, random_state=seed, learning_method="batch", max_iter=50)
    lda.fit(counts)
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    nmf = NMF(n_components=n_topics, random_state=seed, init="nndsvda", max_iter=500)
    nmf.fit(tfidf)
    return {"lda": top_terms(lda.components_, k), "nmf": top_terms(nmf.components_, k)}


def quality_table(
    bertopic_terms: Sequence[Sequence[str]],
    counts: sp.spmatrix,
    vocabulary: dict[str, int],
    seed: int,
    k: int,
):
    """Score BERTopic against LDA and NMF fitted on the same units, vocabulary and number of topics.

    Returns:
        A DataFrame ``model, n_topics, top_k, npmi, diversity`` (one row per model).
    """
    import pandas as pd

    n_topics = len(bertopic_terms)
    terms = sorted(vocabulary, key=vocabulary.get)
    bt = [[vocabulary[w] for w in topic if w in vocabulary][:k] for topic in bertopic_terms]
    models = {"bertopic": bt}
    models.update(baseline_topics(counts, max(2, n_topics), seed, k))
    rows = []
    for name, topic_terms in models.items():
        scores = [s for s in npmi_coherence(topic_terms, counts) if not np.isnan(s)]
        rows.append(
            {
                "model": name,
                "n_topics": len(topic_terms),
                "top_k": k,
                "npmi": float(np.mean(scores)) if scores else float("nan"),
                "diversity": diversity([[terms[i] for i in t] for t in topic_terms]),
            }
        )
        logger.info("quality %s: %d topics, NPMI %.3f, diversity %.3f", name, rows[-1]["n_topics"], rows[-1]["npmi"], rows[-1]["diversity"])
    return pd.DataFrame(rows)
