"""A small synthetic FR+EN corpus over four clear themes, with sentence shards and dates."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

from civicscope.io import doc_id_for, sent_id_for

THEMES = {
    "mobility": {
        "fr": "trottinette stationnement trottoir opérateur lime flotte vitesse piéton casque batterie amende fourrière",
        "en": "scooter parking sidewalk operator lime fleet speed pedestrian helmet battery fine towing",
    },
    "housing": {
        "fr": "airbnb logement loyer meublé touristique location propriétaire enregistrement nuitée quartier pénurie bail",
        "en": "airbnb housing rent apartment rental landlord registration night tenant shortage lease listing",
    },
    "participation": {
        "fr": "decidim budget participatif consultation citoyen vote proposition concertation assemblée projet délibération",
        "en": "decidim budget participatory consultation citizen vote proposal deliberation assembly project ballot",
    },
    "neighbours": {
        "fr": "voisin entraide alerte sécurité cambriolage gendarmerie signalement vigilance immeuble solidarité",
        "en": "neighbour mutual alert safety burglary police report watch building solidarity nextdoor",
    },
}
FILLER = {
    "fr": "ville mairie plateforme service public",
    "en": "city council platform service public",
}
YEARS = {"mobility": (2016, 2019), "housing": (2017, 2021), "participation": (2019, 2023), "neighbours": (2016, 2023)}


def _sentence(rng: random.Random, theme: str, lang: str) -> str:
    words = THEMES[theme][lang].split()
    filler = FILLER[lang].split()
    picked = rng.sample(words, 5) + rng.sample(filler, 1)
    rng.shuffle(picked)
    return " ".join(picked).capitalize() + "."


def make_corpus(root: Path, n_per_cell: int = 8, n_shards: int = 2, n_mixed: int = 6, seed: int = 0) -> dict[str, object]:
    """Write documents.parquet and sentence shards under ``root``; return their paths and the tables.

    ``n_mixed`` documents draw each sentence from a random theme: likely outliers for HDBSCAN.
    """
    rng = random.Random(seed)
    docs, sents = [], []
    cells = [(t, lang, k) for t in THEMES for lang in ("fr", "en") for k in range(n_per_cell)]
    cells += [("mixed", rng.choice(("fr", "en")), k) for k in range(n_mixed)]
    for theme, lang, k in cells:
        doc_id = doc_id_for(f"file:synthetic/{theme}/{lang}/{k}.txt")
        themes = [rng.choice(list(THEMES)) if theme == "mixed" else theme for _ in range(9)]
        paragraphs = [[_sentence(rng, themes[3 * p + j], lang) for j in range(3)] for p in range(3)]
        year = rng.randint(*YEARS.get(theme, (2016, 2023)))
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if k % 4 else None
        docs.append(
            {
                "doc_id": doc_id,
                "title": f"{theme} {lang} {k}",
                "date": date,
                "year": year,
                "genre": "blog" if k % 2 else "news",
                "lang": lang,
                "text": "\n\n".join(" ".join(p) for p in paragraphs),
                "dup_of": None,
            }
        )
        for i, s in enumerate(x for p in paragraphs for x in p):
            lemmas = " ".join(w.strip(".").lower() for w in s.split())
            sents.append({"sent_id": sent_id_for(doc_id, i), "doc_id": doc_id, "lang": lang, "i": i, "text": s, "lemmas": lemmas})
    # One near-duplicate that the topics stage must leave out by default.
    dup = dict(docs[0], doc_id=doc_id_for("file:synthetic/dup.txt"), dup_of=docs[0]["doc_id"])
    docs.append(dup)
    documents = pd.DataFrame(docs).sort_values("doc_id").reset_index(drop=True)
    documents["year"] = documents["year"].astype("Int64")
    root.mkdir(parents=True, exist_ok=True)
    doc_path = root / "documents.parquet"
    documents.to_parquet(doc_path, index=False)
    sentences = pd.DataFrame(sents)
    shard_paths = []
    for shard in range(n_shards):
        part = sentences[[int(d, 16) % n_shards == shard for d in sentences["doc_id"]]]
        path = root / f"sentences_{shard}.parquet"
        part.sort_values("sent_id").to_parquet(path, index=False)
        shard_paths.append(path)
    return {"documents": doc_path, "sentences": shard_paths, "docs": documents, "sents": sentences, "theme_of": {d["doc_id"]: d["title"].split()[0] for d in docs}}


def embed_tfidf_shards(documents: Path, root: Path, *extra: str) -> list[Path]:
    """tfidf-svd embedding files (ids only) of ``documents`` in two shards, through the CLI."""
    from civicscope.cli import main

    paths = []
    for shard in range(2):
        out = root / f"emb_{shard}.npz"
        main(["embed", "--documents", str(documents), "--shard", str(shard), "--n-shards", "2", "--backend", "tfidf-svd",
              *extra, "--output", str(out)])
        paths.append(out)
    return paths


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict[str, object]:
    """The synthetic corpus (64 documents plus one duplicate), written once per session."""
    return make_corpus(tmp_path_factory.mktemp("corpus"))
