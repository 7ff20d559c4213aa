"""Exact and near-duplicate documents (syndicated press releases, mirrored pages).

Exact duplicates share the hash of their normalised text. Near duplicates share most of their
word 5-gram shingles: Jaccard similarity is computed on hashed shingle sets with a sparse
matrix product (scikit-learn), block by block so memory stays bounded. Each group of duplicates
keeps one original — the earliest dated, then the smallest doc_id — and the others point to it
in ``dup_of``.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Sequence

from civicscope.extract.text import normalised_for_hash

logger = logging.getLogger(__name__)

SHINGLE_WORDS = 5
MIN_SHINGLES = 10
BLOCK_ROWS = 2000


def text_hash(text: str) -> str:
    """Hash of the normalised text (case, punctuation and spacing ignored)."""
    return hashlib.sha256(normalised_for_hash(text).encode("utf-8")).hexdigest()


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _near_pairs(texts: Sequence[str], threshold: float) -> list[tuple[int, int]]:
    import numpy as np
    from sklearn.feature_extraction.text import HashingVectorizer

    normalised = [normalised_for_hash(t) for t in texts]
    vectorizer = HashingVectorizer(
        analyzer="word",
        token_pattern=r"\S+",
        lowercase=False,
        ngram_range=(SHINGLE_WORDS, SHINGLE_WORDS),
        n_features=2**24,
        binary=True,
        norm=None,
        alternate_sign=False,
        dtype=np.float32,
    )
    matrix = vectorizer.transform(normalised).tocsr()
    sizes = np.asarray(matrix.getnnz(axis=1)).ravel()
    usable = np.flatnonzero(sizes >= MIN_SHINGLES)
    if len(usable) < 2:
        return []
    sub = matrix[usable]
    sub_sizes = sizes[usable].astype(np.float64)
    transposed = sub.T.tocsc()
    pairs: list[tuple[int, int]] = []
    for start in range(0, sub.shape[0], BLOCK_ROWS):
        block = (sub[start : start + BLOCK_ROWS] @ transposed).tocoo()
        rows = block.row + start
        keep = rows < block.col  # each pair once, no self-pairs
        rows, cols, shared = rows[keep], block.col[keep], block.data[keep]
        jaccard = shared / (sub_sizes[rows] + sub_sizes[cols] - shared)
        for r, c in zip(rows[jaccard >= threshold], cols[jaccard >= threshold]):
            pairs.append((int(usable[r]), int(usable[c])))
    return pairs


def find_duplicates(
    doc_ids: Sequence[str],
    texts: Sequence[str],
    dates: Sequence[str | None],
    near_threshold: float | None = 0.8,
) -> list[str | None]:
    """Return ``dup_of`` for each document: the doc_id of the original it duplicates, or None.

    Args:
        doc_ids, texts, dates: parallel sequences (dates as YYYY-MM-DD or None).
        near_threshold: Jaccard similarity of 5-word shingles at or above which two texts are
            near duplicates; None turns near-duplicate detection off (exact only).
    """
    n = len(doc_ids)
    groups = _UnionFind(n)
    first_with_hash: dict[str, int] = {}
    for i, text in enumerate(texts):
        key = text_hash(text)
        if key in first_with_hash:
            groups.union(first_with_hash[key], i)
        else:
            first_with_hash[key] = i
    if near_threshold is not None and n > 1:
        for i, j in _near_pairs(texts, near_threshold):
            groups.union(i, j)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(groups.find(i), []).append(i)
    dup_of: list[str | None] = [None] * n
    for group in members.values():
        if len(group) < 2:
            continue
        original = min(group, key=lambda i: (dates[i] is None, dates[i] or "", doc_ids[i]))
        for i in group:
            if i != original:
                dup_of[i] = doc_ids[original]
    n_dups = sum(d is not None for d in dup_of)
    if n_dups:
        logger.info("%d of %d documents are duplicates of another", n_dups, n)
    return dup_of
