"""Main text of a parsed HTML page with trafilatura, extracted from the tree itself rather than a copy.

``trafilatura.bare_extraction`` deep-copies a tree it is handed, so that the caller keeps an intact
one; the extract stage reads the page's metadata first and has no use for the tree afterwards, so
the copy (about 3 % of the extraction time on real pages) is skipped by running the same steps as
``bare_extraction`` does without metadata: trafilatura's extraction sequence, its size checks, and
its text serialisation.
"""

from __future__ import annotations

import functools
import inspect
import logging
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

if TYPE_CHECKING:
    from civicscope.extract.html import HtmlOptions

logger = logging.getLogger(__name__)


class MainText(NamedTuple):
    """The page's main text and, when asked for, its reader comments (trafilatura's line layout)."""

    text: str
    comments: str


@functools.lru_cache(maxsize=1)
def _config() -> Any:
    from copy import deepcopy

    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    # the signal-based timeout only works in the main thread; size is capped at collection
    config["DEFAULT"]["EXTRACTION_TIMEOUT"] = "0"
    return config


@functools.lru_cache(maxsize=8)
def _extractor(options: HtmlOptions) -> Any:
    """trafilatura's settings for ``options``, built once (building them reads the config values)."""
    from trafilatura.settings import Extractor

    return Extractor(
        config=_config(),
        output_format="python",
        fast=options.fast,
        precision=options.favor_precision,
        recall=options.favor_recall,
        comments=options.include_comments,
        tables=options.include_tables,
        with_metadata=options.full_metadata,
    )


def page_extractor(options: HtmlOptions, url: str | None, date_params: dict[str, Any]) -> Any:
    """A copy of the shared settings with this page's URL and date limits (trafilatura copies them too)."""
    base = _extractor(options)
    if hasattr(base, "__dict__"):  # not the slotted class this was written for
        from copy import copy

        extractor = copy(base)
    else:
        # a field-by-field copy: copy.copy goes through the pickling protocol, several times slower
        extractor = object.__new__(type(base))
        for name in type(base).__slots__:
            setattr(extractor, name, getattr(base, name))
    extractor.url = url
    extractor.source = url and url.encode("utf-8", "replace").decode("utf-8")
    extractor.date_params = date_params
    return extractor


@functools.lru_cache(maxsize=1)
def _sequence() -> Callable[..., Any] | None:
    """trafilatura's extraction sequence, or None where this trafilatura does not have it as expected.

    It is an internal function; with another signature the copying ``bare_extraction`` is used.
    """
    try:
        from trafilatura.core import trafilatura_sequence
    except ImportError:
        return None
    if list(inspect.signature(trafilatura_sequence).parameters)[:3] != ["tree", "options", "url"]:
        logger.warning("trafilatura's extraction sequence has changed: extracting from a copy of each page")
        return None
    return trafilatura_sequence


def main_text(tree: Any, extractor: Any) -> MainText | None:
    """Extract the main text of ``tree`` as ``bare_extraction(tree, options=extractor)`` does; None when there is none.

    The tree is pruned in place: read everything else from it first. Only for settings without
    trafilatura's own metadata (``extractor.with_metadata`` false).

    Raises:
        Exception: what trafilatura raises on hostile markup, except the TypeError and ValueError
            by which it discards a page (None then, as ``bare_extraction`` returns).
    """
    from lxml.etree import strip_tags
    from trafilatura.xml import xmltotxt

    sequence = _sequence()
    if sequence is None or extractor.with_metadata:
        return _copied_main_text(tree, extractor)
    try:
        body, text, comments_body, comments = sequence(tree, extractor, extractor.url)
        if extractor.max_tree_size and len(body) > extractor.max_tree_size:
            strip_tags(body, "hi")
            if len(body) > extractor.max_tree_size:
                raise ValueError("output tree too long")
        if len(text) < extractor.min_output_size and len(comments) < extractor.min_output_comm_size:
            raise ValueError("text and comments not long enough")
    except (TypeError, ValueError) as exc:
        logger.debug("no main text in %s: %s", extractor.source, exc)
        return None
    return MainText(xmltotxt(body, extractor.formatting),
                    xmltotxt(comments_body, extractor.formatting) if extractor.comments else "")


def _copied_main_text(tree: Any, extractor: Any) -> MainText | None:
    """The same through ``bare_extraction``, which works on a copy of ``tree`` (and finds metadata if asked)."""
    from trafilatura import bare_extraction

    document = bare_extraction(tree, options=extractor)
    if document is None:
        return None
    return MainText(document.text or "", (document.comments or "") if extractor.comments else "")
