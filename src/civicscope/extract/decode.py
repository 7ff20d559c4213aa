"""Turn raw bytes into text: byte-order marks, declared charsets checked against the bytes, detection.

Declarations lie often enough (a CMS template saying iso-8859-1 around UTF-8 content, or the
reverse) that a declared charset is only used when the bytes agree with it.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
# browsers (WHATWG Encoding) read these labels as windows-1252, which fills 0x80–0x9F
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819", "iso-ir-100"}
#: Share of undecodable characters above which a text is rejected as ``encoding``.
MAX_REPLACEMENT_SHARE = 0.02


class EncodingFailure(ValueError):
    """Bytes that no charset decodes into plausible text."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text and how the charset was chosen (bom, utf-8, declared, detected, replaced)."""

    text: str
    encoding: str
    method: str


def _normalise_label(label: str) -> str | None:
    label = label.strip().lower()
    if label in _AS_WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charsets(body: bytes, content_type: str | None = None) -> list[str]:
    """Return charsets declared by the HTTP header, an XML declaration or a meta tag, in that order."""
    labels: list[str] = []
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match:
            labels.append(match.group(1))
    head = body[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match:
            labels.append(match.group(1).decode("ascii", "ignore"))
    out: list[str] = []
    for label in labels:
        name = _normalise_label(label)
        if name and name not in out:
            out.append(name)
    return out


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode ``body``: BOM, else valid UTF-8, else a declared charset the bytes satisfy, else detection.

    Valid UTF-8 wins over a declaration because non-ASCII text in a single-byte charset is
    almost never valid UTF-8 by accident, while mislabelled UTF-8 pages are common.

    Raises:
        EncodingFailure: when even the best guess leaves too many undecodable bytes.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            text = _strict(body, encoding)
            if text is not None:
                return Decoded(text.lstrip("\ufeff"), encoding, "bom")
    text = _strict(body, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "utf-8")
    declared = declared_charsets(body, content_type)
    for encoding in declared:
        if encoding.replace("_", "-") in {"utf-8", "utf8"}:
            continue  # already failed above
        text = _strict(body, encoding)
        if text is not None:
            return Decoded(text, encoding, "declared")
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        text = _strict(body, best.encoding)
        if text is not None:
            return Decoded(text, best.encoding, "detected")
    # last resort: cp1252 with latin-1 for its five holes is how browsers would show it
    text = body.decode("cp1252", errors="replace")
    bad = text.count("\ufffd")
    if bad and bad / max(len(text), 1) > MAX_REPLACEMENT_SHARE:
        raise EncodingFailure(f"{bad} undecodable characters in {len(text)} (declared {declared or 'none'})")
    return Decoded(text, "cp1252", "replaced")


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def strip_xml_declaration(text: str) -> str:
    """Drop a leading ``<?xml … encoding=…?>``: lxml refuses it on already-decoded text."""
    return _XML_DECLARATION.sub("", text, count=1)
