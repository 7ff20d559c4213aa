"""Statements: sentences that mention a platform-side actor, with source, target and stance."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd
from tqdm import tqdm

from civicscope.nlp.gazetteer import Gazetteer
from civicscope.nlp.mentions import Mention, choose_source_target

logger = logging.getLogger(__name__)

STATEMENT_COLUMNS = [
    "sent_id", "doc_id", "date", "year", "lang", "text", "actors", "source_actor", "source_type",
    "target_actor", "target_type", "stance", "score", "method",
]

# (texts, langs) -> (labels, signed scores)
Predictor = Callable[[pd.DataFrame], tuple[list[str], Sequence[float]]]


def _mentions(group: pd.DataFrame) -> list[Mention]:
    return [
        Mention(r.actor_id, r.actor_type, r.side, r.surface, r.label, int(r.start_char), int(r.end_char), bool(r.is_subject))
        for r in group.itertuples(index=False)
    ]


def shard_statements(
    sentences: pd.DataFrame, mentions: pd.DataFrame, gazetteer: Gazetteer, predictor: Predictor, method: str
) -> pd.DataFrame:
    """Statements of one shard: keep sentences with a platform-side actor, resolve roles, predict stance."""
    resolved = mentions[mentions["actor_id"] != ""]
    platform_ids = {a for a in resolved["actor_id"].unique() if gazetteer.is_platform_side(a)}
    keep = resolved.loc[resolved["actor_id"].isin(platform_ids), "sent_id"].unique()
    sents = sentences[sentences["sent_id"].isin(keep)].set_index("sent_id")
    rows = []
    for sent_id, group in resolved[resolved["sent_id"].isin(keep)].groupby("sent_id", sort=True):
        found = _mentions(group.sort_values("start_char"))
        source, target = choose_source_target(found, gazetteer)
        rows.append(
            {
                "sent_id": sent_id,
                "doc_id": sents.at[sent_id, "doc_id"],
                "lang": sents.at[sent_id, "lang"],
                "text": sents.at[sent_id, "text"],
                "actors": ";".join(m.actor_id for m in found),
                "source_actor": source,
                "source_type": gazetteer.actors[source].type if source else "",
                "target_actor": target,
                "target_type": gazetteer.actors[target].type if target else "",
            }
        )
    out = pd.DataFrame(rows, columns=[c for c in STATEMENT_COLUMNS if c not in {"date", "year", "stance", "score", "method"}])
    if len(out):
        labels, score = predictor(out)
        out["stance"], out["score"] = labels, [round(float(s), 6) for s in score]
    else:
        out["stance"], out["score"] = pd.Series(dtype=str), pd.Series(dtype=float)
    out["method"] = method
    return out


def build_statements(
    sentence_files: Sequence[str | Path],
    mention_files: Sequence[str | Path],
    documents: str | Path,
    gazetteer: Gazetteer,
    predictor: Predictor,
    method: str,
    keep_duplicates: bool = False,
) -> pd.DataFrame:
    """Statements of the whole corpus, one shard at a time (memory stays per shard), with dates.

    Sentences of documents marked as duplicates in ``documents`` are left out unless ``keep_duplicates``.
    """
    from civicscope.documents import analysed_doc_ids

    analysed = analysed_doc_ids(documents, keep_duplicates)
    parts = []
    for sent_file, ment_file in tqdm(list(zip(sentence_files, mention_files)), desc="statements", unit="shard", mininterval=1.0):
        sentences = pd.read_parquet(sent_file, columns=["sent_id", "doc_id", "lang", "text"])
        sentences = sentences[sentences["doc_id"].isin(analysed)]
        mentions = pd.read_parquet(ment_file)
        mentions = mentions[mentions["doc_id"].isin(analysed)]
        parts.append(shard_statements(sentences, mentions, gazetteer, predictor, method))
    statements = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=STATEMENT_COLUMNS)
    dates = pd.read_parquet(documents, columns=["doc_id", "date", "year"])
    statements = statements.merge(dates, on="doc_id", how="left")
    statements["year"] = statements["year"].astype("Int64")
    logger.info("%d statements; stance counts: %s", len(statements), statements["stance"].value_counts().to_dict())
    return statements[STATEMENT_COLUMNS].sort_values("sent_id").reset_index(drop=True)
