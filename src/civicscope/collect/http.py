"""A careful HTTP client (urllib3): safety checks per hop, politeness, retries, streaming caps.

Redirects are followed by hand so that every hop is checked (scheme, private address,
robots.txt, loops). Bodies are read as a stream with a cap on the wire size and a separate cap
on the decoded size, so neither a huge file nor a gzip bomb can fill memory. TLS certificates
are always verified; there is no insecure fallback.
"""

from __future__ import annotations

import email.utils
import logging
import time
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

from civicscope.collect import reasons
from civicscope.collect.policy import FetchPolicy
from civicscope.collect.politeness import GateRegistry, Robots, RobotsCache
from civicscope.collect.sniff import GZIP_TYPES, HTML_TYPES, JSON_TYPES, TEXT_TYPES, VAGUE_TYPES, XML_TYPES, acceptable_document_type, media_type
from civicscope.collect.store import utc_now
from civicscope.collect.urls import UnsafeURL, canonical_url, check_host, check_scheme, host_of
from civicscope.collect.warc import WarcLog

logger = logging.getLogger(__name__)

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
ROBOTS_MAX_CHARS = 512 * 1024  # RFC 9309: parse at least 500 KiB


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` is a manifest reason code."""

    def __init__(self, reason: str, detail: str, status: int | None = None, final_url: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.status = status
        self.final_url = final_url


@dataclass
class Response:
    """A complete, decoded response."""

    url: str
    final_url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: str
    redirects: list[str] = field(default_factory=list)
    wire_bytes: int = 0

    def header(self, name: str) -> str:
        """Return the first header called ``name`` (case-insensitive), or ''."""
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), "")

    @property
    def content_type(self) -> str:
        """The Content-Type header."""
        return self.header("Content-Type")


def _accepts(purpose: str, content_type: str) -> bool:
    declared = media_type(content_type)
    if purpose == "document":
        return acceptable_document_type(content_type)
    if purpose == "robots":
        return declared in TEXT_TYPES | VAGUE_TYPES | HTML_TYPES
    # feeds and sitemaps come with every imaginable XML, text or gzip type
    return declared in XML_TYPES | JSON_TYPES | TEXT_TYPES | HTML_TYPES | GZIP_TYPES | VAGUE_TYPES


def retry_after_seconds(value: str, now: float | None = None) -> float | None:
    """Parse a Retry-After header (seconds or HTTP date) into seconds from now."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class CappedDecoder:
    """Decode gzip/deflate incrementally, refusing to produce more than ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.out = bytearray()
        self.encoding = encoding
        self._wbits = 16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS | 32
        self._obj: Any = zlib.decompressobj(self._wbits) if encoding != "identity" else None
        self._raw_deflate_tried = False

    def feed(self, data: bytes) -> None:
        """Decode one chunk; raise :class:`FetchError` (decompression_bomb) past the limit."""
        if self._obj is None:
            self.out += data
            self._check()
            return
        while data:
            try:
                piece = self._obj.decompress(data, self.limit - len(self.out) + 1)
            except zlib.error as exc:
                if self.encoding == "deflate" and not self._raw_deflate_tried and not self.out:
                    self._raw_deflate_tried = True  # some servers send raw deflate without zlib header
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchError(reasons.BAD_CONTENT_TYPE, f"corrupt {self.encoding} body: {exc}") from exc
            self.out += piece
            self._check()
            data = self._obj.unconsumed_tail
            if self._obj.eof and self._obj.unused_data:
                data = self._obj.unused_data  # concatenated gzip members
                self._obj = zlib.decompressobj(self._wbits)

    def _check(self) -> None:
        if len(self.out) > self.limit:
            if self._obj is None:
                raise FetchError(reasons.TOO_LARGE, f"body over {self.limit} bytes")
            raise FetchError(reasons.DECOMPRESSION_BOMB, f"{self.encoding} body expands beyond {self.limit} bytes")


def gunzip_capped(data: bytes, limit: int) -> bytes:
    """Gunzip a whole payload (e.g. ``sitemap.xml.gz``) with the decoded-size cap."""
    decoder = CappedDecoder("gzip", limit)
    decoder.feed(data)
    return bytes(decoder.out)


class Fetcher:
    """Fetch URLs politely and safely; thread-safe (one instance per run)."""

    def __init__(self, policy: FetchPolicy, warc: WarcLog | None = None) -> None:
        import urllib3

        self.policy = policy
        self.warc = warc
        self.gates = GateRegistry(policy.delay)
        self.robots = RobotsCache(self._load_robots)
        try:
            import certifi

            ca_certs: str | None = certifi.where()
        except ImportError:  # system store
            ca_certs = None
        self._pool = urllib3.PoolManager(
            num_pools=64,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            ca_certs=ca_certs,
            retries=False,
        )
        self.request_headers = {
            "User-Agent": policy.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/pdf,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        }
        self.on_request: Callable[[str], None] | None = None  # test hook / statistics

    # -- robots -----------------------------------------------------------------------------
    def _load_robots(self, origin: str) -> Robots:
        url = f"{origin}/robots.txt"
        try:
            response = self.get(url, purpose="robots", check_robots=False)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                robots = Robots.allow_everything(f"robots.txt: HTTP {exc.status}")
            elif exc.reason in (reasons.PRIVATE_HOST, reasons.SCHEME_NOT_ALLOWED, reasons.BAD_CONTENT_TYPE, reasons.TOO_LARGE):
                robots = Robots.allow_everything(f"robots.txt unusable: {exc.reason}")
            else:
                robots = Robots.deny_everything(f"robots.txt unreachable ({exc.reason}): {exc.detail}")
            logger.info("%s: %s", origin, robots.note)
            return robots
        robots = Robots.from_text(response.body[:ROBOTS_MAX_CHARS].decode("utf-8", errors="replace"))
        crawl_delay = robots.crawl_delay(self.policy.robots_token)
        if crawl_delay is not None and crawl_delay > self.policy.delay:
            if crawl_delay > self.policy.max_crawl_delay:
                logger.warning("%s asks a crawl-delay of %.0f s; using the ceiling %.0f s", origin, crawl_delay,
                               self.policy.max_crawl_delay)
            gate = self.gates.get(host_of(origin))
            gate.set_delay(max(gate.delay, min(crawl_delay, self.policy.max_crawl_delay)))
        return robots

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        robots = self.robots.get(f"{parts.scheme.lower()}://{parts.netloc.lower()}")
        if not robots.allowed(url, self.policy.robots_token):
            raise FetchError(reasons.ROBOTS_DISALLOWED, f"{robots.note} disallows {url} for {self.policy.robots_token!r}")

    # -- one request --------------------------------------------------------------------------
    def _attempt(self, url: str, purpose: str) -> tuple[int, str, list[tuple[str, str]], bytes | None, int]:
        """Send one GET under the host gate; return status, reason, headers, body (None if unread), wire size."""
        import urllib3

        gate = self.gates.get(host_of(url))
        timeout = urllib3.Timeout(connect=self.policy.connect_timeout, read=self.policy.read_timeout)
        with gate.slot():
            if self.on_request is not None:
                self.on_request(url)
            response = self._pool.request(
                "GET",
                url,
                headers=self.request_headers,
                preload_content=False,
                decode_content=False,
                redirect=False,
                retries=False,
                timeout=timeout,
            )
            fully_read = False
            try:
                status = response.status
                headers = list(response.headers.items())
                if status in REDIRECT_CODES or status >= 400 or status < 200:
                    return status, response.reason or "", headers, None, 0
                content_type = response.headers.get("Content-Type", "")
                if not _accepts(purpose, content_type):
                    raise FetchError(reasons.BAD_CONTENT_TYPE, f"Content-Type {content_type or '(none)'!r}", status)
                length = response.headers.get("Content-Length", "")
                if length.isdigit() and int(length) > self.policy.max_bytes:
                    raise FetchError(reasons.TOO_LARGE, f"Content-Length {length} > cap {self.policy.max_bytes}", status)
                body, wire = self._read_capped(response, status)
                fully_read = True
                return status, response.reason or "", headers, body, wire
            finally:
                if not fully_read:
                    response.close()  # unread or partly read body: the connection cannot be reused
                response.release_conn()

    def _read_capped(self, response: Any, status: int) -> tuple[bytes, int]:
        encoding = (response.headers.get("Content-Encoding", "") or "identity").strip().lower()
        if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(reasons.BAD_CONTENT_TYPE, f"unsupported Content-Encoding {encoding!r}", status)
        decoder = CappedDecoder(encoding, self.policy.max_decoded_bytes)
        deadline = time.monotonic() + self.policy.max_time
        wire = 0
        for chunk in response.stream(CHUNK, decode_content=False):
            wire += len(chunk)
            if wire > self.policy.max_bytes:
                raise FetchError(reasons.TOO_LARGE, f"body over {self.policy.max_bytes} bytes on the wire", status)
            if time.monotonic() > deadline:
                raise FetchError(reasons.TIMEOUT, f"body not complete after {self.policy.max_time:.0f} s", status)
            decoder.feed(chunk)
        return bytes(decoder.out), wire

    def _with_retries(self, url: str, purpose: str) -> tuple[int, str, list[tuple[str, str]], bytes | None, int]:
        """One URL (no redirect following), retrying timeouts, connection errors, 429 and 5xx."""
        import urllib3.exceptions as ux

        policy = self.policy
        last_reason, last_detail, last_status = reasons.TIMEOUT, "", None
        for attempt in range(policy.retries + 1):
            wait = policy.backoff * (2**attempt)
            try:
                status, reason, headers, body, wire = self._attempt(url, purpose)
            except FetchError:
                raise
            except ux.SSLError as exc:
                raise FetchError(reasons.TLS_ERROR, f"TLS verification failed: {exc}") from exc
            except ux.NameResolutionError as exc:
                raise FetchError(reasons.DNS_ERROR, str(exc)) from exc
            except (ux.ConnectTimeoutError, ux.ReadTimeoutError, TimeoutError) as exc:
                last_reason, last_detail, last_status = reasons.TIMEOUT, f"{type(exc).__name__}: {exc}", None
            except (ux.ProtocolError, ux.NewConnectionError, ux.DecodeError, ConnectionError, ux.HTTPError) as exc:
                last_reason, last_detail, last_status = reasons.CONNECTION_ERROR, f"{type(exc).__name__}: {exc}", None
            else:
                if status != 429 and status < 500:
                    return status, reason, headers, body, wire
                last_status = status
                last_reason = "http_429" if status == 429 else reasons.HTTP_5XX_AFTER_RETRIES
                last_detail = f"HTTP {status} after {attempt + 1} attempt(s)"
                retry_after = retry_after_seconds(dict((k.lower(), v) for k, v in headers).get("retry-after", ""))
                if retry_after is not None:
                    if retry_after > policy.max_backoff:
                        last_detail += f"; Retry-After {retry_after:.0f} s is beyond the {policy.max_backoff:.0f} s cap"
                        break
                    wait = max(wait, retry_after)
            if attempt == policy.retries:
                break
            wait = min(wait, policy.max_backoff)
            logger.debug("retrying %s in %.1f s (%s)", url, wait, last_detail)
            self.gates.get(host_of(url)).hold_off(wait)  # no request to this host meanwhile
        raise FetchError(last_reason, last_detail, last_status)

    # -- public ---------------------------------------------------------------------------------
    def get(self, url: str, purpose: str = "document", check_robots: bool = True) -> Response:
        """Fetch ``url`` following redirects; every hop passes the safety and robots checks.

        Args:
            url: absolute http(s) URL.
            purpose: ``document``, ``feed``, ``sitemap`` or ``robots`` (decides accepted content types).
            check_robots: False only for robots.txt itself or a source with a written override.

        Raises:
            FetchError: with a manifest reason code.
        """
        seen = {canonical_url(url)}
        redirects: list[str] = []
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            try:
                check_scheme(current)
                check_host(current, self.policy.allow_private_hosts)
            except UnsafeURL as exc:
                raise FetchError(exc.reason, exc.detail, final_url=current) from exc
            if check_robots:
                self._check_robots(current)
            fetched_at = utc_now()
            try:
                status, reason, headers, body, wire = self._with_retries(current, purpose)
            except FetchError as exc:
                exc.final_url = current
                if self.warc is not None:
                    self.warc.note(current, {"reason": exc.reason, "detail": exc.detail, "status": exc.status,
                                             "fetched_at": fetched_at})
                raise
            location = next((v for k, v in headers if k.lower() == "location"), "")
            if status in REDIRECT_CODES and location:
                target = urljoin(current, location.strip())
                key = canonical_url(target)
                if key in seen:
                    raise FetchError(reasons.REDIRECT_LOOP, f"{current} redirects back to {target}", status, current)
                seen.add(key)
                redirects.append(current)
                current = target
                continue
            if body is None:
                raise FetchError(reasons.http_reason(status), f"HTTP {status} {reason}".strip(), status, current)
            if self.warc is not None:
                self.warc.response(current, status, reason, headers, body, self.request_headers)
            return Response(url, current, status, reason, headers, body, fetched_at, redirects, wire)
        raise FetchError(reasons.TOO_MANY_REDIRECTS, f"more than {self.policy.max_redirects} redirects from {url}",
                         final_url=current)

    def close(self) -> None:
        """Close pooled connections."""
        self._pool.clear()
