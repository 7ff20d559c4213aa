"""Decide what a payload is (html, pdf, txt, or something to refuse) from headers, name and bytes."""

from __future__ import annotations

import re

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
XML_TYPES = frozenset(
    {"application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "application/rdf+xml"}
)
JSON_TYPES = frozenset({"application/json", "application/feed+json"})
GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip"})
#: Types that say nothing; the bytes decide.
VAGUE_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/unknown"})

EXT_KIND = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".pdf": "pdf",
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
}
CONTENT_TYPE_OF = {"html": "text/html", "pdf": "application/pdf", "txt": "text/plain"}

_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"RIFF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"\x00\x00\x00",
    b"OggS",
    b"ID3",
    b"fLaC",
)
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p)\b", re.I | re.S)


def media_type(content_type: str | None) -> str:
    """Return the lower-case media type of a Content-Type header, without parameters."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def sniff_bytes(head: bytes) -> str | None:
    """Guess html/pdf/txt from the first bytes; ``binary`` for known binary formats; None if unsure."""
    start = head.lstrip(b"\xef\xbb\xbf")[:1024]
    if start.startswith(b"%PDF-") or b"%PDF-" in start[:1024]:
        return "pdf"
    if any(start.startswith(m) for m in _BINARY_MAGIC):
        return "binary"
    if _HTML_START.match(start):
        return "html"
    if b"\x00" in start:
        return "binary"
    return None


def document_kind(content_type: str | None, head: bytes, name: str = "") -> str | None:
    """Return ``html``, ``pdf`` or ``txt`` for a document payload, or None to refuse it.

    The declared type is trusted unless the bytes contradict it (an image served as text/html,
    a PDF served as octet-stream).
    """
    declared = media_type(content_type)
    sniffed = sniff_bytes(head)
    if sniffed == "binary":
        return None
    if sniffed == "pdf":
        return "pdf"
    if declared in PDF_TYPES:
        return None  # says PDF but is not one
    if declared in HTML_TYPES:
        return "html"
    if declared in TEXT_TYPES:
        return "html" if sniffed == "html" else "txt"
    if declared in VAGUE_TYPES:
        lower = name.lower()
        for ext, kind in EXT_KIND.items():
            if lower.endswith(ext):
                return kind
        return sniffed or "txt"
    return None


def acceptable_document_type(content_type: str | None) -> bool:
    """Tell, from headers alone, whether a document response is worth downloading."""
    declared = media_type(content_type)
    return declared in HTML_TYPES | PDF_TYPES | TEXT_TYPES | VAGUE_TYPES
