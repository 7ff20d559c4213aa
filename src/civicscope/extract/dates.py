"""A fallback for long-form French dates, which htmldate reads as 1 January of the year.

htmldate turns « Publié le 25 août 2015 » or « 1er mars 2015 » into 2015-01-01 (it understands the
year but not the accented month name or the ordinal "1er"), silently moving French pages to the
start of their year. When htmldate finds nothing or a bare 1 January, the page's own visible date
line is read instead.
"""

from __future__ import annotations

import re
import unicodedata

_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
_LONG_DATE = re.compile(
    r"\b(?P<day>[0-3]?\d)(?:er)?\s+(?P<month>" + "|".join(_MONTHS) + r")\s+(?P<year>(?:19|20)\d\d)\b"
)
_TAGS = re.compile(r"<[^>]+>")
SCAN_CHARS = 30000  # date lines sit near the top of a page


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _strip_marks(run: re.Match[str]) -> str:
    return "".join(c for c in run[0] if not unicodedata.combining(c))


def _plain(html: str) -> str:
    text = _TAGS.sub(" ", html[:SCAN_CHARS]).replace("&nbsp;", " ").replace("\xa0", " ").lower()
    # combining marks are never ASCII: only the non-ASCII runs go through the per-character filter
    return _NON_ASCII.sub(_strip_marks, unicodedata.normalize("NFKD", text))


def french_long_date(html: str | bytes, max_date: str | None = None) -> str | None:
    """The first valid French long-form date of the page (YYYY-MM-DD), not later than ``max_date``."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    for match in _LONG_DATE.finditer(_plain(html)):
        day, month, year = int(match["day"]), _MONTHS[match["month"]], int(match["year"])
        if 1 <= day <= 31:
            iso = f"{year:04d}-{month:02d}-{day:02d}"
            if max_date is None or iso <= max_date:
                return iso
    return None


def repair_date(found: str | None, html: str | bytes, max_date: str | None = None) -> str | None:
    """Keep htmldate's date unless it is missing or a bare 1 January that the page's text contradicts."""
    if found and not found.endswith("-01-01"):
        return found
    better = french_long_date(html, max_date)
    if better and (not found or better[:4] == found[:4]):
        return better
    return found
