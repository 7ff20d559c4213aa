"""One thing to collect, and the manifest row that records its outcome."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civicscope.collect.sources import Source


@dataclass(frozen=True)
class Item:
    """A document to collect: a URL (from a url row, a feed or a sitemap) or a local file."""

    doc_id: str
    source: Source
    url: str  # the URL, or for files the path relative to the sources file's directory
    path: Path | None = None  # local file, for file sources
    missing: bool = False  # a file source that matched nothing
    entry_date: str | None = None  # date announced by the feed or sitemap, if any
    kind: str = ""  # overrides source.kind in the manifest (discovery failures record the feed itself)

    def manifest_row(self, **outcome: Any) -> dict[str, Any]:
        """Return the full manifest row: source metadata plus the collection ``outcome``."""
        src = self.source
        row: dict[str, Any] = {
            "doc_id": self.doc_id,
            "source_id": src.source_id,
            "kind": self.kind or src.kind,
            "url": self.url,
            "genre": src.genre,
            "publisher": src.publisher,
            "actor": src.actor,
            "lang_hint": src.lang,
            "date_hint": src.date,
            "title_hint": src.title,
            "robots_override": src.robots_override,
        }
        row.update(outcome)
        return row
