"""The examples in the exporters' docstrings run."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import llmkg.exchange.exporters as exporters

MODULES = ["llmkg.exchange.exporters"] + [f"llmkg.exchange.exporters.{m.name}"
                                         for m in pkgutil.iter_modules(exporters.__path__)]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
