"""prefect.yaml is documentation that runs: every entrypoint must import and fit its flow."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _deployments() -> list[dict[str, Any]]:
    document = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    deployments = document["deployments"]
    assert isinstance(deployments, list)
    return deployments


def test_every_entrypoint_imports_a_flow_that_takes_its_parameters() -> None:
    for deployment in _deployments():
        module_path, function_name = deployment["entrypoint"].split(":")
        module_name = module_path.removesuffix(".py").replace("/", ".")
        flow = getattr(importlib.import_module(module_name), function_name)
        accepted = inspect.signature(flow.fn).parameters
        assert set(deployment.get("parameters", {})) <= set(accepted), deployment["name"]
        for name in deployment.get("parameters", {}):
            value = deployment["parameters"][name]
            if name == "config_path":
                assert (ROOT / value).is_file(), f"{deployment['name']}: {value} missing"


def test_nightly_runs_at_two_utc() -> None:
    nightly = next(d for d in _deployments() if d["name"] == "nightly")
    assert nightly["schedules"] == [{"cron": "0 2 * * *", "timezone": "UTC", "active": True}]
