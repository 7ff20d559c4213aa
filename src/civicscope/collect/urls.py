"""URL canonicalisation and the network safety checks applied before any request."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit, urlunsplit

from civicscope.collect import reasons

ALLOWED_SCHEMES = frozenset({"http", "https"})


class UnsafeURL(Exception):
    """A URL the collector refuses to fetch; ``reason`` is a manifest reason code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def canonical_url(url: str) -> str:
    """Return the canonical form used for ids: scheme and host lower-cased, fragment dropped."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostport = netloc.rpartition("@")
        netloc = f"{userinfo}@{hostport.lower()}"
    else:
        netloc = netloc.lower()
    path = parts.path or ("/" if netloc else "")
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, ""))


def host_of(url: str) -> str:
    """Return ``host[:port]`` in lower case: the unit of politeness (delay, one connection)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def check_scheme(url: str) -> None:
    """Raise :class:`UnsafeURL` unless ``url`` is an absolute http(s) URL with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise UnsafeURL(reasons.SCHEME_NOT_ALLOWED, f"scheme {parts.scheme or '(none)'!r} not allowed in {url}")
    if not parts.hostname:
        raise UnsafeURL(reasons.SCHEME_NOT_ALLOWED, f"no host in {url}")


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def check_host(url: str, allow_private_hosts: bool = False) -> None:
    """Raise :class:`UnsafeURL` if the host does not resolve, or resolves to a non-public address.

    Every address the name resolves to must be public (not private, loopback, link-local,
    reserved or multicast), so a name cannot smuggle an intranet address among public ones.
    """
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeURL(reasons.DNS_ERROR, f"cannot resolve {host!r}: {exc}") from exc
    if allow_private_hosts:
        return
    for info in infos:
        address = str(info[4][0])
        if _is_private(address):
            raise UnsafeURL(reasons.PRIVATE_HOST, f"{host} resolves to non-public address {address}")
