"""The topics stage end to end: units and lemmas, embeddings, fit, tables, quality, model, views."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from civicscope.topics.assign import METHOD as ASSIGNMENT
from civicscope.topics.model import TopicParams

logger = logging.getLogger(__name__)

CLASS_COLUMNS = ("genre", "lang")
FIT_FILE = "topic_fit.json"  # what the model was fitted on: all units or a sample, and how many


@dataclass
class TopicInputs:
    """Units ready for modelling: their table (with ``lemmas``), the docs BERTopic sees, and vectors.

    ``fit_rows`` are the units the model is fitted on when the corpus is sampled (None: all units).
    """

    units: pd.DataFrame
    docs: list[str]
    embeddings: np.ndarray
    meta: dict[str, str]
    embedder: object = None
    fit_rows: np.ndarray | None = None


@contextlib.contextmanager
def system_arrow_pool():
    """Let pyarrow allocate with malloc while the stage runs, then restore its default pool.

    Its default pool (mimalloc) keeps memory it has freed: reading documents.parquet once left up to
    twice the corpus text resident for the rest of the job (measured at 100,000 documents).
    """
    import pyarrow as pa

    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def _unit_vectors(emb, unit_ids: np.ndarray) -> np.ndarray:
    """The cached vectors of ``unit_ids`` in that order; the cache itself (no copy) when it holds exactly them."""
    from civicscope.cli import UserError

    pos = np.searchsorted(emb.ids, unit_ids)
    found = pos < len(emb.ids)
    found[found] = emb.ids[pos[found]] == unit_ids[found]
    if not found.all():
        missing = unit_ids[~found]
        raise UserError(
            f"{len(missing)} unit(s) have no embedding (first: {missing[0]}) — the embeddings are older than "
            "documents.parquet or were made with other settings; re-run the embed stage"
        )
    extra = len(emb.ids) - len(unit_ids)
    if extra:
        logger.info("%d embedded unit(s) not in the analysis (duplicates or removed documents) ignored", extra)
    if len(pos) == len(emb.ids) and np.array_equal(pos, np.arange(len(pos))):
        return emb.vectors  # the usual case: both sides hold the same sorted ids
    return emb.vectors[pos]


def prepare_inputs(
    documents: str | Path,
    sentences: Sequence[str | Path],
    embeddings: Sequence[str | Path],
    params: TopicParams,
    stop_words: Sequence[str],
    keep_duplicates: bool = False,
) -> tuple[pd.DataFrame, TopicInputs]:
    """Load documents, rebuild the units the embeddings were made for, attach lemmas and vectors.

    Only lemmas are modelled: sentence shards are read one at a time, units keep no text, and the
    documents come back without theirs. The fit sample is drawn here so that a corpus-level
    embedding can be fitted on it too.
    """
    from civicscope.topics.embeddings import is_deferred, tfidf_svd_vectors
    from civicscope.topics.sampling import fit_sample
    from civicscope.topics.store import read_shards
    from civicscope.topics.units import build_units, load_documents, unit_lemmas

    docs = load_documents(documents, keep_duplicates=keep_duplicates)
    emb = read_shards(embeddings)
    unit, chunk_words = emb.meta.get("unit", "document"), int(emb.meta.get("chunk_words") or 120)
    units = build_units(docs, unit, chunk_words, with_text=False)
    texts = unit_lemmas(units, docs, sentences)
    # object dtype: the column holds these very strings (a string dtype would copy all of them)
    units["lemmas"] = pd.Series(texts, index=units.index, dtype=object)
    docs = docs.drop(columns=["text"])
    vectors = _unit_vectors(emb, units["unit_id"].to_numpy().astype(str))
    fit_rows = fit_sample(units["unit_id"].tolist(), params.fit_sample_size, params.seed)
    embedder = None
    if is_deferred(emb.meta.get("backend", "")):
        vectors, embedder = tfidf_svd_vectors(texts, stop_words, dim=params.tfidf_dim, seed=params.seed, fit_rows=fit_rows)
    inputs = TopicInputs(
        units=units, docs=texts, embeddings=np.asarray(vectors, dtype=np.float32), meta=emb.meta, embedder=embedder, fit_rows=fit_rows
    )
    return docs, inputs


def _class_table(docs: pd.DataFrame, classes: str | Path | None) -> pd.DataFrame:
    """Classes per document: genre and lang from documents.parquet plus the columns of ``classes``."""
    from civicscope.cli import UserError
    from civicscope.io import read_table

    table = docs[["doc_id"] + [c for c in CLASS_COLUMNS if c in docs.columns]].copy()
    if classes:
        extra = read_table(classes)
        if "doc_id" not in extra.columns:
            raise UserError(f"{classes} has no doc_id column — the class table must be keyed by doc_id")
        extra = extra.drop(columns=[c for c in extra.columns if c in table.columns and c != "doc_id"])
        if extra["doc_id"].duplicated().any():
            raise UserError(f"{classes} has several rows for one doc_id — give one class value per document")
        table = table.merge(extra, on="doc_id", how="left")
    return table


def run_topics(
    documents: str | Path,
    sentences: Sequence[str | Path],
    embeddings: Sequence[str | Path],
    out_dir: str | Path,
    models_dir: str | Path,
    params: TopicParams,
    labels_path: str | Path | None = None,
    classes_path: str | Path | None = None,
    html_dir: str | Path | None = None,
    period: str = "year",
    keep_duplicates: bool = False,
) -> dict[str, object]:
    """Fit the topic model and write every output; return a short summary (for logs and tests)."""
    from threadpoolctl import threadpool_limits

    from civicscope.io import write_csv, write_json, write_parquet
    from civicscope.topics.labels import load_labels
    from civicscope.topics.model import fit_topics
    from civicscope.topics.persist import save_model
    from civicscope.topics.quality import quality_table
    from civicscope.topics.sampling import fit_info
    from civicscope.topics.stopwords import stop_words
    from civicscope.topics.tables import (
        doc_topics_table,
        period_of,
        representative_units,
        topic_info_table,
        topic_labels,
        topics_by_class_table,
        topics_over_time_table,
        unit_topics_table,
    )
    from civicscope.topics.viz import save_views
    from civicscope.topics.vocab import fit_vocabulary

    out = Path(out_dir)
    overrides = load_labels(labels_path)
    stops = stop_words()
    with threadpool_limits(limits=max(1, params.threads)), system_arrow_pool():
        docs, inputs = prepare_inputs(documents, sentences, embeddings, params, stops, keep_duplicates)
        rows = inputs.fit_rows
        fit_docs = inputs.docs if rows is None else [inputs.docs[i] for i in rows]
        # Vocabulary, baselines and NPMI are part of the fit: they see the fitted units only.
        vectoriser, counts = fit_vocabulary(fit_docs, stops, params.ngram_range, params.min_df, params.max_df)
        del fit_docs
        result = fit_topics(inputs.docs, inputs.embeddings, params, vectoriser.vocabulary_, stops, fit_rows=rows)
        model, topics = result.model, result.topics

        labels = topic_labels(model, topics.tolist(), overrides)
        model.set_topic_labels({t: labels[t] for t in sorted(labels)})
        unit_ids = inputs.units["unit_id"].tolist()
        reps = representative_units(model, inputs.docs, unit_ids, topics)
        info = topic_info_table(model, topics, labels, reps)
        unit_topics = unit_topics_table(inputs.units, result)
        doc_topics = doc_topics_table(unit_topics)

        meta = docs.set_index("doc_id")
        dates = meta["date"] if "date" in meta.columns else pd.Series(None, index=meta.index)
        years = meta["year"] if "year" in meta.columns else pd.Series(None, index=meta.index)
        doc_period = {d: period_of(dates.get(d), years.get(d), period) for d in pd.unique(inputs.units["doc_id"])}
        periods = [doc_period[d] for d in inputs.units["doc_id"]]
        over_time, raw_over_time = topics_over_time_table(model, inputs.docs, topics, periods)
        by_class = topics_by_class_table(doc_topics, _class_table(docs, classes_path))

        n = len(topics)
        outliers = {
            "n_units": n,
            "unit": inputs.meta.get("unit", "document"),
            "strategy": params.outlier_strategy,
            "threshold": params.outlier_threshold,
            "outliers_before": int((result.topics_before == -1).sum()),
            "outliers_after": int((topics == -1).sum()),
            "share_before": float((result.topics_before == -1).mean()),
            "share_after": float((topics == -1).mean()),
        }
        real_topics = [t for t in sorted(set(topics.tolist())) if t != -1]
        bt_terms = [[w for w, _ in model.get_topic(t) or [] if w] for t in real_topics]
        quality = quality_table(bt_terms, counts, vectoriser.vocabulary_, params.seed, params.top_n_words)
        fit = fit_info(n, rows, params.fit_sample_size, params.seed, ASSIGNMENT)

    write_csv(info, out / "topic_info.csv", sort_by=["topic"])
    write_parquet(doc_topics, out / "doc_topics.parquet", sort_by=["doc_id"])
    write_parquet(unit_topics, out / "unit_topics.parquet", sort_by=["unit_id"])
    write_csv(over_time, out / "topics_over_time.csv", sort_by=["topic", "period"])
    write_csv(by_class, out / "topics_by_class.csv", sort_by=["class_type", "class", "topic"])
    write_json(outliers, out / "outliers.json")
    write_csv(quality, out / "topic_quality.csv", sort_by=["model"])
    write_json(fit, out / FIT_FILE)

    manifest = {
        "params": params.as_dict(),
        "effective": result.effective,
        "embeddings": inputs.meta,
        "n_units": n,
        "n_topics": len(real_topics),
        "period": period,
        "unit_ids_file": "units.parquet",
        "fit": fit,
    }
    save_model(models_dir, model, unit_topics, manifest, embedder=inputs.embedder)
    views = save_views(model, html_dir, raw_over_time) if html_dir else []
    logger.info(
        "topics: %d topic(s) over %d unit(s), fitted on %d; outliers %.1f%% -> %.1f%%",
        len(real_topics), n, fit["n_fit_units"], 100 * outliers["share_before"], 100 * outliers["share_after"],
    )
    return {
        "n_topics": len(real_topics), "n_units": n, "outliers": outliers, "fit": fit, "views": views, "result": result, "inputs": inputs,
    }
