"""Configuration checks that fail fast with a message naming the key and the fix.

The workflow calls :func:`check_config` when it loads, before any job runs. The package itself never reads
``config.yaml``: commands receive values as arguments.
"""

from __future__ import annotations

import difflib
import logging
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

logger = logging.getLogger(__name__)


class ConfigError(ValueError):
    """A configuration problem the user can fix; the message lists each problem and its fix."""


def load_yaml(path: str | Path) -> Any:
    """Read a YAML file, turning syntax errors into a message with the file and line."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc}). Check indentation and quotes.") from exc


def _dotted(path: Iterable[Any]) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


def _describe(error: Any, label: str) -> str:
    """Turn one jsonschema error into a sentence with the key and a fix."""
    where = _dotted(error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        parts = []
        for key in extra:
            key_path = f"{where}.{key}" if error.absolute_path else key
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else f" Allowed keys here: {', '.join(allowed)}."
            parts.append(f"{label}: unknown key '{key_path}'.{hint}")
        return "\n".join(parts)
    if error.validator == "required":
        return f"{label}: key '{where}' lacks a required entry: {error.message}. Add it (see config/README.md)."
    if error.validator == "type":
        return (
            f"{label}: key '{where}' has value {error.instance!r}, which is not of type "
            f"{error.validator_value}. Write a value of type {error.validator_value}."
        )
    if error.validator == "enum":
        return f"{label}: key '{where}' is {error.instance!r}; allowed values: {error.validator_value}."
    return f"{label}: key '{where}': {error.message}."


def schema_errors(data: Any, schema_path: str | Path, label: str) -> list[str]:
    """Validate ``data`` against a YAML JSON-schema; return one readable message per problem."""
    import jsonschema

    schema = load_yaml(schema_path)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator = validator_cls(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [_describe(e, label) for e in errors]


def check_config(config: Mapping[str, Any], schema_path: str | Path, label: str = "config/config.yaml") -> None:
    """Check the workflow config and the files it names; raise :class:`ConfigError` listing every problem."""
    problems = schema_errors(dict(config), schema_path, label)
    if not problems:
        for key in ("sources", "actors", "stance_lexicon"):
            if not Path(config[key]).is_file():
                problems.append(f"{label}: key '{key}' points to '{config[key]}', which does not exist.")
        for key, value in config.get("annotations", {}).items():
            if not Path(value).is_file():
                problems.append(f"{label}: key 'annotations.{key}' points to '{value}', which does not exist.")
    if not problems:
        actors_schema = Path(schema_path).with_name("actors.schema.yaml")
        if actors_schema.is_file():
            problems += schema_errors(load_yaml(config["actors"]), actors_schema, str(config["actors"]))
    if problems:
        raise ConfigError("The configuration has problems; nothing was run.\n  - " + "\n  - ".join(problems))
