"""The contracts layer's errors: one exception type the CLI reports without a traceback."""

from __future__ import annotations

import argparse
import logging

import pytest

from civicscope import cli
from civicscope.contracts.errors import ConfigError, UserError


def test_cli_reports_contract_errors_without_traceback(monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    def fail(_args: argparse.Namespace) -> int:
        raise ConfigError("my/config.yaml", ["stance.method: 'modle' is unknown; write fast or embedding"])

    parser = argparse.ArgumentParser()
    parser.set_defaults(func=fail, verbose=False)
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    with caplog.at_level(logging.ERROR):
        assert cli.main([]) == 2
    assert "my/config.yaml: 1 problem(s)" in caplog.text
    assert "Traceback" not in caplog.text


def test_config_error_lists_every_problem_with_its_file() -> None:
    err = ConfigError("my/config.yaml", ["a: fix a", "b: fix b"])
    assert isinstance(err, UserError)
    text = str(err)
    assert text.startswith("my/config.yaml: 2 problem(s)")
    assert "- a: fix a" in text and "- b: fix b" in text
