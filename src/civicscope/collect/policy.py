"""Politeness and safety settings of a collection run, with safe defaults."""

from __future__ import annotations

from dataclasses import dataclass

from civicscope import __version__

CONTACT_URL = "https://github.com/civicscope/civicscope"
DEFAULT_USER_AGENT = f"civicscope/{__version__} (research text collection; +{CONTACT_URL})"
MB = 1024 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    """How the collector behaves on the web. Every field maps to a CLI option / config key.

    Attributes:
        user_agent: sent with every request; should carry a contact URL or e-mail.
        delay: minimum seconds between two requests to the same host (robots.txt
            ``Crawl-delay`` wins when larger, up to ``max_crawl_delay``).
        max_crawl_delay: ceiling on a robots.txt crawl-delay (a site asking more is logged).
        concurrency: hosts fetched in parallel; each host always gets one connection at a time.
        connect_timeout: seconds to open a connection.
        read_timeout: seconds to wait for each chunk of the response.
        max_time: seconds for a whole response (slow-drip servers).
        retries: extra attempts after a timeout, connection error, 429 or 5xx.
        backoff: first wait before a retry, doubled at each attempt.
        max_backoff: longest wait accepted (also for Retry-After); beyond it the item is rejected.
        max_redirects: redirects followed per item.
        max_bytes: largest body accepted on the wire (checked while streaming).
        max_decoded_bytes: largest body accepted after gzip/deflate decoding.
        allow_private_hosts: allow hosts resolving to private/loopback/link-local addresses.
    """

    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 2.0
    max_crawl_delay: float = 60.0
    concurrency: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_time: float = 120.0
    retries: int = 3
    backoff: float = 2.0
    max_backoff: float = 120.0
    max_redirects: int = 5
    max_bytes: int = 20 * MB
    max_decoded_bytes: int = 20 * MB
    allow_private_hosts: bool = False

    @property
    def robots_token(self) -> str:
        """The product token matched against robots.txt ``User-agent`` lines."""
        return self.user_agent.split("/", 1)[0].split()[0].lower() if self.user_agent else "*"
