"""Benchmarks of cml-ergonomic against raw httpx, the generated client and py-cml.

``python -m bench.run`` runs them all and writes ``bench/results.md``; see
``bench/README.md``. Nothing here asserts on time: the scripts report
medians, spreads and ratios measured in the same run.
"""
