"""Output tables of the topics stage, built from a fitted model and its unit assignments."""

from __future__ import annotations

import logging
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

N_REPRESENTATIVE = 3
REP_BLOCK = 20_000  # units scored at once when picking representative units


def topic_words(model: Any, topic: int) -> list[tuple[str, float]]:
    """Top words of ``topic`` with their c-TF-IDF weight, dropping BERTopic's empty padding entries."""
    words = model.get_topic(topic) or []
    return [(w, float(s)) for w, s in words if w and s > 0]


def default_label(topic: int, words: Sequence[tuple[str, float]], n: int = 3) -> str:
    """A readable automatic label: the outlier class, or the first ``n`` words."""
    if topic == -1:
        return "outliers"
    return ", ".join(w for w, _ in words[:n]) or f"topic {topic}"


def topic_labels(model: Any, topics: Sequence[int], overrides: Mapping[int, str]) -> dict[int, str]:
    """Label every topic: the override when one is given, else :func:`default_label`."""
    return {t: overrides.get(t) or default_label(t, topic_words(model, t)) for t in sorted(set(topics))}


def representative_units(
    model: Any, docs: Sequence[str], unit_ids: Sequence[str], topics: np.ndarray, n: int = N_REPRESENTATIVE, block: int = REP_BLOCK
) -> dict[int, list[str]]:
    """For each topic, the ``n`` units whose c-TF-IDF vector is closest to the topic's (cosine).

    Computed over every unit of the topic (BERTopic's own pick samples and returns texts, not ids),
    ``block`` units at a time so that no corpus-wide term matrix is held; each unit's score depends
    on that unit alone, so blocks do not change the result. A topic the model has no c-TF-IDF row for
    (topic -1 when only units outside a fit sample stayed outliers) gets none.
    """
    from sklearn.metrics.pairwise import cosine_similarity

    row_of = {t: k for k, t in enumerate(sorted(model.get_topics()))}
    ids = np.asarray(unit_ids)
    best: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for start in range(0, len(docs), block):
        stop = min(start + block, len(docs))
        unit_vectors = model.ctfidf_model.transform(model.vectorizer_model.transform(list(docs[start:stop])))
        part = topics[start:stop]
        for topic in sorted(set(part.tolist()) & set(row_of)):
            idx = np.flatnonzero(part == topic)
            sims = cosine_similarity(unit_vectors[idx], model.c_tf_idf_[row_of[topic]]).ravel()
            if topic in best:
                sims, idx = np.concatenate([best[topic][0], sims]), np.concatenate([best[topic][1], idx + start])
            else:
                idx = idx + start
            keep = np.lexsort((ids[idx], -sims))[:n]  # ties broken by id for stable output
            best[topic] = (sims[keep], idx[keep])
    return {topic: [unit_ids[i] for i in best[topic][1]] for topic in sorted(best)}


def topic_info_table(model: Any, topics: np.ndarray, labels: Mapping[int, str], representatives: Mapping[int, list[str]]) -> pd.DataFrame:
    """``topic, label, words (word:weight; …), count, representative_docs`` for every topic."""
    rows = []
    counts = pd.Series(topics).value_counts()
    for topic in sorted(set(topics.tolist())):
        words = topic_words(model, topic)
        rows.append(
            {
                "topic": int(topic),
                "label": labels[topic],
                "words": "; ".join(f"{w}:{s:.4f}" for w, s in words),
                "count": int(counts[topic]),
                "representative_docs": "; ".join(representatives.get(topic, [])),
            }
        )
    return pd.DataFrame(rows, columns=["topic", "label", "words", "count", "representative_docs"])


def unit_topics_table(units: pd.DataFrame, result: Any) -> pd.DataFrame:
    """One row per unit: ``unit_id, doc_id, topic, prob, topic_before, reassigned``."""
    return pd.DataFrame(
        {
            "unit_id": units["unit_id"].to_numpy(),
            "doc_id": units["doc_id"].to_numpy(),
            "topic": result.topics.astype(int),
            "prob": result.probs.astype(float),
            "topic_before": result.topics_before.astype(int),
            "reassigned": result.reassigned.astype(bool),
        }
    )


def doc_topics_table(unit_topics: pd.DataFrame) -> pd.DataFrame:
    """One row per document: ``doc_id, topic, prob, n_units``.

    With document units this is the unit table itself. With chunks, a document's topic is the one
    most of its chunks carry (ties: the smaller topic id, outliers last) and ``prob`` is that share.
    """
    rows = []
    for doc_id, group in unit_topics.groupby("doc_id", sort=True):
        if len(group) == 1:
            rows.append((doc_id, int(group["topic"].iloc[0]), float(group["prob"].iloc[0]), 1))
            continue
        counts = group["topic"].value_counts()
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] == -1, kv[0]))
        topic, n = ranked[0]
        rows.append((doc_id, int(topic), float(n / len(group)), len(group)))
    return pd.DataFrame(rows, columns=["doc_id", "topic", "prob", "n_units"])


def period_of(date: Any, year: Any, period: str) -> str | None:
    """Return the period label (``2021`` or ``2021-Q3``) of a unit, or None when it is undated."""
    if period not in {"year", "quarter"}:
        raise ValueError(f"period must be year or quarter, not {period!r}")
    ts = pd.NaT
    if date is not None and not (isinstance(date, float) and np.isnan(date)) and str(date).strip():
        ts = pd.to_datetime(str(date)[:10], errors="coerce", format="%Y-%m-%d")
    if pd.notna(ts):
        return str(ts.year) if period == "year" else f"{ts.year}-Q{(ts.month - 1) // 3 + 1}"
    if period == "year" and year is not None and not pd.isna(year):
        return str(int(year))
    return None


def topics_over_time_table(
    model: Any, docs: Sequence[str], topics: np.ndarray, periods: Sequence[str | None]
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Topic words per period, each period's c-TF-IDF computed from that period's units alone.

    ``global_tuning`` and ``evolution_tuning`` are off: either one would mix in words from the whole
    corpus or from the previous period, so a word could show up in a year where nobody wrote it.
    Words are also checked against the units of the (topic, period) as a guard.

    Returns:
        The table ``topic, period, words, frequency`` and BERTopic's raw frame (for its plot).
    """
    keep = [i for i, p in enumerate(periods) if p is not None]
    if len(keep) < len(periods):
        logger.info("topics over time: %d undated unit(s) left out", len(periods) - len(keep))
    if not keep:
        return pd.DataFrame(columns=["topic", "period", "words", "frequency"]), None
    labels = sorted({periods[i] for i in keep})
    code = {p: k for k, p in enumerate(labels)}  # integer stamps: BERTopic would otherwise parse strings as dates
    sel_docs = [docs[i] for i in keep]
    sel_topics = topics[keep].astype(int).tolist()
    stamps = [code[periods[i]] for i in keep]
    # An object Series: BERTopic puts the documents in a DataFrame, where a plain list would be copied
    # into a string column (twice, with its sort) instead of pointing at these strings.
    raw = model.topics_over_time(
        pd.Series(sel_docs, dtype=object), stamps, topics=sel_topics, global_tuning=False, evolution_tuning=False
    )
    # Only the words BERTopic proposes need checking: keeping every n-gram of every cell would hold
    # a vocabulary per (topic, period) in memory.
    candidates: dict[tuple[int, int], set[str]] = {}
    for topic, words, stamp in raw[["Topic", "Words", "Timestamp"]].itertuples(index=False):
        candidates.setdefault((int(topic), int(stamp)), set()).update(w.strip() for w in str(words).split(","))
    analyse = model.vectorizer_model.build_analyzer()
    present: dict[tuple[int, int], set[str]] = {}
    for doc, topic, stamp in zip(sel_docs, sel_topics, stamps):
        wanted = candidates.get((topic, stamp))
        if wanted:
            present.setdefault((topic, stamp), set()).update(w for w in analyse(doc) if w in wanted)
    rows, dropped = [], 0
    for topic, words, freq, stamp in raw[["Topic", "Words", "Frequency", "Timestamp"]].itertuples(index=False):
        seen = present.get((int(topic), int(stamp)), set())
        kept = [w for w in (x.strip() for x in str(words).split(",")) if w and w in seen]
        dropped += sum(1 for w in str(words).split(",") if w.strip() and w.strip() not in seen)
        rows.append({"topic": int(topic), "period": labels[int(stamp)], "words": "; ".join(kept), "frequency": int(freq)})
    if dropped:
        logger.warning("topics over time: %d word(s) absent from their period were removed", dropped)
    raw = raw.assign(Timestamp=[labels[int(s)] for s in raw["Timestamp"]])
    return pd.DataFrame(rows, columns=["topic", "period", "words", "frequency"]), raw


def topics_by_class_table(doc_topics: pd.DataFrame, classes: pd.DataFrame) -> pd.DataFrame:
    """Documents per topic within each class: ``class_type, class, topic, count, share``.

    ``classes`` is keyed by doc_id; every other column is a class type (genre, lang, stance, …).
    ``share`` is the topic's share of the documents of that class. Empty class values are skipped.
    """
    merged = doc_topics[["doc_id", "topic"]].merge(classes, on="doc_id", how="inner")
    frames = []
    for class_type in [c for c in classes.columns if c != "doc_id"]:
        values = merged[class_type]
        sub = merged.loc[values.notna() & (values.astype(str).str.strip() != ""), ["topic", class_type]]
        if sub.empty:
            continue
        sub = sub.assign(**{class_type: sub[class_type].astype(str)})
        counts = sub.groupby([class_type, "topic"], sort=True).size().rename("count").reset_index()
        totals = counts.groupby(class_type)["count"].transform("sum")
        frames.append(
            pd.DataFrame(
                {
                    "class_type": class_type,
                    "class": counts[class_type],
                    "topic": counts["topic"].astype(int),
                    "count": counts["count"].astype(int),
                    "share": counts["count"] / totals,
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["class_type", "class", "topic", "count", "share"])
    return pd.concat(frames, ignore_index=True)
