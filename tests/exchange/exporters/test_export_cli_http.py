"""`llmkg export` and GET /exports/… over the real graph: same bytes, errors that name the problem."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import yaml
from fastapi.testclient import TestClient

from llmkg import cli
from llmkg.build import read_files
from llmkg.config import Settings
from llmkg.errors import LlmkgError
from llmkg.exchange.exporters import EXPORTERS, by_name

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    """The real files loaded (unvalidated) into a store on disk, as `llmkg build` would."""
    path = tmp_path_factory.mktemp("export-store") / "store"
    settings = Settings(root=ROOT, store_path=path)
    onto, data, _ = read_files(settings, lambda _m: None)
    store = ox.Store(str(path))
    store.bulk_extend(onto + data)
    store.flush()
    del store
    gc.collect()  # release the RocksDB lock
    return settings


@pytest.fixture(scope="module")
def client(settings):
    from llmkg.http.app import create_app

    with TestClient(create_app(settings)) as c:
        yield c


def test_cli_writes_one_model_card(settings, capsysbinary):
    assert cli.main(["export", "hf-card", "--model", "zephyr", "--store", str(settings.store)]) == 0
    meta = next(d for d in yaml.safe_load_all(capsysbinary.readouterr().out) if d)
    assert meta["license"] == "mit"


def test_cli_writes_the_catalogue_to_a_file(settings, tmp_path, capsys):
    out = tmp_path / "catalogue.ttl"
    assert cli.main(["export", "mldcat-ap", "--output", str(out), "--store", str(settings.store)]) == 0
    assert len(rdflib.Graph().parse(out, format="turtle")) > 1000
    assert "text/turtle" in capsys.readouterr().err


def test_cli_names_an_unknown_model(settings, capsys):
    assert cli.main(["export", "spdx3", "--model", "no-such-model", "--store", str(settings.store)]) == 1
    assert "no-such-model" in capsys.readouterr().err


def test_unknown_format_is_a_404_naming_the_known_ones():
    with pytest.raises(LlmkgError) as e:
        by_name("rdfa")
    assert e.value.status == 404 and "mldcat-ap" in e.value.message


def test_http_lists_every_export(client):
    r = client.get("/exports")
    assert r.status_code == 200
    assert [e["name"] for e in r.json()["exports"]] == [e.name for e in EXPORTERS]


@pytest.mark.parametrize("exporter", EXPORTERS, ids=lambda e: e.name)
def test_http_export_of_one_entity_matches_the_cli(client, settings, capsysbinary, exporter):
    entity = "dataset/ultrachat" if exporter.name == "croissant" else "model/zephyr"
    r = client.get(f"/exports/{exporter.name}/{entity}")
    assert r.status_code == 200, r.text
    args = ["export", exporter.name, "--store", str(settings.store)]
    args += ["--dataset", "ultrachat"] if exporter.name == "croissant" else ["--model", "zephyr"]
    assert cli.main(args) == 0
    cli_bytes = capsysbinary.readouterr().out
    if exporter.name == "spdx3":  # differs only in the creation time
        a, b = json.loads(r.content), json.loads(cli_bytes)
        a["@graph"][0].pop("created"), b["@graph"][0].pop("created")
        assert a == b
    else:
        assert r.content == cli_bytes


def test_http_rdf_exports_are_negotiated(client):
    r = client.get("/exports/dcat/zephyr", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/n-triples")
    assert "Accept" in r.headers["vary"]


@pytest.mark.parametrize("path", ["/exports/rdfa", "/exports/spdx3/no-such-model"])
def test_http_unknown_format_or_entity_is_a_404(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert path.rsplit("/", 1)[-1] in r.json()["error"]["message"]
