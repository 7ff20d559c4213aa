"""HTML extraction: comments out, tables in, metadata, dates capped, navigation-only pages rejected."""

from __future__ import annotations

import datetime as dt

import pytest

from civicscope.extract import ExtractOptions, HtmlOptions
from civicscope.extract.document import extract_bytes
from civicscope.extract.errors import ExtractFailure
from civicscope.extract.html import extract_html

PARAS = [
    "La métropole a présenté mardi le bilan de son partenariat avec les plateformes de covoiturage, "
    "trois ans après la signature de la convention.",
    "Les élus de l'opposition ont dénoncé un partenariat déséquilibré, tandis que la majorité salue "
    "une hausse de la fréquentation des aires de covoiturage.",
]
PAGE = (
    '<html lang="fr"><head><meta charset="utf-8"><title>Bilan du covoiturage | Métropole</title>'
    '<meta property="og:title" content="Bilan du covoiturage">'
    '<meta name="author" content="Claire Martin"><meta property="og:site_name" content="Métropole de Lyon">'
    '<meta property="article:published_time" content="{date}"></head><body>'
    '<nav><a href="/">Accueil</a> <a href="/agenda">Agenda</a></nav><article><h1>Bilan du covoiturage</h1>'
    + "".join(f"<p>{p}</p>" for p in PARAS)
    + "<table><tr><th>Année</th><th>Trajets</th></tr><tr><td>2022</td><td>41 000</td></tr></table>"
    '</article><section id="comments" class="comments"><h2>Commentaires</h2><ul class="comment-list">'
    '<li class="comment"><p>Un lecteur mécontent écrit que tout cela est de la communication pure et simple.</p></li>'
    "</ul></section><footer>Mentions légales</footer></body></html>"
)


def test_metadata_and_text() -> None:
    result = extract_html(PAGE.format(date="2023-02-14"), "https://www.example.org/actu/bilan", dt.date(2024, 1, 1))
    assert result is not None
    assert (result.title, result.author, result.date, result.sitename) == (
        "Bilan du covoiturage", "Claire Martin", "2023-02-14", "Métropole de Lyon")
    assert PARAS[0] in result.text and "41 000" in result.text
    assert "communication pure" not in result.text and "Mentions légales" not in result.text
    assert "\n\n" in result.text and "\n\n\n" not in result.text


def test_comments_and_tables_are_options() -> None:
    html = PAGE.format(date="2023-02-14")
    with_comments = extract_html(html, None, None, HtmlOptions(include_comments=True))
    assert "communication pure" in with_comments.text
    without_tables = extract_html(html, None, None, HtmlOptions(include_tables=False))
    assert "41 000" not in without_tables.text


def test_full_metadata_option() -> None:
    result = extract_html(PAGE.format(date="2023-02-14"), None, None, HtmlOptions(full_metadata=True))
    assert result.title == "Bilan du covoiturage" and result.date == "2023-02-14"


def test_future_dates_discarded() -> None:
    result = extract_html(PAGE.format(date="2031-05-01"), None, dt.date(2024, 1, 1))
    assert result.date is None or result.date <= "2024-01-01"


def test_navigation_only_page_is_empty() -> None:
    menu = "".join(f"<li><a href='/{i}'>Rubrique {i}</a></li>" for i in range(12))
    html = (f"<html><head><title>Actualités</title></head><body><header><nav><ul>{menu}</ul></nav></header>"
            "<main><h1>Actualités</h1><p>Publié le 03/02/2020</p><div class='texte'></div>"
            "<p><a href='#'>Facebook</a> <a href='#'>Imprimer</a></p></main>"
            "<footer><ul><li>Mentions légales</li><li>Plan du site</li></ul></footer></body></html>")
    with pytest.raises(ExtractFailure) as info:
        extract_bytes(html.encode(), "html", ExtractOptions())
    assert info.value.reason == "empty_text"


def test_empty_and_garbage() -> None:
    for body in (b"", b"   ", b"\x00\x01\x02"):
        with pytest.raises(ExtractFailure) as info:
            extract_bytes(body, "html", ExtractOptions())
        assert info.value.reason == "empty_text"


def test_xml_declared_xhtml_in_latin1() -> None:
    page = ('<?xml version="1.0" encoding="iso-8859-1"?><html xmlns="http://www.w3.org/1999/xhtml"><head>'
            "<title>Hôtel de ville</title></head><body><article>" + "".join(f"<p>{p}</p>" for p in PARAS)
            + "</article></body></html>")
    found = extract_bytes(page.encode("iso-8859-1"), "html", ExtractOptions())
    assert "La métropole a présenté" in found["text"] and found["lang"] == "fr"
