"""Main text and metadata of an HTML page with trafilatura."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from civicscope.extract.dates import repair_date
from civicscope.extract.extractor import page_extractor
from civicscope.extract.metadata import PageMetadata, page_metadata
from civicscope.extract.text import paragraphs_from_lines

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HtmlOptions:
    """trafilatura settings that change what counts as the text of a page.

    Attributes:
        include_comments: keep reader comments. Off by default: comments are other
            speakers than the publisher, which would blur who takes which stance.
        include_tables: keep table cells (reports put figures and commitments in tables).
        favor_precision: drop doubtful blocks (fewer menus, slightly less text).
        favor_recall: keep doubtful blocks (more text, more boilerplate).
        fast: skip trafilatura's fallback extractors (faster, a little less accurate).
        full_metadata: use trafilatura's complete metadata search (also finds authors in
            bylines, categories and tags) at about 1.4× the extraction time; off by default,
            where title, author, date and site name come from meta tags, JSON-LD, the title
            element and htmldate.
    """

    include_comments: bool = False
    include_tables: bool = True
    favor_precision: bool = False
    favor_recall: bool = False
    fast: bool = False
    full_metadata: bool = False


@dataclass(frozen=True)
class HtmlResult:
    """Text (paragraphs separated by a blank line) and metadata found in a page."""

    text: str
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None


def extract_html(
    html: str | bytes,
    url: str | None,
    collected_on: dt.date | None,
    options: HtmlOptions = HtmlOptions(),
) -> HtmlResult | None:
    """Extract the main text and metadata of one page; None when trafilatura finds no text.

    Args:
        html: the decoded page (or bytes, left to trafilatura's own decoding).
        url: the page URL, if any (helps metadata; None for local files).
        collected_on: collection day; later dates (scripts, counters) are discarded.
        options: what to keep.
    """
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    date_params: dict[str, Any] = {"extensive_search": True, "original_date": True}
    if collected_on is not None:
        date_params["max_date"] = collected_on.isoformat()
    tree = load_html(html)  # parsed once for both metadata and text
    if tree is None:
        return None
    # trafilatura extracts from a copy and leaves this tree intact for the metadata
    document = bare_extraction(tree, options=page_extractor(options, url, date_params))
    if document is None:
        return None
    if options.full_metadata:
        meta = PageMetadata(document.title, document.author, document.date, document.sitename)
    else:
        meta = page_metadata(tree, url, date_params)
    date = repair_date(meta.date, html, date_params.get("max_date"))
    if date and collected_on is not None and date > collected_on.isoformat():
        date = None  # a date after collection cannot be the publication date
    text = document.text or ""
    if options.include_comments and document.comments:
        text = f"{text}\n{document.comments}"  # as trafilatura's own text output does
    return HtmlResult(
        text=paragraphs_from_lines(text),
        title=meta.title or None,
        author=meta.author or None,
        date=date or None,
        sitename=meta.sitename or None,
    )
