#!/usr/bin/env python
"""Build the demo corpus: turn the source texts in ``corpus/demo/src`` into web pages and PDF reports.

Each source is a Markdown file with YAML front matter (title, date, lang, genre, publisher, site,
author, format, syndicated). HTML sources are rendered with the site template named by ``site``
(six templates with realistic page furniture that extraction must strip); ``syndicated`` sites get
a second copy of the same text, one or two days later, for near-duplicate detection. PDF sources
become reportlab reports. Three bad inputs (empty page, truncated PDF, image-only PDF) feed the
rejects table. ``sources.tsv`` lists every generated file; ``sources_tiny.tsv`` picks a few for the
end-to-end test.

Every output is byte-identical across runs: variants come from ``random.Random`` seeded with a
stable hash of the slug, and PDFs are written in reportlab's invariant mode with a fixed date.

Usage (from the repository root)::

    .venv/bin/python scripts/build_demo_corpus.py [--src DIR] [--out DIR] [--templates DIR]

The work is done by the ``demo_corpus`` package next to this script (one module per job); this file
is the command line, and re-exports the names the tests use.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

# Run as a file, Python puts scripts/ on sys.path; imported by file path (as the tests do) it does not.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from demo_corpus.build import build_all, write_corpus  # noqa: E402
from demo_corpus.outputs import TSV_COLUMNS, Output, tsv_bytes, write_bytes  # noqa: E402
from demo_corpus.sources import (  # noqa: E402
    GENRES, LANGS, SITES, Source, load_sources, parse_blocks, parse_source, plain_text,
)
from demo_corpus.tiny import CONFRONTATION_CUES, COOPERATION_CUES, cue_count, pick_tiny  # noqa: E402

__all__ = [
    "CONFRONTATION_CUES", "COOPERATION_CUES", "GENRES", "LANGS", "SITES", "TSV_COLUMNS", "Output", "Source",
    "build_all", "cue_count", "load_sources", "main", "parse_blocks", "parse_source", "pick_tiny",
    "plain_text", "tsv_bytes", "write_bytes", "write_corpus",
]

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build everything, write the two sources tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=REPO / "corpus/demo/src", help="source texts (<lang>/*.md)")
    parser.add_argument("--out", type=Path, default=REPO / "corpus/demo", help="output directory")
    parser.add_argument("--templates", type=Path, default=REPO / "corpus/demo/templates",
                        help="site templates and furniture.yaml")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s")
    write_corpus(args.src, args.out, args.templates)
    return 0


if __name__ == "__main__":
    sys.exit(main())
