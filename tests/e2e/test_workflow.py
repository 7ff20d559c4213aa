"""The whole workflow on a tiny corpus: every declared output exists with sensible content."""

from __future__ import annotations

import json
import shutil

import networkx as nx
import pandas as pd
import pytest

from tests.e2e.conftest import snakemake

pytestmark = pytest.mark.slow


def read_csv(path):
    return pd.read_csv(path, encoding="utf-8-sig")


def test_documents_and_rejects(tiny_run):
    docs = pd.read_parquet(tiny_run / "corpus/interim/documents.parquet")
    assert len(docs) >= 7
    assert set(docs["lang"]) == {"fr", "en"}
    assert docs["year"].between(2010, 2025).all()
    assert docs["dup_of"].notna().sum() >= 1, "the syndicated press release should be marked as a duplicate"
    assert (docs["n_words"] > 50).all()
    rejects = read_csv(tiny_run / "results/tables/rejects.csv")
    assert "pdf_broken" in set(rejects["reason"])
    manifest = pd.read_csv(tiny_run / "corpus/raw/manifest.tsv", sep="\t")
    assert len(manifest) == 9 and {"doc_id", "sha256", "status"} <= set(manifest.columns)


def test_nlp_shards(tiny_run):
    sentences = pd.concat(pd.read_parquet(p) for p in sorted((tiny_run / "corpus/interim/nlp").glob("sentences_*.parquet")))
    mentions = pd.concat(pd.read_parquet(p) for p in sorted((tiny_run / "corpus/interim/nlp").glob("mentions_*.parquet")))
    assert len(sentences) > 100 and sentences["sent_id"].is_unique
    assert sentences["lemmas"].str.len().gt(0).mean() > 0.9
    resolved = mentions[mentions["actor_id"] != ""]
    assert {"uber", "airbnb"} & set(resolved["actor_id"])
    assert resolved["is_subject"].any()


def test_statements_and_aggregates(tiny_run):
    statements = pd.read_parquet(tiny_run / "results/tables/statements.parquet")
    assert {"cooperation", "confrontation"} <= set(statements["stance"])
    assert statements["source_actor"].ne("").all()
    assert statements["score"].between(-1, 1).all()
    by_actor = read_csv(tiny_run / "results/tables/stance_by_actor_period.csv")
    assert list(by_actor.columns) == ["actor", "actor_type", "period", "n_coop", "n_conf", "n_neutral", "n", "index", "ci_low", "ci_high"]
    valid = by_actor.dropna(subset=["index"])
    assert ((valid["ci_low"] <= valid["index"] + 1e-9) & (valid["index"] <= valid["ci_high"] + 1e-9)).all()
    assert nx.read_gexf(tiny_run / "results/networks/stance.gexf").number_of_edges() > 0


def test_metrics(tiny_run):
    stance = json.loads((tiny_run / "results/metrics/stance_eval.json").read_text())
    assert stance["chosen_method"] in {"model", "lexicon"}
    assert 0 < stance["test"]["model"]["macro_f1"] <= 1
    actors = json.loads((tiny_run / "results/metrics/actors_eval.json").read_text())
    assert actors["all"]["mentions"]["f1"] > 0.5


def test_actor_outputs(tiny_run):
    assert nx.read_gexf(tiny_run / "results/networks/actors.gexf").number_of_nodes() > 3
    assert nx.read_graphml(tiny_run / "results/networks/actors.graphml").number_of_nodes() > 3
    candidates = read_csv(tiny_run / "results/tables/actor_candidates.csv")
    assert {"candidate", "n_docs", "examples"} <= set(candidates.columns)


def test_topics(tiny_run):
    info = read_csv(tiny_run / "results/tables/topic_info.csv")
    assert len(info[info["topic"] >= 0]) >= 1
    quality = read_csv(tiny_run / "results/tables/topic_quality.csv")
    assert set(quality["model"]) == {"bertopic", "lda", "nmf"}
    doc_topics = pd.read_parquet(tiny_run / "results/tables/doc_topics.parquet")
    assert doc_topics["doc_id"].is_unique


def test_figures_and_report_inputs(tiny_run):
    figures = tiny_run / "results/figures"
    names = {p.stem for p in figures.glob("*.pdf")}
    assert len(names) >= 7
    for name in names:
        for ext in ("pdf", "png", "csv"):
            assert (figures / f"{name}.{ext}").stat().st_size > 0, f"{name}.{ext} is empty"
    run_info = json.loads((tiny_run / "results/run_info.json").read_text())
    assert run_info["packages"]["spacy"] and run_info["config"]["files"]
    assert len(run_info["corpus_manifest"]["sha256"]) == 64 and run_info["seeds"]["seed"] == 42


def test_second_run_has_nothing_to_do(tiny_run):
    proc = snakemake(tiny_run, "--cores", "2", "--dry-run")
    assert proc.returncode == 0
    assert "Nothing to be done" in proc.stdout + proc.stderr


def pending_by_rule(summary: str) -> dict[str, set[str]]:
    """Outputs per rule whose plan is "update pending" in ``snakemake --dry-run --summary`` output."""
    pending: dict[str, set[str]] = {}
    for line in summary.splitlines():
        cells = line.split("\t")
        if len(cells) >= 4 and cells[-1] == "update pending":
            pending.setdefault(cells[2], set()).add(cells[0])
    return pending


def test_new_documents_rerun_only_their_shard(tiny_run, tmp_path):
    work = tmp_path / "grown"
    shutil.copytree(tiny_run, work, symlinks=True)  # copy2 keeps modification times
    manifest = pd.read_csv(work / "corpus/raw/manifest.tsv", sep="\t", dtype=str)
    last = manifest["shard"].astype(int).max()
    sources = work / "corpus/demo/sources_tiny.tsv"
    tiny = pd.read_csv(sources, sep="\t", dtype=str)
    listed = set(tiny["source_id"])
    demo = pd.read_csv(work / "corpus/demo/sources.tsv", sep="\t", dtype=str, keep_default_na=False)
    new = demo[~demo["source_id"].isin(listed) & demo["kind"].eq("file")].head(2)
    with open(sources, "a", encoding="utf-8") as handle:
        for row in new[list(tiny.columns)].itertuples(index=False):
            handle.write("\t".join(row) + "\n")
    assert snakemake(work, "--cores", "1", "corpus/raw/manifest.tsv").returncode == 0

    grown = pd.read_csv(work / "corpus/raw/manifest.tsv", sep="\t", dtype=str)
    old = grown[grown["doc_id"].isin(manifest["doc_id"])].set_index("doc_id")["shard"]
    assert old.equals(manifest.set_index("doc_id")["shard"].loc[old.index]), "a collected document changed shard"
    touched = set(grown.loc[~grown["doc_id"].isin(manifest["doc_id"]), "shard"])
    untouched = set(manifest["shard"]) - touched
    assert touched and untouched and touched <= {str(last), str(last + 1)}

    proc = snakemake(work, "--dry-run", "--summary")
    assert proc.returncode == 0, proc.stderr[-3000:]
    pending = pending_by_rule(proc.stdout)
    expected = {
        "extract": {f"corpus/interim/documents/shard_{s}.parquet" for s in touched},
        "nlp": {f"corpus/interim/nlp/sentences_{s}.parquet" for s in touched},
        "embed": {f"models/embeddings/shard_{s}.npz" for s in touched},
    }
    for rule, files in expected.items():
        sharded = {f for f in pending.get(rule, set()) if "rejects_" not in f and "mentions_" not in f}
        assert sharded == files, f"{rule}: pending {sorted(sharded)}, expected only the new documents' shard(s)"
    assert {"dedup", "stance_apply", "topics", "run_info"} <= set(pending)
    assert "stance_train" not in pending and "actors_eval" not in pending

    assert snakemake(work, "--cores", "2", "corpus/interim/documents.parquet").returncode == 0
    docs = pd.read_parquet(work / "corpus/interim/documents.parquet")
    assert set(grown.loc[grown["status"].eq("ok"), "doc_id"]) - set(docs["doc_id"]) <= set(
        read_csv(work / "results/tables/rejects.csv")["doc_id"])
    for shard in untouched:
        name = f"corpus/interim/documents/shard_{shard}.parquet"
        assert (work / name).stat().st_mtime == (tiny_run / name).stat().st_mtime, f"{name} was rebuilt"
