"""Build the spaCy pipeline for one language: statistical model (or blank) + actor matching."""

from __future__ import annotations

import logging

import spacy
from spacy.language import Language

from civicscope.cli import UserError
from civicscope.nlp import components  # noqa: F401  (registers the civicscope_ factories)
from civicscope.nlp.components import ACTOR_SPANS_KEY
from civicscope.nlp.gazetteer import Gazetteer

logger = logging.getLogger(__name__)

BLANK = "blank"


def load_base(lang: str, model: str, exclude: tuple[str, ...] = ()) -> Language:
    """Load an installed spaCy pipeline, or a blank one with a sentencizer when ``model == "blank"``."""
    if model == BLANK:
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        return spacy.load(model, exclude=list(exclude))
    except OSError as exc:
        raise UserError(
            f"spaCy pipeline '{model}' for language '{lang}' is not installed. Install it with pip "
            f"(e.g. `.venv/bin/pip install {model}`) or set nlp.models.{lang}: blank in config/config.yaml."
        ) from exc


def build_pipeline(lang: str, model: str, gazetteer: Gazetteer, exclude: tuple[str, ...] = ()) -> Language:
    """Return the full pipeline: base model, accent-folding NORM, span_ruler on actors, context filter."""
    nlp = load_base(lang, model, exclude)
    nlp.add_pipe("civicscope_fold_norm")
    ruler = nlp.add_pipe(
        "span_ruler",
        config={
            "spans_key": ACTOR_SPANS_KEY,
            "phrase_matcher_attr": "NORM",
            "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
            "validate": False,
        },
    )
    ruler.add_patterns(gazetteer.patterns(lang))
    nlp.add_pipe(
        "civicscope_actor_filter",
        config={"rules": {k: v.as_dict() for k, v in sorted(gazetteer.ambiguities.items())}},
    )
    logger.info("%s pipeline: %s", lang, " > ".join(nlp.pipe_names))
    return nlp
