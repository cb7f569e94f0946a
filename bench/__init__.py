"""Measurements of article-ingest, run as modules from the project root, e.g.

    .venv/bin/python -m bench.quality.quality --only '*spiegel*'   # extraction quality against peers
    .venv/bin/python -m bench.perf.run_all --quick                 # speed, memory, cold start, cost
    .venv/bin/python -m bench.load.loadtest --posts 50             # S3 -> queue -> handler under faults

quality/ scores output, perf/ times it, load/ stresses it; common.py is what they share (where the
corpus is, the scorer, the handlers' environment, statistics).
"""
