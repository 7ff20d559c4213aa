"""Main text and metadata of an HTML page with trafilatura."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass
from typing import Any

from civicscope.extract.dates import repair_date
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


@functools.lru_cache(maxsize=1)
def _config() -> Any:
    from copy import deepcopy

    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    # the signal-based timeout only works in the main thread; size is capped at collection
    config["DEFAULT"]["EXTRACTION_TIMEOUT"] = "0"
    return config


def _metadata(tree: Any, url: str | None, date_params: dict[str, Any]) -> tuple[str | None, str | None, str | None, str | None]:
    """Title, author, date and site name from meta tags, JSON-LD, the title element and htmldate.

    This is trafilatura's metadata sequence without its costliest steps (author search in the
    page body, categories, tags, licence), which would double the extraction time per page.
    """
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # single tokens are mostly user names ("admin", "redaction")
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as exc:  # noqa: BLE001 - malformed JSON-LD must not lose the page
        logger.debug("JSON-LD metadata unreadable: %s", exc)
    title = meta.title or extract_title(tree)
    # header metadata first (fast); the extensive search through the page text only when it
    # finds nothing: same date on 225 of 226 test pages, at a quarter of the cost
    params = {**date_params, "url": url or meta.url}
    date = find_date(tree, **{**params, "extensive_search": False})
    if not date and date_params.get("extensive_search", True):
        date = find_date(tree, **params)
    sitename = meta.sitename or extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
    return (title or None), (meta.author or None), (date or None), (sitename or None)


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
    document = bare_extraction(
        tree,
        url=url,
        with_metadata=options.full_metadata,
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
    if options.full_metadata:
        title, author, date, sitename = document.title, document.author, document.date, document.sitename
    else:
        title, author, date, sitename = _metadata(tree, url, date_params)
    date = repair_date(date, html, date_params.get("max_date"))
    if date and collected_on is not None and date > collected_on.isoformat():
        date = None  # a date after collection cannot be the publication date
    text = document.text or ""
    if options.include_comments and document.comments:
        text = f"{text}\n{document.comments}"  # as trafilatura's own text output does
    return HtmlResult(
        text=paragraphs_from_lines(text),
        title=title or None,
        author=author or None,
        date=date or None,
        sitename=sitename or None,
    )
