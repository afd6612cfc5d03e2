"""Refuses connections into private networks (SSRF guard), unless explicitly allowed.

`AddressGuard` turns a host and port into the addresses that may be connected to: it
resolves the name once, applies the operator's `resolve` overrides (like curl --resolve)
and refuses any non-public address outside the allow-list. `GuardedNetworkBackend` plugs
it into httpcore, so the address that is checked is exactly the address connected to; a
second, unchecked lookup (the DNS rebinding hole) never happens.
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import httpcore

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]
"""Gives the addresses of a host name, as strings, in the order to try them."""

# NAT64's well-known prefix embeds an IPv4 address in the low 32 bits (RFC 6052); on an
# IPv6-only network every public IPv4 site resolves into it, so judge the embedded address.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddressError(Exception):
    """Raised when a URL's scheme or resolved address is not allowed."""


class UnresolvableHostError(Exception):
    """Raised when a host name has no address; a network failure, not a refusal."""


def parse_networks(cidrs: Iterable[str]) -> tuple[IpNetwork, ...]:
    """Return the networks of an allow-list such as ``["127.0.0.0/8"]``."""
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def system_resolver(host: str, port: int) -> list[str]:
    """Return the operating system's addresses for a host, in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def is_public(address: IpAddress) -> bool:
    """Return whether an address is globally routable unicast (no loopback, private,
    link-local, multicast, reserved, shared or unspecified space, in IPv4 or IPv6)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public(embedded)
    # is_global also rules out shared address space (100.64.0.0/10), which is_private does
    # not; multicast has global scopes, so it needs its own test.
    return address.is_global and not address.is_multicast and not address.is_reserved


def _literal(host: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _split_host_port(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"expected 'address:port', got {address!r}")
    return host.strip("[]"), int(port)


class AddressGuard:
    """Decides which addresses a host may be reached at; thread-safe (holds no state)."""

    def __init__(
        self,
        allowed_networks: tuple[IpNetwork, ...] = (),
        *,
        overrides: Iterable[tuple[str, str]] = (),
        resolver: Resolver = system_resolver,
    ) -> None:
        self._allowed = allowed_networks
        self._resolver = resolver
        self._overrides = {name.lower(): _split_host_port(address) for name, address in overrides}

    def addresses(self, host: str, port: int) -> list[tuple[str, int]]:
        """Return the (address, port) pairs to connect to for host:port, all of them allowed.

        An overridden host goes to its configured address and port. That target is trusted
        like the allow-list is: the operator named this one host and where it lives, which
        opens less than allowing a whole network would (the demo's newsroom on loopback).
        Raises BlockedAddressError if any address is refused, UnresolvableHostError if the
        name has none.
        """
        name = host.lower().strip("[]")
        override = self._overrides.get(name)
        if override is not None:
            target, target_port = override
            return [(address, target_port) for address in self._resolve(target, target_port)]
        resolved = self._resolve(name, port)
        for address in resolved:
            self._check(name, address)
        return [(address, port) for address in resolved]

    def check_url(self, url: str) -> None:
        """Return None if the URL is http(s) and its host's addresses are all allowed.

        Raises BlockedAddressError otherwise (also for a URL that cannot be parsed), and
        UnresolvableHostError for a name without addresses.
        """
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as error:
            # A broken IPv6 literal or a non-numeric port: refuse it like any other bad
            # target instead of letting ValueError escape a fetcher that promises not to.
            raise BlockedAddressError(f"unparsable URL {url!r}: {error}") from error
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise BlockedAddressError(f"scheme {parts.scheme!r} is not allowed: {url}")
        if not parts.hostname:
            raise BlockedAddressError(f"no host in URL: {url}")
        self.addresses(parts.hostname, port or (443 if scheme == "https" else 80))

    def _resolve(self, host: str, port: int) -> list[str]:
        literal = _literal(host)
        if literal is not None:
            return [str(literal)]
        try:
            addresses = self._resolver(host, port)
        except (OSError, UnicodeError) as error:
            raise UnresolvableHostError(f"cannot resolve {host}: {error}") from error
        if not addresses:
            raise UnresolvableHostError(f"cannot resolve {host}: no addresses")
        return addresses

    def _check(self, host: str, text: str) -> None:
        address = ipaddress.ip_address(text)
        if is_public(address) or any(address in network for network in self._allowed):
            return
        raise BlockedAddressError(f"{host} resolves to non-public address {address}")


def check_url(
    url: str,
    allowed_networks: tuple[IpNetwork, ...] = (),
    *,
    resolver: Resolver = system_resolver,
) -> None:
    """Return None if the URL is http(s) and every address it resolves to is public or
    inside an allowed network; raise BlockedAddressError (or UnresolvableHostError)."""
    AddressGuard(allowed_networks, resolver=resolver).check_url(url)


class GuardedNetworkBackend(httpcore.NetworkBackend):
    """An httpcore backend that connects only to addresses the guard allowed.

    The guard resolves each new connection's host once and the socket is opened to one of
    exactly those addresses. A refusal raises BlockedAddressError, which httpcore and httpx
    pass through unchanged; a name without addresses becomes httpcore.ConnectError.
    """

    def __init__(self, guard: AddressGuard, inner: httpcore.NetworkBackend | None = None) -> None:
        self._guard = guard
        self._inner = inner if inner is not None else httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Return a stream connected to the first reachable allowed address of the host."""
        try:
            targets = self._guard.addresses(host, port)
        except UnresolvableHostError as error:
            raise httpcore.ConnectError(str(error)) from error
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address, target_port in targets:
            try:
                # A literal address: the inner backend's getaddrinfo does no DNS lookup.
                return self._inner.connect_tcp(
                    address,
                    target_port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
        assert failure is not None  # addresses() never returns an empty list
        raise failure

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Refuse: a fetch never goes through a local socket file."""
        raise BlockedAddressError(f"unix socket {path!r} is not allowed")

    def sleep(self, seconds: float) -> None:
        """Wait, as httpcore's own connect retries ask (the fetcher sets none)."""
        self._inner.sleep(seconds)
