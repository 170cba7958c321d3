"""Where the peer records in ../shared/peer-formats/ come from, and under which license.

Keyed by the SHA-256 of the file's bytes, so only an unmodified copy of the upstream file is
attributed to its upstream; any other file is described as a local file of unknown origin.
The facts are those of shared/peer-formats/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass

SPDX = "http://spdx.org/licenses/"


@dataclass(frozen=True)
class PeerRecord:
    repository: str  # https URL of the upstream repository
    commit: str
    path: str
    license: str  # SPDX IRI of the data's license
    attribution: str

    @property
    def url(self) -> str:
        return f"{self.repository}/blob/{self.commit}/{self.path}"

    @property
    def description(self) -> str:
        return f"{self.path} of {self.repository} at commit {self.commit}, copied byte for byte."


_OSAI = ("https://github.com/Language-Technology-Assessment/main-database", "5a388e8", SPDX + "CC-BY-4.0",
         "European Open Source AI Index (https://osai-index.eu/), CC-BY-4.0. Cite: Liesenfeld, A. and Dingemanse, M., "
         "2024. Rethinking open source generative AI: open-washing and the EU AI Act. FAccT 2024, pp. 1774-1787; "
         "doi:10.5281/zenodo.15386042.")
_MOT = ("https://github.com/lfai/model_openness_tool", "8b5d30e", SPDX + "MIT",
        "Copyright 2024 The Model Openness Tool Authors, MIT license.")
_MLDCAT = ("https://github.com/SEMICeu/MLDCAT-AP", "4adf130", SPDX + "CC-BY-4.0",
           "(c) 2024 European Union, CC-BY-4.0 (SEMICeu/MLDCAT-AP).")
_OSAIMAP = ("https://github.com/currentai-org/os-ai-map", "57cbce2", SPDX + "MIT",
            "Copyright (c) 2026 Current AI and os-ai-map contributors, MIT license.")


def _rec(upstream: tuple[str, str, str, str], path: str) -> PeerRecord:
    repo, commit, lic, attribution = upstream
    return PeerRecord(repo, commit, path, lic, attribution)


_MLDCAT_EXAMPLES = "releases/3.1.0/html/examples/"
PEER_RECORDS: dict[str, PeerRecord] = {
    "76a15a4f0dec384456d699ad0501131954c8b889815b7a48f568640f0e90ef4d": _rec(_OSAI, "alpaca.yaml"),
    "b1883f5dd64d4c58126dfc2e1825600a6ff252929e9c0753862b094110633349": _rec(_OSAI, "pharia.yaml"),
    "62f3ab06ead4022a7863426107ac37bf638664d227e322014a55ea5dc3aeef8e": _rec(_OSAI, "Salamandra.yaml"),
    "801e6867c3539e99522116b8e8b521f0bc956c9b419f391d63a43a436aad6769": _rec(_MOT, "models/Falcon-40B.yml"),
    "6f61d282bae6f17664c0c398345be353dea424f031b1aed0a62c2637189ef5e3": _rec(_MOT, "models/Amber.yml"),
    "a64017d05fcfb9599bb0a4d650ad69b736bd1edba5685f17a5b3d653894ef623": _rec(_MOT, "models/BLOOM.yml"),
    "16094b5ad4781802944e25e441779a4525a74b07dd5840966e9dbc82ec58fd93":
        _rec(_MLDCAT, _MLDCAT_EXAMPLES + "example-machinelearningmodel-hf-bloom.ttl"),
    "412f67982c3cc48f3b652e666ae23c26bbff704815bca0a0bd6cc0a08576a0b2":
        _rec(_MLDCAT, _MLDCAT_EXAMPLES + "example-machinelearningmodel-hf-apertus.ttl"),
    "8fcbe5eb4232c39ab3bedcfdf081726f726a28b444cf9f4847760e32059b92cd": _rec(_OSAIMAP, "sources/scores/llama-3-1.yaml"),
    "d6d75aa0dd3eb37711818f99a601e6b5a7c9f9ed5b2bac189dad8d51158027e3":
        _rec(_OSAIMAP, "sources/products/llama-3-1.yaml"),
}


def peer_record(sha256: str) -> PeerRecord | None:
    return PEER_RECORDS.get(sha256)
