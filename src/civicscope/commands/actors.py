"""``civicscope actors``: add actor ids, types and a source/target guess to a table of sentences."""

from __future__ import annotations

import argparse


def add_pipeline_options(p: argparse.ArgumentParser) -> None:
    """Options shared by every command that runs the actor matcher."""
    p.add_argument("--actors", default="config/actors.yaml", help="actor gazetteer (default: config/actors.yaml)")
    p.add_argument("--model", action="append", default=[], metavar="LANG=PIPELINE",
                   help="spaCy pipeline per language, repeatable (default: fr=fr_core_news_sm, en=blank)")


def load_models_and_gazetteer(args: argparse.Namespace):
    """Resolve --model and --actors into (models, gazetteer), with messages that say what to fix."""
    from pathlib import Path

    from civicscope.cli import UserError
    from civicscope.commands.nlp import parse_models
    from civicscope.nlp.gazetteer import load_gazetteer

    if not Path(args.actors).is_file():
        raise UserError(f"actor gazetteer {args.actors!r} not found; pass --actors PATH/TO/actors.yaml")
    models = parse_models(args.model) or {"fr": "fr_core_news_sm", "en": "blank"}
    return models, load_gazetteer(args.actors)


def read_sentences(path: str, required: tuple[str, ...] = ("id", "lang", "text")):
    """Read a TSV of sentences, checking the required columns."""
    from civicscope.cli import UserError
    from civicscope.io import read_tsv

    try:
        table = read_tsv(path)
    except FileNotFoundError as exc:
        raise UserError(f"input file {path!r} not found") from exc
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise UserError(f"{path}: missing column(s) {', '.join(missing)}; the file needs tab-separated columns {', '.join(required)}")
    return table


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``actors`` sub-command."""
    p = subparsers.add_parser("actors", help="find actors in sentences (TSV with id, lang, text)")
    p.add_argument("--input", required=True, help="TSV with columns id, lang, text")
    p.add_argument("--output", required=True, help="TSV: the input plus actors, actor_types, source_actor, target_actor")
    add_pipeline_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Annotate the sentences and write the output TSV."""
    from civicscope.actors.annotate import annotate_sentences
    from civicscope.io import write_tsv

    table = read_sentences(args.input)
    models, gazetteer = load_models_and_gazetteer(args)
    write_tsv(annotate_sentences(table, models, gazetteer), args.output)
    return 0
