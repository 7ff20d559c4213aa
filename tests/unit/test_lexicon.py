"""The lexicon method follows the codebook's negation, refusal and modality rules."""

from __future__ import annotations

import pytest

from civicscope.stance.lexicon import Lexicon, tokenize


@pytest.fixture(scope="module")
def lexicon(root):
    return Lexicon.load(root / "config" / "stance_lexicon.yaml")


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("La mairie a signé une convention de partenariat avec Uber.", "fr", "cooperation"),
        ("Uber n'a pas conclu d'accord avec la ville.", "fr", "neutral"),
        ("La plateforme a refusé de signer la convention.", "fr", "confrontation"),
        ("Airbnb a été mis en demeure par la préfecture.", "fr", "confrontation"),
        ("The city fined Airbnb and threatened a ban.", "en", "confrontation"),
        ("Lyft did not sign the agreement.", "en", "neutral"),
        ("Waze joined forces with the city to share traffic data.", "en", "cooperation"),
        ("Uber a publié ses résultats trimestriels.", "fr", "neutral"),
    ],
)
def test_codebook_cases(lexicon, text, lang, label):
    assert lexicon.predict_one(text, lang)[0] == label


def test_modality_downweights(lexicon):
    plain = lexicon.raw_score("The city will ban the scooters.", "en")
    hedged = lexicon.raw_score("The city might ban the scooters.", "en")
    assert hedged == pytest.approx(plain * lexicon.modality_factor)


def test_tokenize_keeps_elisions():
    assert tokenize("n'a pas signé l'accord") == ["n'", "a", "pas", "signe", "l'", "accord"]


def test_scores_are_bounded(lexicon):
    label, score = lexicon.predict_one("procès amende interdiction sanction condamnation", "fr")
    assert label == "confrontation" and -1 <= score < 0
