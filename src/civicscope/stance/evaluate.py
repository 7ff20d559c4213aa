"""Validation of the stance methods: cross-validation, held-out test with bootstrap CI, error table."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline

from civicscope.stance import LABELS
from civicscope.stance.lexicon import Lexicon
from civicscope.stance.model import build_model, predict

logger = logging.getLogger(__name__)


def lexicon_predict(lexicon: Lexicon, X: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """Labels and signed scores of the lexicon method for a table with ``text`` and ``lang``."""
    pairs = [lexicon.predict_one(t, l) for t, l in zip(X["text"].astype(str), X["lang"].astype(str))]
    return [p[0] for p in pairs], np.array([p[1] for p in pairs], dtype=float)


def macro_f1(y_true: list[str], y_pred: list[str]) -> float:
    """Macro-averaged F1 over the three labels."""
    return float(f1_score(y_true, y_pred, labels=list(LABELS), average="macro", zero_division=0))


def bootstrap_ci(y_true: list[str], y_pred: list[str], n_boot: int, seed: int) -> tuple[float, float]:
    """95 % percentile bootstrap interval of macro-F1, resampling sentences with a fixed seed."""
    rng = np.random.default_rng(seed)
    t, p = np.asarray(y_true), np.asarray(y_pred)
    scores = [macro_f1(t[idx], p[idx]) for idx in rng.integers(0, len(t), size=(n_boot, len(t)))]
    low, high = np.percentile(scores, [2.5, 97.5])
    return round(float(low), 4), round(float(high), 4)


def scores(y_true: list[str], y_pred: list[str], n_boot: int, seed: int) -> dict:
    """Macro-F1 with CI, accuracy, per-class precision/recall/F1 and the confusion matrix."""
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(LABELS), zero_division=0)
    low, high = bootstrap_ci(y_true, y_pred, n_boot, seed)
    return {
        "macro_f1": round(macro_f1(y_true, y_pred), 4),
        "macro_f1_ci95": [low, high],
        "accuracy": round(float(np.mean(np.asarray(y_true) == np.asarray(y_pred))), 4),
        "per_class": {
            lab: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4), "f1": round(float(f[i]), 4), "support": int(s[i])}
            for i, lab in enumerate(LABELS)
        },
        "confusion_matrix": {"labels": list(LABELS), "rows_true_cols_predicted": confusion_matrix(y_true, y_pred, labels=list(LABELS)).tolist()},
        "n": len(y_true),
    }


def cross_validate(train: pd.DataFrame, lexicon: Lexicon, folds: int, seed: int) -> dict:
    """Stratified k-fold macro-F1 of both methods on the training annotations."""
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    result: dict[str, list[float]] = {"model": [], "lexicon": []}
    for fit_idx, val_idx in skf.split(train, train["stance"]):
        fit, val = train.iloc[fit_idx], train.iloc[val_idx]
        model = build_model(lexicon, seed).fit(fit[["text", "lang"]], fit["stance"])
        result["model"].append(macro_f1(val["stance"].tolist(), predict(model, val)[0]))
        result["lexicon"].append(macro_f1(val["stance"].tolist(), lexicon_predict(lexicon, val)[0]))
    return {
        method: {"folds": [round(v, 4) for v in vals], "mean": round(float(np.mean(vals)), 4), "sd": round(float(np.std(vals)), 4)}
        for method, vals in result.items()
    }


def confident_errors(test: pd.DataFrame, method: str, labels: list[str], confidence: np.ndarray, n: int = 50) -> pd.DataFrame:
    """The ``n`` wrong predictions the method was most sure of, for inspection."""
    frame = test.assign(predicted=labels, confidence=np.round(confidence, 4), method=method)
    wrong = frame[frame["predicted"] != frame["stance"]]
    wrong = wrong.sort_values(["confidence", "id"], ascending=[False, True], kind="mergesort").head(n)
    return wrong[["method", "id", "lang", "text", "stance", "predicted", "confidence", "phenomenon"]].rename(
        columns={"stance": "gold"}
    )


def train_and_evaluate(
    train: pd.DataFrame, test: pd.DataFrame, lexicon: Lexicon, seed: int, folds: int, n_boot: int = 1000
) -> tuple[Pipeline, dict, pd.DataFrame]:
    """Fit the classifier on all training data; score both methods on the held-out test.

    Returns the fitted model, the evaluation report (with the chosen default method) and the error table.
    """
    cv = cross_validate(train, lexicon, folds, seed)
    model = build_model(lexicon, seed).fit(train[["text", "lang"]], train["stance"])
    model_labels, _, model_conf = predict(model, test)
    lex_labels, lex_score = lexicon_predict(lexicon, test)
    report = {
        "cross_validation": {"folds": folds, "seed": seed, **cv},
        "test": {
            "model": scores(test["stance"].tolist(), model_labels, n_boot, seed),
            "lexicon": scores(test["stance"].tolist(), lex_labels, n_boot, seed),
        },
        "test_by_language": {
            method: {
                lang: round(macro_f1(part["stance"].tolist(), [labs[i] for i in np.flatnonzero(test["lang"].to_numpy() == lang)]), 4)
                for lang, part in test.groupby("lang")
            }
            for method, labs in (("model", model_labels), ("lexicon", lex_labels))
        },
        "n_train": int(len(train)),
        "n_test": int(len(test)),
        "train_label_counts": {k: int(v) for k, v in sorted(train["stance"].value_counts().items())},
        "test_label_counts": {k: int(v) for k, v in sorted(test["stance"].value_counts().items())},
    }
    best = "model" if report["test"]["model"]["macro_f1"] >= report["test"]["lexicon"]["macro_f1"] else "lexicon"
    report["chosen_method"] = best
    errors = pd.concat(
        [
            confident_errors(test, "model", model_labels, model_conf),
            confident_errors(test, "lexicon", lex_labels, np.abs(lex_score)),
        ],
        ignore_index=True,
    )
    return model, report, errors
