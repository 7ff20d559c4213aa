"""``civicscope topics``: fit BERTopic on cached embeddings, score it against LDA/NMF, write tables and model."""

from __future__ import annotations

import argparse


def _optional_int(value: str) -> int | None:
    """Parse an integer, where ``none``/``null``/``auto``/``0``/empty mean "not set"."""
    if value.strip().lower() in {"", "none", "null", "auto", "0"}:
        return None
    return int(value)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``topics`` sub-command."""
    p = subparsers.add_parser(
        "topics",
        help="topic model (BERTopic + LDA/NMF baselines) on cached embeddings",
        description="Fit BERTopic on precomputed embeddings and the NLP stage's lemmas; write topic tables, "
        "quality scores, the pickled model and optional HTML views. See docs/topics.md.",
    )
    io = p.add_argument_group("inputs and outputs")
    io.add_argument("--documents", required=True, help="documents.parquet from the extract stage")
    io.add_argument("--sentences", nargs="+", required=True, help="sentence shards (sentences_*.parquet) with lemmas")
    io.add_argument("--embeddings", nargs="+", required=True, help="embedding shards from `civicscope embed`")
    io.add_argument("--out-dir", required=True, help="folder for topic_info.csv, doc_topics.parquet, … (results/tables)")
    io.add_argument("--models-dir", required=True, help="folder for the pickled model and its manifest (models/topics)")
    io.add_argument("--html-dir", default=None, help="folder for interactive HTML views (needs plotly); none if omitted")
    io.add_argument("--labels", default=None, help="YAML topic id -> label overrides (config/topic_labels.yaml)")
    io.add_argument("--classes", default=None, help="extra class table keyed by doc_id (CSV/TSV/Parquet; e.g. stance, actor_type)")
    io.add_argument("--keep-duplicates", action="store_true", help="also model documents marked as near-duplicates")

    m = p.add_argument_group("model")
    m.add_argument("--seed", type=int, default=42, help="seed for UMAP, SVD, LDA and NMF (default: 42)")
    m.add_argument("--n-neighbors", type=int, default=15, help="UMAP neighbours, capped by the corpus size (default: 15)")
    m.add_argument("--n-components", type=int, default=5, help="UMAP output dimensions (default: 5)")
    m.add_argument(
        "--min-cluster-size",
        type=_optional_int,
        default=None,
        help="smallest HDBSCAN cluster; 0/auto = max(5, units/50); capped at a third of the units (default: auto)",
    )
    m.add_argument("--min-samples", type=_optional_int, default=None, help="HDBSCAN min_samples (default: none = min-cluster-size)")
    m.add_argument(
        "--cluster-selection",
        choices=("eom", "leaf"),
        default="leaf",
        help="HDBSCAN cluster selection; leaf splits large clusters (such as one per language) into subjects (default: leaf)",
    )
    m.add_argument("--ngram-min", type=int, default=1, help="smallest n-gram of the vocabulary (default: 1)")
    m.add_argument("--ngram-max", type=int, default=2, help="largest n-gram of the vocabulary (default: 2)")
    m.add_argument("--min-df", type=int, default=2, help="least number of units a term must occur in (default: 2)")
    m.add_argument("--max-df", type=float, default=0.95, help="largest share of units a term may occur in (default: 0.95)")
    m.add_argument("--nr-topics", type=_optional_int, default=None, help="merge topics down to this number (default: none)")
    m.add_argument("--top-n-words", type=int, default=10, help="words per topic, also the k of NPMI and diversity (default: 10)")
    m.add_argument(
        "--outlier-strategy",
        choices=("embeddings", "c-tf-idf", "distributions", "none"),
        default="embeddings",
        help="how outlier units are reassigned before update_topics (default: embeddings)",
    )
    m.add_argument("--outlier-threshold", type=float, default=0.0, help="least similarity for reassignment (default: 0)")
    m.add_argument("--tfidf-dim", type=int, default=100, help="SVD dimensions of the tfidf-svd backend (default: 100)")
    m.add_argument(
        "--fit-sample-size",
        type=_optional_int,
        default=20000,
        help="above this many units, fit on a seeded random sample of them and assign every unit with the fitted "
        "model, so memory stays bounded on large corpora; 0/none = always fit on all units (default: 20000)",
    )
    m.add_argument("--period", choices=("year", "quarter"), default="year", help="period of topics over time (default: year)")
    m.add_argument("--threads", type=int, default=1, help="threads for BLAS and HDBSCAN; UMAP stays single-threaded (default: 1)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Fit the model and write every output."""
    from civicscope.cli import UserError
    from civicscope.topics.model import MIN_UNITS, TopicParams
    from civicscope.topics.pipeline import run_topics

    if args.ngram_min < 1 or args.ngram_max < args.ngram_min:
        raise UserError("--ngram-min must be >= 1 and <= --ngram-max")
    if args.min_cluster_size is not None and args.min_cluster_size < 2:
        raise UserError("--min-cluster-size must be at least 2 (or auto)")
    if args.fit_sample_size is not None and args.fit_sample_size < MIN_UNITS:
        raise UserError(f"--fit-sample-size must be at least {MIN_UNITS} (or 0/none to fit on all units)")
    params = TopicParams(
        seed=args.seed,
        n_neighbors=args.n_neighbors,
        n_components=args.n_components,
        min_cluster_size=args.min_cluster_size or 0,
        min_samples=args.min_samples,
        cluster_selection=args.cluster_selection,
        ngram_min=args.ngram_min,
        ngram_max=args.ngram_max,
        min_df=args.min_df,
        max_df=args.max_df,
        nr_topics=args.nr_topics,
        top_n_words=args.top_n_words,
        outlier_strategy=args.outlier_strategy,
        outlier_threshold=args.outlier_threshold,
        threads=args.threads,
        tfidf_dim=args.tfidf_dim,
        fit_sample_size=args.fit_sample_size,
    )
    run_topics(
        documents=args.documents,
        sentences=args.sentences,
        embeddings=args.embeddings,
        out_dir=args.out_dir,
        models_dir=args.models_dir,
        params=params,
        labels_path=args.labels,
        classes_path=args.classes,
        html_dir=args.html_dir,
        period=args.period,
        keep_duplicates=args.keep_duplicates,
    )
    return 0
