"""Stance index per actor (or actor type) and period, with bootstrap confidence intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd

AGG_COLUMNS = ["n_coop", "n_conf", "n_neutral", "n", "index", "ci_low", "ci_high"]


def period_of(dates: pd.Series, years: pd.Series, period: str) -> pd.Series:
    """Period labels: "2019" for years, "2019-Q3" for quarters (empty when the date is unknown)."""
    if period == "quarter":
        parsed = pd.to_datetime(dates, errors="coerce")
        return parsed.dt.year.astype("Int64").astype(str).str.cat(parsed.dt.quarter.astype("Int64").astype(str), sep="-Q").fillna("")
    return years.astype("Int64").astype(str).replace("<NA>", "")


def stance_index(n_coop: int, n_conf: int) -> float:
    """(cooperation − confrontation) / (cooperation + confrontation); NaN when both are zero."""
    total = n_coop + n_conf
    return (n_coop - n_conf) / total if total else float("nan")


def bootstrap_index_ci(n_coop: int, n_conf: int, n_neutral: int, n_boot: int, rng: np.random.Generator) -> tuple[float, float]:
    """95 % percentile interval of the index, resampling the cell's statements (multinomial bootstrap)."""
    n = n_coop + n_conf + n_neutral
    if n == 0 or n_coop + n_conf == 0:
        return float("nan"), float("nan")
    draws = rng.multinomial(n, [n_coop / n, n_conf / n, n_neutral / n], size=n_boot)
    total = draws[:, 0] + draws[:, 1]
    with np.errstate(invalid="ignore", divide="ignore"):
        idx = np.where(total > 0, (draws[:, 0] - draws[:, 1]) / total, np.nan)
    low, high = np.nanpercentile(idx, [2.5, 97.5])
    return float(low), float(high)


def aggregate(statements: pd.DataFrame, keys: list[str], n_boot: int, seed: int) -> pd.DataFrame:
    """Counts, index and CI per group of ``keys``; groups are processed in sorted order for reproducibility."""
    rng = np.random.default_rng(seed)
    counts = (
        statements.groupby(keys + ["stance"], dropna=False).size().unstack("stance", fill_value=0)
        .reindex(columns=["cooperation", "confrontation", "neutral"], fill_value=0)
        .sort_index()
    )
    rows = []
    for key, row in counts.iterrows():
        c, f, n = int(row["cooperation"]), int(row["confrontation"]), int(row["neutral"])
        low, high = bootstrap_index_ci(c, f, n, n_boot, rng)
        key = key if isinstance(key, tuple) else (key,)
        rows.append((*key, c, f, n, c + f + n, stance_index(c, f), low, high))
    out = pd.DataFrame(rows, columns=keys + AGG_COLUMNS)
    for col in ("index", "ci_low", "ci_high"):
        out[col] = out[col].round(4)
    return out


def by_actor_and_type(statements: pd.DataFrame, actor_types: dict[str, str], period: str, n_boot: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two published aggregates: per source actor and period, and per source actor type and period."""
    data = statements[statements["source_actor"] != ""].copy()
    data["period"] = period_of(data["date"], data["year"], period)
    data = data[data["period"] != ""]
    by_actor = aggregate(data.rename(columns={"source_actor": "actor"}), ["actor", "period"], n_boot, seed)
    by_actor.insert(1, "actor_type", by_actor["actor"].map(actor_types).fillna(""))
    by_type = aggregate(data.rename(columns={"source_type": "actor_type"}), ["actor_type", "period"], n_boot, seed)
    return by_actor, by_type


def doc_classes(statements: pd.DataFrame, actor_types: dict[str, str]) -> pd.DataFrame:
    """Per document: its dominant stance and the type of its most frequent source actor.

    Dominant stance = the more frequent of cooperation and confrontation (ties and documents with only
    neutral statements are ``neutral``). Used to cross topics with stance and actor type.
    """
    rows = []
    for doc_id, group in statements.groupby("doc_id", sort=True):
        counts = group["stance"].value_counts()
        coop, conf = int(counts.get("cooperation", 0)), int(counts.get("confrontation", 0))
        stance = "cooperation" if coop > conf else "confrontation" if conf > coop else "neutral"
        sources = group.loc[group["source_actor"] != "", "source_actor"].value_counts()
        top = sorted(sources[sources == sources.max()].index)[0] if len(sources) else ""
        rows.append({"doc_id": doc_id, "stance": stance, "actor_type": actor_types.get(top, "")})
    return pd.DataFrame(rows, columns=["doc_id", "stance", "actor_type"])
