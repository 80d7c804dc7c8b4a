"""Benchmarks of heygen-async, each side by side with its baseline, reported as ratios.

Run them all with ``python -m benchmarks`` (or ``python benchmarks/run.py``) from
the repository root; ``--quick`` runs every benchmark at a small N in under a
minute. The full run writes ``benchmarks/RESULTS.md``. Nothing here touches the
network except 127.0.0.1, and nothing asserts a timing.
"""
