"""French long-form dates that htmldate misreads as 1 January."""

from __future__ import annotations

import datetime as dt

import pytest

from civicscope.extract.dates import french_long_date, repair_date
from civicscope.extract.html import HtmlOptions, extract_html

BODY = "La mairie de Lyon a signé une convention avec la plateforme pour partager des données de trafic. " * 8


def page(date_line: str) -> bytes:
    return (
        "<html><head><meta charset='utf-8'><title>Test</title></head><body><nav>Accueil</nav><article>"
        f"<h1>La mairie et Uber</h1><p class='date'>Publié le {date_line}</p><p>{BODY}</p></article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("line", "expected"),
    [("25 août 2015", "2015-08-25"), ("1er mars 2015", "2015-03-01"), ("14 mars 2016", "2016-03-14"), ("3 decembre 2019", "2019-12-03")],
)
def test_extracted_french_dates(line, expected):
    assert extract_html(page(line), None, dt.date(2026, 1, 1), HtmlOptions()).date == expected


def test_repair_keeps_real_dates_and_caps():
    assert repair_date("2015-06-02", "le 25 août 2015") == "2015-06-02"
    assert repair_date("2015-01-01", "<p>le 25 août 2015</p>") == "2015-08-25"
    assert repair_date("2014-01-01", "<p>le 25 août 2015</p>") == "2014-01-01"  # another year: not the same date
    assert french_long_date("le 25 août 2030", max_date="2026-01-01") is None
