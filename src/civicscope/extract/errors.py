"""The exception a document raises when it cannot become a row of documents.parquet."""

from __future__ import annotations


class ExtractFailure(Exception):
    """A document that yields no usable text; ``reason`` is a rejects reason code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
