"""Language identification with py3langid (a maintained fork of langid.py)."""

from __future__ import annotations

import functools
import logging
from typing import Any

logger = logging.getLogger(__name__)

#: Below this many words, or this probability, the source's language hint is preferred.
MIN_WORDS = 8
MIN_PROBABILITY = 0.6
SAMPLE_CHARS = 1000


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, hint: str = "") -> tuple[str | None, float]:
    """Return (ISO 639-1 code, probability) for ``text``; fall back to ``hint`` when unsure.

    Only the first characters are used: a page's language rarely changes halfway, and it keeps
    long reports cheap.
    """
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return (hint or None), 0.0
    lang, prob = _identifier().classify(sample)
    if prob < MIN_PROBABILITY and hint:
        return hint, float(prob)
    if hint and lang != hint:
        logger.debug("detected %s (p=%.2f) but sources.tsv says %s", lang, prob, hint)
    return str(lang), float(prob)
