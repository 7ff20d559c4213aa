"""Small pieces of the HTTP side: URL rules, safety checks, decoding caps, Retry-After, sniffing."""

from __future__ import annotations

import gzip
import zlib

import pytest

from civicscope.collect.http import CappedDecoder, FetchError, gunzip_capped, retry_after_seconds
from civicscope.collect.politeness import Robots
from civicscope.collect.sniff import document_kind
from civicscope.collect.urls import UnsafeURL, canonical_url, check_host, check_scheme, host_of


def test_canonical_url() -> None:
    assert canonical_url("HTTPS://Example.ORG/Path?q=A#frag") == "https://example.org/Path?q=A"
    assert canonical_url("http://example.org") == "http://example.org/"
    assert host_of("http://Example.org:8080/x") == "example.org:8080"


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)", "http:///nohost"])
def test_schemes_refused(url: str) -> None:
    with pytest.raises(UnsafeURL) as info:
        check_scheme(url)
    assert info.value.reason == "scheme_not_allowed"


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://localhost/", "http://10.1.2.3/", "http://169.254.169.254/",
                                 "http://[::1]/", "http://192.168.0.1:8080/", "http://0.0.0.0/"])
def test_private_hosts_refused(url: str) -> None:
    with pytest.raises(UnsafeURL) as info:
        check_host(url)
    assert info.value.reason == "private_host"
    check_host(url, allow_private_hosts=True)


def test_retry_after() -> None:
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after_seconds("soon") is None and retry_after_seconds("") is None


def test_decoder_caps() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)
    with pytest.raises(FetchError) as info:
        gunzip_capped(bomb, 1_000_000)
    assert info.value.reason == "decompression_bomb"
    two_members = gzip.compress(b"abc") + gzip.compress(b"def")
    assert gunzip_capped(two_members, 100) == b"abcdef"
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    deflated = raw.compress(b"hello deflate") + raw.flush()
    decoder = CappedDecoder("deflate", 100)
    decoder.feed(deflated)
    assert bytes(decoder.out) == b"hello deflate"
    plain = CappedDecoder("identity", 4)
    with pytest.raises(FetchError) as info:
        plain.feed(b"12345")
    assert info.value.reason == "too_large"


@pytest.mark.parametrize(
    ("content_type", "head", "name", "kind"),
    [
        ("text/html; charset=utf-8", b"<!doctype html><html>", "", "html"),
        ("text/html", b"\x89PNG\r\n", "", None),
        ("image/png", b"\x89PNG\r\n", "", None),
        ("application/octet-stream", b"%PDF-1.7", "", "pdf"),
        ("application/pdf", b"<html>", "", None),
        ("", b"", "page.htm", "html"),
        ("", b"plain words", "notes.md", "txt"),
        ("text/plain", b"<!DOCTYPE html><html>", "", "html"),
    ],
)
def test_document_kind(content_type: str, head: bytes, name: str, kind: str | None) -> None:
    assert document_kind(content_type, head, name) == kind


def test_robots_rules() -> None:
    robots = Robots.from_text("User-agent: *\nDisallow: /private/\nCrawl-delay: 3\n\nUser-agent: civicscope\nDisallow: /x/\n")
    assert not robots.allowed("http://e.org/x/1", "civicscope")
    assert robots.allowed("http://e.org/private/1", "civicscope")  # its own group wins
    assert not robots.allowed("http://e.org/private/1", "otherbot")
    assert robots.crawl_delay("otherbot") == 3
    assert Robots.deny_everything("x").allowed("http://e.org/", "a") is False
    assert Robots.allow_everything("x").allowed("http://e.org/", "a") is True


def test_tls_verification_always_on() -> None:
    from civicscope.collect.http import Fetcher
    from civicscope.collect.policy import FetchPolicy

    fetcher = Fetcher(FetchPolicy())
    assert fetcher._pool.connection_pool_kw["cert_reqs"] == "CERT_REQUIRED"
    assert fetcher.request_headers["User-Agent"].startswith("civicscope/") and "+http" in fetcher.request_headers["User-Agent"]
