"""Text and metadata of a PDF with pypdf, with caps against huge or hostile files."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import statistics
from dataclasses import dataclass

from civicscope.collect import reasons
from civicscope.extract.errors import ExtractFailure

logger = logging.getLogger(__name__)

MB = 1024 * 1024
_TITLE_JUNK = re.compile(r"^(?:microsoft\s+(?:word|powerpoint)\s*-\s*|untitled\b.*$)", re.I)
_SENTENCE_END = re.compile(r"[.!?:;»\")\]]$")


@dataclass(frozen=True)
class PdfOptions:
    """Caps for PDF extraction.

    Attributes:
        max_bytes: larger files are rejected (``pdf_too_large``).
        max_pages: only the first pages are read (the text is marked truncated in the log).
        max_stream_bytes: largest decompressed stream (beyond: ``decompression_bomb``).
        min_chars_per_page: below this average the PDF is taken as scanned (``pdf_no_text``).
    """

    max_bytes: int = 50 * MB
    max_pages: int = 300
    max_stream_bytes: int = 50 * MB
    min_chars_per_page: int = 20


@dataclass(frozen=True)
class PdfResult:
    """Text (paragraphs separated by a blank line) and document-information metadata."""

    text: str
    title: str | None
    author: str | None
    date: str | None
    n_pages: int
    truncated: bool


def _page_paragraphs(page_text: str) -> list[str]:
    """Rebuild paragraphs from PDF lines: a short line ending a sentence closes a paragraph."""
    lines = [ln.strip() for ln in page_text.replace("\r", "\n").split("\n")]
    lengths = [len(ln) for ln in lines if ln]
    if not lengths:
        return []
    typical = statistics.median(lengths)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if current.endswith("-") and line[:1].islower():
            current = current[:-1] + line  # word hyphenated across lines
        else:
            current = f"{current} {line}" if current else line
        if _SENTENCE_END.search(line) and len(line) < 0.8 * typical:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _metadata_date(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return None


def extract_pdf(body: bytes, collected_on: dt.date | None = None, options: PdfOptions = PdfOptions()) -> PdfResult:
    """Extract a PDF's text and metadata.

    Raises:
        ExtractFailure: ``pdf_too_large``, ``pdf_broken``, ``pdf_encrypted``, ``decompression_bomb``
            or ``pdf_no_text`` (no text layer: a scanned document needing OCR).
    """
    import pypdf
    from pypdf.errors import LimitReachedError

    if len(body) > options.max_bytes:
        raise ExtractFailure(reasons.PDF_TOO_LARGE, f"{len(body)} bytes > cap {options.max_bytes}")
    cap = options.max_stream_bytes
    limits = {
        "zlib_maximum_output_length": cap,
        "lzw_maximum_output_length": cap,
        "run_length_maximum_output_length": cap,
        "array_based_stream_maximum_output_length": cap,
        "maximum_declared_stream_length": cap,
        "stream_decoding_work_maximum_length": 4 * cap,
        "image_maximum_buffer_size": cap,
    }
    try:
        with pypdf.apply_configuration(**limits):
            reader = pypdf.PdfReader(io.BytesIO(body), strict=False)
            if reader.is_encrypted:
                try:
                    reader.decrypt("")
                except Exception as exc:  # noqa: BLE001 - any failure means we cannot read it
                    raise ExtractFailure(reasons.PDF_ENCRYPTED, f"encrypted PDF: {exc}") from exc
            n_pages = len(reader.pages)
            truncated = n_pages > options.max_pages
            paragraphs: list[str] = []
            n_chars = 0
            for index in range(min(n_pages, options.max_pages)):
                page_text = reader.pages[index].extract_text() or ""
                n_chars += len(page_text.strip())
                paragraphs.extend(_page_paragraphs(page_text))
            try:
                meta = reader.metadata
                title = (meta.title or "").strip() if meta else ""
                author = (meta.author or "").strip() if meta else ""
                date = _metadata_date(meta.creation_date) if meta else None
            except Exception as exc:  # noqa: BLE001 - broken metadata must not lose the text
                logger.debug("unreadable PDF metadata: %s", exc)
                title, author, date = "", "", None
    except ExtractFailure:
        raise
    except LimitReachedError as exc:
        raise ExtractFailure(reasons.DECOMPRESSION_BOMB, f"PDF stream beyond cap {cap}: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on broken files
        raise ExtractFailure(reasons.PDF_BROKEN, f"{type(exc).__name__}: {exc}") from exc
    pages_read = min(n_pages, options.max_pages)
    if pages_read == 0 or n_chars < options.min_chars_per_page * pages_read:
        raise ExtractFailure(reasons.PDF_NO_TEXT, f"{n_chars} characters of text on {pages_read} page(s): scanned?")
    if truncated:
        logger.warning("PDF has %d pages; only the first %d were read", n_pages, options.max_pages)
    if title and _TITLE_JUNK.match(title):
        title = _TITLE_JUNK.sub("", title).strip()
    if date and collected_on is not None and date > collected_on.isoformat():
        date = None
    return PdfResult(
        text="\n\n".join(paragraphs),
        title=title or None,
        author=author or None,
        date=date,
        n_pages=n_pages,
        truncated=truncated,
    )
