"""Benchmarks with goals (`make bench`); timings live here, never in tests."""
