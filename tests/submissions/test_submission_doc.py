"""The examples in the submission modules' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["body", "context", "imports", "records", "report", "service", "tokens"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(f"llmkg.submissions.{name}"))
    assert result.attempted > 0 and result.failed == 0
