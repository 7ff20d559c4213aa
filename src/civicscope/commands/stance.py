"""``civicscope stance train|apply|aggregate``: the stance stage of the workflow."""

from __future__ import annotations

import argparse

MODEL_FILE = "model.joblib"
CARD_FILE = "model_card.json"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``stance`` sub-command and its actions."""
    p = subparsers.add_parser("stance", help="train, apply and aggregate the stance methods")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    t = actions.add_parser("train", help="fit the classifier, evaluate both methods, write the model card")
    t.add_argument("--train", required=True, help="training annotations TSV (id, lang, text, stance, …)")
    t.add_argument("--test", required=True, help="held-out annotations TSV")
    t.add_argument("--lexicon", required=True, help="stance_lexicon.yaml")
    t.add_argument("--model-dir", required=True, help="output folder for the model and its card")
    t.add_argument("--metrics", required=True, help="output JSON with the evaluation")
    t.add_argument("--errors", required=True, help="output CSV of the most confident errors")
    t.add_argument("--seed", type=int, default=42)
    t.add_argument("--cv-folds", type=int, default=5)
    t.add_argument("--n-bootstrap", type=int, default=1000)
    t.set_defaults(func=run_train)

    a = actions.add_parser("apply", help="build the statements table from NLP shards")
    a.add_argument("--sentences", nargs="+", required=True, help="sentence shards (Parquet)")
    a.add_argument("--mentions", nargs="+", required=True, help="mention shards (Parquet), same order")
    a.add_argument("--documents", required=True, help="documents.parquet (dates)")
    a.add_argument("--actors", required=True, help="actors.yaml")
    a.add_argument("--lexicon", required=True, help="stance_lexicon.yaml")
    a.add_argument("--model-dir", required=True, help="folder of the trained classifier")
    a.add_argument("--method", choices=["auto", "lexicon", "model"], default="auto")
    a.add_argument("--output", required=True, help="statements.parquet")
    a.add_argument("--csv", help="also write the statements as CSV for spreadsheets")
    a.add_argument("--keep-duplicates", action="store_true",
                   help="also take statements from documents marked as duplicates (dup_of set)")
    a.set_defaults(func=run_apply)

    g = actions.add_parser("aggregate", help="stance index per actor / actor type and period, with bootstrap CIs")
    g.add_argument("--statements", required=True)
    g.add_argument("--actors", required=True, help="actors.yaml")
    g.add_argument("--period", choices=["year", "quarter"], default="year")
    g.add_argument("--n-bootstrap", type=int, default=1000)
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--by-actor", required=True, help="output CSV per actor and period")
    g.add_argument("--by-type", required=True, help="output CSV per actor type and period")
    g.add_argument("--network", required=True, help="output GEXF of source → target stance edges")
    g.set_defaults(func=run_aggregate)

    d = actions.add_parser("doc-classes", help="dominant stance and main actor type per document (for topics by class)")
    d.add_argument("--statements", required=True)
    d.add_argument("--actors", required=True, help="actors.yaml")
    d.add_argument("--output", required=True, help="output CSV keyed by doc_id")
    d.set_defaults(func=run_doc_classes)


def read_annotations(path: str):
    """Read an annotation TSV and check its columns and labels."""
    from civicscope.cli import UserError
    from civicscope.commands.actors import read_sentences
    from civicscope.stance import LABELS

    table = read_sentences(path, ("id", "lang", "text", "stance"))
    bad = table[~table["stance"].isin(LABELS)]
    if len(bad):
        raise UserError(f"{path}: {len(bad)} rows have a stance outside {LABELS} (first: id {bad['id'].iloc[0]!r}); fix the label")
    return table


def run_train(args: argparse.Namespace) -> int:
    """Fit and evaluate; write model, card, metrics and errors."""
    from pathlib import Path

    from civicscope.io import write_csv, write_json
    from civicscope.stance.card import model_card
    from civicscope.stance.evaluate import train_and_evaluate
    from civicscope.stance.lexicon import Lexicon
    from civicscope.stance.model import save_model

    train, test = read_annotations(args.train), read_annotations(args.test)
    lexicon = Lexicon.load(args.lexicon)
    model, report, errors = train_and_evaluate(train, test, lexicon, args.seed, args.cv_folds, args.n_bootstrap)
    out = Path(args.model_dir)
    save_model(model, out / MODEL_FILE)
    write_json(model_card(args.train, args.test, args.lexicon, report, args.seed), out / CARD_FILE)
    write_json(report, args.metrics)
    write_csv(errors, args.errors)
    return 0


def load_predictor(model_dir: str, lexicon_path: str, method: str):
    """Return (predictor, method actually used); ``auto`` follows the model card's chosen method."""
    import json
    from pathlib import Path

    from civicscope.cli import UserError
    from civicscope.stance.evaluate import lexicon_predict
    from civicscope.stance.lexicon import Lexicon
    from civicscope.stance.model import load_model, predict

    lexicon = Lexicon.load(lexicon_path)
    card_path = Path(model_dir) / CARD_FILE
    if method == "auto":
        method = json.loads(card_path.read_text())["chosen_method"] if card_path.is_file() else "lexicon"
    if method == "lexicon":
        return (lambda X: lexicon_predict(lexicon, X)), method
    model_path = Path(model_dir) / MODEL_FILE
    if not model_path.is_file():
        raise UserError(
            f"no trained stance model in {model_dir}. Train it with `snakemake --cores 2 models/stance/model.joblib` "
            f"or `civicscope stance train --train … --test … --lexicon … --model-dir {model_dir} …`, or use --method lexicon"
        )
    model = load_model(model_path)

    def predictor(X):
        labels, score, _ = predict(model, X)
        return labels, score

    return predictor, method


def run_apply(args: argparse.Namespace) -> int:
    """Write the statements table."""
    from civicscope.cli import UserError
    from civicscope.io import write_csv, write_parquet
    from civicscope.nlp.gazetteer import load_gazetteer
    from civicscope.stance.statements import build_statements

    if len(args.sentences) != len(args.mentions):
        raise UserError("--sentences and --mentions need the same number of shard files, in the same order")
    predictor, method = load_predictor(args.model_dir, args.lexicon, args.method)
    statements = build_statements(args.sentences, args.mentions, args.documents, load_gazetteer(args.actors), predictor, method,
                                  keep_duplicates=args.keep_duplicates)
    write_parquet(statements, args.output, sort_by=["sent_id"])
    if args.csv:
        write_csv(statements, args.csv, sort_by=["sent_id"])
    return 0


def run_aggregate(args: argparse.Namespace) -> int:
    """Write the two aggregates and the stance network."""
    import pandas as pd

    from civicscope.io import write_csv
    from civicscope.nlp.gazetteer import load_gazetteer
    from civicscope.stance.aggregate import by_actor_and_type
    from civicscope.networks import stance_network, write_graph

    gazetteer = load_gazetteer(args.actors)
    statements = pd.read_parquet(args.statements)
    types = {a.id: a.type for a in gazetteer.actors.values()}
    by_actor, by_type = by_actor_and_type(statements, types, args.period, args.n_bootstrap, args.seed)
    write_csv(by_actor, args.by_actor, sort_by=["actor", "period"])
    write_csv(by_type, args.by_type, sort_by=["actor_type", "period"])
    write_graph(stance_network(statements, gazetteer), args.network)
    return 0


def run_doc_classes(args: argparse.Namespace) -> int:
    """Write the per-document class table."""
    import pandas as pd

    from civicscope.io import write_csv
    from civicscope.nlp.gazetteer import load_gazetteer
    from civicscope.stance.aggregate import doc_classes

    statements = pd.read_parquet(args.statements, columns=["doc_id", "stance", "source_actor"])
    types = {a.id: a.type for a in load_gazetteer(args.actors).actors.values()}
    write_csv(doc_classes(statements, types), args.output, sort_by=["doc_id"])
    return 0
