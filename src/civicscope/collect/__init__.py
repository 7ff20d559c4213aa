"""Collect stage: sources.tsv → frozen raw snapshots, manifest and WARC."""

from civicscope.collect.policy import FetchPolicy
from civicscope.collect.runner import CollectSummary, collect

__all__ = ["CollectSummary", "FetchPolicy", "collect"]
