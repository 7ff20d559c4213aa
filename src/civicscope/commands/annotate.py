"""``civicscope annotate export|import``: active-learning round-trip with Label Studio and doccano."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``annotate`` sub-command and its actions."""
    p = subparsers.add_parser("annotate", help="export sentences to label next / import labelled files")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    e = actions.add_parser("export", help="write the most uncertain sentences as Label Studio JSON and doccano JSONL")
    e.add_argument("--input", required=True, help="statements.parquet/.csv or a TSV with id, lang, text")
    e.add_argument("--model-dir", default="models/stance", help="trained classifier (default: models/stance)")
    e.add_argument("--exclude", nargs="*", default=[], help="annotation TSVs whose sentences are already labelled")
    e.add_argument("-n", "--n", type=int, default=100, help="how many sentences to export (default 100)")
    e.add_argument("--label-studio", required=True, help="output Label Studio JSON (a labelling config is written beside it)")
    e.add_argument("--doccano", required=True, help="output doccano JSONL")
    e.set_defaults(func=run_export)
    i = actions.add_parser("import", help="read a Label Studio JSON or doccano JSONL export into the annotations format")
    i.add_argument("--input", required=True, help="export file (.json = Label Studio, .jsonl = doccano)")
    i.add_argument("--output", required=True, help="annotations TSV (labelled rows)")
    i.add_argument("--unlabelled", help="where rows still without a label go (default: OUTPUT with .unlabelled.tsv)")
    i.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    """Rank by uncertainty and write both formats."""
    import json
    import logging
    from pathlib import Path

    import pandas as pd

    from civicscope.cli import UserError
    from civicscope.commands.actors import read_sentences
    from civicscope.commands.stance import CARD_FILE, MODEL_FILE
    from civicscope.io import write_json, write_text
    from civicscope.nlp.text import fold
    from civicscope.stance.annotation_io import LABEL_STUDIO_CONFIG, rank_uncertain, to_doccano, to_label_studio
    from civicscope.stance.model import load_model, predict_proba_frame

    src = Path(args.input)
    if src.suffix == ".parquet":
        table = pd.read_parquet(src, columns=["sent_id", "lang", "text"]).rename(columns={"sent_id": "id"})
    elif src.suffix == ".csv":
        table = pd.read_csv(src, dtype=str, keep_default_na=False, encoding="utf-8-sig").rename(columns={"sent_id": "id"})
    else:
        table = read_sentences(str(src))
    done = set()
    for path in args.exclude:
        done |= set(read_sentences(path)["text"].map(fold))
    table = table[~table["text"].map(fold).isin(done)].drop_duplicates("text").reset_index(drop=True)
    model_path = Path(args.model_dir) / MODEL_FILE
    if not model_path.is_file():
        raise UserError(f"no trained model in {args.model_dir}; run `snakemake --cores 2 models/stance/model.joblib` first")
    proba = predict_proba_frame(load_model(model_path), table)
    ranked = rank_uncertain(table[["id", "lang", "text"]], proba).head(args.n)
    card = json.loads((Path(args.model_dir) / CARD_FILE).read_text()) if (Path(args.model_dir) / CARD_FILE).is_file() else {}
    version = card.get("training_data", {}).get("sha256", "unknown")[:12]
    write_json(to_label_studio(ranked, f"civicscope-stance-{version}"), args.label_studio)
    write_text(LABEL_STUDIO_CONFIG, str(Path(args.label_studio).with_suffix("")) + ".labelling_config.xml")
    write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_doccano(ranked)), args.doccano)
    logging.getLogger(__name__).info("exported %d sentences (most uncertain first)", len(ranked))
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Convert an export back; labelled and unlabelled rows go to separate files so nothing is lost."""
    import logging
    from pathlib import Path

    from civicscope.cli import UserError
    from civicscope.io import write_tsv
    from civicscope.stance.annotation_io import AnnotationFormatError, read_doccano, read_label_studio

    reader = read_doccano if args.input.endswith(".jsonl") else read_label_studio
    try:
        rows = reader(args.input)
    except AnnotationFormatError as exc:
        raise UserError(str(exc)) from exc
    except FileNotFoundError as exc:
        raise UserError(f"{args.input} not found") from exc
    labelled, unlabelled = rows[rows["stance"] != ""], rows[rows["stance"] == ""]
    write_tsv(labelled, args.output, sort_by=["id"])
    rest = args.unlabelled or str(Path(args.output).with_suffix("")) + ".unlabelled.tsv"
    if len(unlabelled):
        write_tsv(unlabelled, rest, sort_by=["id"])
    logging.getLogger(__name__).info("%d labelled rows -> %s; %d without a label -> %s", len(labelled), args.output,
                                     len(unlabelled), rest if len(unlabelled) else "(none)")
    return 0
