"""The examples in the docstrings of llmkg's core modules run and give what they show.

Core modules are the top-level modules of the package (src/llmkg/*.py); the HTTP modules have
their own runner (tests/http/test_doc.py), the subpackages theirs. Modules that promise an example
(their docstring is the summary, the guarantee, then a runnable example) must have at least one.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import llmkg

CORE = sorted(m.name for m in pkgutil.iter_modules(llmkg.__path__, "llmkg.") if not m.ispkg)
WITH_EXAMPLES = {
    "llmkg.formats", "llmkg.serving", "llmkg.store", "llmkg.validate",
    "llmkg.shacl_plan", "llmkg.parse", "llmkg.checks",
}
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def examples(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    return [t for t in doctest.DocTestFinder().find(module) if t.examples]


def test_the_core_modules_are_found():
    assert {"llmkg.build", "llmkg.parse", "llmkg.validate", "llmkg.checks", "llmkg.cli"} <= set(CORE)
    assert not any(name.startswith("llmkg.http") for name in CORE)


@pytest.mark.parametrize("name", CORE)
def test_docstring_examples_pass(name):
    runner = doctest.DocTestRunner(optionflags=OPTIONS)
    for test in examples(name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
    if name in WITH_EXAMPLES:
        assert result.attempted > 0, f"{name} promises runnable examples"


def test_the_examples_are_many_and_all_run():
    assert sum(len(t.examples) for name in CORE for t in examples(name)) >= 20
