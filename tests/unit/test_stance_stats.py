"""Stance index, bootstrap intervals, agreement coefficients and the annotation round-trip."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from civicscope.stance.aggregate import aggregate, bootstrap_index_ci, period_of, stance_index
from civicscope.stance.agreement import agreement
from civicscope.stance.annotation_io import AnnotationFormatError, read_doccano, read_label_studio


def test_stance_index():
    assert stance_index(3, 1) == pytest.approx(0.5)
    assert np.isnan(stance_index(0, 0))


def test_bootstrap_is_seeded_and_brackets_the_index():
    a = bootstrap_index_ci(30, 10, 5, 2000, np.random.default_rng(7))
    b = bootstrap_index_ci(30, 10, 5, 2000, np.random.default_rng(7))
    assert a == b
    assert a[0] < stance_index(30, 10) < a[1]


def test_aggregate_counts_and_periods():
    statements = pd.DataFrame(
        {
            "actor": ["uber"] * 5 + ["waze"] * 2,
            "date": ["2015-02-01", "2015-05-01", "2015-06-01", "2016-01-01", "2016-03-01", "2017-01-01", "2017-01-02"],
            "year": [2015, 2015, 2015, 2016, 2016, 2017, 2017],
            "stance": ["confrontation", "confrontation", "cooperation", "cooperation", "neutral", "cooperation", "cooperation"],
        }
    )
    statements["period"] = period_of(statements["date"], statements["year"], "year")
    out = aggregate(statements, ["actor", "period"], 200, 1).set_index(["actor", "period"])
    assert out.loc[("uber", "2015"), ["n_coop", "n_conf", "n_neutral"]].tolist() == [1, 2, 0]
    assert out.loc[("uber", "2015"), "index"] == pytest.approx(-1 / 3, abs=1e-4)
    assert out.loc[("waze", "2017"), "index"] == 1.0
    quarters = period_of(statements["date"], statements["year"], "quarter")
    assert quarters.tolist()[:2] == ["2015-Q1", "2015-Q2"]


def test_agreement_matches_hand_computation():
    a = pd.DataFrame({"id": list("12345"), "stance": ["a", "a", "b", "b", "c"]})
    b = pd.DataFrame({"id": list("12345"), "stance": ["a", "b", "b", "b", "c"]})
    result = agreement(a, b)
    # Coincidences: o_ab = o_ba = 1; n = 10 values with n_a=3, n_b=5, n_c=2:
    # alpha = 1 - (n - 1) * 2 / (n^2 - sum n_c^2) = 1 - 18 / 62.
    assert result["krippendorff_alpha"] == pytest.approx(1 - 18 / 62, abs=1e-4)
    # kappa = (0.8 - 0.36) / (1 - 0.36)
    assert result["cohen_kappa"] == pytest.approx(0.6875, abs=1e-4)
    assert result["disagreements"] == [{"id": "2", "a": "a", "b": "b"}]


def test_label_studio_round_trip(tmp_path):
    export = [
        {"data": {"id": "s1", "lang": "fr", "text": "Uber signe avec la ville."},
         "annotations": [{"result": [{"type": "choices", "value": {"choices": ["cooperation"]}}]}]},
        {"data": {"id": "s2", "lang": "en", "text": "Lyft sued the city."}, "annotations": []},
    ]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(export))
    rows = read_label_studio(path)
    assert rows["stance"].tolist() == ["cooperation", ""]  # the unlabelled task is kept, not dropped


def test_malformed_exports_are_refused_with_positions(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok", "id": "1", "label": ["cooperation"]}\n{"text": "x", "id": "2", "label": ["hostile"]}\nnot json\n')
    with pytest.raises(AnnotationFormatError) as err:
        read_doccano(bad)
    assert "line 2" in str(err.value) and "line 3" in str(err.value)
