"""Orchestration: Prefect flows and thin tasks over transforms/ and warehouse/, and the CLI."""
