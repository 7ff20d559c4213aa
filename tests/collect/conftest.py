"""Fixtures for the collect tests: a fresh local HTTP server per test."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SAMPLES_MODULE = "civicscope_test_samples"


def load_samples():
    """Import tests/collect/samples.py once, under a unique module name."""
    if SAMPLES_MODULE not in sys.modules:
        spec = importlib.util.spec_from_file_location(SAMPLES_MODULE, Path(__file__).with_name("samples.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[SAMPLES_MODULE] = module
        spec.loader.exec_module(module)
    return sys.modules[SAMPLES_MODULE]


@pytest.fixture()
def server():
    """A fresh, empty local server for one test."""
    srv = load_samples().LocalServer()
    yield srv
    srv.close()
