"""Fixtures for the extract tests: the shared sample builders of tests/collect/samples.py."""

from __future__ import annotations

import pytest

import tests.collect.samples as sample_builders


@pytest.fixture(scope="session")
def samples():
    """The sample builders (pages, PDFs, bombs)."""
    return sample_builders
