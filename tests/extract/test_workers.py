"""Parallel extraction gives the same bytes as one process."""

from __future__ import annotations

import hashlib

from civicscope.collect import FetchPolicy, collect
from civicscope.extract import ExtractOptions, extract


def test_two_workers_write_identical_tables(root, tmp_path):
    collect(root / "corpus/demo/sources_tiny.tsv", tmp_path / "raw", FetchPolicy(), progress=False)
    digests = []
    for workers in (1, 2):
        out, rej = tmp_path / f"d{workers}.parquet", tmp_path / f"r{workers}.csv"
        extract(tmp_path / "raw", out, rej, ExtractOptions(), progress=False, workers=workers)
        digests.append((hashlib.sha256(out.read_bytes()).hexdigest(), hashlib.sha256(rej.read_bytes()).hexdigest()))
    assert digests[0] == digests[1]
