"""Scoring many merchants: reading rows from files, handing chunks to worker processes,
writing results in input order, and the progress bar (`commands/batch.py` wires them)."""
