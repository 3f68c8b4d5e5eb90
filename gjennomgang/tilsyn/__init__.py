"""Tilsyn: draw a reproducible sample of many documents, check it in parallel and report
completeness per requirement and per stratum with Wilson 95 % intervals.

walk.py (find + fingerprint, zip files too) → sampling.py (reproducible, stratified draw) →
pool.py/worker.py (parallel checking with a hard time limit per file) → stats.py → report.py;
run.py is the command line (`gjennomgang tilsyn`).
"""
