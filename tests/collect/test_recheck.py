"""The period label that makes the workflow ask feeds and sitemaps again."""

from __future__ import annotations

import datetime as dt

import pytest

from civicscope.collect.recheck import recheck_label

FEEDS = ["url", "feed", "file"]


@pytest.mark.parametrize(
    ("period", "day", "label"),
    [
        ("daily", dt.date(2026, 11, 26), "2026-11-26"),
        ("weekly", dt.date(2026, 11, 26), "2026-W48"),
        ("weekly", dt.date(2027, 1, 1), "2026-W53"),  # ISO week of the year that began it
        ("monthly", dt.date(2026, 11, 26), "2026-11"),
        ("never", dt.date(2026, 11, 26), ""),
    ],
)
def test_label_per_period(period: str, day: dt.date, label: str) -> None:
    assert recheck_label(period, day, FEEDS) == label


def test_label_changes_only_with_the_period() -> None:
    monday, sunday, next_monday = dt.date(2026, 11, 23), dt.date(2026, 11, 29), dt.date(2026, 11, 30)
    assert recheck_label("weekly", monday, FEEDS) == recheck_label("weekly", sunday, FEEDS)
    assert recheck_label("weekly", sunday, FEEDS) != recheck_label("weekly", next_monday, FEEDS)


def test_no_listing_no_recheck() -> None:
    assert recheck_label("daily", dt.date(2026, 11, 26), ["url", "file"]) == ""
    assert recheck_label("daily", dt.date(2026, 11, 26), ["sitemap"]) == "2026-11-26"


def test_unknown_period() -> None:
    with pytest.raises(ValueError, match="recheck_listings"):
        recheck_label("hourly", dt.date(2026, 11, 26), FEEDS)
