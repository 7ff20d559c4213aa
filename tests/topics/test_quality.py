"""NPMI coherence against hand-computed values, and topic diversity."""

import math

import numpy as np
import pytest
import scipy.sparse as sp

from civicscope.topics.quality import diversity, npmi_coherence, npmi_pair, top_terms


def test_npmi_matches_a_hand_computed_value():
    # Four documents over terms a, b, c: {a, b}, {a, b}, {a}, {c}.
    presence = sp.csr_matrix(np.array([[1, 1, 0], [2, 1, 0], [1, 0, 0], [0, 0, 3]]))
    # a and b: p(a)=3/4, p(b)=2/4, p(a,b)=2/4 -> log((1/2)/(3/8)) / -log(1/2) = log(4/3) / log(2)
    ab = math.log(4 / 3) / math.log(2)
    assert ab == pytest.approx(0.4150375, abs=1e-6)
    assert npmi_coherence([[0, 1]], presence)[0] == pytest.approx(ab)
    # with c, which never meets a or b: mean of (ab, -1, -1)
    assert npmi_coherence([[0, 1, 2]], presence)[0] == pytest.approx((ab - 2) / 3)


def test_npmi_limits():
    assert npmi_pair(2, 2, 2, 4) == pytest.approx(1.0)  # only ever together
    assert npmi_pair(4, 4, 4, 4) == 1.0  # both everywhere: 0/0, taken as 1
    assert npmi_pair(2, 2, 0, 4) == -1.0
    assert npmi_pair(2, 2, 1, 4) == pytest.approx(0.0)  # independent


def test_diversity_and_top_terms():
    assert diversity([["a", "b"], ["b", "c"]]) == pytest.approx(0.75)
    assert top_terms(np.array([[0.1, 0.0, 0.5], [0.0, 0.0, 0.0]]), 2) == [[2, 0], []]
