"""robots.txt rules per host, fetched once per fetcher and cached (protego)."""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego


@dataclass(frozen=True, kw_only=True)
class RobotsRules:
    """The rules one host gave us, or the policy we fall back to without them."""

    parser: Protego | None
    disallow_all: bool = False
    note: str | None = None

    def allows(self, url: str, user_agent: str) -> bool:
        """Return whether the user agent may fetch the URL."""
        if self.disallow_all:
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        """Return the Crawl-delay the host asks of this user agent, if any."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


def rules_from_response(status: int | None, body: bytes) -> RobotsRules:
    """Return the rules implied by a robots.txt response.

    Follows Google's reading: 4xx means no rules; 5xx, 429 (rate limited) or no answer
    means stay away for now.
    """
    if status is None:
        return RobotsRules(parser=None, disallow_all=True, note="robots.txt unreachable")
    if 200 <= status < 300:
        text = body.decode("utf-8", errors="replace")
        return RobotsRules(parser=Protego.parse(text))
    if 400 <= status < 500 and status != 429:
        return RobotsRules(parser=None)
    return RobotsRules(parser=None, disallow_all=True, note=f"robots.txt answered {status}")
