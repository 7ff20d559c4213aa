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
#: A first, short sample decides alone when py3langid is at least this sure of it; otherwise the
#: SAMPLE_CHARS sample decides, as it always did. At 1,000 characters the model cost a third of
#: trafilatura's own time on a short page. On 2,393 samples of the real bench pages and the demo
#: texts, 92 % are decided by the short sample and 0.4 % get another answer than from 1,000
#: characters, all of them texts that change language within those 1,000 characters.
QUICK_SAMPLE_CHARS = 100
QUICK_MIN_PROBABILITY = 0.9


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model with its feature weights widened from float16 to float32 once.

    Each classification multiplies the weights of the features found by their counts in float32,
    promoting the float16 rows on every call; widening them once gives bit-identical scores about
    four times faster (28 MB more memory per process).
    """
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import load_model

    try:
        ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
        return LanguageIdentifier(np.asarray(ptc, dtype=np.float32), np.asarray(pc), classes, nextmove, output,
                                  norm_probs=True, tk_row=row)
    except (TypeError, ValueError) as exc:  # another py3langid layout: its own loader, float16 as shipped
        logger.debug("py3langid model not widened: %s", exc)
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, hint: str = "") -> tuple[str | None, float]:
    """Return (ISO 639-1 code, probability) for ``text``; fall back to ``hint`` when unsure.

    Only the first characters are used: a page's language rarely changes halfway, and it keeps
    long reports cheap. The first 100 characters are enough when the model is sure of them; the
    first 1,000 decide otherwise.
    """
    sample = text[:SAMPLE_CHARS]
    quick = sample[:QUICK_SAMPLE_CHARS]
    quick_words = len(quick.split())  # a prefix never has more words than the whole
    if quick_words < MIN_WORDS and len(sample.split()) < MIN_WORDS:
        return (hint or None), 0.0
    identifier = _identifier()
    lang, prob = identifier.classify(quick)
    if len(quick) < len(sample) and (prob < QUICK_MIN_PROBABILITY or quick_words < MIN_WORDS):
        lang, prob = identifier.classify(sample)
    if prob < MIN_PROBABILITY and hint:
        return hint, float(prob)
    if hint and lang != hint:
        logger.debug("detected %s (p=%.2f) but sources.tsv says %s", lang, prob, hint)
    return str(lang), float(prob)
