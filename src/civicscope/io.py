"""Stable identifiers and atomic, deterministic writers for every table the workflow produces."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterator, Sequence

import pandas as pd

_TSV_BREAKS = re.compile(r"[\t\r\n\x1f]+")
_NO_QUOTE = "\x1f"  # a control character never kept in text, so quotes in text stay literal
_UMASK = os.umask(0)
os.umask(_UMASK)
CSV_ENCODING = "utf-8-sig"  # the BOM lets Excel read accents; R and pandas skip it


def doc_id_for(location: str) -> str:
    """Return the stable document id: the first 16 hex chars of sha256 of the canonical location."""
    return hashlib.sha256(location.encode("utf-8")).hexdigest()[:16]


def sent_id_for(doc_id: str, index: int) -> str:
    """Return the stable sentence id ``{doc_id}-{index:05d}``."""
    return f"{doc_id}-{index:05d}"


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    """Return the hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` only if the block succeeds.

    A crash mid-write therefore never leaves a truncated output that a later run would trust.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp creates owner-only files; outputs are meant to be shared like any other file.
        os.chmod(tmp_path, 0o666 & ~_UMASK)
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _sorted(df: pd.DataFrame, sort_by: Sequence[str] | None) -> pd.DataFrame:
    if sort_by:
        df = df.sort_values(list(sort_by), kind="mergesort", na_position="last")
    return df.reset_index(drop=True)


def write_parquet(df: Any, path: str | Path, sort_by: Sequence[str] | None = None) -> None:
    """Write ``df`` (a DataFrame or a pyarrow Table) as Parquet, sorted by ``sort_by``, atomically."""
    if isinstance(df, pd.DataFrame):
        df = _sorted(df, sort_by)
        with atomic_path(path) as tmp:
            df.to_parquet(tmp, index=False, engine="pyarrow", compression="zstd")
        return
    import pyarrow.parquet as pq

    if sort_by:
        df = df.sort_by([(column, "ascending") for column in sort_by])
    with atomic_path(path) as tmp:
        pq.write_table(df, tmp, compression="zstd")


def write_csv(df: pd.DataFrame, path: str | Path, sort_by: Sequence[str] | None = None, sep: str = ",") -> None:
    """Write ``df`` as a people-facing CSV (UTF-8 with BOM), sorted by ``sort_by``, atomically."""
    df = _sorted(df, sort_by)
    with atomic_path(path) as tmp:
        df.to_csv(tmp, index=False, sep=sep, encoding=CSV_ENCODING, lineterminator="\n", float_format="%.6g")


def write_tsv(df: pd.DataFrame, path: str | Path, sort_by: Sequence[str] | None = None) -> None:
    """Write ``df`` as a plain UTF-8 TSV without quoting, sorted, atomically.

    Tabs and line breaks inside text fields become spaces, so every row is one line and quotes stay
    literal: the file reads back identically with ``read_table`` and with spreadsheet imports.
    """
    df = _sorted(df, sort_by).copy()
    for col in df.columns:
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            df[col] = df[col].map(lambda v: _TSV_BREAKS.sub(" ", v) if isinstance(v, str) else v)
    with atomic_path(path) as tmp:
        df.to_csv(
            tmp, index=False, sep="\t", encoding="utf-8", lineterminator="\n", float_format="%.6g",
            quoting=csv.QUOTE_NONE, quotechar=_NO_QUOTE,
        )


def write_json(obj: Any, path: str | Path) -> None:
    """Write ``obj`` as indented JSON with sorted keys, atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def write_text(text: str, path: str | Path) -> None:
    """Write ``text`` atomically (UTF-8)."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def read_tsv(path: str | Path) -> pd.DataFrame:
    """Read a tab-separated file written by :func:`write_tsv` or by hand: strings, quotes kept literal."""
    return pd.read_csv(path, sep="\t", encoding=CSV_ENCODING, dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)


def read_table(path: str | Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a Parquet, CSV or TSV table chosen by extension."""
    p = Path(path)
    if p.suffix == ".parquet":
        return pd.read_parquet(p, columns=list(columns) if columns else None)
    if p.suffix in {".tsv", ".tab"}:
        df = read_tsv(p)
    else:
        df = pd.read_csv(p, encoding=CSV_ENCODING, dtype=str, keep_default_na=False)
    return df[list(columns)] if columns else df
