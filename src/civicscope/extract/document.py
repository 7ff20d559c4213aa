"""One raw snapshot → one document row (or an :class:`ExtractFailure` with a reason code)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from civicscope.collect import reasons
from civicscope.extract.decode import EncodingFailure, decode_bytes, strip_xml_declaration
from civicscope.extract.errors import ExtractFailure
from civicscope.extract.html import HtmlOptions, extract_html
from civicscope.extract.lang import detect_language
from civicscope.extract.pdf import PdfOptions, extract_pdf
from civicscope.extract.text import paragraphs_from_blocks, word_counts

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractOptions:
    """Settings of the extract stage.

    Attributes:
        html: trafilatura settings (comments excluded, tables kept by default).
        pdf: caps for PDFs.
        min_words: texts with fewer words in prose paragraphs (≥ 6 words; menus and labels
            do not count) are rejected as ``empty_text``.
        near_duplicate_threshold: Jaccard similarity for near duplicates (None = exact only).
        verify_sha256: check each snapshot against the manifest hash (``raw_changed``).
    """

    html: HtmlOptions = field(default_factory=HtmlOptions)
    pdf: PdfOptions = field(default_factory=PdfOptions)
    min_words: int = 10
    near_duplicate_threshold: float | None = 0.8
    verify_sha256: bool = True


def _collected_on(fetched_at: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(fetched_at[:10])
    except ValueError:
        return None


def _is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _html(body: bytes, row: Mapping[str, str], day: dt.date | None, options: ExtractOptions) -> dict[str, Any]:
    try:
        decoded = decode_bytes(body, row.get("content_type"))
    except EncodingFailure as exc:
        raise ExtractFailure(reasons.ENCODING, str(exc)) from exc
    url = row.get("final_url") or ""
    try:
        result = extract_html(strip_xml_declaration(decoded.text), url if _is_web(url) else None, day, options.html)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura can fail on hostile markup
        raise ExtractFailure(reasons.HTML_BROKEN, f"{type(exc).__name__}: {exc}") from exc
    if result is None:
        raise ExtractFailure(reasons.EMPTY_TEXT, "no main text found in the page")
    return {"text": result.text, "title": result.title, "author": result.author, "date": result.date,
            "sitename": result.sitename}


def _pdf(body: bytes, day: dt.date | None, options: ExtractOptions) -> dict[str, Any]:
    result = extract_pdf(body, day, options.pdf)
    return {"text": result.text, "title": result.title, "author": result.author, "date": result.date,
            "sitename": None}


def _txt(body: bytes, row: Mapping[str, str]) -> dict[str, Any]:
    try:
        decoded = decode_bytes(body, row.get("content_type"))
    except EncodingFailure as exc:
        raise ExtractFailure(reasons.ENCODING, str(exc)) from exc
    text = paragraphs_from_blocks(decoded.text)
    first = text.split("\n\n", 1)[0] if text else ""
    title = first.lstrip("# ").strip() if 0 < len(first) <= 200 else None
    return {"text": text, "title": title, "author": None, "date": None, "sitename": None}


def extract_bytes(
    body: bytes,
    kind: str,
    options: ExtractOptions,
    url: str | None = None,
    content_type: str = "",
    collected_on: dt.date | None = None,
    lang_hint: str = "",
) -> dict[str, Any]:
    """Extract text, metadata and language from one payload (no file or manifest involved).

    Args:
        body: the raw bytes.
        kind: ``html``, ``pdf`` or ``txt``.
        options: extraction settings.
        url: the page URL (web pages only; helps metadata).
        content_type: the Content-Type received, if any (charset hint).
        collected_on: collection day (later dates are discarded).
        lang_hint: language to use when the text is too short to detect.

    Raises:
        ExtractFailure: with the reason the payload cannot be used.
    """
    row = {"content_type": content_type, "final_url": url or "", "url": url or ""}
    if kind == "pdf":
        found = _pdf(body, collected_on, options)
    elif kind == "txt":
        found = _txt(body, row)
    else:
        found = _html(body, row, collected_on, options)
    text = found["text"]
    n_words, prose = word_counts(text)
    if prose < options.min_words:
        raise ExtractFailure(
            reasons.EMPTY_TEXT,
            f"{prose} words in sentences out of {n_words} (minimum {options.min_words}): no text beyond menus and labels",
        )
    lang, _prob = detect_language(text, lang_hint)
    return {**found, "lang": lang, "n_words": n_words}


def extract_document(row: Mapping[str, str], raw_dir: Path, options: ExtractOptions) -> dict[str, Any]:
    """Build one documents.parquet row from a manifest row whose status is ``ok``.

    Raises:
        ExtractFailure: with the reason the document cannot be used.
    """
    path = raw_dir / row["raw_path"]
    if not path.is_file():
        raise ExtractFailure(reasons.RAW_MISSING, f"{row['raw_path']} not found in {raw_dir}")
    body = path.read_bytes()
    sha = hashlib.sha256(body).hexdigest()
    if options.verify_sha256 and row.get("sha256") and sha != row["sha256"]:
        raise ExtractFailure(reasons.RAW_CHANGED, f"{row['raw_path']} no longer matches the manifest sha256")
    url = row.get("final_url") or row.get("url") or ""
    found = extract_bytes(
        body,
        path.suffix.lstrip("."),
        options,
        url=url if _is_web(url) else None,
        content_type=row.get("content_type", ""),
        collected_on=_collected_on(row.get("fetched_at", "")),
        lang_hint=row.get("lang_hint", ""),
    )
    date = row.get("date_hint") or found["date"]
    return {
        "doc_id": row["doc_id"],
        "source_id": row["source_id"],
        "url": row["url"],
        "title": row.get("title_hint") or found["title"],
        "author": found["author"],
        "date": date or None,
        "year": int(date[:4]) if date else None,
        "sitename": found["sitename"],
        "genre": row.get("genre") or None,
        "publisher": row.get("publisher") or None,
        "actor": row.get("actor") or None,
        "lang": found["lang"],
        "text": found["text"],
        "n_words": found["n_words"],
        "sha256": sha,
    }
