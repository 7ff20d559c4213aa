"""Human topic labels from ``config/topic_labels.yaml`` (topic id → label)."""

from __future__ import annotations

from pathlib import Path


def load_labels(path: str | Path | None) -> dict[int, str]:
    """Read a YAML mapping of topic id to label; a missing path or an empty file gives no override."""
    from civicscope.cli import UserError

    if not path:
        return {}
    p = Path(path)
    if not p.exists():
        raise UserError(f"topic label file {p} does not exist — create it (an empty mapping {{}} is fine)")
    import yaml

    data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise UserError(f"{p} must be a mapping of topic id to label, e.g. `3: ride-hailing regulation`")
    labels = {}
    for key, value in data.items():
        try:
            topic = int(key)
        except (TypeError, ValueError) as exc:
            raise UserError(f"{p}: topic id {key!r} is not an integer") from exc
        if value is not None and str(value).strip():
            labels[topic] = str(value).strip()
    return labels
