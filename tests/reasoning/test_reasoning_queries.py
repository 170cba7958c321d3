"""The named queries of issue 5, run as a user would (`llmkg query NAME`) on the built store."""

from __future__ import annotations

import csv
import io

from llmkg import cli

BASE = "https://w3id.org/llmkg/"


def run_csv(capsysbinary, settings, name: str, **params: str) -> list[dict[str, str]]:
    args = ["query", name, "--format", "csv", "--store", str(settings.store)]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    assert cli.main(args) == 0
    return list(csv.DictReader(io.StringIO(capsysbinary.readouterr().out.decode("utf-8"))))


def test_commercially_usable_including_inherited_terms(built_store, capsysbinary):
    rows = {r["model"].removeprefix(BASE + "model/"): r for r in run_csv(capsysbinary, built_store,
                                                                          "commercially-usable-inherited")}
    # bound by LLaMA's research-only license or limited to research by their data: not usable
    assert not {"alpaca", "vicuna", "amberchat"} & set(rows)
    assert rows["dolly-v2"]["verdict"] == "permitted"
    # LLaMA-2's license allows commercial use below 700 million monthly active users
    assert rows["code-llama"]["verdict"] == "permitted with conditions"
    assert "user threshold" in rows["code-llama"]["conditions"]
    # Zephyr (MIT) is usable, but OpenAI's terms still travel with its data
    assert rows["zephyr"]["verdict"] == "permitted"
    assert "no development of competing models" in rows["zephyr"]["restrictions_that_still_apply"]


def test_restrictions_inherited_from_data_generated_by_proprietary_models(built_store, capsysbinary):
    rows = run_csv(capsysbinary, built_store, "restrictions-from-proprietary-data", model="zephyr")
    assert {r["trained_on"].removeprefix(BASE) for r in rows} == {"dataset/ultrachat", "dataset/ultrafeedback"}
    assert {(r["generator"], r["license"]) for r in rows} == {
        (BASE + "model/chatgpt", BASE + "license/openai-terms-of-use")}
    assert all("How Open is Generative AI? Part 2" in r["generated_by_sources"] for r in rows)


def test_open_weights_models_that_fail_the_osi_definition(built_store, capsysbinary):
    rows = run_csv(capsysbinary, built_store, "open-weights-failing-osi")
    llama_2 = [r for r in rows if r["model"] == BASE + "model/llama-2"]
    assert llama_2 and all(r["license"] == BASE + "license/llama-2-community-license" for r in llama_2)
    assert "not OSI-approved" in llama_2[0]["why_not_open_source"]
    assert "AI 系列：Models" in llama_2[0]["called_open_source_by"]
    assert BASE + "model/dolly-v2" not in {r["model"] for r in rows}
