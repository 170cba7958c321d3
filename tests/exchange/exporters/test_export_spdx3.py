"""SPDX 3.0.1 export loaded by the SPDX model bindings (`spdx-python-model`), the SPDX project's own."""

from __future__ import annotations

import io
import json

import pytest

from llmkg.exchange.exporters import export

spdx_python_model = pytest.importorskip("spdx_python_model")
from spdx_python_model import v3_0_1 as spdx  # noqa: E402

BASE = "https://w3id.org/llmkg/"


def load(kg, options, entity=None):
    """Deserialize, link every reference, and serialize again (which checks mandatory properties)."""
    model, objset = spdx_python_model.load_data(json.loads(export(kg, "spdx3", entity, options).content))
    assert model is spdx
    missing = objset.link()
    assert not missing, f"references to elements not in the document: {sorted(missing)[:5]}"
    spdx.JSONLDSerializer().write(objset, io.BytesIO())
    return objset


def relationship(objset, frm: str, kind: str) -> set[str]:
    found = [r for r in objset.foreach_type(spdx.Relationship)
             if r.from_._id == BASE + frm and r.relationshipType.endswith("/" + kind)]
    return {t._id.removeprefix(BASE) for r in found for t in r.to}


@pytest.mark.parametrize("entity", [None, "model/zephyr", "model/alpaca", "dataset/the-pile"])
def test_spdx3_export_loads_without_errors(real_kg, options, entity):
    objset = load(real_kg, options, entity)
    docs = list(objset.foreach_type(spdx.SpdxDocument))
    assert len(docs) == 1 and docs[0].rootElement


def test_spdx3_has_ai_and_dataset_packages_and_their_relationships(real_kg, options):
    objset = load(real_kg, options)
    ai = {p._id for p in objset.foreach_type(spdx.ai_AIPackage)}
    data = {p._id for p in objset.foreach_type(spdx.dataset_DatasetPackage)}
    assert {BASE + "model/zephyr", BASE + "model/alpaca", BASE + "model/mistral-7b"} <= ai
    assert {BASE + "dataset/ultrachat", BASE + "dataset/the-pile"} <= data
    assert relationship(objset, "model/zephyr", "trainedOn") == {"dataset/ultrachat", "dataset/ultrafeedback"}
    assert relationship(objset, "model/zephyr", "descendantOf") == {"model/mistral-7b"}
    assert {"model/llama", "model/llama-2"} <= relationship(objset, "model/alpaca", "descendantOf")
    assert relationship(objset, "model/zephyr", "hasDeclaredLicense") == {"spdx/license/MIT"}
    mit = objset.find_by_id(BASE + "spdx/license/MIT")
    assert mit.simplelicensing_licenseExpression == "MIT"
    custom = objset.find_by_id(BASE + "spdx/license/llama-2-community-license")
    assert custom.simplelicensing_licenseExpression == "LicenseRef-llama-2-community-license"


def test_spdx3_elements_name_their_source_documents(real_kg, options):
    objset = load(real_kg, options, "model/zephyr")
    zephyr = objset.find_by_id(BASE + "model/zephyr")
    locators = {loc for ref in zephyr.externalRef for loc in ref.locator}
    assert BASE + "source/how-open-is-generative-ai-part-2" in locators
