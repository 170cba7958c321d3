"""Hugging Face model-card metadata: YAML front matter with the keys the Hub reads."""

from __future__ import annotations

import yaml

from llmkg.exchange.exporters import export

BASE = "https://w3id.org/llmkg/"


def card(kg, options, model: str) -> dict:
    text = export(kg, "hf-card", f"model/{model}", options).content.decode()
    assert text.startswith("---\n") and text.endswith("---\n")  # a README front-matter block
    docs = [d for d in yaml.safe_load_all(text) if d is not None]
    assert len(docs) == 1
    return docs[0]


def test_zephyr_card_names_its_license_base_model_and_datasets(real_kg, options):
    meta = card(real_kg, options, "zephyr")
    assert meta["license"] == "mit"
    assert meta["base_model"] == "mistralai/Mistral-7B-v0.1"  # from the Hugging Face page a source links
    assert meta["base_model_relation"] == "finetune"
    assert meta["datasets"] == [BASE + "dataset/ultrachat", BASE + "dataset/ultrafeedback"]
    assert meta["llmkg"]["sources"][0]["link"] == BASE + "source/how-open-is-generative-ai-part-2"


def test_alpaca_card_keeps_both_stated_bases_and_both_licenses(real_kg, options):
    meta = card(real_kg, options, "alpaca")
    assert meta["base_model"] == [BASE + "model/llama", BASE + "model/llama-2"]
    assert meta["base_model_relation"] == "finetune"
    assert meta["datasets"] == [BASE + "dataset/alpaca-data"]
    assert meta["license"] == "other"
    assert {lic["link"] for lic in meta["llmkg"]["licenses"]} == {
        BASE + "license/llama-license", BASE + "license/openai-terms-of-use"}


def test_the_whole_catalogue_is_a_yaml_stream_of_cards(real_kg, options):
    docs = [d for d in yaml.safe_load_all(export(real_kg, "hf-card", None, options).content) if d is not None]
    assert len(docs) > 100
    assert all(d["llmkg"]["id"].startswith(BASE + "model/") for d in docs)
