"""Per-host politeness: one request at a time per host, a delay between requests, robots.txt."""

from __future__ import annotations

import logging
import threading
import time
import urllib.robotparser
from contextlib import contextmanager
from typing import Callable, Iterator

logger = logging.getLogger(__name__)


class HostGate:
    """Serialises requests to one host and spaces them by at least ``delay`` seconds.

    The delay runs from the end of one response to the start of the next request, so a slow
    server is never hit faster than the delay.
    """

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self._next_start = 0.0
        self._last_end = 0.0

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold the host for one request (waiting for the delay first)."""
        with self._lock:
            wait = self._next_start - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._last_end = time.monotonic()
                self._next_start = max(self._next_start, self._last_end + self.delay)

    def set_delay(self, delay: float) -> None:
        """Change the delay (robots.txt Crawl-delay), counting it from the last request already made."""
        self.delay = delay
        self._next_start = max(self._next_start, self._last_end + delay)

    def hold_off(self, seconds: float) -> None:
        """Keep every request to this host away for ``seconds`` (a Retry-After told us so)."""
        self._next_start = max(self._next_start, time.monotonic() + seconds)


class GateRegistry:
    """One :class:`HostGate` per host, created on first use."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._gates: dict[str, HostGate] = {}
        self._lock = threading.Lock()

    def get(self, host: str) -> HostGate:
        """Return the gate of ``host`` (``name[:port]``)."""
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = HostGate(self.delay)
            return gate


class Robots:
    """Rules of one host's robots.txt, following RFC 9309 for missing or failing files."""

    def __init__(self, parser: urllib.robotparser.RobotFileParser | None, allow_all: bool, note: str) -> None:
        self._parser = parser
        self._allow_all = allow_all
        self.note = note

    @classmethod
    def from_text(cls, text: str) -> "Robots":
        """Parse a robots.txt body."""
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(text.splitlines())
        return cls(parser, False, "robots.txt")

    @classmethod
    def allow_everything(cls, note: str) -> "Robots":
        """No usable robots.txt that forbids anything (404, 410…): everything allowed."""
        return cls(None, True, note)

    @classmethod
    def deny_everything(cls, note: str) -> "Robots":
        """robots.txt unreachable (5xx, timeout): RFC 9309 says assume complete disallow."""
        return cls(None, False, note)

    def allowed(self, url: str, token: str) -> bool:
        """Tell whether ``token`` may fetch ``url``."""
        if self._parser is None:
            return self._allow_all
        return self._parser.can_fetch(token, url)

    def crawl_delay(self, token: str) -> float | None:
        """Return the Crawl-delay (or Request-rate interval) that applies to ``token``, if any."""
        if self._parser is None:
            return None
        delay = self._parser.crawl_delay(token)
        rate = self._parser.request_rate(token)
        candidates = [float(delay)] if delay is not None else []
        if rate is not None and rate.requests:
            candidates.append(rate.seconds / rate.requests)
        return max(candidates) if candidates else None


class RobotsCache:
    """robots.txt per host, fetched once per run with the caller's fetch function."""

    def __init__(self, fetch: Callable[[str], Robots]) -> None:
        self._fetch = fetch
        self._cache: dict[str, Robots] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, origin: str) -> Robots:
        """Return the rules for ``origin`` (``scheme://host[:port]``)."""
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._cache:
                self._cache[origin] = self._fetch(origin)
            return self._cache[origin]
