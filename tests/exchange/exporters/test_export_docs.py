"""docs/exports.md keeps up with the exporters and with the MLDCAT-AP gaps."""

from __future__ import annotations

from pathlib import Path

from llmkg.exchange.exporters import EXPORTERS, mldcat_ap

DOC = (Path(__file__).resolve().parents[3] / "docs" / "exports.md").read_text(encoding="utf-8")


def test_every_export_has_a_row_and_a_section():
    for e in EXPORTERS:
        assert f"| `{e.name}` |" in DOC, f"{e.name} missing from the table"
        assert f"(`{e.name}`)\n" in DOC, f"{e.name} has no section"


def test_every_unstated_mandatory_property_is_explained():
    prefixes = {"http://data.europa.eu/it6/": "it6:", "http://www.w3.org/ns/dcat#": "dcat:",
                "http://purl.org/dc/terms/": "dct:"}
    for _cls, path in mldcat_ap.UNSTATED_MANDATORY:
        short = next(p + path[len(ns):] for ns, p in prefixes.items() if path.startswith(ns))
        assert f"| `{short}` |" in DOC, short
