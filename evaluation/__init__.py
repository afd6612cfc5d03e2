"""Scoring the pipeline's extraction on the shared evaluation corpus, beside plain trafilatura."""
