"""Shared fixtures: repository paths and the small actor gazetteer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def small_gazetteer_path() -> Path:
    """A hand-written gazetteer with a few actors, groups and one ambiguous alias."""
    return FIXTURES / "actors_small.yaml"


@pytest.fixture(scope="session")
def python() -> str:
    """The interpreter running the tests (the project's venv)."""
    return sys.executable
