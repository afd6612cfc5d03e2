"""Benchmarks: a simulated web on loopback and the fetch benchmark that runs against it.

Never part of the test suite: run them by hand (``python -m bench.fetch_bench``).
"""
