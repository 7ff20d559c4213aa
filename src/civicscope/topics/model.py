"""BERTopic built explicitly from parameters, fitted on precomputed embeddings, outliers reduced."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

import numpy as np

logger = logging.getLogger(__name__)

OUTLIER_STRATEGIES = ("embeddings", "c-tf-idf", "distributions", "none")
MIN_UNITS = 10  # below this UMAP's spectral layout and HDBSCAN have nothing to work with


@contextlib.contextmanager
def quiet_bertopic():
    """Silence BERTopic's warnings for one call whose warning does not apply here (it is logged as ours)."""
    bt_logger = logging.getLogger("BERTopic")
    level = bt_logger.level
    bt_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        bt_logger.setLevel(level)


@dataclass
class TopicParams:
    """Every knob of the topic model; defaults suit corpora from ~80 units upward."""

    seed: int = 42
    n_neighbors: int = 15
    n_components: int = 5
    min_cluster_size: int = 0  # 0 = automatic: max(5, units / 50)
    min_samples: int | None = None
    # "leaf" rather than HDBSCAN's "eom": on a bilingual corpus "eom" tends to keep one cluster per
    # language (the French half of the demo corpus became a single topic); "leaf" splits by subject.
    cluster_selection: str = "leaf"
    ngram_min: int = 1
    ngram_max: int = 2
    min_df: int = 2
    max_df: float = 0.95
    nr_topics: int | None = None
    top_n_words: int = 10
    outlier_strategy: str = "embeddings"
    outlier_threshold: float = 0.0
    reduce_frequent_words: bool = True
    threads: int = 1
    tfidf_dim: int = 100
    # Above this many units, fit on a seeded sample of them and assign the rest with the fitted model
    # (UMAP and HDBSCAN memory grows faster than the corpus). 0 or None: always fit on every unit.
    fit_sample_size: int | None = 20000

    @property
    def ngram_range(self) -> tuple[int, int]:
        """The (min, max) n-gram range of the vocabulary."""
        return (self.ngram_min, self.ngram_max)

    def as_dict(self) -> dict[str, Any]:
        """Return the parameters as a plain dict (for the model manifest)."""
        return asdict(self)


@dataclass
class FitResult:
    """A fitted model and the assignments it gave, before and after outlier reduction."""

    model: Any
    topics_before: np.ndarray
    topics: np.ndarray
    probs: np.ndarray
    reassigned: np.ndarray
    effective: dict[str, Any] = field(default_factory=dict)
    fit_rows: np.ndarray | None = None  # units the model was fitted on; None = all of them


def auto_min_cluster_size(n_units: int) -> int:
    """Default smallest topic: 5 units, or 2 % of the units on larger corpora."""
    return max(5, round(n_units / 50))


def effective_sizes(params: TopicParams, n_units: int) -> dict[str, int]:
    """Cap UMAP and HDBSCAN sizes by the corpus size, so small corpora still give several topics."""
    wanted = params.min_cluster_size or auto_min_cluster_size(n_units)
    return {
        "n_neighbors": int(max(2, min(params.n_neighbors, n_units - 1))),
        "n_components": int(max(2, min(params.n_components, n_units - 2))),
        "min_cluster_size": int(max(2, min(wanted, n_units // 3))),
    }


def _ctfidf(params: TopicParams):
    from bertopic.vectorizers import ClassTfidfTransformer

    return ClassTfidfTransformer(reduce_frequent_words=params.reduce_frequent_words)


def build_model(
    params: TopicParams, n_units: int, vocabulary: dict[str, int], stop_words: Sequence[str], cluster_model: Any = None
):
    """Build BERTopic from explicit sub-models; return it and the sizes actually used.

    ``cluster_model`` replaces the HDBSCAN built from ``params`` (any object with ``fit`` and ``labels_``).
    """
    from bertopic import BERTopic
    from bertopic.backend import BaseEmbedder
    from hdbscan import HDBSCAN
    from umap import UMAP

    from civicscope.topics.vocab import fixed_vectoriser

    sizes = effective_sizes(params, n_units)
    umap_model = UMAP(
        n_neighbors=sizes["n_neighbors"],
        n_components=sizes["n_components"],
        min_dist=0.0,
        metric="cosine",
        random_state=params.seed,  # fixed seed: reruns give the same layout (and UMAP runs single-threaded)
        n_jobs=1,
    )
    hdbscan_model = HDBSCAN(
        min_cluster_size=sizes["min_cluster_size"],
        min_samples=params.min_samples,
        metric="euclidean",
        cluster_selection_method=params.cluster_selection,
        prediction_data=True,  # needed by transform() on a reloaded model
        core_dist_n_jobs=max(1, params.threads),
    )
    if cluster_model is not None:
        hdbscan_model = cluster_model
    model = BERTopic(
        # A do-nothing embedder: BERTopic never downloads a model, and (unlike embedding_model=None,
        # which implies language="english") it does not strip accented letters before c-TF-IDF.
        embedding_model=BaseEmbedder(),
        umap_model=umap_model,
        hdbscan_model=hdbscan_model,
        vectorizer_model=fixed_vectoriser(vocabulary, stop_words, params.ngram_range),
        ctfidf_model=_ctfidf(params),
        top_n_words=params.top_n_words,
        nr_topics=params.nr_topics,
        calculate_probabilities=False,
        verbose=False,
    )
    return model, sizes


def topic_centroids(embeddings: np.ndarray, topics: np.ndarray) -> np.ndarray:
    """Mean embedding per topic, rows in sorted topic order (-1 first when present), as BERTopic expects."""
    return np.asarray([embeddings[topics == t].mean(axis=0) for t in sorted(set(topics.tolist()))])


def fit_topics(
    docs: Sequence[str],
    embeddings: np.ndarray,
    params: TopicParams,
    vocabulary: dict[str, int],
    stop_words: Sequence[str],
    cluster_model: Any = None,
    fit_rows: np.ndarray | None = None,
) -> FitResult:
    """Fit BERTopic on ``docs`` with precomputed ``embeddings``, then reduce outliers and update topics.

    The assignment of record is the fit's ``topics_`` (after reduction): ``transform`` on the same
    documents goes through UMAP's out-of-sample projection and disagrees with the fit.

    With ``fit_rows`` the model is fitted on those units only. The other units get their topic from
    the fitted model (:func:`civicscope.topics.assign.predict`) and their outliers are reduced with the
    same strategy and model state as the fit's, before ``update_topics``; topic words and centroids
    then come from the fitted units.
    """
    from civicscope.cli import UserError
    from civicscope.topics.assign import predict, reduce_outliers
    from civicscope.topics.vocab import fixed_vectoriser

    docs = docs if isinstance(docs, list) else list(docs)
    sampled = fit_rows is not None
    fit_docs = [docs[i] for i in fit_rows] if sampled else docs
    fit_emb = embeddings[fit_rows] if sampled else embeddings
    if len(fit_docs) < MIN_UNITS:
        raise UserError(f"only {len(fit_docs)} unit(s) to model; topic modelling needs at least {MIN_UNITS} — add documents or use unit=chunk")
    if params.outlier_strategy not in OUTLIER_STRATEGIES:
        raise UserError(f"outlier strategy {params.outlier_strategy!r} is not one of {OUTLIER_STRATEGIES}")
    model, sizes = build_model(params, len(fit_docs), vocabulary, stop_words, cluster_model)
    model.fit_transform(fit_docs, embeddings=fit_emb)
    fit_before = np.asarray(model.topics_, dtype=int)
    if model.probabilities_ is None:  # a clusterer without membership strengths
        fit_probs = (fit_before != -1).astype(float)
    else:
        fit_probs = np.asarray(model.probabilities_, dtype=float).reshape(len(fit_docs))
    n_out = int((fit_before == -1).sum())
    logger.info("fit: %d topic(s), %d/%d outlier unit(s)", len(set(fit_before.tolist()) - {-1}), n_out, len(fit_docs))
    before, probs = fit_before, fit_probs.copy()
    if sampled:
        rest = np.setdiff1d(np.arange(len(docs)), fit_rows, assume_unique=True)
        rest_before, rest_probs = predict(model, docs, embeddings, rest)
        before, probs = np.empty(len(docs), dtype=int), np.empty(len(docs), dtype=float)
        before[fit_rows], before[rest] = fit_before, rest_before
        probs[fit_rows], probs[rest] = fit_probs, rest_probs
    fit_after = fit_before.copy()
    reduce = params.outlier_strategy != "none" and (fit_before != -1).any()
    if reduce and n_out:
        fit_after = np.asarray(
            model.reduce_outliers(
                fit_docs,
                fit_before.tolist(),
                strategy=params.outlier_strategy,
                threshold=params.outlier_threshold,
                embeddings=fit_emb,
            ),
            dtype=int,
        )
    after = fit_after
    if sampled:
        after = before.copy()
        after[fit_rows] = fit_after
        if reduce:  # before update_topics: against the model state the fit's outliers were reduced with
            after[rest] = reduce_outliers(
                model, docs, embeddings, rest, before[rest], params.outlier_strategy, params.outlier_threshold
            )
    if reduce and n_out:
        # BERTopic warns that custom assignments make topic vectors c-TF-IDF based; they are
        # recomputed as centroids just below, so the warning would mislead.
        with quiet_bertopic():
            model.update_topics(
                fit_docs,
                topics=fit_after.tolist(),
                top_n_words=params.top_n_words,
                vectorizer_model=fixed_vectoriser(vocabulary, stop_words, params.ngram_range),
                ctfidf_model=_ctfidf(params),
            )
    # Topic vectors as centroids of the final assignment (update_topics leaves them stale here).
    model.topic_embeddings_ = topic_centroids(fit_emb, fit_after)
    reassigned = (before == -1) & (after != -1)
    if reassigned.any():
        row_of = {t: k for k, t in enumerate(sorted(set(fit_after.tolist())))}
        centroids = model.topic_embeddings_
        for i in np.flatnonzero(reassigned):
            c = centroids[row_of[int(after[i])]]
            denom = np.linalg.norm(c) * np.linalg.norm(embeddings[i])
            probs[i] = max(0.0, float(embeddings[i] @ c / denom)) if denom > 0 else 0.0
    probs[after == -1] = 0.0
    return FitResult(model, before, after, probs, reassigned, effective=sizes, fit_rows=fit_rows)
