"""The nightly ingest's steps as plain functions over batches; flows/nightly.py wraps them.

Each step takes and returns small descriptors (URLs, paths, capture references, outcome
records), never megabytes of HTML, so that tasks stay cheap to hand between workers.
"""
