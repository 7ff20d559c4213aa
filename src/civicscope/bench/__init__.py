"""Benchmarks of the workflow's stages (quality and speed)."""
