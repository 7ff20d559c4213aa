"""Saving and reloading the fitted topic model so that it gives the same assignments again.

BERTopic's safetensors format stores only topic embeddings and c-TF-IDF, not UMAP or HDBSCAN, and a
model reloaded from it assigns topics by cosine similarity instead: different assignments. The
model is therefore pickled whole (UMAP and HDBSCAN included). A pickle must be loaded with the same
library versions, and only from a trusted source; the manifest records those versions.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Mapping

logger = logging.getLogger(__name__)

MODEL_FILE = "bertopic.pickle"
MANIFEST_FILE = "manifest.json"
UNITS_FILE = "units.parquet"
EMBEDDER_FILE = "tfidf_svd.pickle"


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("bertopic", "umap-learn", "hdbscan", "scikit-learn", "numpy", "sentence-transformers", "civicscope"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = ""
    return out


def save_model(models_dir: str | Path, model: Any, unit_topics, manifest: Mapping[str, Any], embedder: Any = None) -> None:
    """Write the pickled model, the unit assignments and a manifest into ``models_dir`` (atomically)."""
    import pickle

    from civicscope.io import atomic_path, write_json, write_parquet

    out = Path(models_dir)
    out.mkdir(parents=True, exist_ok=True)
    from civicscope.topics.model import quiet_bertopic

    with atomic_path(out / MODEL_FILE) as tmp, quiet_bertopic():  # its pickle warning is in our manifest
        model.save(str(tmp), serialization="pickle", save_embedding_model=True)
    if embedder is not None:
        with atomic_path(out / EMBEDDER_FILE) as tmp, open(tmp, "wb") as handle:
            pickle.dump(embedder, handle, protocol=pickle.HIGHEST_PROTOCOL)
    write_parquet(unit_topics, out / UNITS_FILE, sort_by=["unit_id"])
    write_json({**manifest, "format": "pickle", "versions": _versions()}, out / MANIFEST_FILE)
    logger.info("topic model saved under %s", out)


def load_model(models_dir: str | Path) -> Any:
    """Load the pickled BERTopic model from ``models_dir``."""
    from bertopic import BERTopic

    return BERTopic.load(str(Path(models_dir) / MODEL_FILE))
