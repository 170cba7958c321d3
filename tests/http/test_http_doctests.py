"""The examples in the HTTP modules' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["llmkg.http.negotiation", "llmkg.http.iris", "llmkg.http.execution"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


def test_sparql_words_example():
    from llmkg import store

    finder = doctest.DocTestFinder()
    (test,) = [t for t in finder.find(store.sparql_words, "sparql_words", globs=vars(store)) if t.examples]
    assert doctest.DocTestRunner().run(test).failed == 0
