"""The CLI: `llmkg token create|list|revoke`, `llmkg validate FILE…` in the context of the store
(the report POST /validate gives, exit 1 on violations), `llmkg submit FILE`, `llmkg withdraw ID`."""

from __future__ import annotations

import hashlib
import json

import pytest
from fastapi.testclient import TestClient
from subcheck import FIXTURES, TURTLE, fixture, run

from llmkg.cli import _result_line
from llmkg.http.app import create_app

# ---------------------------------------------------------------- tokens


def test_a_token_is_shown_once_and_stored_hashed(env, capsys):
    code, out, err = run(capsys, "token", "create", "alice")
    secret = out.strip()
    assert code == 0 and secret.startswith("llmkg_") and "shown only this once" in err
    stored = (env.store.parent / "tokens.json").read_text()
    assert secret not in stored and hashlib.sha256(secret.encode()).hexdigest() in stored
    assert run(capsys, "token", "create", "admin", "--admin")[0] == 0
    code, out, _ = run(capsys, "token", "list", "--format", "json")
    assert [(t["name"], t["admin"]) for t in json.loads(out)] == [("alice", False), ("admin", True)]
    assert secret not in out
    code, _, err = run(capsys, "token", "create", "Alice")  # the same name, written otherwise
    assert code == 1 and "exists already" in err
    assert run(capsys, "token", "revoke", "alice")[0] == 0
    assert "alice" not in run(capsys, "token", "list")[1]


# ---------------------------------------------------------------- validate in context


def test_validate_prints_the_report_the_server_gives_and_exits_1_on_violations(env, capsys):
    with TestClient(create_app(env)) as client:
        served = client.post("/validate", content=fixture("typo.ttl"), headers=TURTLE).json()["report"]
    code, out, _ = run(capsys, "validate", str(FIXTURES / "typo.ttl"))
    assert code == 1
    assert out.splitlines() == [line for r in served["results"] for line in _result_line(r).splitlines()] + [
        "does not conform: 4 violation(s), 0 warning(s)"]


def test_validate_checks_against_the_store_and_exits_0_with_warnings(env, capsys):
    code, out, _ = run(capsys, "validate", str(FIXTURES / "fine-tune.ttl"))
    assert code == 0
    assert "Warning: https://w3id.org/llmkg/model/acme-llama-2-13b-tune path http://purl.org/dc/terms/license" in out
    assert "derives from https://w3id.org/llmkg/model/llama-2-13b" in out
    assert out.splitlines()[-1] == "conforms: 0 violation(s), 1 warning(s)"


def test_validate_a_data_file_as_a_new_version_of_its_graph(env, capsys):
    source = env.data_dir / "sources" / "alia-salamandra-interview.trig"
    code, out, _ = run(capsys, "validate", str(source))
    assert code == 0 and out.splitlines()[-1].startswith("conforms: 0 violation(s)")
    # the same file without its GraphRecord's label: the store's copy of the graph does not hide it,
    # and the file is judged as curated data (its named graph is right), not as a submission
    text = source.read_text()
    assert text.count('rdfs:label "Facts stated by') == 1
    source.write_text(text.replace('rdfs:label "Facts stated by', 'rdfs:comment "Facts stated by'))
    code, out, _ = run(capsys, "validate", str(source))
    assert code == 1 and "Violation: https://w3id.org/llmkg/graph/alia-salamandra-interview path " in out
    assert "GraphRecordLabel" in out and "Submission" not in out


# ---------------------------------------------------------------- submit and withdraw against a server


@pytest.mark.server
def test_submit_and_withdraw_against_a_running_server(env, live, tokens, capsys):
    code, out, _ = run(capsys, "submit", str(FIXTURES / "fine-tune.ttl"), "--server", live.url, "--token",
                       tokens["alice"], "--description", "Acme's tune", "--source-url", "https://example.org/tune")
    assert code == 0, out
    first = out.splitlines()[0]
    assert first.startswith("accepted: submission ")
    sid = first.split()[-1]
    assert f"graph https://w3id.org/llmkg/graph/submission/{sid}" in out
    assert "Warning: https://w3id.org/llmkg/model/acme-llama-2-13b-tune" in out
    code, _, err = run(capsys, "submit", str(FIXTURES / "typo.ttl"), "--server", live.url, "--token", tokens["alice"])
    assert code == 1 and "does not conform: 4 violation(s)" in err and "NoDanglingReference" in err
    code, _, err = run(capsys, "submit", str(FIXTURES / "fine-tune.ttl"), "--server", live.url, "--token", "nope")
    assert code == 1 and "unknown or revoked token" in err
    code, _, err = run(capsys, "withdraw", sid, "--server", live.url, "--token", tokens["bob"])
    assert code == 1 and "only they or an admin" in err
    code, out, _ = run(capsys, "withdraw", sid, "--server", live.url, "--token", tokens["alice"])
    assert code == 0 and out.startswith(f"withdrawn: submission {sid}")
