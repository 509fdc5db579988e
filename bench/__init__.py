"""Benchmarks for caseapp: `python -m bench` runs them all, `python -m bench --quick` a subset."""
