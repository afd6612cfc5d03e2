"""The run's settings: one frozen object built from a TOML file, validated before a run starts."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from transforms.address_guard import parse_networks
from transforms.fetch import FetchSettings
from transforms.records import Source
from warehouse.lake import Lake, LakeError

# Source names become directory names and SQL values: keep them boring.
# "s3://...", "gcs://...", "memory://...": a filesystem URL rather than a local path.
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]+://")
# Secrets never live in a config file (it is copied, committed and its hash recorded):
# storage credentials come from the environment (AWS_SECRET_ACCESS_KEY, ...) or a Prefect
# block, which the filesystem libraries read themselves.
_SECRET_OPTION = re.compile(r"secret|password|passwd|token|credential|(^|_)key$", re.IGNORECASE)
SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
DEFAULT_TIMEZONE = "UTC"
# Files zoneinfo may find in the system's zone folder that name this machine's own setting,
# not an IANA zone: the warehouse's time zone library does not know them.
_NOT_IANA_ZONES = frozenset({"localtime", "posixrules"})
_FETCH_FLOATS = (
    "connect_timeout",
    "read_timeout",
    "total_timeout",
    "per_host_delay",
    "max_crawl_delay",
    "retry_base_delay",
    "max_retry_delay",
)
_FETCH_INTS = ("max_body_bytes", "max_redirects", "max_attempts")
# Read into Settings rather than FetchSettings: they shape the run, not one request.
_RUN_FETCH_KEYS = ("max_in_flight", "per_host_concurrency")
_SOURCE_KEYS = frozenset(
    {
        "name",
        "feeds",
        "sitemaps",
        "urls",
        "timezone",
        "home_url",
        "language",
        "min_delay",
        "max_concurrent",
        "retention_days",
    }
)


class ConfigError(ValueError):
    """Raised for a config file that cannot drive a run; the message says what to fix."""


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything a run needs to know, fixed for the whole run."""

    sources: tuple[Source, ...]
    lake: Lake
    """The Parquet lake: a local folder or a filesystem URL (``s3://bucket/lake``)."""
    warehouse_path: Path
    captures_dir: Path
    fetch: FetchSettings
    batch_size: int = 100
    """Article URLs per fetch-and-extract task."""
    revisit_hours: float = 48.0
    """Known articles first seen within this many hours are fetched again to catch updates."""
    max_url_attempts: int = 3
    """Runs that may try a URL that keeps failing transiently before it is given up."""
    max_in_flight: int = 16
    """Requests in flight at once in one fetch task, all hosts together."""
    per_host_concurrency: int = 2
    """Requests at once on one host, unless its source says otherwise."""
    warc_max_bytes: int = 1_000_000_000
    """WARC files rotate when they reach this size."""
    min_free_bytes: int = 1_000_000_000
    """A run refuses to start when the storage has less free space than this."""
    config_sha256: str = ""
    config_path: Path | None = None
    """The config file the settings came from, when they came from one."""
    locks_dir: Path | None = None
    """Run locks and per-host request clocks; None: ``<warehouse>.locks`` beside the
    warehouse. Configs fetching the same hosts should name the same folder."""
    dask_scheduler: str | None = None
    """Address of a Dask scheduler (``tcp://host:8786``): fetch and extraction batches run
    on its cluster. None: they run here, extraction in a pool of local processes."""

    @property
    def coordination_dir(self) -> Path:
        """Return the folder of run locks and per-host clocks shared by concurrent runs."""
        if self.locks_dir is not None:
            return self.locks_dir
        return self.warehouse_path.with_name(self.warehouse_path.name + ".locks")

    @property
    def config_name(self) -> str:
        """Return a short name of the config for run names (its file's stem), or ""."""
        return self.config_path.stem if self.config_path is not None else ""

    def politeness_for(self, source: Source) -> tuple[float, int]:
        """Return (seconds between request starts, requests at once) for a source's hosts."""
        delay = source.min_delay if source.min_delay is not None else self.fetch.per_host_delay
        concurrency = source.max_concurrent or self.per_host_concurrency
        return delay, concurrency


def load_settings(path: Path, *, substitutions: dict[str, str] | None = None) -> Settings:
    """Return the settings a TOML config file describes; paths resolve against its folder.

    ``substitutions`` fills ``{name}`` placeholders in URLs (the demo's loopback ports).
    """
    try:
        raw_text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read config {path}: {error.strerror}") from error
    for name, value in (substitutions or {}).items():
        raw_text = raw_text.replace("{" + name + "}", value)
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error
    settings = settings_from_mapping(
        data,
        base_dir=path.resolve().parent,
        config_sha256=hashlib.sha256(raw_text.encode("utf-8")).hexdigest(),
        where=str(path),
    )
    return replace(settings, config_path=path.resolve())


def settings_from_mapping(
    data: dict[str, Any], *, base_dir: Path, config_sha256: str, where: str
) -> Settings:
    """Return validated settings from parsed TOML data."""
    storage = _table(data, "storage", where)
    run = _table(data, "run", where)
    fetch = _table(data, "fetch", where)
    raw_sources = data.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise ConfigError(f"{where}: at least one [[sources]] entry is required")
    sources = tuple(_source(entry, i, where) for i, entry in enumerate(raw_sources))
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"{where}: source names must be unique; repeated: {duplicates}")
    return Settings(
        sources=sources,
        lake=_lake(storage, base_dir, where),
        warehouse_path=_path(storage, "warehouse", base_dir, where),
        captures_dir=_path(storage, "captures", base_dir, where),
        fetch=_fetch_settings(fetch, where),
        batch_size=_positive_int(run, "batch_size", 100, where),
        revisit_hours=_number(run, "revisit_hours", 48.0, where),
        max_url_attempts=_positive_int(run, "max_url_attempts", 3, where),
        max_in_flight=_positive_int(fetch, "max_in_flight", 16, where),
        per_host_concurrency=_positive_int(fetch, "per_host_concurrency", 2, where),
        warc_max_bytes=_positive_int(storage, "warc_max_bytes", 1_000_000_000, where),
        min_free_bytes=int(_number(storage, "min_free_gb", 1.0, where) * 1e9),
        config_sha256=config_sha256,
        locks_dir=_path(storage, "locks", base_dir, where) if "locks" in storage else None,
        dask_scheduler=_dask_scheduler(run, where),
    )


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [{key}] must be a table")
    return value


def _path(storage: dict[str, Any], key: str, base_dir: Path, where: str) -> Path:
    value = storage.get(key)
    if not isinstance(value, str) or not value:
        raise ConfigError(f'{where}: [storage] {key} = "path" is required')
    path = Path(value)
    return path if path.is_absolute() else (base_dir / path).resolve()


def _lake(storage: dict[str, Any], base_dir: Path, where: str) -> Lake:
    value = storage.get("lake")
    options = storage.get("lake_options", {})
    if not isinstance(options, dict):
        raise ConfigError(f"{where}: [storage] lake_options must be a table")
    secrets = sorted(name for name in options if _SECRET_OPTION.search(str(name)))
    if secrets:
        raise ConfigError(
            f"{where}: [storage] lake_options {secrets} look like credentials: a config "
            "file holds no secrets; set them in the environment (e.g. AWS_ACCESS_KEY_ID, "
            "AWS_SECRET_ACCESS_KEY) or a Prefect block"
        )
    if isinstance(value, str) and _URL_SCHEME.match(value):
        location: str | Path = value
    else:
        location = _path(storage, "lake", base_dir, where)
    try:
        return Lake.at(location, options)
    except LakeError as error:
        raise ConfigError(f"{where}: [storage] lake: {error}") from error


def _dask_scheduler(run: dict[str, Any], where: str) -> str | None:
    value = run.get("dask_scheduler")
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"(tcp|tls|ucx|inproc)://\S+", value):
        raise ConfigError(
            f"{where}: [run] dask_scheduler must be a scheduler address such as "
            f"'tcp://10.0.0.5:8786', got {value!r}"
        )
    return value


def _positive_int(table: dict[str, Any], key: str, default: int, where: str) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: {key} must be a positive integer, got {value!r}")
    return value


def _number(table: dict[str, Any], key: str, default: float, where: str) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"{where}: {key} must be a number >= 0, got {value!r}")
    return float(value)


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _source(entry: Any, index: int, where: str) -> Source:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: sources[{index}] must be a table")
    name = entry.get("name")
    if not isinstance(name, str) or not SOURCE_NAME.match(name):
        raise ConfigError(
            f"{where}: sources[{index}].name must match {SOURCE_NAME.pattern} "
            f"(lower-case letters, digits, '-' and '_'), got {name!r}"
        )
    context = f"{where}: source {name!r}"
    feeds = _strings(entry, "feeds", context)
    sitemaps = _strings(entry, "sitemaps", context)
    urls = _strings(entry, "urls", context)
    source = Source(
        name=name,
        feeds=feeds,
        sitemaps=sitemaps,
        urls=urls,
        timezone=_timezone(entry, context),
        home_url=_home_url(entry, (*feeds, *sitemaps, *urls), context),
        language=_language(entry, context),
        min_delay=_number(entry, "min_delay", 0, context) if "min_delay" in entry else None,
        max_concurrent=(
            _positive_int(entry, "max_concurrent", 1, context)
            if "max_concurrent" in entry
            else None
        ),
        retention_days=(
            _positive_int(entry, "retention_days", 1, context)
            if "retention_days" in entry
            else None
        ),
    )
    for url in (*feeds, *sitemaps, *urls, source.home_url or ""):
        try:
            password = urlsplit(url).password
        except ValueError:
            continue  # no URL: its outcome row says invalid_url
        if password is not None:
            raise ConfigError(
                f"{context}: {urlsplit(url)._replace(netloc='...').geturl()} has a password "
                "in it: it would be stored with every outcome row and capture; a config "
                "file holds no secrets"
            )
    unknown = sorted(set(entry) - _SOURCE_KEYS)
    if unknown:
        raise ConfigError(f"{context}: unknown settings: {unknown}")
    if not (source.feeds or source.sitemaps or source.urls):
        raise ConfigError(f"{context}: give at least one of feeds, sitemaps or urls")
    return source


def _timezone(entry: dict[str, Any], context: str) -> str:
    value = entry.get("timezone", DEFAULT_TIMEZONE)
    problem = f"{context}: unknown time zone {value!r}: give an IANA name such as 'Europe/Berlin'"
    # ZoneInfo also loads files that are no zone of the IANA list (posix/..., right/...):
    # only listed names are known to the warehouse's time zone library too.
    if not isinstance(value, str) or value in _NOT_IANA_ZONES:
        raise ConfigError(problem)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise ConfigError(problem) from error
    if value not in _iana_zones():
        raise ConfigError(problem)
    return value


@cache
def _iana_zones() -> frozenset[str]:
    # Walks the zone folders: read once per process.
    return frozenset(available_timezones())


def _home_url(entry: dict[str, Any], listed: tuple[str, ...], context: str) -> str | None:
    value = entry.get("home_url")
    if value is None:
        # The outlet's site is where its first listing lives; a feed host of its own
        # (feeds.example.com) is better named in the config.
        for url in listed:
            listing = urlsplit(url)
            if listing.scheme in ("http", "https") and listing.netloc:
                return f"{listing.scheme}://{listing.netloc}/"
        return None
    home = urlsplit(value) if isinstance(value, str) else None
    if home is None or home.scheme not in ("http", "https") or not home.netloc:
        raise ConfigError(f"{context}: home_url must be an http(s) URL, got {value!r}")
    return str(value)


def _language(entry: dict[str, Any], context: str) -> str | None:
    value = entry.get("language")
    if value is None:
        return None
    if not isinstance(value, str) or not LANGUAGE_CODE.match(value):
        raise ConfigError(
            f"{context}: language must be a two-letter ISO 639-1 code such as 'de', got {value!r}"
        )
    return value


def _fetch_settings(table: dict[str, Any], where: str) -> FetchSettings:
    options: dict[str, Any] = {}
    for key in _FETCH_FLOATS:
        if key in table:
            value = table[key]
            if not isinstance(value, int | float) or value < 0:
                raise ConfigError(f"{where}: [fetch] {key} must be a number >= 0")
            options[key] = float(value)
    for key in _FETCH_INTS:
        if key in table:
            options[key] = _positive_int(table, key, 1, where)
    if "user_agent" in table:
        options["user_agent"] = str(table["user_agent"])
    if "obey_robots" in table:
        options["obey_robots"] = bool(table["obey_robots"])
    if "accepted_content_types" in table:
        options["accepted_content_types"] = _strings(table, "accepted_content_types", where)
    for key in ("connect_timeout", "read_timeout", "total_timeout"):
        if key in options and options[key] <= 0:
            raise ConfigError(f"{where}: [fetch] {key} must be more than 0 seconds")
    try:
        options["allowed_networks"] = parse_networks(_strings(table, "allowed_networks", where))
    except ValueError as error:
        raise ConfigError(f"{where}: [fetch] allowed_networks: {error}") from error
    options["resolve"] = _resolve(table.get("resolve", {}), where)
    known = {
        *_FETCH_FLOATS,
        *_FETCH_INTS,
        "user_agent",
        "obey_robots",
        "allowed_networks",
        "accepted_content_types",
    }
    unknown = sorted(set(table) - known - {"resolve", *_RUN_FETCH_KEYS})
    if unknown:
        raise ConfigError(f"{where}: unknown [fetch] settings: {unknown}")
    return FetchSettings(**options)


def _resolve(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: [fetch] resolve must be a table of "host" = "address:port"')
    pairs: list[tuple[str, str]] = []
    for host, address in value.items():
        if not isinstance(address, str) or not re.fullmatch(r"[\w.\-\[\]:]+:\d{1,5}", address):
            raise ConfigError(
                f"{where}: [fetch] resolve.{host} must be 'address:port', got {address!r}"
            )
        pairs.append((str(host).lower(), address))
    return tuple(pairs)
