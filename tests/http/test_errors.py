"""One error shape everywhere; only the 500 path logs."""

from __future__ import annotations

import logging

from fastapi.testclient import TestClient
from httpcheck import assert_error

from llmkg.http.deps import get_kg


def test_no_such_route(client):
    assert_error(client.post("/nowhere/at/all"), 405)  # the entity catch-all answers GET only
    assert_error(client.get("/static/nothing.css"), 404, "not-found")


def test_validation_error_is_400(client):
    err = assert_error(client.get("/page"), 400, "bad-request")
    assert err["where"] == {"parameter": "iri"}


def test_browser_gets_an_error_page(client):
    r = client.get("/queries/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "<h1>404 — not-found</h1>" in r.text


def test_client_errors_do_not_log(client, caplog):
    with caplog.at_level(logging.INFO, logger="llmkg.http"):
        client.get("/sparql", params={"query": "ASK {"})
        client.get("/model/nope")
    assert not caplog.records


def test_500_logs_and_keeps_the_shape(app, caplog):
    class Broken:
        def query(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
            raise RuntimeError("disk on fire")

    app.dependency_overrides[get_kg] = lambda: Broken()
    try:
        with caplog.at_level(logging.ERROR, logger="llmkg.http"):
            r = TestClient(app, raise_server_exceptions=False).get("/")
    finally:
        app.dependency_overrides.clear()
    err = assert_error(r, 500, "internal-error")
    assert "disk on fire" not in err["message"]
    assert any("internal error" in rec.getMessage() for rec in caplog.records)
