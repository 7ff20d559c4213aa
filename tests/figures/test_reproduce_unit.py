"""scripts/reproduce.py without running the workflow: what it copies, what it compares, what it prints."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .test_reproduce import ROOT, load_reproduce


def make_run(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def test_compared_files_cover_tables_networks_and_figure_files(tmp_path: Path) -> None:
    reproduce = load_reproduce()
    run = make_run(tmp_path, {
        "results/tables/a.csv": b"1", "results/tables/sub/b.parquet": b"2", "results/networks/n.gexf": b"3",
        "results/figures/f.pdf": b"4", "results/figures/f.png": b"5", "results/figures/f.csv": b"6",
        "results/figures/interactive/topics.html": b"7", "results/figures/notes.txt": b"8",
        "results/run_info.json": b"9", "results/metrics/m.json": b"10",
    })
    assert sorted(reproduce.compared_files(run)) == [
        "results/figures/f.csv", "results/figures/f.pdf", "results/figures/f.png",
        "results/networks/n.gexf", "results/tables/a.csv", "results/tables/sub/b.parquet",
    ]


def test_compare_names_differing_missing_and_extra_files() -> None:
    reproduce = load_reproduce()
    first = {"a.csv": "1" * 64, "b.png": "2" * 64, "c.pdf": "3" * 64}
    second = {"a.csv": "1" * 64, "b.png": "f" * 64, "d.csv": "4" * 64}
    lines = reproduce.compare(first, second)
    assert len(lines) == 3
    assert lines[0].startswith("differs") and "b.png" in lines[0]
    assert lines[1].startswith("missing") and "c.pdf" in lines[1]
    assert lines[2].startswith("only in the new run") and "d.csv" in lines[2]
    assert reproduce.compare(first, dict(first)) == []


def test_paths_to_copy_follow_the_config(tmp_path: Path) -> None:
    reproduce = load_reproduce()
    project = make_run(tmp_path, {
        "Snakefile": b"", "workflow/rules/a.smk": b"", "config/config.yaml": b"", "config/actors.yaml": b"",
        "requirements.lock": b"", "corpus/annotations/t.tsv": b"", "corpus/raw/manifest.tsv": b"",
        "corpus/mine/sources.tsv": b"", "corpus/mine/html/a.html": b"", "extra/lexicon.yaml": b"",
        "tests/tiny.yaml": b"", "results/tables/a.csv": b"",
    })
    config = {"sources": "corpus/mine/sources.tsv", "actors": "config/actors.yaml", "stance_lexicon": "extra/lexicon.yaml",
              "annotations": {"train": "corpus/annotations/t.tsv"}, "seed": 1, "figures": {"language": "en"}}
    paths = reproduce.paths_to_copy(project, config, [project / "tests" / "tiny.yaml"])
    assert paths == ["Snakefile", "config", "corpus/annotations", "corpus/mine", "corpus/raw", "extra/lexicon.yaml",
                     "requirements.lock", "tests/tiny.yaml", "workflow"]


def test_load_config_merges_nested_keys(tmp_path: Path) -> None:
    reproduce = load_reproduce()
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text(yaml.safe_dump({"nlp": {"n_shards": 4, "batch_size": 32}, "seed": 1}))
    extra = tmp_path / "tiny.yaml"
    extra.write_text(json.dumps({"nlp": {"n_shards": 2}}))
    assert reproduce.load_config(tmp_path, [extra]) == {"nlp": {"n_shards": 2, "batch_size": 32}, "seed": 1}


def test_no_first_run_is_an_error(tmp_path: Path) -> None:
    assert load_reproduce().main(["--project", str(tmp_path)]) == 2


def test_citation_file_is_cff_1_2() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(cff)
    assert cff["title"] == "civicscope" and cff["version"] == "0.1.0" and cff["license"] == "MIT"
    assert cff["authors"] == [{"name": "civicscope contributors"}]
