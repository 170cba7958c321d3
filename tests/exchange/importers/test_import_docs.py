"""docs/imports.md keeps up with the importers; the examples in the importers' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest
from import_helpers import ROOT

from llmkg.exchange.importers import IMPORT_FORMATS

DOC = (ROOT / "docs" / "imports.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", IMPORT_FORMATS, ids=lambda f: f.name)
def test_every_import_format_has_a_row_and_a_mapping_section(fmt):
    assert f"| `{fmt.name}` |" in DOC, f"{fmt.name} missing from the table"
    assert f"(`{fmt.name}`)\n" in DOC, f"{fmt.name} has no mapping section"


def test_every_cli_option_is_documented():
    for option in ("--dry-run", "--replace", "--skip-unknown-licenses", "--no-build"):
        assert option in DOC


@pytest.mark.parametrize("name", ["llmkg.exchange.importers", "llmkg.exchange.licenses", "llmkg.exchange.crosswalk",
                                  "llmkg.exchange.progress"])
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted and result.failed == 0
