"""Unknown-actor suggestions: named entities the gazetteer does not cover, ranked by document frequency."""

from __future__ import annotations

import pandas as pd

from civicscope.nlp.text import fold

CANDIDATE_LABELS = ("ORG", "PER", "PERSON", "LOC", "GPE", "MISC")


def actor_candidates(mentions: pd.DataFrame, sentences: pd.DataFrame, min_docs: int = 1, examples: int = 3) -> pd.DataFrame:
    """Rank unresolved statistical entities by the number of documents that mention them.

    Surface forms are grouped case- and accent-insensitively; the most frequent spelling is shown.
    Returns columns: candidate, label, n_docs, n_mentions, spellings, examples (up to ``examples`` sentences).
    """
    unresolved = mentions[(mentions["actor_id"] == "") & mentions["label"].isin(CANDIDATE_LABELS)].copy()
    if unresolved.empty:
        return pd.DataFrame(columns=["candidate", "label", "n_docs", "n_mentions", "spellings", "examples"])
    unresolved["key"] = unresolved["surface"].map(lambda s: fold(" ".join(str(s).split())))
    unresolved = unresolved[unresolved["key"].str.len() > 1]
    text_of = sentences.set_index("sent_id")["text"]
    rows = []
    for key, group in unresolved.groupby("key", sort=True):
        spellings = group["surface"].value_counts()
        first_sents = group.sort_values("sent_id")["sent_id"].drop_duplicates().head(examples)
        rows.append(
            {
                "candidate": sorted(spellings[spellings == spellings.max()].index)[0],
                "label": group["label"].value_counts().sort_index().idxmax(),
                "n_docs": group["doc_id"].nunique(),
                "n_mentions": len(group),
                "spellings": " | ".join(sorted(spellings.index)),
                "examples": " || ".join(text_of.get(s, "") for s in first_sents),
            }
        )
    out = pd.DataFrame(rows)
    out = out[out["n_docs"] >= min_docs]
    return out.sort_values(["n_docs", "n_mentions", "candidate"], ascending=[False, False, True], kind="mergesort").reset_index(drop=True)
