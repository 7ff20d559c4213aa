"""Fixtures for the extract tests: the shared sample builders of tests/collect/samples.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SAMPLES_MODULE = "civicscope_test_samples"


@pytest.fixture(scope="session")
def samples():
    """The sample builders (pages, PDFs, bombs), imported by path under a unique module name."""
    if SAMPLES_MODULE not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "collect" / "samples.py"
        spec = importlib.util.spec_from_file_location(SAMPLES_MODULE, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[SAMPLES_MODULE] = module
        spec.loader.exec_module(module)
    return sys.modules[SAMPLES_MODULE]
