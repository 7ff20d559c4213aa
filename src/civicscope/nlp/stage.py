"""The NLP stage on one shard of documents: sentences with lemmas, and actor/entity mentions."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd
from tqdm import tqdm

from civicscope.io import sent_id_for, write_parquet
from civicscope.nlp.gazetteer import Gazetteer, load_gazetteer
from civicscope.nlp.mentions import iter_sentences, resolve_generic_city
from civicscope.nlp.pipeline import build_pipeline

logger = logging.getLogger(__name__)

SENTENCE_COLUMNS = ["sent_id", "doc_id", "lang", "i", "text", "lemmas", "n_tokens"]
MENTION_COLUMNS = [
    "sent_id", "doc_id", "actor_id", "actor_type", "side", "surface", "label", "start_char", "end_char", "is_subject",
    "resolved_from",
]


def shard_of(doc_id: str, n_shards: int) -> int:
    """Shard number of a document: its id read as hexadecimal, modulo the number of shards."""
    return int(doc_id, 16) % n_shards


def read_shard(documents: str | Path, shard: int, n_shards: int, drop_duplicates: bool = True) -> pd.DataFrame:
    """Read only the columns the NLP stage needs, for the documents of one shard."""
    df = pd.read_parquet(documents, columns=["doc_id", "lang", "text", "dup_of"])
    df = df[df["doc_id"].map(lambda d: shard_of(d, n_shards) == shard)]
    if drop_duplicates:
        df = df[df["dup_of"].isna() | (df["dup_of"] == "")]
    return df.sort_values("doc_id").reset_index(drop=True)


def _lemmas(sent) -> str:
    use_lemma = sent.doc.has_annotation("LEMMA")
    return " ".join((t.lemma_ if use_lemma else t.text).lower() for t in sent if t.is_alpha)


def process(
    docs: pd.DataFrame,
    models: Mapping[str, str],
    gazetteer: Gazetteer,
    batch_size: int = 32,
    n_process: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run spaCy over ``docs`` (doc_id, lang, text) and return (sentences, mentions) tables."""
    sentences: list[tuple] = []
    mentions: list[tuple] = []
    skipped = docs[~docs["lang"].isin(list(models))]
    if len(skipped):
        logger.warning(
            "%d documents in languages without a configured pipeline (%s) are not analysed; add them under "
            "nlp.models in config/config.yaml", len(skipped), ", ".join(sorted(set(map(str, skipped["lang"])))),
        )
    bar = tqdm(total=len(docs) - len(skipped), desc="nlp", unit="doc", mininterval=1.0)
    for lang in sorted(set(docs["lang"]) & set(models)):
        subset = docs[docs["lang"] == lang]
        nlp = build_pipeline(lang, models[lang], gazetteer)
        pairs: Iterable = zip(subset["text"].tolist(), subset["doc_id"].tolist())
        for doc, doc_id in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            parsed = list(iter_sentences(doc, gazetteer))
            resolved = resolve_generic_city([found for _, found in parsed], gazetteer)
            for i, (sent, found) in enumerate(zip((sent for sent, _ in parsed), resolved)):
                sid = sent_id_for(doc_id, i)
                sentences.append((sid, doc_id, lang, i, sent.text.strip(), _lemmas(sent), len(sent)))
                mentions.extend(
                    (sid, doc_id, m.actor_id, m.actor_type, m.side, m.surface, m.label, m.start_char, m.end_char,
                     m.is_subject, m.resolved_from)
                    for m in found
                )
            bar.update(1)
    bar.close()
    sent_df = pd.DataFrame(sentences, columns=SENTENCE_COLUMNS)
    ment_df = pd.DataFrame(mentions, columns=MENTION_COLUMNS)
    ment_df["is_subject"] = ment_df["is_subject"].astype(bool)
    return sent_df, ment_df


def run_shard(
    documents: str | Path,
    shard: int,
    n_shards: int,
    actors: str | Path,
    models: Mapping[str, str],
    sentences_out: str | Path,
    mentions_out: str | Path,
    batch_size: int = 32,
    n_process: int = 1,
    drop_duplicates: bool = True,
) -> tuple[int, int]:
    """Process one shard end to end; return (n_sentences, n_mentions)."""
    docs = read_shard(documents, shard, n_shards, drop_duplicates)
    logger.info("shard %d/%d: %d documents", shard, n_shards, len(docs))
    sent_df, ment_df = process(docs, models, load_gazetteer(actors), batch_size, n_process)
    write_parquet(sent_df, sentences_out, sort_by=["sent_id"])
    write_parquet(ment_df, mentions_out, sort_by=["sent_id", "start_char", "end_char", "label"])
    logger.info("shard %d: %d sentences, %d mentions", shard, len(sent_df), len(ment_df))
    return len(sent_df), len(ment_df)
