"""Annotate free sentences (id, lang, text) with their actors and a source/target guess."""

from __future__ import annotations

import logging
from typing import Mapping

import pandas as pd
from tqdm import tqdm

from civicscope.nlp.gazetteer import Gazetteer
from civicscope.nlp.mentions import choose_source_target, sentence_mentions
from civicscope.nlp.components import ACTOR_SPANS_KEY
from civicscope.nlp.pipeline import build_pipeline

logger = logging.getLogger(__name__)

ACTOR_OUTPUT_COLUMNS = ["actors", "actor_types", "source_actor", "target_actor"]


def annotate_sentences(
    table: pd.DataFrame, models: Mapping[str, str], gazetteer: Gazetteer, batch_size: int = 64
) -> pd.DataFrame:
    """Return ``table`` with actors (ids in order of appearance), their types, source and target.

    Each row is processed as one unit of text, even if it holds several sentences.
    """
    out = table.copy()
    for col in ACTOR_OUTPUT_COLUMNS:
        out[col] = ""
    fallback = models.get("en") or next(iter(models.values()))
    langs = out["lang"].where(out["lang"].isin(list(models)), "__fallback__")
    bar = tqdm(total=len(out), desc="actors", unit="sent", mininterval=1.0)
    for lang in sorted(set(langs)):
        idx = out.index[langs == lang]
        code, model = ("en", fallback) if lang == "__fallback__" else (lang, models[lang])
        nlp = build_pipeline(code, model, gazetteer)
        texts = out.loc[idx, "text"].astype(str).tolist()
        for row, doc in zip(idx, nlp.pipe(texts, batch_size=batch_size)):
            spans = list(doc.spans.get(ACTOR_SPANS_KEY, []))
            whole = doc[:]
            found = [m for m in sentence_mentions(whole, gazetteer, spans) if m.actor_id]
            source, target = choose_source_target(found, gazetteer)
            out.at[row, "actors"] = ";".join(m.actor_id for m in found)
            out.at[row, "actor_types"] = ";".join(m.actor_type for m in found)
            out.at[row, "source_actor"] = source
            out.at[row, "target_actor"] = target
            bar.update(1)
    bar.close()
    return out
