"""Quality floors on the project's gold data: they fail when a change makes the methods worse."""

from __future__ import annotations

import pandas as pd
import pytest

from civicscope.actors.annotate import annotate_sentences
from civicscope.actors.evaluate import evaluate_actors
from civicscope.commands.actors import read_sentences
from civicscope.commands.stance import read_annotations
from civicscope.nlp.gazetteer import load_gazetteer
from civicscope.stance.evaluate import lexicon_predict, macro_f1
from civicscope.stance.lexicon import Lexicon
from civicscope.stance.model import build_model, predict

MODELS = {"fr": "fr_core_news_sm", "en": "blank"}


@pytest.fixture(scope="module")
def actor_scores(root):
    gold = read_sentences(str(root / "corpus/annotations/actors_gold.tsv"), ("id", "lang", "text", "actors", "source_actor", "target_actor"))
    predicted = annotate_sentences(gold[["id", "lang", "text"]], MODELS, load_gazetteer(root / "config/actors.yaml"))
    return evaluate_actors(gold, predicted)


def test_gold_set_is_large_and_bilingual(root):
    gold = read_sentences(str(root / "corpus/annotations/actors_gold.tsv"))
    assert len(gold) >= 200 and set(gold["lang"]) == {"fr", "en"}


def test_actor_mention_f1_floor(actor_scores):
    assert actor_scores["all"]["mentions"]["f1"] >= 0.90, actor_scores["errors"][:10]


def test_source_actor_accuracy_floor(actor_scores):
    assert actor_scores["all"]["source_actor_accuracy"] >= 0.85, actor_scores["errors"][:10]


@pytest.fixture(scope="module")
def stance_data(root):
    train = read_annotations(str(root / "corpus/annotations/stance_train.tsv"))
    test = read_annotations(str(root / "corpus/annotations/stance_test.tsv"))
    return train, test, Lexicon.load(root / "config/stance_lexicon.yaml")


def test_annotations_are_large_split_and_disjoint(stance_data):
    train, test, _ = stance_data
    assert len(train) + len(test) >= 800
    assert not set(train["text"].str.lower()) & set(test["text"].str.lower())
    for frame in (train, test):
        assert set(frame["lang"]) == {"fr", "en"}
        assert set(frame["stance"]) == {"cooperation", "confrontation", "neutral"}
    share = lambda f: f.groupby(["lang", "stance"]).size() / len(f)  # noqa: E731
    assert (share(train) - share(test)).abs().max() < 0.02, "the split should be stratified by language and label"


def test_annotations_are_not_copied_from_the_demo_corpus(root, stance_data):
    train, test, _ = stance_data
    demo = " ".join(p.read_text(encoding="utf-8") for p in (root / "corpus/demo/src").rglob("*.md"))
    copied = [t for t in pd.concat([train, test])["text"] if t in demo]
    assert not copied, copied[:3]


def test_held_out_macro_f1_floor(stance_data):
    train, test, lexicon = stance_data
    model = build_model(lexicon, seed=42).fit(train[["text", "lang"]], train["stance"])
    labels, _, _ = predict(model, test)
    score = macro_f1(test["stance"].tolist(), labels)
    assert score >= STANCE_FLOOR, f"held-out macro-F1 {score:.3f} fell below {STANCE_FLOOR}"


def test_lexicon_is_a_real_baseline(stance_data):
    _, test, lexicon = stance_data
    assert macro_f1(test["stance"].tolist(), lexicon_predict(lexicon, test)[0]) >= 0.55


STANCE_FLOOR = 0.80
