"""Embedding cache files: byte-identical ``.npz`` archives of ids, vectors and how they were made."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from civicscope.io import atomic_path

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # numpy stamps the current time in the archive; reruns must not differ
META_KEYS = ("backend", "model", "unit", "chunk_words")


@dataclass
class EmbeddingSet:
    """Vectors for a set of units. ``vectors`` has zero columns when the backend is fitted later."""

    ids: np.ndarray
    vectors: np.ndarray
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def deferred(self) -> bool:
        """True when the vectors are computed in the topics step (corpus-level backends)."""
        return self.vectors.shape[1] == 0


def write_npz(path: str | Path, ids: Sequence[str], vectors: np.ndarray, meta: dict[str, str]) -> None:
    """Write ids (sorted), float32 vectors and metadata as an ``.npz`` that reruns reproduce byte for byte."""
    ids_arr = np.asarray(list(ids), dtype=str)
    order = np.argsort(ids_arr, kind="stable")
    arrays = {"ids": ids_arr[order], "vectors": np.ascontiguousarray(np.asarray(vectors, dtype=np.float32)[order])}
    arrays.update({key: np.asarray(str(meta.get(key, ""))) for key in META_KEYS})
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            archive.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=_FIXED_TIME), buffer.getvalue())


def read_npz(path: str | Path) -> EmbeddingSet:
    """Read one embedding file written by :func:`write_npz`."""
    with np.load(path, allow_pickle=False) as data:
        meta = {key: str(data[key]) for key in META_KEYS if key in data.files}
        return EmbeddingSet(ids=data["ids"].astype(str), vectors=data["vectors"], meta=meta)


def _vectors_header(path: str | Path) -> tuple[tuple[int, ...], np.dtype]:
    """Shape and dtype of the ``vectors`` array of an embedding file, read without loading the array."""
    with zipfile.ZipFile(path) as archive, archive.open("vectors.npy") as handle:
        version = np.lib.format.read_magic(handle)
        read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, _, dtype = read(handle)
    return shape, dtype


def read_shards(paths: Sequence[str | Path]) -> EmbeddingSet:
    """Concatenate embedding shards; they must agree on backend, model, unit and chunk size.

    The vectors are placed straight into one array sorted by id, one shard at a time, so the
    corpus's vectors are held once (plus one shard) rather than two or three times over.
    """
    from civicscope.cli import UserError

    if not paths:
        raise UserError("no embedding file given — pass the embed stage's outputs with --embeddings")
    ids_parts, metas, headers = [], [], []
    for path in paths:
        with np.load(path, allow_pickle=False) as data:
            metas.append({key: str(data[key]) for key in META_KEYS if key in data.files})
            ids_parts.append(data["ids"].astype(str))
        headers.append(_vectors_header(path))
    first = metas[0]
    for path, meta in zip(paths, metas):
        if meta != first:
            raise UserError(
                f"{path} was made with {meta}, but {paths[0]} with {first} — re-run the embed stage for every shard"
            )
    dims = {shape[1] for shape, _ in headers}
    if len(dims) != 1:
        raise UserError(f"embedding shards have different widths {sorted(dims)} — re-run the embed stage")
    ids = np.concatenate(ids_parts)
    order = np.argsort(ids, kind="stable")
    ids = ids[order]
    if len(np.unique(ids)) != len(ids):
        raise UserError("the same unit id appears in two embedding shards — shards must be disjoint")
    target = np.empty(len(order), dtype=np.intp)
    target[order] = np.arange(len(order))
    vectors = np.empty((len(ids), dims.pop()), dtype=np.result_type(*[dtype for _, dtype in headers]))
    offset = 0
    for path, part in zip(paths, ids_parts):
        with np.load(path, allow_pickle=False) as data:
            vectors[target[offset : offset + len(part)]] = data["vectors"]
        offset += len(part)
    return EmbeddingSet(ids=ids, vectors=vectors, meta=dict(first))
