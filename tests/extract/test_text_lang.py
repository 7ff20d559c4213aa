"""Paragraph layout, prose counting and language identification."""

from __future__ import annotations

import unicodedata

from civicscope.extract.lang import detect_language
from civicscope.extract.text import count_prose_words, normalised_for_hash, paragraphs_from_blocks, paragraphs_from_lines


def test_paragraphs_from_lines() -> None:
    decomposed = unicodedata.normalize("NFD", "Données")
    assert paragraphs_from_lines(f"  Titre \n\n{decomposed}\u00a0ouvertes\r\nfin  ") == "Titre\n\nDonnées ouvertes\n\nfin"


def test_paragraphs_from_blocks() -> None:
    assert paragraphs_from_blocks("Titre\n\nune ligne\ncoupée\n\n\n  \nfin\n") == "Titre\n\nune ligne coupée\n\nfin"


def test_prose_words_ignore_menus() -> None:
    menu = "\n\n".join(["Accueil", "Actualités", "Nous contacter", "Mentions légales"])
    assert count_prose_words(menu) == 0
    assert count_prose_words(menu + "\n\nLa ville a signé hier un accord avec la plateforme.") == 10


def test_normalised_for_hash() -> None:
    assert normalised_for_hash("L’Accord, signé !") == normalised_for_hash("l accord signé")


def test_languages() -> None:
    assert detect_language("La métropole a signé un accord de partage de données avec les opérateurs de trottinettes.")[0] == "fr"
    assert detect_language("The council voted to ban short-term rentals in three central districts last night.")[0] == "en"
    assert detect_language("Die Stadt hat mit dem Fahrdienst eine Vereinbarung über Verkehrsdaten geschlossen.")[0] == "de"
    assert detect_language("Uber, Lyon", hint="fr") == ("fr", 0.0)
    assert detect_language("Uber, Lyon") == (None, 0.0)
