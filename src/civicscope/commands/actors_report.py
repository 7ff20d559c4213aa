"""``civicscope actors-report``: unknown-actor candidates and the actor co-mention network."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``actors-report`` sub-command."""
    p = subparsers.add_parser("actors-report", help="actor candidates table and co-mention network (GEXF + GraphML)")
    p.add_argument("--sentences", nargs="+", required=True, help="sentence shards (Parquet)")
    p.add_argument("--mentions", nargs="+", required=True, help="mention shards (Parquet)")
    p.add_argument("--documents", required=True, help="documents.parquet (years)")
    p.add_argument("--actors", required=True, help="actors.yaml")
    p.add_argument("--candidates", required=True, help="output CSV of unknown-actor suggestions")
    p.add_argument("--gexf", required=True, help="output co-mention network, GEXF 1.2")
    p.add_argument("--graphml", required=True, help="output co-mention network, GraphML")
    p.add_argument("--keep-duplicates", action="store_true",
                   help="also count documents marked as duplicates (dup_of set)")
    p.add_argument("--min-docs", type=int, default=1, help="keep candidates found in at least this many documents")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the candidates table and both network files."""
    import pandas as pd

    from civicscope.actors.candidates import actor_candidates
    from civicscope.documents import analysed_doc_ids
    from civicscope.io import write_csv
    from civicscope.networks import comention_network, write_graph
    from civicscope.nlp.gazetteer import load_gazetteer

    analysed = analysed_doc_ids(args.documents, args.keep_duplicates)
    mentions = pd.concat([pd.read_parquet(f) for f in args.mentions], ignore_index=True)
    mentions = mentions[mentions["doc_id"].isin(analysed)]
    sentences = pd.concat([pd.read_parquet(f, columns=["sent_id", "doc_id", "text"]) for f in args.sentences],
                          ignore_index=True)
    sentences = sentences[sentences["doc_id"].isin(analysed)][["sent_id", "text"]]
    years = pd.read_parquet(args.documents, columns=["doc_id", "year"]).set_index("doc_id")["year"]
    write_csv(actor_candidates(mentions, sentences, args.min_docs), args.candidates)
    graph = comention_network(mentions, years, load_gazetteer(args.actors))
    write_graph(graph, args.gexf)
    write_graph(graph, args.graphml)
    return 0
