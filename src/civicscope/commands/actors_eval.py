"""``civicscope actors-eval``: score the actor matcher on gold sentences."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``actors-eval`` sub-command."""
    from civicscope.commands.actors import add_pipeline_options

    p = subparsers.add_parser("actors-eval", help="mention P/R/F1 and source-actor accuracy on gold sentences")
    p.add_argument("--gold", required=True, help="actors_gold.tsv (id, lang, text, actors, source_actor, target_actor)")
    p.add_argument("--output", required=True, help="output JSON with the scores and the disagreements")
    add_pipeline_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Annotate the gold sentences and compare."""
    import logging

    from civicscope.actors.annotate import annotate_sentences
    from civicscope.actors.evaluate import evaluate_actors
    from civicscope.commands.actors import load_models_and_gazetteer, read_sentences
    from civicscope.io import write_json

    gold = read_sentences(args.gold, ("id", "lang", "text", "actors", "source_actor", "target_actor"))
    models, gazetteer = load_models_and_gazetteer(args)
    predicted = annotate_sentences(gold[["id", "lang", "text"]], models, gazetteer)
    result = evaluate_actors(gold, predicted)
    write_json(result, args.output)
    overall = result["all"]
    logging.getLogger(__name__).info(
        "mention F1 %.3f (P %.3f, R %.3f); source-actor accuracy %.3f on %d sentences",
        overall["mentions"]["f1"], overall["mentions"]["precision"], overall["mentions"]["recall"],
        overall["source_actor_accuracy"], result["n_sentences"],
    )
    return 0
