"""Refuses URLs that point into private networks (SSRF guard), unless explicitly allowed."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddressError(Exception):
    """Raised when a URL's scheme or resolved address is not allowed."""


def parse_networks(cidrs: Iterable[str]) -> tuple[IpNetwork, ...]:
    """Return the networks of an allow-list such as ``["127.0.0.0/8"]``."""
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def _is_public(address: IpAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return _is_public(address.ipv4_mapped)
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def check_url(url: str, allowed_networks: tuple[IpNetwork, ...] = ()) -> None:
    """Raise BlockedAddressError unless the URL is http(s) and every address it resolves to
    is public or inside an explicitly allowed network."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        # A broken IPv6 literal or a non-numeric port: refuse it like any other bad target
        # instead of letting ValueError escape a fetcher that promises not to raise.
        raise BlockedAddressError(f"unparsable URL {url!r}: {error}") from error
    if parts.scheme not in ("http", "https"):
        raise BlockedAddressError(f"scheme {parts.scheme!r} is not allowed: {url}")
    host = parts.hostname
    if not host:
        raise BlockedAddressError(f"no host in URL: {url}")
    try:
        infos = socket.getaddrinfo(host, port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise BlockedAddressError(f"cannot resolve {host}: {error}") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if _is_public(address):
            continue
        if any(address in network for network in allowed_networks):
            continue
        raise BlockedAddressError(f"{host} resolves to non-public address {address}")
