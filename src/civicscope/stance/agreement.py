"""Reliability between coders: Krippendorff's alpha (nominal) and Cohen's kappa."""

from __future__ import annotations

import numpy as np
import pandas as pd


def agreement(a: pd.DataFrame, b: pd.DataFrame, id_col: str = "id", label_col: str = "stance") -> dict:
    """Compare two coders' labels on the items they share.

    Krippendorff's alpha comes from the ``krippendorff`` package (nominal level) and Cohen's kappa from
    scikit-learn; both are computed on items coded by both coders.
    """
    import krippendorff
    from sklearn.metrics import cohen_kappa_score

    left = a[[id_col, label_col]].rename(columns={label_col: "a"})
    right = b[[id_col, label_col]].rename(columns={label_col: "b"})
    merged = left.merge(right, on=id_col, how="inner").sort_values(id_col)
    merged = merged[(merged["a"] != "") & (merged["b"] != "")]
    categories = sorted(set(merged["a"]) | set(merged["b"]))
    code = {c: i for i, c in enumerate(categories)}
    data = np.array([merged["a"].map(code).to_numpy(float), merged["b"].map(code).to_numpy(float)])
    alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")) if len(merged) else float("nan")
    kappa = float(cohen_kappa_score(merged["a"], merged["b"])) if len(merged) else float("nan")
    return {
        "n_items": int(len(merged)),
        "only_in_a": int(len(set(a[id_col]) - set(b[id_col]))),
        "only_in_b": int(len(set(b[id_col]) - set(a[id_col]))),
        "percent_agreement": round(float((merged["a"] == merged["b"]).mean()), 4) if len(merged) else float("nan"),
        "krippendorff_alpha": round(alpha, 4),
        "cohen_kappa": round(kappa, 4),
        "categories": categories,
        "disagreements": merged[merged["a"] != merged["b"]][[id_col, "a", "b"]].to_dict("records"),
    }
