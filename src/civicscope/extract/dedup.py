"""Exact and near-duplicate documents (syndicated press releases, mirrored pages).

Exact duplicates share the hash of their normalised text. Near duplicates share most of their
word 5-gram shingles: Jaccard similarity is computed on hashed shingle sets with a sparse
matrix product (scikit-learn), block by block so memory stays bounded. Each group of duplicates
keeps one original — the earliest dated, then the smallest doc_id — and the others point to it
in ``dup_of``.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any, Sequence

from civicscope.extract.text import normalised_for_hash

logger = logging.getLogger(__name__)

SHINGLE_WORDS = 5
MIN_SHINGLES = 10
BLOCK_ROWS = 2000
#: Upper bound on rows x documents in one block of the similarity product (memory stays near 250 MB).
MAX_BLOCK_CELLS = 20_000_000
#: Candidate pairs compared in full at a time.
VERIFY_PAIRS = 20_000


def text_hash(text: str) -> str:
    """Hash of the normalised text (case, punctuation and spacing ignored)."""
    return _hash_normalised(normalised_for_hash(text))


def _hash_normalised(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


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


@dataclass
class Fingerprints:
    """What duplicate detection needs of each text, without the text: hash and shingle set.

    Fingerprints of several batches of documents (one shard at a time) can be joined with
    :meth:`extend`, so the texts of a whole corpus never need to be in memory together.
    """

    hashes: list[str] = field(default_factory=list)
    shingles: list[Any] = field(default_factory=list)  # one sparse row block per batch

    @classmethod
    def of(cls, texts: Sequence[str], with_shingles: bool = True) -> "Fingerprints":
        """Fingerprints of ``texts`` (shingle sets only when near duplicates are looked for)."""
        normalised = [normalised_for_hash(t) for t in texts]
        found = cls([_hash_normalised(t) for t in normalised])
        if with_shingles and normalised:
            found.shingles.append(_vectorizer().transform(normalised).tocsr())
        return found

    def extend(self, other: "Fingerprints") -> None:
        """Append the fingerprints of another batch of documents."""
        self.hashes.extend(other.hashes)
        self.shingles.extend(other.shingles)

    def shingle_matrix(self) -> Any:
        """One binary row of hashed 5-word shingles per document, in order.

        The per-batch blocks are handed over (emptied), so the corpus's shingles are held once.
        """
        import scipy.sparse as sp

        blocks, self.shingles = self.shingles, []
        return sp.vstack(blocks, format="csr") if blocks else None


@functools.lru_cache(maxsize=1)
def _vectorizer() -> Any:
    import numpy as np
    from sklearn.feature_extraction.text import HashingVectorizer

    # stateless: batches transformed separately give the rows one transform of everything would
    return HashingVectorizer(
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


def _near_pairs(matrix: Any, threshold: float) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of rows whose shingle sets have a Jaccard similarity ≥ ``threshold``.

    Exact, with the prefix filter of all-pairs similarity search (Bayardo et al., 2007): with the
    shingles of every text sorted rarest first, two texts at Jaccard ≥ t always share one of the
    first ``n - ceil(t * n) + 1`` shingles of each. Only pairs sharing such a prefix shingle are
    compared in full, so shingles common to many texts (boilerplate, quotations) no longer make
    the work grow with the square of the corpus.
    """
    import numpy as np

    sizes = np.asarray(matrix.getnnz(axis=1)).ravel()
    usable = np.flatnonzero(sizes >= MIN_SHINGLES)
    if len(usable) < 2:
        return []
    ranked, sizes = _rarest_first(_rows(matrix, usable))
    del matrix  # the caller passes its only reference: the corpus's shingles are not held twice
    prefix = _prefix_rows(ranked, sizes, threshold)
    prefix_t = prefix.T.tocsr()
    block_rows = max(50, min(BLOCK_ROWS, MAX_BLOCK_CELLS // ranked.shape[0]))
    pairs: list[tuple[int, int]] = []
    for start in range(0, ranked.shape[0], block_rows):
        candidates = (prefix[start : start + block_rows] @ prefix_t).tocoo()
        rows, cols = candidates.row + start, candidates.col
        # Jaccard ≤ smaller size / larger size: pairs of very different lengths cannot reach the threshold
        floor = threshold - 1e-9
        keep = (rows < cols) & (sizes[cols] >= floor * sizes[rows]) & (sizes[rows] >= floor * sizes[cols])
        rows, cols = rows[keep], cols[keep]
        for low in range(0, len(rows), VERIFY_PAIRS):
            r, c = rows[low : low + VERIFY_PAIRS], cols[low : low + VERIFY_PAIRS]
            shared = np.asarray(ranked[r].multiply(ranked[c]).sum(axis=1)).ravel()
            jaccard = shared / (sizes[r] + sizes[c] - shared)
            hit = jaccard >= threshold
            pairs.extend(zip(usable[r[hit]].tolist(), usable[c[hit]].tolist()))
    return pairs


def _rows(matrix: Any, rows: Any) -> Any:
    """``matrix[rows]``, without a copy when ``rows`` is every row in order."""
    return matrix if len(rows) == matrix.shape[0] else matrix[rows]


def _rarest_first(matrix: Any) -> tuple[Any, Any]:
    """``matrix`` with its columns renumbered by document frequency (rarest first), and its row sizes."""
    import numpy as np
    import scipy.sparse as sp

    used, inverse = np.unique(matrix.indices, return_inverse=True)
    inverse = inverse.astype(np.int32)  # half the memory of numpy's int64 (2**24 columns at most)
    frequency = np.bincount(inverse, minlength=len(used))
    rank = np.empty(len(used), dtype=np.int32)
    rank[np.lexsort((used, frequency))] = np.arange(len(used), dtype=np.int32)
    ranked = sp.csr_matrix((np.ones(len(inverse), dtype=np.float32), rank[inverse], matrix.indptr.copy()),
                           shape=(matrix.shape[0], len(used)))
    del inverse
    ranked.sort_indices()
    return ranked, np.diff(ranked.indptr).astype(np.float64)


def _prefix_rows(ranked: Any, sizes: Any, threshold: float) -> Any:
    """The first ``n - ceil(t * n) + 1`` (rarest) shingles of each row."""
    import numpy as np
    import scipy.sparse as sp

    # the small epsilon keeps 0.8 * 10 from rounding up to 9 (a prefix one too short would miss pairs)
    lengths = sizes - np.ceil(threshold * sizes - 1e-9) + 1
    row_of = np.repeat(np.arange(len(sizes)), np.diff(ranked.indptr))
    keep = (np.arange(ranked.nnz) - ranked.indptr[row_of]) < lengths[row_of]
    return sp.csr_matrix((ranked.data[keep], (row_of[keep], ranked.indices[keep])), shape=ranked.shape)


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
    return group_duplicates(doc_ids, Fingerprints.of(texts, near_threshold is not None), dates, near_threshold)


def group_duplicates(
    doc_ids: Sequence[str],
    prints: Fingerprints,
    dates: Sequence[str | None],
    near_threshold: float | None = 0.8,
) -> list[str | None]:
    """:func:`find_duplicates` from the documents' fingerprints instead of their texts."""
    n = len(doc_ids)
    groups = _UnionFind(n)
    first_with_hash: dict[str, int] = {}
    for i, key in enumerate(prints.hashes):
        if key in first_with_hash:
            groups.union(first_with_hash[key], i)
        else:
            first_with_hash[key] = i
    if near_threshold is not None and n > 1 and prints.shingles:
        # one text per exact-duplicate group: its copies have the same shingles, hence the same
        # similarities, and are already in its group (a syndicated release copied 50 times would
        # otherwise multiply the work by 2,500)
        firsts = sorted(first_with_hash.values())
        for i, j in _near_pairs(_rows(prints.shingle_matrix(), firsts), near_threshold):
            groups.union(firsts[i], firsts[j])
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
