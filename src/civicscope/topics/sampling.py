"""The seeded sample of units the topic model is fitted on when a corpus is too large to fit whole.

UMAP and HDBSCAN grow faster than linearly in memory and time with the number of points, so above
``fit_sample_size`` units the model is fitted on a random sample and every unit is then assigned a
topic with the fitted model (see :mod:`civicscope.topics.assign`).

The sample is a simple random sample, not stratified by period: topics are assigned to every unit
afterwards, so the per-period counts come from the whole corpus anyway; with 20,000 sampled units
each period's share in the sample is within about half a percentage point of its share in the
corpus; and stratifying would make the fitted model depend on ``--period`` (year or quarter), a
setting that should only change how results are tabulated.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any, Sequence

import numpy as np

logger = logging.getLogger(__name__)

METHOD = "simple random sample of units (smallest blake2b(seed, unit_id))"


def _key(seed: int, unit_id: str) -> int:
    """A pseudo-random rank of a unit: a hash of the seed and the unit id (the same on every platform)."""
    digest = hashlib.blake2b(f"{seed}\x1f{unit_id}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def fit_sample(unit_ids: Sequence[str], size: int | None, seed: int) -> np.ndarray | None:
    """Return the sorted row indices of the units to fit on, or None when every unit is used.

    Ranking units by a hash of (seed, unit id) instead of drawing from a random generator keeps the
    sample identical across numpy versions and independent of the order the units come in.

    Args:
        unit_ids: ids of all units (unique).
        size: units to fit on; 0 or None means all units.
        seed: the run's seed.
    """
    n = len(unit_ids)
    if not size or size <= 0 or n <= size:
        return None
    keys = np.fromiter((_key(seed, str(u)) for u in unit_ids), dtype=np.uint64, count=n)
    chosen = np.argsort(keys, kind="stable")[:size]
    logger.info("fitting on a random sample of %d of %d unit(s) (seed %d)", size, n, seed)
    return np.sort(chosen)


def fit_info(n_units: int, rows: np.ndarray | None, size: int | None, seed: int, assignment: str) -> dict[str, Any]:
    """Describe what the model was fitted on, for ``topic_fit.json`` and the model manifest."""
    sampled = rows is not None
    return {
        "n_units": int(n_units),
        "n_fit_units": int(len(rows)) if sampled else int(n_units),
        "sampled": sampled,
        "fit_sample_size": int(size or 0),
        "seed": int(seed),
        "sampling": METHOD if sampled else "none (all units)",
        "assignment": assignment if sampled else "fit (topics_ of the model)",
    }
