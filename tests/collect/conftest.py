"""Fixtures for the collect tests: a fresh local HTTP server per test."""

from __future__ import annotations


import pytest

import tests.collect.samples as samples


def load_samples():
    """The shared test material of tests/collect/samples.py."""
    return samples


@pytest.fixture()
def server():
    """A fresh, empty local server for one test."""
    srv = load_samples().LocalServer()
    yield srv
    srv.close()
