"""trafilatura's settings object for the extract stage, built once per process.

``bare_extraction`` builds its settings object from keyword arguments on every call, reading eight
values out of the configuration each time: about 3 % of trafilatura's time on a short page. It is
built once per set of options here, and each page gets a copy with its URL and date limits.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from civicscope.extract.html import HtmlOptions

logger = logging.getLogger(__name__)


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
    """trafilatura's settings for ``options``, as ``bare_extraction`` would build them from its arguments."""
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
