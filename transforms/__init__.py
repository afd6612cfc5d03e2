"""The pipeline's steps as plain, typed functions: discover, fetch, extract, normalise.

Nothing here imports Prefect; flows/ wraps these functions in tasks.
"""
