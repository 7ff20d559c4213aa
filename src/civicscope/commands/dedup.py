"""``civicscope dedup``: join per-shard document tables and mark duplicates across the corpus."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``dedup`` sub-command."""
    p = subparsers.add_parser(
        "dedup",
        help="join the per-shard documents tables into documents.parquet and mark duplicates across shards",
        description=(
            "Concatenate the documents tables written by `civicscope extract --shard N`, mark exact duplicates "
            "(same normalised text) and near duplicates (Jaccard similarity of 5-word shingles) in dup_of — the "
            "earliest dated copy is kept as the original — and join the shard rejects into one table with a "
            "row per duplicate."
        ),
    )
    p.add_argument("--documents", nargs="*", default=[], metavar="FILE.parquet",
                   help="per-shard documents tables")
    p.add_argument("--shard-rejects", nargs="*", default=[], metavar="FILE.csv", help="per-shard rejects tables")
    p.add_argument("--output", required=True, metavar="FILE.parquet", help="corpus documents table to write")
    p.add_argument("--rejects", default=None, metavar="FILE.csv", help="corpus rejects table to write")
    p.add_argument("--near-duplicates", type=float, default=0.8, metavar="J",
                   help="Jaccard similarity of 5-word shingles marking near duplicates; 0 = exact only (default 0.8)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Merge the shards and log how many duplicates were found."""
    from civicscope.cli import UserError
    from civicscope.extract.merge import merge_shards

    if not 0 <= args.near_duplicates <= 1:
        raise UserError(f"--near-duplicates must be between 0 and 1 (got {args.near_duplicates})")
    merge_shards(args.documents, args.shard_rejects, args.output, args.rejects, args.near_duplicates or None)
    return 0
