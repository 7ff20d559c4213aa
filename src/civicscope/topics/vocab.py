"""The topic vocabulary, fitted once on the units and shared by BERTopic, LDA and NMF."""

from __future__ import annotations

import logging
from typing import Sequence

logger = logging.getLogger(__name__)


def fit_vocabulary(
    docs: Sequence[str],
    stop_words: Sequence[str],
    ngram_range: tuple[int, int] = (1, 2),
    min_df: int | float = 2,
    max_df: int | float = 0.95,
):
    """Fit a CountVectorizer on the units and return it with the unit-by-term count matrix.

    BERTopic fits its vectoriser on one concatenated text per topic, so a ``min_df`` given to it
    counts topics, not units, and would drop exactly the words that belong to a single topic.
    The vocabulary is therefore chosen here, over units, and handed to BERTopic fixed.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    from civicscope.cli import UserError

    def make(mindf):
        return CountVectorizer(
            stop_words=list(stop_words), ngram_range=tuple(ngram_range), min_df=mindf, max_df=max_df, lowercase=True
        )

    try:
        vectoriser = make(min_df)
        counts = vectoriser.fit_transform(docs)
    except ValueError as exc:
        if "max_df corresponds to < documents than min_df" in str(exc):
            raise UserError(f"min_df={min_df} and max_df={max_df} leave no word for {len(docs)} units — lower min_df") from exc
        if min_df == 1:
            raise UserError(f"no word left in {len(docs)} units after stop-words — are the lemmas empty?") from exc
        # A very small corpus can lose every word to min_df; keep going with all words, and say so.
        logger.warning("min_df=%s leaves no word in %d units; using min_df=1", min_df, len(docs))
        vectoriser = make(1)
        counts = vectoriser.fit_transform(docs)
    logger.info("vocabulary: %d terms over %d units", len(vectoriser.vocabulary_), counts.shape[0])
    return vectoriser, counts


def fixed_vectoriser(vocabulary: dict[str, int], stop_words: Sequence[str], ngram_range: tuple[int, int]):
    """Return a CountVectorizer bound to ``vocabulary`` (no pruning of its own) for BERTopic."""
    from sklearn.feature_extraction.text import CountVectorizer

    terms = sorted(vocabulary)
    return CountVectorizer(stop_words=list(stop_words), ngram_range=tuple(ngram_range), vocabulary=terms, lowercase=True)
