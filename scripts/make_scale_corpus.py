#!/usr/bin/env python
"""Write a SYNTHETIC corpus of N documents for benchmarking the workflow (never for research).

Demo sentences (``corpus/demo/src``) are recombined into N new web pages with dates over 2010–2025,
~60 % French / 40 % English, and the demo's publishers, genres and actor mentions. Beside the pages,
``DIR/sources.tsv`` lists them (kind ``file``) and ``DIR/config.yaml`` is ``config/config.yaml``
pointed at them (topics backend ``tfidf-svd``, shards scaled with N, fewer bootstrap resamples).
Output depends only on N and the seed; document k is the same in every corpus that has it.

Usage (from the repository root)::

    .venv/bin/python scripts/make_scale_corpus.py --n 1000 --out .tmp/scale-1k [--seed 42]
    .venv/bin/snakemake --directory .tmp/scale-1k --configfile .tmp/scale-1k/config.yaml --cores 2
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from civicscope.bench.corpus import load_demo_texts, write_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse the options and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of documents")
    parser.add_argument("--out", type=Path, required=True, help="output folder (created; existing pages are overwritten)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--src", type=Path, default=REPO / "corpus" / "demo" / "src", help="demo source texts")
    parser.add_argument("--config", type=Path, default=REPO / "config" / "config.yaml", help="config to derive from")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.n < 1:
        parser.error("--n must be at least 1")
    base = yaml.safe_load(args.config.read_text(encoding="utf-8"))
    summary = write_corpus(load_demo_texts(args.src), args.n, args.out, base, REPO, seed=args.seed)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
