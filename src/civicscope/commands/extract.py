"""``civicscope extract``: turn a raw directory into the documents table."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``extract`` sub-command."""
    p = subparsers.add_parser(
        "extract",
        help="extract text, metadata, language and duplicates from raw snapshots into documents.parquet",
        description=(
            "Read DIR/manifest.tsv and every ok snapshot: HTML through trafilatura (charset checked on the "
            "bytes, comments excluded, tables kept), PDF through pypdf (capped), text files as they are. "
            "Detects the language, marks exact and near duplicates in dup_of, and lists every document "
            "left out (collect or extract stage) with a reason code in the rejects CSV."
        ),
    )
    p.add_argument("--raw-dir", required=True, metavar="DIR", help="raw directory written by `civicscope collect`")
    p.add_argument("--output", required=True, metavar="FILE.parquet", help="documents table to write")
    p.add_argument("--rejects", default=None, metavar="FILE.csv",
                   help="CSV of left-out items: doc_id, source_id, url, stage, reason, detail")
    p.add_argument("--include-comments", action="store_true",
                   help="keep reader comments in the text (off: comments are other speakers than the publisher)")
    p.add_argument("--no-tables", action="store_true", help="drop table cells from the text (kept by default)")
    p.add_argument("--precision", action="store_true", help="trafilatura favor_precision: less boilerplate, less text")
    p.add_argument("--recall", action="store_true", help="trafilatura favor_recall: more text, more boilerplate")
    p.add_argument("--full-metadata", action="store_true",
                   help="trafilatura's complete metadata search (authors in bylines too), about 1.4x slower")
    p.add_argument("--min-words", type=int, default=10, metavar="N",
                   help="texts with fewer words are rejected as empty_text (default 10)")
    p.add_argument("--near-duplicates", type=float, default=0.8, metavar="J",
                   help="Jaccard similarity of 5-word shingles marking near duplicates; 0 = exact only (default 0.8)")
    p.add_argument("--max-pdf-pages", type=int, default=300, metavar="N", help="pages read per PDF (default 300)")
    p.add_argument("--max-pdf-bytes", type=int, default=50 * 1024 * 1024, metavar="N",
                   help="larger PDFs are rejected as pdf_too_large (default 50 MiB)")
    p.add_argument("--shard", type=int, default=None, metavar="N",
                   help="only the documents of shard N (manifest column `shard`), without duplicate marking: "
                        "`civicscope dedup` marks duplicates across the shard tables")
    p.add_argument("--threads", type=int, default=1, metavar="N",
                   help="processes extracting pages in parallel (default 1; the output does not depend on it)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Extract and log the summary; exit 0 when the run completed, even with rejects."""
    import logging

    from civicscope.cli import UserError
    from civicscope.extract import ExtractOptions, HtmlOptions, PdfOptions, extract

    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        # every failure already becomes a rejects row with a reason; the libraries' own
        # per-page complaints would only bury the summary (shown again with --verbose)
        for name in ("trafilatura", "htmldate", "courlan", "pypdf", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.CRITICAL)

    if args.precision and args.recall:
        raise UserError("--precision and --recall are opposites; pass at most one")
    if not 0 <= args.near_duplicates <= 1:
        raise UserError(f"--near-duplicates must be between 0 and 1 (got {args.near_duplicates})")
    options = ExtractOptions(
        html=HtmlOptions(
            include_comments=args.include_comments,
            include_tables=not args.no_tables,
            favor_precision=args.precision,
            favor_recall=args.recall,
            full_metadata=args.full_metadata,
        ),
        pdf=PdfOptions(max_pages=args.max_pdf_pages, max_bytes=args.max_pdf_bytes),
        min_words=args.min_words,
        near_duplicate_threshold=args.near_duplicates or None,
    )
    if args.shard is not None and args.shard < 0:
        raise UserError(f"--shard must be ≥ 0 (got {args.shard}); shards are numbered from 0")
    extract(args.raw_dir, args.output, args.rejects, options, progress=not args.no_progress, workers=args.threads,
            shard=args.shard)
    return 0
