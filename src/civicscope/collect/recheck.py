"""When feeds and sitemaps are asked again for new entries.

A collection run re-reads every feed and sitemap, but the workflow only runs collection when its inputs
or settings change. ``collect.recheck_listings`` turns the current period into one of those settings:
the label below changes once a day, week or month, so the first ``snakemake`` of a new period collects
again (what is already frozen is never fetched twice) and later runs in the same period do not.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Iterable

logger = logging.getLogger(__name__)

PERIODS = ("never", "daily", "weekly", "monthly")
LISTING_KINDS = frozenset({"feed", "sitemap"})


def recheck_label(period: str, today: dt.date, kinds: Iterable[str]) -> str:
    """The period ``today`` falls in, or "" when listings are never re-checked (or there are none).

    Args:
        period: one of :data:`PERIODS`.
        today: the day the workflow is started.
        kinds: the ``kind`` of every source; only feeds and sitemaps publish new entries by themselves.

    Raises:
        ValueError: for an unknown period.
    """
    if period not in PERIODS:
        raise ValueError(f"recheck_listings is {period!r}; use one of {', '.join(PERIODS)}")
    if period == "never" or not LISTING_KINDS.intersection(kinds):
        return ""
    if period == "daily":
        return today.isoformat()
    if period == "weekly":
        year, week, _ = today.isocalendar()
        return f"{year}-W{week:02d}"  # ISO weeks: the days of a week share its year
    return f"{today.year}-{today.month:02d}"
