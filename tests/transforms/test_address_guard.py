"""The SSRF guard: only http(s) to public addresses, unless a network is allowed."""

from __future__ import annotations

import ipaddress

import pytest

from transforms.address_guard import BlockedAddressError, check_url, parse_networks


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


def test_unresolvable_host_is_blocked() -> None:
    # .invalid is reserved (RFC 2606): it never resolves, with or without a network.
    with pytest.raises(BlockedAddressError, match="cannot resolve"):
        check_url("https://no-such-host.invalid/")


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
