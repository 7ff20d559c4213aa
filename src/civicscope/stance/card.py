"""The model card written beside the trained stance classifier."""

from __future__ import annotations

import datetime as dt
import platform

from civicscope import __version__
from civicscope.io import sha256_file


def model_card(train_path: str, test_path: str, lexicon_path: str, report: dict, seed: int) -> dict:
    """What a reader needs to trust or reproduce the classifier: data hashes, scores, versions."""
    import sklearn

    return {
        "model": "word 1-2-gram + char 3-5-gram TF-IDF + lexicon features -> class-balanced ridge classifier, sigmoid-calibrated (5-fold)",
        "trained_on": dt.date.today().isoformat(),
        "training_data": {"path": train_path, "sha256": sha256_file(train_path), "n": report["n_train"],
                          "label_counts": report["train_label_counts"]},
        "test_data": {"path": test_path, "sha256": sha256_file(test_path), "n": report["n_test"]},
        "lexicon": {"path": lexicon_path, "sha256": sha256_file(lexicon_path)},
        "seed": seed,
        "cross_validation_macro_f1": report["cross_validation"]["model"],
        "test_macro_f1": report["test"]["model"]["macro_f1"],
        "test_macro_f1_ci95": report["test"]["model"]["macro_f1_ci95"],
        "lexicon_test_macro_f1": report["test"]["lexicon"]["macro_f1"],
        "chosen_method": report["chosen_method"],
        "versions": {"civicscope": __version__, "scikit-learn": sklearn.__version__, "python": platform.python_version()},
    }
