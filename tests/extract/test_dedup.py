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
