"""Links announced by feeds (RSS, Atom, JSON Feed) and sitemaps (XML, TXT, indexes), with their dates.

Entries are read with lxml so that each link keeps its date (needed for the ``date_from`` /
``date_to`` filters). trafilatura's ``feeds`` and ``sitemaps`` modules decide whether a payload
looks like a feed or a sitemap at all, and serve as the fallback link finder for malformed XML
and JSON feeds. trafilatura's own URL filters are not used because they drop any URL with an
explicit port (intranets, test servers) and reject links leaving the feed's domain, which
syndicating publishers do on purpose; this module keeps http(s) links and leaves the rest to
the collector's safety checks.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

logger = logging.getLogger(__name__)

MAX_LINKS = 100_000
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_date(value: str | None) -> str | None:
    """Turn an RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) date into YYYY-MM-DD; None if unreadable."""
    value = (value or "").strip()
    if not value:
        return None
    if _DATE_PREFIX.match(value):
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _xml_root(text: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        return etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return None


def _absolute(base: str, link: str) -> str | None:
    link = (link or "").strip()
    if not link:
        return None
    # non-http links are kept: the collector records them as scheme_not_allowed
    return urljoin(base, link)


def _child_text(element: Any, *names: str) -> str | None:
    for child in element:
        if _local(child.tag) in names and (child.text or "").strip():
            return child.text.strip()
    return None


def _feed_entries_xml(root: Any, base: str) -> list[tuple[str, str | None]]:
    entries: list[tuple[str, str | None]] = []
    for element in root.iter():
        name = _local(element.tag)
        if name == "item":  # RSS 0.9x/2.0 and RSS 1.0 (RDF)
            link = _child_text(element, "link")
            if link is None:
                guid = next((c for c in element if _local(c.tag) == "guid"), None)
                if guid is not None and guid.get("isPermaLink", "true") != "false":
                    link = (guid.text or "").strip() or None
            if link is None:
                link = element.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
            date = parse_date(_child_text(element, "pubdate", "date", "published", "updated"))
        elif name == "entry":  # Atom
            link = None
            for child in element:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate" and child.get("href"):
                    link = child.get("href")
                    break
            date = parse_date(_child_text(element, "published", "updated", "issued", "modified"))
        else:
            continue
        absolute = _absolute(base, link or "")
        if absolute:
            entries.append((absolute, date))
        if len(entries) >= MAX_LINKS:
            break
    return entries


def _feed_entries_json(text: str, base: str) -> list[tuple[str, str | None]]:
    try:
        items = json.loads(text).get("items", [])
    except (json.JSONDecodeError, AttributeError, RecursionError):
        return []
    entries: list[tuple[str, str | None]] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url") or item.get("id")
        absolute = _absolute(base, link) if isinstance(link, str) else None
        if absolute:
            entries.append((absolute, parse_date(item.get("date_published") or item.get("date_modified"))))
    return entries


def feed_entries(text: str, feed_url: str) -> list[tuple[str, str | None]] | None:
    """Return (link, date) for each entry of a feed, in feed order; None if ``text`` is not a feed."""
    from trafilatura.feeds import FeedParameters, find_links, is_potential_feed

    stripped = text.strip().lstrip("\ufeff")
    if stripped.startswith("{"):
        return _feed_entries_json(stripped, feed_url)
    if not is_potential_feed(stripped):
        return None
    root = _xml_root(stripped)
    entries = _feed_entries_xml(root, feed_url) if root is not None else []
    if not entries:
        # malformed XML: trafilatura's regex-based reader still finds links (without dates)
        host = urlsplit(feed_url).hostname or ""
        params = FeedParameters(feed_url, host, feed_url, external=True)
        entries = [(a, None) for a in (_absolute(feed_url, link) for link in find_links(stripped, params)) if a]
    return entries


def sitemap_entries(text: str, sitemap_url: str) -> tuple[list[tuple[str, str | None]], list[str]] | None:
    """Read a sitemap: return ((page link, lastmod), child sitemap URLs); None if not a sitemap."""
    from trafilatura.sitemaps import DETECT_LINKS, SITEMAP_FORMAT, is_plausible_sitemap

    stripped = text.strip().lstrip("\ufeff")
    if not is_plausible_sitemap(sitemap_url, stripped):
        return None
    if not SITEMAP_FORMAT.match(stripped):  # TXT sitemap: one URL per line
        links = [m.group(0) for m in DETECT_LINKS.finditer(stripped)][:MAX_LINKS]
        return ([(link, None) for link in links], [])
    root = _xml_root(stripped)
    if root is None:
        return None
    pages: list[tuple[str, str | None]] = []
    children: list[str] = []
    for element in root.iter():
        name = _local(element.tag)
        if name not in ("url", "sitemap"):
            continue
        loc = _child_text(element, "loc")
        absolute = _absolute(sitemap_url, loc or "")
        if not absolute:
            continue
        if name == "sitemap":
            children.append(absolute)
        else:
            pages.append((absolute, parse_date(_child_text(element, "lastmod"))))
        if len(pages) + len(children) >= MAX_LINKS:
            break
    return pages, children
