"""Malformed records give clear per-record errors (file, record, field, line) and write nothing."""

from __future__ import annotations

import pytest
from import_helpers import FIXTURES, snapshot

from llmkg import cli
from llmkg.exchange.importers import import_file

CASES = [
    # format, fixture, field of the error, line, words the message must contain
    ("mot", "mot/bad-yaml.yml", "", 9, "bad YAML"),
    ("mot", "mot/unknown-license.yml", "release.license.distribution.name", 14, "Frobnicate Public License 2.1"),
    ("mot", "mot/missing-name.yml", "release.name", 4, "missing required field 'release.name'"),
    ("osai", "osai/missing-system-name.yaml", "system.name", 1, "missing required field 'system.name'"),
    ("osai", "osai/bad-class.yaml", "weights_endmodel.class", 11, "'mostly-open'"),
    ("hf-card", "hf-card/acme--broken.md", "", 4, "bad YAML"),
    ("hf-card", "hf-card/acme--no-front-matter.md", "", 1, "no YAML front matter"),
    ("mldcat-ap", "mldcat-ap/bad.ttl", "", 6, "bad Turtle"),  # the unterminated IRI starts on line 6
    ("mldcat-ap", "mldcat-ap/no-model.ttl", "rdf:type", 1, "no it6:MachineLearningModel"),
    ("os-ai-map", "os-ai-map/missing-product.yaml", "product", 1, "missing required field"),
]


@pytest.mark.parametrize(("fmt", "fixture", "field", "line", "words"), CASES, ids=[c[1] for c in CASES])
def test_error_names_file_field_and_line_and_no_statements(fmt, fixture, field, line, words):
    r = import_file(fmt, (FIXTURES / fixture).read_bytes(), fixture)
    assert not r.ok and r.quads == []
    err = r.errors[0]
    assert (err.field, err.line) == (field, line), str(err)
    assert words in err.message and err.file == fixture
    assert str(err).startswith(f"{fixture}:{line}")


def test_unknown_license_names_the_record_and_can_be_left_out_on_request():
    data = (FIXTURES / "mot" / "unknown-license.yml").read_bytes()
    strict = import_file("mot", data, "unknown-license.yml")
    assert strict.errors[0].record == "Frob-7B"
    from llmkg.exchange.importers import Context

    lenient = import_file("mot", data, "unknown-license.yml", Context(unknown_license="warning"))
    assert lenient.ok and lenient.quads
    assert not any(q.predicate.value.endswith("/license") and "frob" in q.object.value.lower() for q in lenient.quads)
    # the component's own 'apache 2.0' is still normalised
    assert any(q.object.value == "http://spdx.org/licenses/Apache-2.0" for q in lenient.quads)


def test_cli_writes_nothing_when_one_file_of_several_is_malformed(repo, monkeypatch, capsys, peers):
    monkeypatch.setenv("LLMKG_ROOT", str(repo.root))
    before = snapshot(repo.root)
    files = [str(peers / "model-openness-tool" / "Amber.yml"), str(FIXTURES / "mot" / "unknown-license.yml"),
             str(FIXTURES / "mot" / "bad-yaml.yml")]
    assert cli.main(["import", "mot", *files, "--store", str(repo.store)]) == 1
    err = capsys.readouterr().err
    assert "2 errors in 2 file(s); nothing written" in err
    assert "unknown-license.yml:14 [Frob-7B] release.license.distribution.name" in err
    assert "bad-yaml.yml:9" in err
    assert snapshot(repo.root) == before  # no file written, no store built
    assert not repo.store.exists()
