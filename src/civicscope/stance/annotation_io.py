"""Annotation round-trip with Label Studio (JSON) and doccano (JSONL).

Export writes tasks with the classifier's prediction attached; import turns the tools' exports back into
the project's annotation TSV format, refusing malformed files with the position of each problem.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from civicscope.stance import LABELS

ANNOTATION_COLUMNS = ["id", "lang", "text", "stance", "register", "phenomenon", "note"]

LABEL_STUDIO_CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Choices name="stance" toName="text" choice="single" showInLine="true">
    <Choice value="cooperation"/>
    <Choice value="confrontation"/>
    <Choice value="neutral"/>
  </Choices>
  <TextArea name="note" toName="text" placeholder="note (hard case, rule applied)" maxSubmissions="1"/>
</View>
"""


class AnnotationFormatError(ValueError):
    """An export file that cannot be read without losing or inventing labels."""


def rank_uncertain(candidates: pd.DataFrame, proba: pd.DataFrame) -> pd.DataFrame:
    """Order sentences by margin between the two most probable labels, smallest (most uncertain) first."""
    top2 = pd.DataFrame(-pd.DataFrame(-proba.to_numpy()).apply(sorted, axis=1, result_type="expand").iloc[:, :2].to_numpy(),
                        index=proba.index)
    margin = (top2[0] - top2[1]).abs()
    out = candidates.assign(margin=margin.round(6), predicted=proba.idxmax(axis=1))
    return out.sort_values(["margin", "id"], kind="mergesort").reset_index(drop=True)


def to_label_studio(tasks: pd.DataFrame, model_version: str) -> list[dict[str, Any]]:
    """Label Studio tasks with the model's guess as a pre-annotation (annotators confirm or change it)."""
    return [
        {
            "data": {"text": r.text, "id": r.id, "lang": r.lang},
            "predictions": [
                {
                    "model_version": model_version,
                    "score": float(1 - r.margin),
                    "result": [
                        {"from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": [r.predicted]}}
                    ],
                }
            ],
        }
        for r in tasks.itertuples(index=False)
    ]


def to_doccano(tasks: pd.DataFrame) -> list[dict[str, Any]]:
    """doccano text-classification lines: text plus metadata; labels left to the annotator."""
    return [{"text": r.text, "label": [], "id": r.id, "lang": r.lang, "predicted": r.predicted} for r in tasks.itertuples(index=False)]


def _row(item_id: str, lang: str, text: str, labels: list[str], note: str, where: str, problems: list[str]) -> dict | None:
    if not text:
        problems.append(f"{where}: no text")
        return None
    if not item_id:
        problems.append(f"{where}: no id (keep the 'id' field exported with each task)")
        return None
    bad = [lab for lab in labels if lab not in LABELS]
    if bad:
        problems.append(f"{where}: label {bad[0]!r} is not one of {', '.join(LABELS)}")
        return None
    if len(set(labels)) > 1:
        problems.append(f"{where}: several labels {labels}; keep one per sentence")
        return None
    return {"id": item_id, "lang": lang, "text": text, "stance": labels[0] if labels else "", "register": "",
            "phenomenon": "", "note": note}


def read_label_studio(path: str | Path) -> pd.DataFrame:
    """Read a Label Studio JSON export (list of tasks with ``annotations``)."""
    try:
        tasks = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise AnnotationFormatError(f"{path}: not valid JSON ({exc}); export from Label Studio as JSON") from exc
    if not isinstance(tasks, list):
        raise AnnotationFormatError(f"{path}: expected a JSON list of tasks (Label Studio 'JSON' export)")
    rows, problems = [], []
    for i, task in enumerate(tasks):
        where = f"{path} task {i}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            problems.append(f"{where}: no 'data' object")
            continue
        data = task["data"]
        labels, note = [], ""
        for ann in task.get("annotations") or []:
            if ann.get("was_cancelled"):
                continue
            for res in ann.get("result") or []:
                value = res.get("value") or {}
                if res.get("type") == "choices":
                    labels.extend(value.get("choices") or [])
                elif res.get("type") == "textarea":
                    note = " ".join(value.get("text") or [])
        row = _row(str(data.get("id", "")), str(data.get("lang", "")), str(data.get("text", "")), labels, note, where, problems)
        if row:
            rows.append(row)
    if problems:
        raise AnnotationFormatError("nothing imported; fix these tasks first:\n  " + "\n  ".join(problems))
    return pd.DataFrame(rows, columns=ANNOTATION_COLUMNS)


def read_doccano(path: str | Path) -> pd.DataFrame:
    """Read a doccano JSONL export (one object per line with ``text`` and ``label``)."""
    rows, problems = [], []
    for i, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path} line {i}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not valid JSON ({exc.msg})")
            continue
        labels = item.get("label") or item.get("labels") or []
        if isinstance(labels, str):
            labels = [labels]
        row = _row(str(item.get("id", "")), str(item.get("lang", "")), str(item.get("text", "")), list(labels), "", where, problems)
        if row:
            rows.append(row)
    if problems:
        raise AnnotationFormatError("nothing imported; fix these lines first:\n  " + "\n  ".join(problems))
    return pd.DataFrame(rows, columns=ANNOTATION_COLUMNS)
