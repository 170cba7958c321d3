"""Peer files through submissions: `POST /submissions?import=FORMAT` maps a Model Openness Tool
(OSAI, model card, MLDCAT-AP, os-ai-map) file with the store's crosswalk and commits it as an
ordinary authenticated submission; importer errors are refused with the file, record, field and
line; `POST /validate?import=` writes nothing; `llmkg import FORMAT FILE --server URL` sends files
to a running server.

The expected licenses are typed by hand from the MOT files in ../shared/peer-formats/."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest
from subcheck import BASE, LLMKG, bearer, fixture, run, state

from llmkg.submissions import imports

PEERS = Path(__file__).resolve().parents[2].parent / "shared" / "peer-formats"  # as tests/conftest.py PEER_FORMATS
MOT = PEERS / "model-openness-tool"
OSAI = PEERS / "osai-index"
YAML = {"content-type": "application/yaml"}
SPDX = "http://spdx.org/licenses/"
APACHE, MIT, RAIL, CC_BY = (SPDX + x for x in ("Apache-2.0", "MIT", "BigScience-BLOOM-RAIL-1.0", "CC-BY-4.0"))
UPSTREAM = "https://github.com/lfai/model_openness_tool/blob/8b5d30e/models/"
SUBMISSION_SOURCE = "SELECT ?src WHERE {{ GRAPH <{g}> {{ <{g}> <" + LLMKG + "recordsSource> ?src }} }}"


def peer(path: Path) -> bytes:
    if not path.is_file():
        pytest.skip(f"the peer records are not at {path.parent} (../shared/peer-formats beside the project)")
    return path.read_bytes()


def send(client, secret: str, body: bytes, fmt: str = "mot", name: str | None = None, **params: str):
    query = {"import": fmt, **({"name": name} if name else {}), **params}
    return client.post("/submissions", content=body, headers=bearer(secret, **YAML), params=query)


def select(client, query: str) -> list[dict[str, str]]:
    r = client.get("/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def ask(client, query: str) -> bool:
    r = client.get("/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"})
    return r.json()["boolean"]


def components(client, graph: str, model: str) -> dict[str, str | None]:
    """Each component (artifact) of `model` in `graph`, by label, with its license (None: none)."""
    rows = select(client, f"""PREFIX llmkg: <{LLMKG}> PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?label ?license WHERE {{ GRAPH <{graph}> {{
  <{model}> ?link ?art . ?art <http://www.w3.org/2000/01/rdf-schema#label> ?label
  OPTIONAL {{ ?art dct:license ?license }} }}
  FILTER(?link IN (llmkg:hasCode, llmkg:hasWeights, llmkg:hasArtifact, llmkg:hasPaper)) }}""")
    return {r["label"]: r.get("license") for r in rows}


def error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    err = response.json()["error"]
    assert err["status"] == status and err["code"] == code
    return err


# ---------------------------------------------------------------- the real MOT files


def _mot(model: str, default: str | None, own: dict[str, str | None], names: list[str]) -> dict[str, str | None]:
    return {f"{model}: {n}": own.get(n, default) for n in names}


AMBER = ["Model architecture", "Data preprocessing code", "Training code", "Inference code", "Evaluation code",
         "Supporting libraries and tools", "Model parameters (Final)", "Model parameters (Intermediate)", "Datasets",
         "Evaluation data", "Sample model outputs", "Model card", "Data card", "Technical report", "Research paper",
         "Evaluation results"]
BLOOM = ["Model architecture", "Training code", "Inference code", "Evaluation code", "Model parameters (Final)",
         "Model parameters (Intermediate)", "Datasets", "Model metadata", "Model card", "Data card",
         "Technical report", "Research paper", "Evaluation results"]
FALCON = ["Model architecture", "Inference code", "Supporting libraries and tools", "Model parameters (Final)",
          "Datasets", "Model card", "Data card", "Research paper"]
# file -> (the model, its distribution license, its components' licenses): from the YAML, by hand
MOT_FILES = {
    "Amber.yml": ("amber", APACHE, _mot("Amber", APACHE, {"Datasets": MIT}, AMBER)),
    "BLOOM.yml": ("bloom", RAIL, _mot("BLOOM", RAIL, {"Technical report": CC_BY, "Research paper": CC_BY}, BLOOM)),
    "Falcon-40B.yml": ("falcon-40b", None,
                       _mot("Falcon-40B", None, {"Model architecture": APACHE, "Inference code": APACHE}, FALCON)),
}


@pytest.mark.parametrize("name", sorted(MOT_FILES))
def test_a_real_mot_file_becomes_a_submission_whose_component_licenses_are_queryable(client, tokens, name):
    slug, distribution, expected = MOT_FILES[name]
    r = send(client, tokens["alice"], peer(MOT / name), name=name)
    assert r.status_code == 201, r.text
    body = r.json()
    graph, model = body["graph"], f"{BASE}model/{slug}"
    assert body["status"] == "accepted" and body["submitter"] == "alice" and body["report"]["conforms"] is True
    assert components(client, graph, model) == expected
    licenses = [row["l"] for row in select(client, f"SELECT ?l WHERE {{ GRAPH <{graph}> {{ <{model}> "
                                                    "<http://purl.org/dc/terms/license> ?l } }")]
    assert licenses == ([distribution] if distribution else [])
    # provenance: the description names the format and record, the source URL is the upstream record
    record = body["imported"]["records"][0]
    assert body["description"].startswith(f"Imported from the mot record {record} (file {name}, ")
    assert body["source_url"] == body["imported"]["upstream"] == UPSTREAM + name
    (src,) = select(client, SUBMISSION_SOURCE.format(g=graph))
    assert src["src"] == f"{BASE}submission/{body['id']}"
    assert ask(client, f"ASK {{ GRAPH <{graph}> {{ <{src['src']}> <http://purl.org/dc/terms/source> "
                       f"<{UPSTREAM}{name}> }} }}")
    # the importer's own graph record and source document stay out: the submission's are the provenance
    assert not ask(client, f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
                           "FILTER(CONTAINS(STR(?s), '/import/') || CONTAINS(STR(?o), '/import/')) }")


def test_what_the_importer_could_not_map_is_answered_and_kept_per_record(client, tokens):
    body = send(client, tokens["alice"], peer(MOT / "Falcon-40B.yml"), name="Falcon-40B.yml").json()
    problems = body["imported"]["problems"]
    # Falcon-40B.yml: components 2 to 7 are `unlicensed` (lines 28 to 48), `origin` is free text (line 12)
    unlicensed = [(p["field"], p["line"]) for p in problems if "'unlicensed' means no license" in p["message"]]
    assert unlicensed == [(f"release.components[{i}].license", 28 + 4 * (i - 2)) for i in range(2, 8)]
    assert ("release.origin", 12) in {(p["field"], p["line"]) for p in problems}
    assert {(p["file"], p["record"], p["severity"]) for p in problems} == {("Falcon-40B.yml", "Falcon-40B", "warning")}
    kept = client.get(f"/submissions/{body['id']}").json()
    assert kept["imported"] == body["imported"] and kept["triples"] == body["triples"] == 51
    again = send(client, tokens["alice"], peer(MOT / "Falcon-40B.yml"), name="Falcon-40B.yml")
    assert again.status_code == 200 and again.json()["id"] == body["id"] and again.json()["created"] is False


# ---------------------------------------------------------------- the crosswalk


GPT_NEOX = b"""release:
  name: GPT-NeoX
  huggingface: 'https://huggingface.co/EleutherAI/gpt-neox-20b'
  license:
    distribution:
      name: Apache-2.0
  components:
    - name: 'Model parameters (Final)'
"""


def test_a_record_about_a_model_the_store_has_lands_on_that_models_iri(client, tokens):
    # the store knows model/gpt-neox-20b, labelled "GPT-NeoX" by a source document
    r = send(client, tokens["alice"], GPT_NEOX, name="GPT-NeoX.yml")
    assert r.status_code == 201, r.text
    graph, known = r.json()["graph"], BASE + "model/gpt-neox-20b"
    assert components(client, graph, known) == {"GPT-NeoX: Model parameters (Final)": APACHE}
    assert ask(client, f"ASK {{ GRAPH <{graph}> {{ <{known}> <http://purl.org/dc/terms/identifier> "
                       "'EleutherAI/gpt-neox-20b' }}")
    assert not ask(client, f"ASK {{ <{BASE}model/gpt-neox> ?p ?o }}")  # the name's own slug: not minted


def test_the_crosswalk_knows_the_models_of_earlier_submissions(client, tokens):
    r = client.post("/submissions", content=fixture("fine-tune.ttl"), headers=bearer(tokens["bob"]))
    assert r.status_code == 201, r.text
    # "AcmeLlama2-13B-Tune" is the label "Acme Llama 2 13B Tune" written otherwise; its slug is not the IRI's
    record = b"release:\n  name: AcmeLlama2-13B-Tune\n  components:\n    - name: Datasets\n      license: MIT\n"
    r = send(client, tokens["alice"], record, name="acme.yml")
    assert r.status_code == 201, r.text
    assert components(client, r.json()["graph"], BASE + "model/acme-llama-2-13b-tune") == {
        "AcmeLlama2-13B-Tune: Datasets": MIT}


# ---------------------------------------------------------------- what the importer refuses


def test_bad_yaml_is_400_naming_the_line(client, app, sub_settings, tokens):
    before = state(app.state.kg, sub_settings)
    r = send(client, tokens["alice"], b"release:\n  name: Tiny\n  components: [\n    name: x\n", name="tiny.yml")
    err = error(r, 400, "syntax-error")
    assert err["where"]["file"] == "tiny.yml" and err["where"]["line"] == 5
    assert "bad YAML" in err["message"] and err["details"]["problems"][0]["severity"] == "error"
    assert state(app.state.kg, sub_settings) == before


def test_a_missing_required_field_is_422_naming_the_field(client, app, sub_settings, tokens):
    before = state(app.state.kg, sub_settings)
    err = error(send(client, tokens["alice"], b"release:\n  version: 1B\n", name="nameless.yml"), 422, "import-failed")
    assert err["where"] == {"file": "nameless.yml", "field": "release.name", "line": 1}  # the release it lacks
    assert "missing required field 'release.name'" in err["message"]
    assert state(app.state.kg, sub_settings) == before


UNKNOWN_LICENSE = b"""release:
  name: Tiny-1B
  components:
    - name: 'Model parameters (Final)'
      license: 'Frobnitz Community License 9'
"""


def test_an_unknown_license_is_422_naming_it_unless_the_submitter_leaves_it_out(client, app, sub_settings, tokens):
    before = state(app.state.kg, sub_settings)
    err = error(send(client, tokens["alice"], UNKNOWN_LICENSE, name="tiny.yml"), 422, "import-failed")
    assert "'Frobnitz Community License 9'" in err["message"]
    assert err["where"] == {"file": "tiny.yml", "record": "Tiny-1B", "field": "release.components[0].license",
                            "line": 5}
    assert state(app.state.kg, sub_settings) == before
    r = send(client, tokens["alice"], UNKNOWN_LICENSE, name="tiny.yml", skip_unknown_licenses="true")
    assert r.status_code == 201, r.text
    (problem,) = r.json()["imported"]["problems"]
    assert problem["severity"] == "warning" and "'Frobnitz Community License 9'" in problem["message"]
    assert components(client, r.json()["graph"], BASE + "model/tiny-1b") == {"Tiny-1B: Model parameters (Final)": None}


def test_an_unknown_format_is_400_naming_the_parameter_and_a_wrong_media_type_415(client, tokens):
    err = error(send(client, tokens["alice"], b"release: {}", fmt="mof"), 400, "bad-request")
    assert err["where"] == {"parameter": "import"}
    assert all(f in err["message"] for f in ("mot", "osai", "hf-card", "mldcat-ap", "os-ai-map"))
    r = client.post("/submissions", params={"import": "mot"}, content=b"release: {}", headers=bearer(tokens["alice"]))
    err = error(r, 415, "unsupported-media-type")  # bearer() sends text/turtle: not a YAML media type
    assert "application/yaml" in err["details"]


def test_without_a_token_nothing_is_imported(client, app, sub_settings):
    before = state(app.state.kg, sub_settings)
    r = client.post("/submissions", params={"import": "mot"}, content=GPT_NEOX, headers=YAML)
    assert error(r, 401, "unauthorized") and r.headers["www-authenticate"].startswith("Bearer")
    assert state(app.state.kg, sub_settings) == before


# ---------------------------------------------------------------- dry run, withdrawal, assessments


def test_validate_with_import_reports_and_writes_nothing(client, app, sub_settings):
    before = state(app.state.kg, sub_settings)
    r = client.post("/validate", params={"import": "mot", "name": "Falcon-40B.yml"},
                    content=peer(MOT / "Falcon-40B.yml"), headers=YAML)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["conforms"] is True and body["imported"]["records"] == ["Falcon-40B"]
    assert len(body["imported"]["problems"]) == 7 and body["triples"] > 0
    assert state(app.state.kg, sub_settings) == before
    err = error(client.post("/validate", params={"import": "mot"}, content=b"release:\n  version: 1\n",
                            headers=YAML), 422, "import-failed")
    assert err["where"]["field"] == "release.name"
    assert state(app.state.kg, sub_settings) == before


def test_withdrawing_an_imported_submission_removes_it(client, app, sub_settings, tokens):
    before = state(app.state.kg, sub_settings)
    body = send(client, tokens["alice"], peer(MOT / "Falcon-40B.yml"), name="Falcon-40B.yml").json()
    assert ask(client, f"ASK {{ GRAPH <{body['graph']}> {{ ?s ?p ?o }} }}")
    r = client.delete(f"/submissions/{body['id']}", headers=bearer(tokens["alice"]))
    assert r.status_code == 200 and r.json()["status"] == "withdrawn" and r.json()["imported"] == body["imported"]
    after = state(app.state.kg, sub_settings)
    assert (after["quads"], after["count"], after["graphs"]) == (before["quads"], before["count"], before["graphs"])
    assert ask(client, f"ASK {{ <{BASE}model/falcon-40b> <http://www.w3.org/2000/01/rdf-schema#label> 'Falcon 40B' }}")


def test_imported_assessments_cite_the_submission_as_their_source(client, tokens):
    r = send(client, tokens["alice"], peer(OSAI / "alpaca.yaml"), fmt="osai", name="alpaca.yaml")
    assert r.status_code == 201, r.text
    graph, src = r.json()["graph"], f"{BASE}submission/{r.json()['id']}"
    cited = select(client, f"""SELECT ?a ?src WHERE {{ GRAPH <{graph}> {{ ?a a <{LLMKG}OpennessAssessment>
        OPTIONAL {{ ?a <http://purl.org/dc/terms/source> ?src }} }} }}""")
    assert cited and {c.get("src") for c in cited} == {src}
    assert ask(client, f"ASK {{ GRAPH <{graph}> {{ <{src}> a <{LLMKG}SourceDocument> }} }}")


def test_the_mapping_examples_run():
    result = doctest.testmod(imports)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------- the CLI


@pytest.mark.server
def test_the_cli_imports_through_a_running_server(env, live, tokens, capsys, tmp_path):
    falcon = MOT / "Falcon-40B.yml"
    peer(falcon)
    code, out, _ = run(capsys, "import", "mot", str(falcon), "--server", live.url, "--token", tokens["alice"])
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == f"{falcon}:" and lines[1].startswith("accepted: submission ")
    sid = lines[1].split()[-1]
    assert f"graph {BASE}graph/submission/{sid}" in out
    assert "warning: Falcon-40B.yml:28 [Falcon-40B] release.components[2].license: license 'unlicensed'" in out
    assert (env.data_dir / "submissions" / f"{sid}.trig").is_file()
    assert not (env.data_dir / "imports").exists()  # nothing written by the CLI itself
    record = json.loads((env.data_dir / "submissions" / f"{sid}.json").read_text())
    assert record["imported"]["records"] == ["Falcon-40B"]
    # a refused file among accepted ones: exit 1, the others still sent
    nameless = tmp_path / "nameless.yml"
    nameless.write_bytes(b"release:\n  version: 1B\n")
    code, out, err = run(capsys, "import", "mot", str(nameless), str(MOT / "Amber.yml"), "--server", live.url,
                         "--token", tokens["alice"])
    assert code == 1
    assert "missing required field 'release.name'" in err and "field release.name" in err
    assert "error: nameless.yml:1 release.name:" in err
    assert f"{MOT / 'Amber.yml'}:\naccepted: submission " in out and "1 of 2 file(s) refused" in err
    # a dry run asks POST /validate and needs no token
    code, out, _ = run(capsys, "import", "mot", str(MOT / "BLOOM.yml"), "--server", live.url, "--dry-run")
    assert code == 0 and out.splitlines()[-1] == "conforms: 0 violation(s), 0 warning(s); nothing written"
    assert len(list((env.data_dir / "submissions").glob("*.trig"))) == 2


def test_only_an_explicit_server_flag_sends_imports_to_a_server(env, capsys, monkeypatch):
    falcon = MOT / "Falcon-40B.yml"
    peer(falcon)
    monkeypatch.setenv("LLMKG_SERVER", "http://127.0.0.1:9")  # nothing listens there
    code, out, _ = run(capsys, "import", "mot", str(falcon), "--dry-run")
    assert code == 0 and out.splitlines()[-1] == "dry run: 1 file(s) would be written; nothing written"
