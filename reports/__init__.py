"""The coverage report: one self-contained HTML page of what the warehouse holds, with charts
(plotly, its JavaScript inlined) beside tables of the exact numbers.

`reports.write.write_report` is the entry point for the CLI (`mediawatch report`) and for
flows; the page reads the warehouse read-only through `warehouse.api`, never taking the
loader's lock. `reports.defaults` names where reports go, importable without pandas or
plotly.
"""
