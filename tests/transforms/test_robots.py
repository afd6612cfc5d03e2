"""robots.txt responses turned into rules: Google's reading of statuses, agents, delays."""

from __future__ import annotations

from transforms.robots import RobotsRules, rules_from_response

AGENT = "mediawatch/0.1 (+https://github.com/mediawatch/mediawatch)"

ROBOTS = b"""User-agent: mediawatch
Disallow: /drafts/
Allow: /drafts/public/
Crawl-delay: 2.5

User-agent: *
Disallow: /
"""


def test_rules_for_our_agent_and_for_others() -> None:
    rules = rules_from_response(200, ROBOTS)

    assert rules.allows("https://gazette.example/news/harbour-wall", AGENT)
    assert not rules.allows("https://gazette.example/drafts/harbour-wall", AGENT)
    assert rules.allows("https://gazette.example/drafts/public/notice", AGENT)
    assert not rules.allows("https://gazette.example/news/harbour-wall", "OtherBot/1.0")


def test_crawl_delay_of_our_agent() -> None:
    rules = rules_from_response(200, ROBOTS)

    assert rules.crawl_delay(AGENT) == 2.5
    assert rules.crawl_delay("OtherBot/1.0") is None


def test_empty_robots_txt_allows_everything() -> None:
    rules = rules_from_response(200, b"")

    assert rules.allows("https://gazette.example/anything", AGENT)
    assert rules.crawl_delay(AGENT) is None


def test_undecodable_robots_txt_does_not_raise() -> None:
    rules = rules_from_response(200, b"\xff\xfe\x00garbage\nDisallow: /x\n")

    assert rules.allows("https://gazette.example/news", AGENT)


def test_4xx_means_no_rules() -> None:
    for status in (401, 403, 404, 410):
        rules = rules_from_response(status, b"")
        assert rules == RobotsRules(parser=None)
        assert rules.allows("https://gazette.example/private/x", AGENT)


def test_429_means_stay_away_like_5xx() -> None:
    # Google's reading: a rate-limited robots.txt is not "no rules".
    rules = rules_from_response(429, b"")

    assert rules.disallow_all
    assert rules.note == "robots.txt answered 429"


def test_5xx_means_stay_away() -> None:
    rules = rules_from_response(503, b"User-agent: *\nAllow: /\n")

    assert rules.disallow_all
    assert rules.note == "robots.txt answered 503"
    assert not rules.allows("https://gazette.example/news", AGENT)


def test_no_answer_means_stay_away() -> None:
    rules = rules_from_response(None, b"")

    assert not rules.allows("https://gazette.example/news", AGENT)
    assert rules.note == "robots.txt unreachable"
    assert rules.crawl_delay(AGENT) is None


def test_unfollowed_redirect_status_means_stay_away() -> None:
    # HttpFetcher follows robots.txt redirects; a 3xx that reaches here had no usable target.
    rules = rules_from_response(301, b"")

    assert not rules.allows("https://gazette.example/news", AGENT)
