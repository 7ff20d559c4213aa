"""PDF extraction: text and metadata, and every way a PDF can be refused."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from civicscope.extract.errors import ExtractFailure
from civicscope.extract.pdf import PdfOptions, extract_pdf

LINES = ["Les plateformes de location de courte durée et la ville ont signé une charte commune.",
         "Elle prévoit la transmission mensuelle des données d'activité aux services fiscaux."]


def test_text_and_metadata(samples) -> None:
    body = samples.pdf_document([LINES, LINES[::-1]], title="Microsoft Word - Charte 2021", author="Ville de Paris")
    result = extract_pdf(body, dt.date.today())
    assert result.title == "Charte 2021" and result.author == "Ville de Paris"
    assert result.n_pages == 2 and not result.truncated
    assert result.date == dt.date.today().isoformat()
    assert "charte commune" in result.text and "\n\n" in result.text


def test_page_cap(samples) -> None:
    body = samples.pdf_document([[f"{line} Page {i}." for line in LINES] for i in range(5)])
    result = extract_pdf(body, None, PdfOptions(max_pages=2))
    assert result.truncated and result.n_pages == 5
    assert "Page 1." in result.text and "Page 3." not in result.text


@pytest.mark.parametrize(
    ("make", "options", "reason"),
    [
        (lambda s: s.scanned_pdf(), PdfOptions(), "pdf_no_text"),
        (lambda s: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", PdfOptions(), "pdf_broken"),
        (lambda s: b"not a pdf at all", PdfOptions(), "pdf_broken"),
        (lambda s: s.pdf_bomb(20_000_000), PdfOptions(max_stream_bytes=2_000_000), "decompression_bomb"),
        (lambda s: s.pdf_document([LINES]), PdfOptions(max_bytes=100), "pdf_too_large"),
    ],
)
def test_refusals(samples, make, options: PdfOptions, reason: str) -> None:
    with pytest.raises(ExtractFailure) as info:
        extract_pdf(make(samples), None, options)
    assert info.value.reason == reason


def test_encrypted() -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt="secret-password")
    c.drawString(50, 700, " ".join(LINES))
    c.showPage()
    c.save()
    with pytest.raises(ExtractFailure) as info:
        extract_pdf(buffer.getvalue())
    assert info.value.reason in {"pdf_encrypted", "pdf_broken"}


def test_small_bomb_within_cap_is_read(samples) -> None:
    result = extract_pdf(samples.raw_pdf(b"BT /F1 12 Tf 72 712 Td (" + b"Texte lisible " * 20 + b") Tj ET"), None)
    assert "Texte lisible" in result.text
