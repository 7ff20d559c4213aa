"""The stance commands as a user runs them: train, classify, annotate export/import, agreement."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from civicscope.cli import main
from civicscope.io import read_table


@pytest.fixture(scope="module")
def model_dir(root, tmp_path_factory):
    out = tmp_path_factory.mktemp("stance")
    code = main([
        "stance", "train", "--train", str(root / "corpus/annotations/stance_train.tsv"),
        "--test", str(root / "corpus/annotations/stance_test.tsv"), "--lexicon", str(root / "config/stance_lexicon.yaml"),
        "--model-dir", str(out / "model"), "--metrics", str(out / "eval.json"), "--errors", str(out / "errors.csv"),
        "--cv-folds", "2", "--n-bootstrap", "100",
    ])
    assert code == 0
    card = json.loads((out / "model" / "model_card.json").read_text())
    assert len(card["training_data"]["sha256"]) == 64 and card["versions"]["scikit-learn"]
    errors = pd.read_csv(out / "errors.csv", encoding="utf-8-sig")
    assert len(errors) <= 100 and (errors["gold"] != errors["predicted"]).all()
    return out / "model"


SENTENCES = [
    ("s1", "fr", "La mairie de Paris a signé une convention de partenariat avec Uber pour partager ses données."),
    ("s2", "fr", "Le maire accuse Airbnb de contourner la loi et annonce une amende record."),
    ("s3", "en", "Transport for London stripped Uber of its licence after months of dispute."),
    ("s4", "en", "Lyft did not sign any agreement with the city this year."),
    ("s5", "fr", "La réunion publique est prévue jeudi à 18 heures à la salle des fêtes."),
]


@pytest.fixture(scope="module")
def classified(root, model_dir, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("classify")
    pd.DataFrame(SENTENCES, columns=["id", "lang", "text"]).to_csv(tmp / "in.tsv", sep="\t", index=False)
    code = main(["classify", "--input", str(tmp / "in.tsv"), "--output", str(tmp / "out.tsv"),
                 "--model-dir", str(model_dir), "--actors", str(root / "config/actors.yaml"),
                 "--lexicon", str(root / "config/stance_lexicon.yaml")])
    assert code == 0
    return read_table(tmp / "out.tsv").set_index("id")


def test_classify_columns(classified):
    assert list(classified.reset_index().columns) == ["id", "actors", "source_actor", "target_actor", "stance", "score"]
    assert classified["score"].astype(float).between(-1, 1).all()


def test_classify_cooperation_and_reported_confrontation(classified):
    assert classified.loc["s1", "stance"] == "cooperation"
    assert (classified.loc["s1", "source_actor"], classified.loc["s1", "target_actor"]) == ("uber", "paris")
    assert classified.loc["s2", "stance"] == "confrontation"  # reported speech: the mayor accuses
    assert classified.loc["s2", "source_actor"] == "airbnb"
    assert classified.loc["s3", "stance"] == "confrontation"


def test_classify_negated_cooperation_and_no_actor(classified):
    assert classified.loc["s4", "stance"] != "cooperation"  # "did not sign any agreement"
    assert classified.loc["s5", "stance"] == "neutral" and classified.loc["s5", "actors"] == ""


def test_classify_without_model_says_how_to_train(tmp_path, root, caplog):
    pd.DataFrame(SENTENCES, columns=["id", "lang", "text"]).to_csv(tmp_path / "in.tsv", sep="\t", index=False)
    code = main(["classify", "--input", str(tmp_path / "in.tsv"), "--output", str(tmp_path / "o.tsv"),
                 "--model-dir", str(tmp_path / "none"), "--no-actors", "--lexicon", str(root / "config/stance_lexicon.yaml")])
    assert code == 2
    assert "stance train" in caplog.text


def test_annotate_round_trip(root, model_dir, tmp_path):
    pd.DataFrame(SENTENCES, columns=["id", "lang", "text"]).to_csv(tmp_path / "pool.tsv", sep="\t", index=False)
    code = main(["annotate", "export", "--input", str(tmp_path / "pool.tsv"), "--model-dir", str(model_dir), "-n", "4",
                 "--label-studio", str(tmp_path / "ls.json"), "--doccano", str(tmp_path / "dc.jsonl")])
    assert code == 0
    tasks = json.loads((tmp_path / "ls.json").read_text())
    assert len(tasks) == 4
    scores = [t["predictions"][0]["score"] for t in tasks]
    assert scores == sorted(scores, reverse=True), "most uncertain first"
    assert (tmp_path / "ls.labelling_config.xml").exists()
    # A coder labels three tasks and leaves one: nothing is lost on import.
    for task, label in zip(tasks, ["cooperation", "confrontation", "neutral"]):
        task["annotations"] = [{"result": [{"type": "choices", "value": {"choices": [label]}}]}]
    (tmp_path / "ls.json").write_text(json.dumps(tasks))
    assert main(["annotate", "import", "--input", str(tmp_path / "ls.json"), "--output", str(tmp_path / "lab.tsv")]) == 0
    labelled = read_table(tmp_path / "lab.tsv")
    unlabelled = read_table(tmp_path / "lab.unlabelled.tsv")
    assert len(labelled) == 3 and len(unlabelled) == 1
    assert set(labelled["id"]) | set(unlabelled["id"]) == {t["data"]["id"] for t in tasks}
    lines = (tmp_path / "dc.jsonl").read_text().splitlines()
    assert len(lines) == 4 and all("text" in json.loads(line) for line in lines)


def test_annotate_import_refuses_malformed(tmp_path, caplog):
    (tmp_path / "bad.json").write_text('{"not": "a list"}')
    assert main(["annotate", "import", "--input", str(tmp_path / "bad.json"), "--output", str(tmp_path / "x.tsv")]) == 2
    assert "list of tasks" in caplog.text
    assert not (tmp_path / "x.tsv").exists()


def test_agreement_cli_prints_coefficients(tmp_path):
    a = pd.DataFrame({"id": list("12345"), "stance": ["a", "a", "b", "b", "c"]})
    b = pd.DataFrame({"id": list("12345"), "stance": ["a", "b", "b", "b", "c"]})
    a.to_csv(tmp_path / "a.tsv", sep="\t", index=False)
    b.to_csv(tmp_path / "b.tsv", sep="\t", index=False)
    proc = subprocess.run([sys.executable, "-m", "civicscope", "agreement", str(tmp_path / "a.tsv"), str(tmp_path / "b.tsv")],
                          capture_output=True, text=True, check=True)
    assert "Krippendorff alpha:  0.7097" in proc.stdout and "Cohen kappa:         0.6875" in proc.stdout
