"""prefect.yaml is documentation that runs: every entrypoint must import a flow whose
parameter schema is valid, draws a typed form, and accepts the deployment's parameters."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

import pytest
import yaml
from prefect import Flow
from prefect.utilities.callables import parameter_schema
from prefect.utilities.schema_tools.validation import is_valid_schema, validate

ROOT = Path(__file__).resolve().parent.parent


def _deployments() -> list[dict[str, Any]]:
    document = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    deployments = document["deployments"]
    assert isinstance(deployments, list)
    return deployments


def _flow(deployment: dict[str, Any]) -> Flow[..., Any]:
    module_path, function_name = deployment["entrypoint"].split(":")
    module_name = module_path.removesuffix(".py").replace("/", ".")
    flow = getattr(importlib.import_module(module_name), function_name)
    assert isinstance(flow, Flow), deployment["entrypoint"]
    return flow


def _schema(deployment: dict[str, Any]) -> dict[str, Any]:
    return parameter_schema(_flow(deployment)).model_dump_for_openapi()


@pytest.mark.parametrize("deployment", _deployments(), ids=lambda d: d["name"])
def test_every_entrypoint_imports_a_flow_with_a_valid_parameter_schema(
    deployment: dict[str, Any],
) -> None:
    flow = _flow(deployment)
    schema = _schema(deployment)
    is_valid_schema(schema)  # raises ValueError when the form could not be drawn
    parameters = deployment.get("parameters", {})
    assert set(parameters) <= set(inspect.signature(flow.fn).parameters), deployment["name"]
    # The deployment's values pass the checks the API runs before it creates a flow run.
    assert validate(parameters, schema, ignore_required=True) == []
    if "config_path" in parameters:
        assert (ROOT / parameters["config_path"]).is_file(), parameters["config_path"]
    assert deployment["work_pool"] == {"name": "mediawatch"}


def test_the_backfill_form_has_dates_choices_and_lists() -> None:
    backfill = next(d for d in _deployments() if d["name"] == "backfill")
    properties = _schema(backfill)["properties"]
    assert properties["start"]["format"] == properties["end"]["format"] == "date"
    assert properties["mode"]["enum"] == ["reextract", "refetch", "import-warc"]
    assert properties["dry_run"]["type"] == "boolean"
    assert properties["sources"]["anyOf"][0] == {"items": {"type": "string"}, "type": "array"}
    assert all(properties[name].get("description") for name in properties)
    required = _schema(backfill)["required"]
    assert required == ["start", "end"]
    # What the UI sends: dates as ISO strings. A wrong choice is refused by name.
    good = {"start": "2026-01-01", "end": "2026-01-31", "mode": "refetch", "sources": ["a"]}
    assert validate(good, _schema(backfill)) == []
    (error,) = validate({**good, "mode": "rewrite"}, _schema(backfill))
    assert "'rewrite' is not one of ['reextract', 'refetch', 'import-warc']" in error.message


def test_nightly_runs_at_two_utc_and_discovery_hourly() -> None:
    by_name = {d["name"]: d for d in _deployments()}
    assert by_name["nightly"]["schedules"] == [
        {"cron": "0 2 * * *", "timezone": "UTC", "active": True}
    ]
    assert by_name["discovery"]["schedules"] == [
        {"cron": "30 * * * *", "timezone": "UTC", "active": True}
    ]
    # A run that outlasts its interval is not started a second time beside itself.
    assert by_name["nightly"]["concurrency_limit"] == by_name["discovery"]["concurrency_limit"] == 1
    assert "schedules" not in by_name["backfill"]
