"""Fixtures for the figure tests: synthetic inputs for every figure, full and empty."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from civicscope.io import write_csv, write_json, write_parquet
from civicscope.networks import write_graph

from .synthetic import write_all

# Which input keys each figure reads, by the synthetic file key.
FIGURE_INPUTS: dict[str, list[str]] = {
    "corpus_composition": ["documents"],
    "stance_over_time": ["by_type", "by_actor", "actors"],
    "topic_prevalence": ["doc_topics", "documents", "topic_info"],
    "topic_stance_heatmap": ["statements", "doc_topics", "topic_info"],
    "stance_network": ["network"],
    "stance_evaluation": ["metrics"],
    "topic_quality": ["topic_quality"],
}


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every synthetic input table, keyed like the figure inputs."""
    return write_all(tmp_path_factory.mktemp("figure_inputs"))


@pytest.fixture(scope="session")
def empty_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The same inputs with no rows (a corpus too small to say anything)."""
    root = tmp_path_factory.mktemp("empty_inputs")
    paths = {k: root / name for k, name in {
        "documents": "documents.parquet", "statements": "statements.parquet", "by_actor": "by_actor.csv",
        "by_type": "by_type.csv", "network": "stance.gexf", "metrics": "stance_eval.json",
        "topic_info": "topic_info.csv", "doc_topics": "doc_topics.parquet", "topic_quality": "topic_quality.csv",
    }.items()}
    write_parquet(pd.DataFrame({c: pd.Series(dtype="string") for c in ["doc_id", "genre", "lang", "date", "dup_of"]})
                  .assign(year=pd.Series(dtype="Int64")), paths["documents"])
    write_parquet(pd.DataFrame({c: pd.Series(dtype="string") for c in ["sent_id", "doc_id", "stance"]}), paths["statements"])
    agg = ["period", "n_coop", "n_conf", "n_neutral", "n", "index", "ci_low", "ci_high"]
    write_csv(pd.DataFrame(columns=["actor", "actor_type", *agg]), paths["by_actor"])
    write_csv(pd.DataFrame(columns=["actor_type", *agg]), paths["by_type"])
    write_graph(nx.DiGraph(), paths["network"])
    write_json({"test": {}, "chosen_method": None}, paths["metrics"])
    write_csv(pd.DataFrame(columns=["topic", "label", "words", "count", "representative_docs"]), paths["topic_info"])
    write_parquet(pd.DataFrame({"doc_id": pd.Series(dtype="string"), "topic": pd.Series(dtype="int64")}), paths["doc_topics"])
    write_csv(pd.DataFrame(columns=["model", "n_topics", "top_k", "npmi", "diversity"]), paths["topic_quality"])
    return {k: str(v) for k, v in paths.items()}


def figure_args(name: str, paths: dict[str, str], prefix: Path, *extra: str) -> list[str]:
    """Command-line arguments of ``civicscope figure`` for ``name`` with the given inputs."""
    args = ["figure", name, "--output-prefix", str(prefix), "--dpi", "72"]
    for key in FIGURE_INPUTS[name]:
        if key in paths:
            args += ["--input", f"{key}={paths[key]}"]
    return args + list(extra)
