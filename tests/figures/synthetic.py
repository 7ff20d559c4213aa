"""Synthetic workflow tables for the figure tests: small, seeded, shaped like the real contracts."""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pandas as pd

from civicscope.io import doc_id_for, sent_id_for, write_csv, write_json, write_parquet
from civicscope.networks import write_graph
from civicscope.stance.aggregate import by_actor_and_type

PLATFORM_SIDE = {
    "uber": ("Uber", "platform"),
    "airbnb": ("Airbnb", "platform"),
    "waze": ("Waze", "platform"),
    "lime": ("Lime", "platform"),
    "decidim": ("Decidim", "civic_tech"),
    "cap_collectif": ("Cap Collectif", "civic_tech"),
    "nextdoor": ("Nextdoor", "neighbourhood_network"),
    "voisins_vigilants": ("Voisins Vigilants", "neighbourhood_network"),
    "grp_platforms": ("les plateformes", "platform"),
}
INSTITUTIONS = {
    "paris": ("Ville de Paris", "city"),
    "lyon": ("Métropole de Lyon", "city"),
    "tfl": ("Transport for London", "transport_authority"),
    "conseil_etat": ("Conseil d'État", "court"),
    "cnil": ("CNIL", "regulator"),
}
GENRES = ["blog", "press_release", "report", "news"]
STANCES = ["cooperation", "confrontation", "neutral"]
TOPIC_LABELS = {-1: "-1_ville_service", 0: "0_trottinette_stationnement", 1: "1_logement_location",
                2: "2_budget_participatif", 3: "3_voisin_alerte"}


def actors_yaml(path: Path) -> Path:
    """A minimal gazetteer with every synthetic actor (names are what figures print)."""
    lines = ["version: 1", "actors:"]
    for actor_id, (name, kind) in {**PLATFORM_SIDE, **INSTITUTIONS}.items():
        side = "platform" if actor_id in PLATFORM_SIDE else "institution"
        lines += [f"  - id: {actor_id}", f"    name: \"{name}\"", f"    type: {kind}", f"    side: {side}",
                  "    aliases:", f"      any: [\"{name}\"]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def documents(n: int = 60, seed: int = 1) -> pd.DataFrame:
    """Documents 2012–2024 with genres, two languages, a few duplicates and undated ones."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        year = rng.randint(2012, 2024) if i % 13 else None
        rows.append({
            "doc_id": doc_id_for(f"file:synthetic/{i}.html"),
            "genre": GENRES[i % len(GENRES)],
            "lang": "fr" if i % 5 < 3 else "en",
            "year": year,
            "date": f"{year}-{rng.randint(1, 12):02d}-15" if year else None,
            "dup_of": None,
        })
    frame = pd.DataFrame(rows)
    frame.loc[frame.index[-3:], "dup_of"] = frame["doc_id"].iloc[0]
    frame["year"] = frame["year"].astype("Int64")
    return frame


def statements(docs: pd.DataFrame, n: int = 500, seed: int = 2) -> pd.DataFrame:
    """Statements drifting from confrontation toward cooperation over the years."""
    rng = random.Random(seed)
    dated = docs[docs["year"].notna() & docs["dup_of"].isna()].reset_index(drop=True)
    sources = list(PLATFORM_SIDE)
    targets = list(INSTITUTIONS) + [""]
    rows = []
    for i in range(n):
        doc = dated.iloc[i % len(dated)]
        year = int(doc["year"])
        coop = 0.15 + 0.5 * (year - 2012) / 12
        stance = rng.choices(STANCES, [coop, 0.65 - coop * 0.8, 0.3])[0]
        source = sources[min(len(sources) - 1, int(rng.expovariate(0.45)))]
        target = rng.choice(targets)
        rows.append({
            "sent_id": sent_id_for(doc["doc_id"], i), "doc_id": doc["doc_id"], "date": doc["date"], "year": year,
            "lang": doc["lang"], "text": f"Phrase {i}.", "actors": ";".join(a for a in (source, target) if a),
            "source_actor": source, "source_type": PLATFORM_SIDE[source][1],
            "target_actor": target, "target_type": INSTITUTIONS[target][1] if target else "",
            "stance": stance, "score": round(rng.random(), 3), "method": "model",
        })
    return pd.DataFrame(rows)


def stance_graph(stmts: pd.DataFrame) -> nx.DiGraph:
    """The stance network as the stance stage builds it."""
    graph = nx.DiGraph()
    names = {**PLATFORM_SIDE, **INSTITUTIONS}
    pairs = stmts[(stmts["source_actor"] != "") & (stmts["target_actor"] != "")]
    for (src, dst), group in pairs.groupby(["source_actor", "target_actor"]):
        for node in (src, dst):
            side = "platform" if node in PLATFORM_SIDE else "institution"
            graph.add_node(node, label=names[node][0], type=names[node][1], side=side, is_group=node.startswith("grp_"))
        c = int((group["stance"] == "cooperation").sum())
        f = int((group["stance"] == "confrontation").sum())
        u = int((group["stance"] == "neutral").sum())
        dominant = "cooperation" if c > f else "confrontation" if f > c else "balanced"
        graph.add_edge(src, dst, weight=c + f + u, n_coop=c, n_conf=f, n_neutral=u,
                       stance_index=round((c - f) / (c + f), 4) if c + f else 0.0, dominant=dominant)
    return graph


def stance_eval() -> dict:
    """An evaluation report with both methods, as ``civicscope stance train`` writes it."""
    def method(matrix: list[list[int]], f1s: list[float], macro: float) -> dict:
        return {
            "macro_f1": macro, "macro_f1_ci95": [round(macro - 0.06, 4), round(macro + 0.05, 4)], "accuracy": 0.7,
            "per_class": {lab: {"precision": f, "recall": f, "f1": f, "support": sum(row)}
                          for lab, f, row in zip(STANCES, f1s, matrix)},
            "confusion_matrix": {"labels": STANCES, "rows_true_cols_predicted": matrix}, "n": sum(map(sum, matrix)),
        }
    return {
        "test": {"model": method([[40, 3, 7], [4, 30, 6], [8, 5, 47]], [0.78, 0.76, 0.75], 0.763),
                 "lexicon": method([[30, 5, 15], [6, 22, 12], [12, 9, 39]], [0.6, 0.58, 0.59], 0.59)},
        "chosen_method": "model",
        "cross_validation": {"folds": 5, "seed": 42, "model": {"mean": 0.74}, "lexicon": {"mean": 0.6}},
    }


def topic_tables(docs: pd.DataFrame, seed: int = 3) -> dict[str, pd.DataFrame]:
    """topic_info, doc_topics and topic_quality for the synthetic documents."""
    rng = random.Random(seed)
    info = pd.DataFrame({
        "topic": list(TOPIC_LABELS), "label": list(TOPIC_LABELS.values()),
        "words": ["ville:0.1; service:0.05"] * len(TOPIC_LABELS), "count": [5, 20, 15, 12, 8],
        "representative_docs": [""] * len(TOPIC_LABELS),
    })
    doc_topics = pd.DataFrame({
        "doc_id": docs["doc_id"], "topic": [rng.choice(list(TOPIC_LABELS)) for _ in range(len(docs))],
        "prob": [round(rng.random(), 3) for _ in range(len(docs))], "n_units": 1,
    })
    quality = pd.DataFrame({"model": ["bertopic", "lda", "nmf"], "n_topics": [4, 4, 4], "top_k": [10, 10, 10],
                            "npmi": [0.12, 0.04, 0.08], "diversity": [0.9, 0.62, 0.75]})
    return {"topic_info": info, "doc_topics": doc_topics, "topic_quality": quality}


def write_all(root: Path) -> dict[str, str]:
    """Write every input of every figure under ``root``; return key -> path."""
    root.mkdir(parents=True, exist_ok=True)
    docs = documents()
    stmts = statements(docs)
    types = {k: v[1] for k, v in {**PLATFORM_SIDE, **INSTITUTIONS}.items()}
    by_actor, by_type = by_actor_and_type(stmts, types, "year", 200, 42)
    topics = topic_tables(docs)
    paths = {
        "documents": root / "documents.parquet", "statements": root / "statements.parquet",
        "by_actor": root / "stance_by_actor_period.csv", "by_type": root / "stance_by_type_period.csv",
        "network": root / "stance.gexf", "metrics": root / "stance_eval.json",
        "topic_info": root / "topic_info.csv", "doc_topics": root / "doc_topics.parquet",
        "topic_quality": root / "topic_quality.csv", "actors": root / "actors.yaml",
    }
    write_parquet(docs, paths["documents"], ["doc_id"])
    write_parquet(stmts, paths["statements"], ["sent_id"])
    write_csv(by_actor, paths["by_actor"], ["actor", "period"])
    write_csv(by_type, paths["by_type"], ["actor_type", "period"])
    write_graph(stance_graph(stmts), paths["network"])
    write_json(stance_eval(), paths["metrics"])
    write_csv(topics["topic_info"], paths["topic_info"], ["topic"])
    write_parquet(topics["doc_topics"], paths["doc_topics"], ["doc_id"])
    write_csv(topics["topic_quality"], paths["topic_quality"], ["model"])
    actors_yaml(paths["actors"])
    return {k: str(v) for k, v in paths.items()}


if __name__ == "__main__":  # python tests/figures/synthetic.py OUTDIR: tables for a look by hand
    import sys

    print(json.dumps(write_all(Path(sys.argv[1])), indent=2))
