"""Actor matching: accents, case, plurals, longest match, ambiguity rules, URLs, subjects."""

from __future__ import annotations

import pandas as pd
import pytest

from civicscope.actors.annotate import annotate_sentences
from civicscope.nlp.gazetteer import load_gazetteer
from civicscope.nlp.text import fold, plural_variants

MODELS = {"fr": "fr_core_news_sm", "en": "blank"}


@pytest.fixture(scope="module")
def annotated(small_gazetteer_path):
    rows = [
        ("longest", "fr", "La mairie de Paris a signé une convention avec Uber."),
        ("plural", "fr", "Les collectivités reprochent à UberPOP de contourner la loi."),
        ("accents", "fr", "Uber a été condamné par le Conseil d'Etat."),
        ("fruit", "fr", "Il a pressé une lime dans son verre."),
        ("operator", "fr", "Lime a déployé 500 trottinettes à Paris."),
        ("url", "en", "Download it from www.waze.com today."),
        ("possessive", "en", "Uber's licence was revoked by Transport for London."),
        ("period", "en", "The decision was announced by TfL."),
        ("institution_subject", "fr", "La Ville de Paris attaque Uber en justice."),
    ]
    table = pd.DataFrame(rows, columns=["id", "lang", "text"])
    out = annotate_sentences(table, MODELS, load_gazetteer(small_gazetteer_path))
    return out.set_index("id")


def test_fold_removes_case_accents_and_curly_apostrophes():
    assert fold("Conseil d’État") == "conseil d'etat"


def test_plural_variants_cover_french_and_english():
    assert plural_variants("collectivités") == set()  # plural forms do not generate singulars
    assert "local authorities" in plural_variants("local authority")
    assert "transports" in plural_variants("transport")


def test_longest_match_wins(annotated):
    assert annotated.loc["longest", "actors"] == "paris;uber"


def test_plural_group_term(annotated):
    assert annotated.loc["plural", "actors"].split(";")[0] == "grp_local_authorities"


def test_accent_insensitive(annotated):
    assert annotated.loc["accents", "actors"] == "uber;conseil_etat"


def test_ambiguous_alias_needs_case_and_context(annotated):
    assert annotated.loc["fruit", "actors"] == ""
    assert annotated.loc["operator", "actors"].startswith("lime")


def test_names_inside_urls_are_not_mentions(annotated):
    assert annotated.loc["url", "actors"] == ""


def test_possessive_and_source_target(annotated):
    row = annotated.loc["possessive"]
    assert row["actors"] == "uber;tfl"
    assert (row["source_actor"], row["target_actor"]) == ("uber", "tfl")


def test_final_period_on_acronym(annotated):
    assert annotated.loc["period", "actors"] == "tfl"


def test_source_is_platform_side_even_when_institution_is_subject(annotated):
    row = annotated.loc["institution_subject"]
    assert (row["source_actor"], row["target_actor"]) == ("uber", "paris")


def test_generic_city_government_resolves_to_the_documents_city(small_gazetteer_path):
    from civicscope.nlp.mentions import Mention, resolve_generic_city

    gaz = load_gazetteer(small_gazetteer_path)
    paris = Mention("paris", "city", "institution", "Paris", "ACTOR", 0, 5, True)
    hall = Mention("grp_city_government", "city", "institution", "la mairie", "ACTOR", 0, 9, True)
    uber = Mention("uber", "platform", "platform", "Uber", "ACTOR", 12, 16, False)
    resolved = resolve_generic_city([[paris], [hall, uber]], gaz)
    assert resolved[1][0].actor_id == "paris" and resolved[1][0].resolved_from == "grp_city_government"
    assert resolved[1][1] == uber
    # Without a named city, or with no dominant one, the generic group stays.
    assert resolve_generic_city([[hall]], gaz)[0][0].actor_id == "grp_city_government"
    london = Mention("london", "city", "institution", "London", "ACTOR", 0, 6, True)
    gaz.actors["london"] = gaz.actors["paris"].__class__("london", "London", "city", "institution")
    assert resolve_generic_city([[paris, london], [hall]], gaz)[1][0].actor_id == "grp_city_government"
