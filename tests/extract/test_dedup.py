"""Exact and near duplicates, and which copy counts as the original."""

from __future__ import annotations

from civicscope.extract.dedup import find_duplicates

RELEASE = (
    "Paris, le 3 mars 2021. La plateforme annonce un partenariat avec la ville pour partager ses données "
    "de mobilité. Les services municipaux pourront consulter en temps réel la disponibilité des véhicules, "
    "les zones de stationnement les plus utilisées et les trajets les plus fréquents. Le dispositif sera évalué "
    "au bout d'un an par un comité réunissant élus, opérateurs et associations d'usagers. "
)


def test_exact_and_near() -> None:
    ids = ["d", "c", "b", "a", "e"]
    texts = [
        RELEASE,
        RELEASE.upper().replace(".", " !"),  # same words, other case and punctuation
        "Communiqué repris. " + RELEASE + "Contact presse : service communication.",
        "Un tout autre texte sur les trottinettes électriques et les règles de stationnement adoptées en conseil.",
        "",
    ]
    dates = ["2021-03-03", "2021-03-04", "2021-03-05", None, None]
    dup_of = find_duplicates(ids, texts, dates)
    assert dup_of == [None, "d", "d", None, None]


def test_original_is_earliest_then_smallest_id() -> None:
    assert find_duplicates(["b", "a"], [RELEASE, RELEASE], [None, None]) == ["a", None]
    assert find_duplicates(["b", "a"], [RELEASE, RELEASE], ["2020-01-01", None]) == [None, "b"]


def test_near_detection_can_be_turned_off() -> None:
    texts = [RELEASE, "Communiqué repris. " + RELEASE]
    assert find_duplicates(["a", "b"], texts, [None, None], near_threshold=None) == [None, None]
    assert find_duplicates(["a", "b"], texts, [None, None]) == [None, "a"]


def test_short_texts_only_exact() -> None:
    assert find_duplicates(["a", "b"], ["Oui merci.", "Oui, merci !"], [None, None]) == [None, "a"]
    assert find_duplicates(["a", "b"], ["Oui merci bien.", "Oui merci."], [None, None]) == [None, None]


def test_near_pairs_match_comparing_every_pair() -> None:
    """The prefix filter only skips work: the same pairs as a comparison of every pair of texts."""
    import random

    from civicscope.extract.dedup import Fingerprints, _near_pairs

    rng = random.Random(7)
    common = [f"mot{i}" for i in range(40)]  # words every text draws from: shingles shared by many texts
    base = [" ".join(rng.choice(common) for _ in range(rng.randint(12, 60))) for _ in range(40)]
    texts = list(base)
    for text in base[:30]:  # edited copies: a few words changed, dropped or added
        words = text.split()
        for _ in range(rng.randint(0, 4)):
            words[rng.randrange(len(words))] = f"autre{rng.randint(0, 99)}"
        texts.append(" ".join(words[: len(words) - rng.randint(0, 3)] + ["fin"] * rng.randint(0, 2)))
    matrix = Fingerprints.of(texts).shingle_matrix()
    rows = [set(matrix[i].indices) for i in range(matrix.shape[0])]
    for threshold in (0.5, 0.8, 0.9):
        expected = {(i, j) for i in range(len(rows)) for j in range(i + 1, len(rows))
                    if len(rows[i]) >= 10 and len(rows[j]) >= 10
                    and len(rows[i] & rows[j]) / len(rows[i] | rows[j]) >= threshold}
        assert set(_near_pairs(matrix, threshold)) == expected
        assert expected or threshold == 0.9  # the texts do contain near duplicates
