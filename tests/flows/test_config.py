"""Config files: what a good one gives, and the message a bad one gets before any run starts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows.cli import DEMO_CONFIG, main
from flows.config import ConfigError, load_settings

GOOD = """
[storage]
lake = "data/lake"
captures = "data/captures"
warehouse = "/srv/mediawatch/warehouse.duckdb"

[fetch]
per_host_delay = 2.5
allowed_networks = ["10.0.0.0/8"]
resolve = { "outlet.test" = "127.0.0.1:8080" }

[run]
batch_size = 7

[[sources]]
name = "the-outlet"
timezone = "Europe/Berlin"
feeds = ["https://outlet.test/feed.xml"]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_config_gives_settings_with_paths_resolved_against_its_folder(
    tmp_path: Path,
) -> None:
    settings = load_settings(_write(tmp_path, GOOD))
    assert settings.lake.local_root == tmp_path / "data" / "lake"
    assert settings.dask_scheduler is None
    assert settings.warehouse_path == Path("/srv/mediawatch/warehouse.duckdb")
    assert settings.fetch.per_host_delay == 2.5
    assert settings.fetch.resolve == (("outlet.test", "127.0.0.1:8080"),)
    assert [str(n) for n in settings.fetch.allowed_networks] == ["10.0.0.0/8"]
    assert settings.batch_size == 7
    assert settings.sources[0].name == "the-outlet"
    assert settings.sources[0].feeds == ("https://outlet.test/feed.xml",)
    assert len(settings.config_sha256) == 64


def test_the_lake_may_be_a_filesystem_url_and_batches_may_run_on_dask(tmp_path: Path) -> None:
    text = GOOD.replace('"data/lake"', '"memory://mediawatch/lake"').replace(
        "batch_size = 7", 'batch_size = 7\ndask_scheduler = "tcp://10.0.0.5:8786"'
    )
    settings = load_settings(_write(tmp_path, text))
    assert settings.lake.url == "memory://mediawatch/lake"
    assert settings.lake.root == "/mediawatch/lake"
    assert settings.lake.local_root is None
    assert settings.dask_scheduler == "tcp://10.0.0.5:8786"


def test_a_source_carries_its_time_zone_language_and_home_page(tmp_path: Path) -> None:
    text = GOOD.replace(
        'timezone = "Europe/Berlin"',
        'timezone = "Europe/Berlin"\nlanguage = "de"\nhome_url = "https://www.outlet.test/"',
    )
    source = load_settings(_write(tmp_path, text)).sources[0]
    assert (source.timezone, source.language, source.home_url) == (
        "Europe/Berlin",
        "de",
        "https://www.outlet.test/",
    )


def test_a_source_without_them_counts_in_utc_at_its_first_listings_origin(
    tmp_path: Path,
) -> None:
    text = GOOD.replace('timezone = "Europe/Berlin"\n', "").replace(
        'feeds = ["https://outlet.test/feed.xml"]',
        'urls = ["ftp://x.test/a"]\nsitemaps = ["https://maps.outlet.test:8443/news.xml"]',
    )
    source = load_settings(_write(tmp_path, text)).sources[0]
    assert (source.timezone, source.language, source.home_url) == (
        "UTC",
        None,
        "https://maps.outlet.test:8443/",
    )


def test_shipped_configs_give_every_outlet_its_own_time_zone_and_language() -> None:
    placeholders = {"data_dir": "/tmp/demo", **dict.fromkeys(_DEMO_OUTLETS, "127.0.0.1:1")}
    demo = load_settings(DEMO_CONFIG, substitutions=placeholders).sources
    example = load_settings(DEMO_CONFIG.with_name("example-outlets.toml")).sources

    assert [(s.name, s.timezone, s.language) for s in demo] == [
        ("harbour-ledger", "Europe/London", "en"),
        ("valley-courier", "America/Los_Angeles", "en"),
        ("rheinblick", "Europe/Berlin", "de"),
        ("le-guetteur", "Europe/Paris", "fr"),
    ]
    assert demo[0].home_url == "http://harbour-ledger.test/"
    assert all(s.timezone != "UTC" and s.language and s.home_url for s in example)


_DEMO_OUTLETS = ("harbour-ledger", "valley-courier", "rheinblick", "le-guetteur")


def test_demo_config_loads_once_its_placeholders_are_filled(tmp_path: Path) -> None:
    slugs = ["harbour-ledger", "valley-courier", "rheinblick", "le-guetteur"]
    substitutions = {"data_dir": str(tmp_path), **{s: "127.0.0.1:1" for s in slugs}}
    settings = load_settings(DEMO_CONFIG, substitutions=substitutions)
    assert [s.name for s in settings.sources] == slugs
    assert settings.fetch.allowed_networks == ()
    assert {host for host, _ in settings.fetch.resolve} == {f"{s}.test" for s in slugs}
    assert settings.warehouse_path == tmp_path / "mediawatch.duckdb"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace('name = "the-outlet"', 'name = "../etc"'), "sources[0].name"),
        (
            lambda t: t.replace('timezone = "Europe/Berlin"', 'timezone = "Mars/Olympus"'),
            "unknown time zone 'Mars/Olympus': give an IANA name",
        ),
        # Files zoneinfo can load that are no IANA zone, a folder, a wrong case, a number.
        (lambda t: t.replace('"Europe/Berlin"', '"posix/Europe/Berlin"'), "unknown time zone"),
        (lambda t: t.replace('"Europe/Berlin"', '"localtime"'), "unknown time zone"),
        (lambda t: t.replace('"Europe/Berlin"', '"Europe"'), "unknown time zone 'Europe'"),
        (lambda t: t.replace('"Europe/Berlin"', '"europe/berlin"'), "unknown time zone"),
        (lambda t: t.replace('"Europe/Berlin"', "1"), "unknown time zone 1"),
        (lambda t: t.replace('timezone = "Europe/Berlin"', 'language = "deu"'), "ISO 639-1"),
        (
            lambda t: t.replace('timezone = "Europe/Berlin"', 'home_url = "outlet.test"'),
            "home_url must be an http(s) URL",
        ),
        (lambda t: t.replace("per_host_delay = 2.5", "per_host_delay = -1"), "per_host_delay"),
        (lambda t: t.replace("per_host_delay = 2.5", "per_host_dely = 2"), "unknown [fetch]"),
        (lambda t: t.replace('"127.0.0.1:8080"', '"nowhere"'), "resolve"),
        (lambda t: t.replace('"10.0.0.0/8"', '"10.0.0.0/99"'), "allowed_networks"),
        (lambda t: t.replace("batch_size = 7", "batch_size = 0"), "batch_size"),
        (lambda t: t.replace('lake = "data/lake"\n', ""), "lake"),
        (lambda t: t.split("[[sources]]")[0], "at least one [[sources]]"),
        (
            lambda t: t + '\n[[sources]]\nname = "the-outlet"\nurls = ["https://x.test/"]\n',
            "unique",
        ),
        (lambda t: t.replace('feeds = ["https://outlet.test/feed.xml"]', ""), "at least one of"),
        (lambda t: t.replace("[run]", "[run"), "not valid TOML"),
        (
            lambda t: t.replace('"data/lake"', '"s3://bucket/lake"'),
            "[storage] lake: cannot reach the lake at s3://bucket/lake: Install s3fs",
        ),
        (lambda t: t.replace('"data/lake"', '"nope://x/lake"'), "Protocol not known: nope"),
        (
            lambda t: t.replace("batch_size = 7", 'dask_scheduler = "10.0.0.5:8786"'),
            "dask_scheduler must be a scheduler address such as 'tcp://10.0.0.5:8786'",
        ),
    ],
)
def test_bad_config_is_refused_with_a_message_naming_the_problem(
    tmp_path: Path, change: object, message: str
) -> None:
    assert callable(change)
    path = _write(tmp_path, change(GOOD))
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(path)


def test_cli_reports_a_bad_config_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.toml"
    assert main(["ingest", "--config", str(missing)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("mediawatch: cannot read config")
    assert "Traceback" not in error


def test_cli_refuses_to_start_when_storage_is_short_of_space(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # More free space than any disk has: the run must stop before fetching anything.
    config = _write(tmp_path, GOOD.replace("[storage]", "[storage]\nmin_free_gb = 1e9"))
    assert main(["ingest", "--config", str(config)]) == 3
    error = capsys.readouterr().err
    assert "not enough free disk space" in error
    assert "nothing was fetched" in error
    assert not (tmp_path / "data").exists()
