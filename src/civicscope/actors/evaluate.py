"""Score the actor matcher on the gold sentences: mention P/R/F1 and source-actor accuracy."""

from __future__ import annotations

from collections import Counter

import pandas as pd


def _ids(cell: object) -> list[str]:
    return [x for x in str(cell or "").split(";") if x]


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def evaluate_actors(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict:
    """Compare predicted ``actors``/``source_actor`` with gold, per sentence (multiset of actor ids).

    Both tables are keyed by ``id``. A mention counts as found when the same actor id appears in the
    sentence as often in the prediction as in the gold (order and offsets are not compared).
    """
    merged = gold.merge(predicted[["id", "actors", "source_actor", "target_actor"]], on="id", suffixes=("_gold", "_pred"))
    result: dict = {"n_sentences": int(len(merged))}
    groups = {"all": merged, **{f"lang_{k}": v for k, v in merged.groupby("lang")}}
    errors = []
    for name, part in groups.items():
        tp = fp = fn = 0
        for row in part.itertuples(index=False):
            g, p = Counter(_ids(row.actors_gold)), Counter(_ids(row.actors_pred))
            hit = sum((g & p).values())
            tp, fp, fn = tp + hit, fp + sum(p.values()) - hit, fn + sum(g.values()) - hit
            if name == "all" and (g != p or (row.source_actor_gold or "") != (row.source_actor_pred or "")):
                errors.append(
                    {"id": row.id, "text": row.text, "gold": row.actors_gold, "predicted": row.actors_pred,
                     "source_gold": row.source_actor_gold, "source_predicted": row.source_actor_pred}
                )
        with_source = part[part["source_actor_gold"].fillna("") != ""]
        acc = (with_source["source_actor_gold"] == with_source["source_actor_pred"]).mean() if len(with_source) else 0.0
        target_rows = part[part["target_actor_gold"].fillna("") != ""]
        tacc = (target_rows["target_actor_gold"] == target_rows["target_actor_pred"]).mean() if len(target_rows) else 0.0
        result[name] = {
            "mentions": prf(tp, fp, fn),
            "source_actor_accuracy": round(float(acc), 4),
            "n_with_source": int(len(with_source)),
            "target_actor_accuracy": round(float(tacc), 4),
            "n_with_target": int(len(target_rows)),
        }
    result["errors"] = sorted(errors, key=lambda e: e["id"])
    return result
