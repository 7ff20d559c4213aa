"""Networks open in networkx; writers are atomic, sorted and byte-stable."""

from __future__ import annotations

import hashlib

import networkx as nx
import pandas as pd

from civicscope.io import doc_id_for, read_table, sent_id_for, write_csv, write_tsv
from civicscope.networks import comention_network, stance_network, write_graph
from civicscope.nlp.gazetteer import load_gazetteer


def test_ids_are_stable():
    assert doc_id_for("file:html/a.html") == doc_id_for("file:html/a.html")
    assert len(doc_id_for("x")) == 16
    assert sent_id_for("abc", 7) == "abc-00007"


def test_tsv_round_trip_keeps_quotes_and_flattens_breaks(tmp_path):
    df = pd.DataFrame({"id": ["2", "1"], "text": ['il dit "non"\tà\nla ville', "ok"]})
    write_tsv(df, tmp_path / "t.tsv", sort_by=["id"])
    back = read_table(tmp_path / "t.tsv")
    assert back["text"].tolist() == ["ok", 'il dit "non" à la ville']


def test_csv_is_byte_identical_across_writes(tmp_path):
    df = pd.DataFrame({"b": [2.0, 1.0], "a": ["é", "x"]})
    write_csv(df, tmp_path / "1.csv", sort_by=["a"])
    write_csv(df.sample(frac=1, random_state=3), tmp_path / "2.csv", sort_by=["a"])
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert digest(tmp_path / "1.csv") == digest(tmp_path / "2.csv")


def test_gexf_and_graphml_open_in_networkx(tmp_path, small_gazetteer_path):
    gaz = load_gazetteer(small_gazetteer_path)
    mentions = pd.DataFrame(
        {"sent_id": ["d1-00000", "d1-00000", "d2-00000", "d2-00000"], "doc_id": ["d1", "d1", "d2", "d2"],
         "actor_id": ["uber", "paris", "uber", "paris"]}
    )
    graph = comention_network(mentions, pd.Series({"d1": 2015, "d2": 2019}), gaz)
    write_graph(graph, tmp_path / "a.gexf")
    write_graph(graph, tmp_path / "a.graphml")
    g = nx.read_gexf(tmp_path / "a.gexf")
    edge = g.get_edge_data("paris", "uber")
    assert edge["weight"] == 2 and edge["first_year"] == 2015 and edge["last_year"] == 2019
    assert g.nodes["uber"]["side"] == "platform"
    assert nx.read_graphml(tmp_path / "a.graphml").number_of_edges() == 1
    assert b"lastmodifieddate" not in (tmp_path / "a.gexf").read_bytes()


def test_stance_network_counts(tmp_path, small_gazetteer_path):
    gaz = load_gazetteer(small_gazetteer_path)
    statements = pd.DataFrame(
        {"source_actor": ["uber", "uber", "uber", "waze"], "target_actor": ["tfl", "tfl", "tfl", ""],
         "stance": ["confrontation", "confrontation", "cooperation", "cooperation"]}
    )
    g = stance_network(statements, gaz)
    data = g.get_edge_data("uber", "tfl")
    assert (data["n_conf"], data["n_coop"], data["dominant"]) == (2, 1, "confrontation")
    assert g.number_of_edges() == 1
