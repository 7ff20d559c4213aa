"""``civicscope classify``: stance (and actors) of arbitrary sentences with the trained model."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``classify`` sub-command."""
    from civicscope.commands.actors import add_pipeline_options

    p = subparsers.add_parser("classify", help="stance of sentences in a TSV (id, lang, text)")
    p.add_argument("--input", required=True, help="TSV with columns id, lang, text")
    p.add_argument("--output", required=True, help="TSV: id, actors, source_actor, target_actor, stance, score")
    p.add_argument("--model-dir", default="models/stance", help="trained classifier folder (default: models/stance)")
    p.add_argument("--lexicon", default="config/stance_lexicon.yaml", help="stance lexicon (default: config/stance_lexicon.yaml)")
    p.add_argument("--method", choices=["auto", "lexicon", "model"], default="model",
                   help="model (default), lexicon, or auto (the better one on the held-out test)")
    p.add_argument("--no-actors", action="store_true", help="skip actor detection (faster: stance only)")
    add_pipeline_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Classify every row; rows without a platform-side actor get the stance of the sentence as a whole."""
    import pandas as pd

    from civicscope.actors.annotate import annotate_sentences
    from civicscope.commands.actors import load_models_and_gazetteer, read_sentences
    from civicscope.commands.stance import load_predictor
    from civicscope.io import write_tsv

    table = read_sentences(args.input)
    predictor, _ = load_predictor(args.model_dir, args.lexicon, args.method)
    if args.no_actors:
        out = table.assign(actors="", source_actor="", target_actor="")
    else:
        models, gazetteer = load_models_and_gazetteer(args)
        out = annotate_sentences(table, models, gazetteer)
    labels, score = predictor(out[["text", "lang"]])
    out["stance"] = labels
    out["score"] = pd.Series(score, index=out.index).round(4)
    write_tsv(out[["id", "actors", "source_actor", "target_actor", "stance", "score"]], args.output)
    return 0
