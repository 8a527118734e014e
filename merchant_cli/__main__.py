"""`python -m merchant_cli` runs the same entry point as the console script."""

from __future__ import annotations

from merchant_cli.cli import run

run()
