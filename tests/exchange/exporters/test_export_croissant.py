"""Croissant 1.1 export loaded by `mlcroissant`, MLCommons' reference implementation.

`mlc.Dataset(jsonld=…)` raises `ValidationError` on any error; its warnings (recommended
properties no source gives: citeAs, version, datePublished, license) are listed in docs/exports.md.
"""

from __future__ import annotations

import json
import logging

import pytest

from llmkg.exchange.exporters import export

mlc = pytest.importorskip("mlcroissant")
logging.getLogger("absl").setLevel(logging.ERROR)

BASE = "https://w3id.org/llmkg/"
KNOWN_WARNINGS = ("citeAs", "version", "datePublished", "license")


def test_every_dataset_loads_in_mlcroissant_without_errors(real_kg, options):
    docs = json.loads(export(real_kg, "croissant", None, options).content)
    assert len(docs) >= 20
    for doc in docs:
        metadata = mlc.Dataset(jsonld=doc).metadata
        assert metadata.name == doc["name"]
        for warning in metadata.ctx.issues.warnings:
            assert any(f'/{w}"' in str(warning) for w in KNOWN_WARNINGS), warning


def test_one_dataset_is_one_croissant_document_with_its_provenance(real_kg, options):
    doc = json.loads(export(real_kg, "croissant", "dataset/ultrachat", options).content)
    assert doc["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    metadata = mlc.Dataset(jsonld=doc).metadata
    assert metadata.name == doc["name"]
    sources = doc["subjectOf"] if isinstance(doc["subjectOf"], list) else [doc["subjectOf"]]
    assert BASE + "source/how-open-is-generative-ai-part-2" in {s["@id"] for s in sources}


def test_a_model_exports_the_datasets_it_was_trained_on(real_kg, options):
    docs = json.loads(export(real_kg, "croissant", "model/zephyr", options).content)
    assert {d["@id"] for d in docs} == {BASE + "dataset/ultrachat", BASE + "dataset/ultrafeedback"}
