"""Web side of a collection run: expand feeds and sitemaps, fetch documents into snapshots."""

from __future__ import annotations

import hashlib
import logging
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from civicscope.collect import reasons
from civicscope.collect.discover import feed_entries, sitemap_entries
from civicscope.collect.http import Fetcher, FetchError, Response, gunzip_capped
from civicscope.collect.items import Item
from civicscope.collect.policy import FetchPolicy
from civicscope.collect.sniff import CONTENT_TYPE_OF, document_kind
from civicscope.collect.sources import Source
from civicscope.collect.store import RawStore, utc_now
from civicscope.collect.urls import canonical_url
from civicscope.collect.warc import WarcLog, run_warc_name
from civicscope.io import doc_id_for

if TYPE_CHECKING:
    from civicscope.collect.runner import CollectSummary

logger = logging.getLogger(__name__)

MAX_SITEMAPS = 500


def _item(source: Source, url: str, entry_date: str | None = None, kind: str = "") -> Item:
    return Item(doc_id=doc_id_for(canonical_url(url)), source=source, url=url, entry_date=entry_date, kind=kind)


def _failure(exc: FetchError) -> dict[str, Any]:
    return {"status": "rejected", "reason": exc.reason, "detail": exc.detail, "fetched_at": utc_now(),
            "http_status": exc.status or "", "final_url": exc.final_url}


class WebSession:
    """Fetcher + WARC of one run, with feed/sitemap discovery and document fetching."""

    def __init__(self, policy: FetchPolicy, warc_dir: Path) -> None:
        self.policy = policy
        self.warc_path = Path(warc_dir) / run_warc_name()
        info = {k: getattr(policy, k) for k in policy.__dataclass_fields__}
        self.warc = WarcLog(self.warc_path, info)
        self.fetcher = Fetcher(policy, self.warc)

    def close(self) -> None:
        """Close connections and the WARC file."""
        self.fetcher.close()
        self.warc.close()

    # -- discovery ------------------------------------------------------------------------------
    def _text(self, response: Response) -> str:
        from civicscope.extract.decode import EncodingFailure, decode_bytes

        body = response.body
        if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz served as a file
            body = gunzip_capped(body, self.policy.max_decoded_bytes)
        try:
            return decode_bytes(body, response.content_type).text
        except EncodingFailure as exc:
            raise FetchError(reasons.ENCODING, str(exc), response.status, response.final_url) from exc

    def _select(self, source: Source, entries: list[tuple[str, str | None]]) -> list[Item]:
        items = [
            _item(source, link, date)
            for link, date in entries
            if source.matches(link) and source.in_date_range(date)
        ]
        return items[: source.max_docs] if source.max_docs else items

    def _discover_feed(self, source: Source) -> tuple[list[Item], list[tuple[Item, dict[str, Any]]]]:
        feed = _item(source, source.location, kind="feed")
        try:
            response = self.fetcher.get(source.location, "feed", check_robots=not source.robots_override)
            entries = feed_entries(self._text(response), response.final_url)
        except FetchError as exc:
            return [], [(feed, _failure(exc))]
        if entries is None:
            return [], [(feed, {"status": "rejected", "reason": reasons.BAD_CONTENT_TYPE, "fetched_at": utc_now(),
                                "http_status": response.status, "final_url": response.final_url,
                                "detail": "not an RSS, Atom or JSON feed"})]
        logger.info("feed %s: %d entries", source.source_id, len(entries))
        return self._select(source, entries), []

    def _discover_sitemap(self, source: Source) -> tuple[list[Item], list[tuple[Item, dict[str, Any]]]]:
        pages: list[tuple[str, str | None]] = []
        failures: list[tuple[Item, dict[str, Any]]] = []
        queue = deque([source.location])
        seen = {canonical_url(source.location)}
        while queue and len(seen) <= MAX_SITEMAPS:
            url = queue.popleft()
            sitemap = _item(source, url, kind="sitemap")
            try:
                response = self.fetcher.get(url, "sitemap", check_robots=not source.robots_override)
                found = sitemap_entries(self._text(response), response.final_url)
            except FetchError as exc:
                failures.append((sitemap, _failure(exc)))
                continue
            if found is None:
                failures.append((sitemap, {"status": "rejected", "reason": reasons.BAD_CONTENT_TYPE,
                                           "fetched_at": utc_now(), "http_status": response.status,
                                           "final_url": response.final_url, "detail": "not an XML or TXT sitemap"}))
                continue
            links, children = found
            pages.extend(links)
            for child in children:
                key = canonical_url(child)
                if key not in seen:
                    seen.add(key)
                    queue.append(child)
        logger.info("sitemap %s: %d pages from %d sitemap(s)", source.source_id, len(pages), len(seen))
        return self._select(source, pages), failures

    def discover(self, sources: list[Source], store: RawStore, summary: "CollectSummary") -> list[Item]:
        """Return the document items of url, feed and sitemap sources (feeds and sitemaps fetched now).

        A feed or sitemap that fails is recorded in the manifest as a rejected item of its kind.
        """
        items: list[Item] = []
        expanders = []
        for source in sources:
            if source.kind == "url":
                items.append(_item(source, source.location))
            elif source.kind == "feed":
                expanders.append((source, self._discover_feed))
            elif source.kind == "sitemap":
                expanders.append((source, self._discover_sitemap))
        if not expanders:
            return items
        with ThreadPoolExecutor(max_workers=max(1, self.policy.concurrency), thread_name_prefix="discover") as pool:
            results = list(pool.map(lambda pair: pair[1](pair[0]), expanders))
        for (source, _expand), (found, failures) in zip(expanders, results):
            items.extend(found)
            if not failures:
                store.forget(_item(source, source.location).doc_id)  # it works now
            for item, outcome in failures:
                row = item.manifest_row(**outcome)
                store.record(row)
                summary.add(row)
        return items

    # -- documents ------------------------------------------------------------------------------
    def fetch_document(self, item: Item, store: RawStore) -> dict[str, Any]:
        """Fetch one document and freeze it; return the manifest outcome fields."""
        try:
            response = self.fetcher.get(item.url, "document", check_robots=not item.source.robots_override)
        except FetchError as exc:
            logger.debug("%s rejected: %s", item.url, exc)
            return _failure(exc)
        kind = document_kind(response.content_type, response.body[:2048], urlsplit(response.final_url).path)
        base = {"fetched_at": response.fetched_at, "http_status": response.status,
                "content_type": response.content_type, "bytes": len(response.body), "final_url": response.final_url}
        if kind is None:
            return {**base, "status": "rejected", "reason": reasons.BAD_CONTENT_TYPE,
                    "detail": f"payload is not HTML, PDF or text (Content-Type {response.content_type!r})"}
        headers = {
            "url": item.url,
            "final_url": response.final_url,
            "status": response.status,
            "reason": response.reason,
            "fetched_at": response.fetched_at,
            "redirects": response.redirects,
            "wire_bytes": response.wire_bytes,
            "headers": [[k, v] for k, v in response.headers],
        }
        raw_path = store.save_snapshot(item.doc_id, kind, response.body, headers)
        return {**base, "status": "ok", "reason": "", "detail": "", "raw_path": raw_path,
                "content_type": response.content_type or CONTENT_TYPE_OF[kind],
                "sha256": hashlib.sha256(response.body).hexdigest()}
