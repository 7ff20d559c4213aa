"""Reason codes for items that the collect or extract stage could not turn into a document.

Every rejected item carries exactly one of these codes in the manifest (collect) or in the
rejects table (extract), plus a free-text ``detail``. HTTP errors use ``http_<code>`` (for
example ``http_404``); the other codes are listed here.
"""

from __future__ import annotations

# collect: policy and safety
ROBOTS_DISALLOWED = "robots_disallowed"
SCHEME_NOT_ALLOWED = "scheme_not_allowed"
PRIVATE_HOST = "private_host"
DNS_ERROR = "dns_error"
# collect: transport
TIMEOUT = "timeout"
CONNECTION_ERROR = "connection_error"
HTTP_5XX_AFTER_RETRIES = "http_5xx_after_retries"
REDIRECT_LOOP = "redirect_loop"
TOO_MANY_REDIRECTS = "too_many_redirects"
TLS_ERROR = "tls_error"
# collect: payload
TOO_LARGE = "too_large"
DECOMPRESSION_BOMB = "decompression_bomb"
BAD_CONTENT_TYPE = "bad_content_type"
FILE_NOT_FOUND = "file_not_found"
# extract
EMPTY_TEXT = "empty_text"
ENCODING = "encoding"
HTML_BROKEN = "html_broken"
PDF_BROKEN = "pdf_broken"
PDF_NO_TEXT = "pdf_no_text"
PDF_TOO_LARGE = "pdf_too_large"
PDF_ENCRYPTED = "pdf_encrypted"
RAW_MISSING = "raw_missing"
RAW_CHANGED = "raw_changed"
DUPLICATE = "duplicate"

#: Failures worth another try on the next run; any other rejection is kept until ``--refresh``.
TRANSIENT = frozenset({TIMEOUT, CONNECTION_ERROR, HTTP_5XX_AFTER_RETRIES, DNS_ERROR, "http_429"})


def http_reason(status: int) -> str:
    """Return the reason code for a final HTTP error status, e.g. ``http_404``."""
    return f"http_{status}"


def is_transient(reason: str) -> bool:
    """Tell whether a rejection may succeed on a later run (network trouble, overload)."""
    return reason in TRANSIENT
