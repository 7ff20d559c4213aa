"""Small helpers shared by the figure modules: reading inputs, periods, panel titles."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from civicscope.io import CSV_ENCODING

_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")


def read_csv(path: str | Path, text_columns: Sequence[str] = ()) -> pd.DataFrame:
    """Read a workflow CSV (UTF-8 with BOM); ``text_columns`` stay strings ("2019" is a period, not a number)."""
    dtype = {c: str for c in text_columns}
    return pd.read_csv(path, encoding=CSV_ENCODING, dtype=dtype, keep_default_na=True).fillna({c: "" for c in text_columns})


def read_parquet(path: str | Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a Parquet table, optionally only ``columns``."""
    return pd.read_parquet(path, columns=list(columns) if columns else None)


def read_json(path: str | Path) -> dict[str, Any]:
    """Read a JSON document."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def optional(paths: Mapping[str, str], key: str) -> str | None:
    """The path given for ``key`` if it was given and exists, else None."""
    value = paths.get(key)
    return value if value and Path(value).exists() else None


def period_position(period: str) -> float:
    """Numeric x position of a period label: "2019" -> 2019.0, "2019-Q3" -> 2019.5; NaN if unparsable."""
    match = _PERIOD.match(str(period))
    if not match:
        return float("nan")
    year, quarter = int(match.group(1)), match.group(2)
    return year + (int(quarter) - 1) / 4 if quarter else float(year)


def topic_display(topic: int, label: str, outliers: str, width: int = 38) -> str:
    """Row label of a topic: "3. label", the outlier class in words, long labels shortened."""
    if int(topic) == -1:
        return outliers
    label = str(label or "")
    # BERTopic's own names look like "3_word_word": show the words, once.
    prefix = f"{int(topic)}_"
    if label.startswith(prefix):
        label = ", ".join(w for w in label[len(prefix):].split("_") if w)
    text = f"{int(topic)}. {label}".strip()
    return text if len(text) <= width else text[: width - 1].rstrip(" ,;") + "…"


def panel_title(ax: Any, letter: str, text: str) -> None:
    """Left-aligned panel title "a  Text" (journals refer to panels by letter)."""
    ax.set_title(f"{letter}   {text}" if text else letter, loc="left")


def is_blank(value: Any) -> bool:
    """True for None, NaN, NA and the empty string."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return str(value).strip() == ""


def kept_documents(docs: pd.DataFrame) -> pd.DataFrame:
    """Documents that are not near-duplicates of another (``dup_of`` empty)."""
    # astype(bool): on an empty frame map() yields an object Series, which pandas reads as column labels.
    return docs[docs["dup_of"].map(is_blank).astype(bool)]
