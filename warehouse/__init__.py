"""Storage: the Parquet lake and the DuckDB warehouse (schemas, writes, loads, SQL).

Plain typed functions, no Prefect; flows/ calls them.
"""
