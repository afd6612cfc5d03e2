"""The SSRF guard: only http(s) to public addresses, unless a network is allowed; and the
httpcore backend that connects to exactly the address the guard checked."""

from __future__ import annotations

import ipaddress
import socket

import httpcore
import pytest

from tests.transforms.local_site import LocalSite
from transforms.address_guard import (
    AddressGuard,
    BlockedAddressError,
    GuardedNetworkBackend,
    UnresolvableHostError,
    check_url,
    is_public,
    parse_networks,
)

LOOPBACK = parse_networks(["127.0.0.0/8", "::1/128"])


def test_parse_networks() -> None:
    networks = parse_networks(["127.0.0.0/8", "10.1.2.3/16", "::1/128"])

    assert networks == (
        ipaddress.ip_network("127.0.0.0/8"),
        ipaddress.ip_network("10.1.0.0/16"),
        ipaddress.ip_network("::1/128"),
    )


def test_parse_networks_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="does not appear to be"):
        parse_networks(["not-a-network"])


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.8.9.10:8080/",
        "http://localhost/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
    ],
)
def test_non_public_addresses_are_blocked(url: str) -> None:
    with pytest.raises(BlockedAddressError, match="non-public address"):
        check_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://93.184.215.14/file",
        "gopher://93.184.215.14/",
        "data:text/html,hello",
        "javascript:alert(1)",
    ],
)
def test_other_schemes_are_blocked(url: str) -> None:
    with pytest.raises(BlockedAddressError, match="is not allowed"):
        check_url(url)


@pytest.mark.parametrize("url", ["http:///path-only", "http://:80/"])
def test_urls_without_host_are_blocked(url: str) -> None:
    with pytest.raises(BlockedAddressError, match="no host"):
        check_url(url)


@pytest.mark.parametrize("url", ["http://[::1/broken", "http://93.184.215.14:http/"])
def test_unparsable_urls_are_blocked_not_raised(url: str) -> None:
    with pytest.raises(BlockedAddressError, match="unparsable URL"):
        check_url(url)


def _no_such_host(host: str, port: int) -> list[str]:
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def test_unresolvable_host_is_not_a_refusal() -> None:
    # No address is a network failure (the fetcher retries it), not a blocked address.
    with pytest.raises(UnresolvableHostError, match=r"cannot resolve gone\.example"):
        check_url("https://gone.example/", resolver=_no_such_host)
    with pytest.raises(UnresolvableHostError, match="no addresses"):
        check_url("https://gone.example/", resolver=lambda host, port: [])


def test_public_addresses_pass() -> None:
    check_url("http://93.184.215.14/")
    check_url("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/")


def test_allowed_networks_let_loopback_through() -> None:
    loopback = parse_networks(["127.0.0.0/8"])

    check_url("http://127.0.0.1:8080/", loopback)
    check_url("http://127.1.2.3/", loopback)
    with pytest.raises(BlockedAddressError):
        check_url("http://10.0.0.1/", loopback)
    with pytest.raises(BlockedAddressError):
        check_url("file:///etc/passwd", loopback)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
        ("100.64.0.1", False),  # shared address space (carrier-grade NAT)
        ("233.252.0.1", False),  # multicast with global scope
        ("ff0e::1", False),
        ("255.255.255.255", False),
        ("198.18.0.1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:169.254.169.254", False),
        ("2002:7f00:1::", False),  # 6to4 wrapping 127.0.0.1
        ("64:ff9b::7f00:1", False),  # NAT64 wrapping 127.0.0.1
        ("64:ff9b::5db8:d70e", True),  # NAT64 wrapping 93.184.215.14
    ],
)
def test_is_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


def test_a_name_with_any_private_address_is_refused() -> None:
    guard = AddressGuard(resolver=lambda host, port: ["93.184.215.14", "10.0.0.7"])

    with pytest.raises(BlockedAddressError, match=r"news\.example resolves to non-public"):
        guard.addresses("news.example", 80)


def test_guard_returns_the_resolved_addresses_in_order() -> None:
    calls: list[tuple[str, int]] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append((host, port))
        return ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]

    guard = AddressGuard(resolver=resolver)

    assert guard.addresses("News.Example", 8080) == [
        ("93.184.215.14", 8080),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", 8080),
    ]
    assert calls == [("news.example", 8080)]


def test_literal_addresses_are_not_looked_up() -> None:
    guard = AddressGuard(LOOPBACK, resolver=_no_such_host)

    assert guard.addresses("127.0.0.1", 80) == [("127.0.0.1", 80)]
    assert guard.addresses("[::1]", 80) == [("::1", 80)]


def test_override_pins_a_host_to_a_trusted_address_and_port() -> None:
    guard = AddressGuard(
        overrides=(("harbour.test", "127.0.0.1:8001"), ("v6.test", "[::1]:8002")),
        resolver=_no_such_host,
    )

    assert guard.addresses("HARBOUR.test", 80) == [("127.0.0.1", 8001)]
    assert guard.addresses("v6.test", 443) == [("::1", 8002)]
    # Only the named host: the same address under its own name is still refused.
    with pytest.raises(BlockedAddressError):
        guard.addresses("127.0.0.1", 8001)


def test_override_to_a_name_resolves_that_name() -> None:
    guard = AddressGuard(
        overrides=(("harbour.test", "localhost:8001"),),
        resolver=lambda host, port: ["127.0.0.1"] if host == "localhost" else [],
    )

    assert guard.addresses("harbour.test", 80) == [("127.0.0.1", 8001)]


def test_backend_connects_to_the_checked_address(local_site: LocalSite) -> None:
    port = int(local_site.base_url.rsplit(":", 1)[1])
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"]

    backend = GuardedNetworkBackend(AddressGuard(LOOPBACK, resolver=resolver))
    stream = backend.connect_tcp("news.example", port, timeout=2.0)
    try:
        assert stream.get_extra_info("server_addr") == ("127.0.0.1", port)
    finally:
        stream.close()
    assert calls == ["news.example"]


def test_backend_tries_the_next_checked_address(local_site: LocalSite) -> None:
    # The site listens on 127.0.0.1 only: ::1 refuses (or IPv6 is off), so IPv4 is used.
    port = int(local_site.base_url.rsplit(":", 1)[1])
    guard = AddressGuard(LOOPBACK, resolver=lambda host, p: ["::1", "127.0.0.1"])
    stream = GuardedNetworkBackend(guard).connect_tcp("news.example", port, timeout=2.0)
    try:
        assert stream.get_extra_info("server_addr")[0] == "127.0.0.1"
    finally:
        stream.close()


def test_backend_refuses_before_connecting() -> None:
    backend = GuardedNetworkBackend(AddressGuard(resolver=lambda host, port: ["169.254.169.254"]))

    with pytest.raises(BlockedAddressError, match=r"non-public address 169\.254\.169\.254"):
        backend.connect_tcp("metadata.example", 80, timeout=0.1)


def test_backend_turns_a_failed_lookup_into_a_connect_error() -> None:
    backend = GuardedNetworkBackend(AddressGuard(resolver=_no_such_host))

    with pytest.raises(httpcore.ConnectError, match=r"cannot resolve gone\.example"):
        backend.connect_tcp("gone.example", 80, timeout=0.1)


def test_backend_refuses_unix_sockets() -> None:
    backend = GuardedNetworkBackend(AddressGuard())

    with pytest.raises(BlockedAddressError, match="unix socket"):
        backend.connect_unix_socket("/var/run/docker.sock")
