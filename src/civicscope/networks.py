"""Actor networks as plain GEXF 1.2 and GraphML, readable by Gephi, networkx and igraph."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pandas as pd

from civicscope.io import atomic_path
from civicscope.nlp.gazetteer import Gazetteer


def _add_node(graph: nx.Graph, actor_id: str, gazetteer: Gazetteer) -> None:
    if actor_id not in graph:
        actor = gazetteer.actors.get(actor_id)
        graph.add_node(
            actor_id,
            label=actor.name if actor else actor_id,
            type=actor.type if actor else "",
            side=actor.side if actor else "",
            is_group=bool(actor.is_group) if actor else False,
        )


def comention_network(mentions: pd.DataFrame, years: pd.Series, gazetteer: Gazetteer) -> nx.Graph:
    """Undirected co-mention graph: actors mentioned in the same sentence.

    Args:
        mentions: resolved mentions with ``sent_id``, ``doc_id`` and ``actor_id``.
        years: publication year per doc_id (index doc_id).
        gazetteer: for node labels, types and sides.
    """
    graph = nx.Graph()
    resolved = mentions[mentions["actor_id"] != ""]
    for actor_id, n in resolved.groupby("actor_id").size().sort_index().items():
        _add_node(graph, actor_id, gazetteer)
        graph.nodes[actor_id]["mentions"] = int(n)
    for sent_id, group in resolved.groupby("sent_id", sort=True):
        ids = sorted(set(group["actor_id"]))
        year = years.get(group["doc_id"].iloc[0])
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                data = graph.get_edge_data(a, b)
                if data is None:
                    graph.add_edge(a, b, weight=0, first_year=0, last_year=0)
                    data = graph.get_edge_data(a, b)
                data["weight"] += 1
                if pd.notna(year):
                    y = int(year)
                    data["first_year"] = y if not data["first_year"] else min(data["first_year"], y)
                    data["last_year"] = max(data["last_year"], y)
    return graph


def stance_network(statements: pd.DataFrame, gazetteer: Gazetteer) -> nx.DiGraph:
    """Directed source → target graph with cooperation / confrontation / neutral counts per edge."""
    graph = nx.DiGraph()
    pairs = statements[(statements["source_actor"] != "") & (statements["target_actor"] != "")]
    counts = pairs.groupby(["source_actor", "target_actor", "stance"]).size().unstack("stance", fill_value=0)
    for (src, dst), row in counts.sort_index().iterrows():
        _add_node(graph, src, gazetteer)
        _add_node(graph, dst, gazetteer)
        coop, conf, neu = (int(row.get(k, 0)) for k in ("cooperation", "confrontation", "neutral"))
        dominant = "cooperation" if coop > conf else "confrontation" if conf > coop else "balanced"
        index = (coop - conf) / (coop + conf) if coop + conf else 0.0
        graph.add_edge(src, dst, weight=coop + conf + neu, n_coop=coop, n_conf=conf, n_neutral=neu,
                       stance_index=round(index, 4), dominant=dominant)
    return graph


def write_graph(graph: nx.Graph, path: str | Path) -> None:
    """Write GEXF (by extension .gexf) or GraphML (.graphml), atomically, with nodes in sorted order."""
    ordered = graph.__class__()
    ordered.add_nodes_from(sorted(graph.nodes(data=True)))
    ordered.add_edges_from(sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])))
    with atomic_path(path) as tmp:
        if str(path).endswith(".graphml"):
            nx.write_graphml(ordered, tmp)
        else:
            # networkx stamps today's date into <meta>; dropping it keeps reruns byte-identical.
            text = "\n".join(nx.generate_gexf(ordered, version="1.2draft"))
            text = "<?xml version='1.0' encoding='utf-8'?>\n" + re.sub(r' lastmodifieddate="[^"]*"', "", text)
            tmp.write_text(text + "\n", encoding="utf-8")
