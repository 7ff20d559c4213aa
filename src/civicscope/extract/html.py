"""Main text and metadata of an HTML page with trafilatura."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass
from typing import Any

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
    """

    include_comments: bool = False
    include_tables: bool = True
    favor_precision: bool = False
    favor_recall: bool = False
    fast: bool = False


@dataclass(frozen=True)
class HtmlResult:
    """Text (paragraphs separated by a blank line) and metadata found in a page."""

    text: str
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None


@functools.lru_cache(maxsize=1)
def _config() -> Any:
    from copy import deepcopy

    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    # the signal-based timeout only works in the main thread; size is capped at collection
    config["DEFAULT"]["EXTRACTION_TIMEOUT"] = "0"
    return config


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

    date_params: dict[str, Any] = {"extensive_search": True, "original_date": True}
    if collected_on is not None:
        date_params["max_date"] = collected_on.isoformat()
    document = bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=options.include_comments,
        include_tables=options.include_tables,
        favor_precision=options.favor_precision,
        favor_recall=options.favor_recall,
        fast=options.fast,
        date_extraction_params=date_params,
        config=_config(),
    )
    if document is None:
        return None
    text = paragraphs_from_lines(document.text or "")
    date = document.date or None
    if date and collected_on is not None and date > collected_on.isoformat():
        date = None  # a date after collection cannot be the publication date
    return HtmlResult(
        text=text,
        title=(document.title or None),
        author=(document.author or None),
        date=date,
        sitename=(document.sitename or None),
    )
