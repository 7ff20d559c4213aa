"""``civicscope nlp``: sentences, lemmas and actor mentions for one shard of documents."""

from __future__ import annotations

import argparse


def parse_models(pairs: list[str]) -> dict[str, str]:
    """Turn ["fr=fr_core_news_sm", "en=blank"] into {"fr": "fr_core_news_sm", "en": "blank"}."""
    from civicscope.cli import UserError

    models = {}
    for pair in pairs:
        lang, sep, name = pair.partition("=")
        if not sep or not lang or not name:
            raise UserError(f"--model expects LANG=PIPELINE (e.g. fr=fr_core_news_sm or en=blank), got {pair!r}")
        models[lang] = name
    return models


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``nlp`` sub-command."""
    p = subparsers.add_parser("nlp", help="split sentences, lemmatise and find actor mentions (one shard)")
    p.add_argument("--documents", required=True, help="documents.parquet from the extract stage")
    p.add_argument("--actors", required=True, help="actor gazetteer (actors.yaml)")
    p.add_argument("--shard", type=int, default=0, help="with --n-shards: only this hash shard, from 0 (default 0)")
    p.add_argument("--n-shards", type=int, default=1, help="split the documents table by int(doc_id, 16) %% N (default 1: the whole table)")
    p.add_argument("--model", action="append", default=[], metavar="LANG=PIPELINE",
                   help="spaCy pipeline per language, repeatable; 'blank' = tokenizer + sentencizer")
    p.add_argument("--batch-size", type=int, default=32, help="documents per spaCy batch")
    p.add_argument("--threads", type=int, default=1, help="spaCy worker processes (n_process)")
    p.add_argument("--keep-duplicates", action="store_true", help="also analyse documents marked as duplicates")
    p.add_argument("--sentences", required=True, help="output Parquet of sentences")
    p.add_argument("--mentions", required=True, help="output Parquet of mentions")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the NLP stage on one shard."""
    from civicscope.nlp.stage import run_shard

    models = parse_models(args.model) or {"fr": "fr_core_news_sm", "en": "blank"}
    run_shard(
        args.documents, args.shard, args.n_shards, args.actors, models, args.sentences, args.mentions,
        batch_size=args.batch_size, n_process=args.threads, drop_duplicates=not args.keep_duplicates,
    )
    return 0
