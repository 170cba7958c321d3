"""Settings, from environment variables with defaults that work from a clone.

| variable | default | meaning |
|---|---|---|
| LLMKG_ROOT | the checkout this package lives in | folder holding ontology/, data/, shapes/, queries/ |
| LLMKG_BASE | https://w3id.org/llmkg/ | base of entity IRIs (files are written with the default and rebased) |
| LLMKG_STORE | ROOT/.llmkg/store | the embedded store's folder |
| LLMKG_ENDPOINT | (none) | a remote SPARQL 1.1 query endpoint to use instead of the embedded store |
| LLMKG_UPDATE_ENDPOINT | (none) | its update endpoint (for build and submissions) |
| LLMKG_QUERY_TIMEOUT | 30 | seconds a query may run over HTTP |
| LLMKG_RESULT_LIMIT | 100000 | rows (or triples) a query may return over HTTP |
| LLMKG_ALLOW_SERVICE | 0 | allow SERVICE clauses in queries (off: no fetching on behalf of users) |
| LLMKG_MAX_BODY_BYTES | 10000000 | bytes a submission (POST /validate, /submissions) may have; more is 413 |
| LLMKG_MAX_TRIPLES | 50000 | triples a submission may have; more is 413 |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_BASE = "https://w3id.org/llmkg/"
ONTOLOGY_NS = "https://w3id.org/llmkg/ontology#"
VOCAB_NS = "https://w3id.org/llmkg/vocab/"


def _default_root() -> Path:
    here = Path(__file__).resolve().parents[2]
    return here if (here / "ontology").is_dir() else Path.cwd()


@dataclass(frozen=True)
class Settings:
    root: Path = field(default_factory=_default_root)
    base: str = DEFAULT_BASE
    store_path: Path | None = None
    endpoint: str | None = None
    update_endpoint: str | None = None
    query_timeout: float = 30.0
    result_limit: int = 100_000
    allow_service: bool = False
    max_body_bytes: int = 10_000_000
    max_triples: int = 50_000

    @property
    def store(self) -> Path:
        return self.store_path or self.root / ".llmkg" / "store"

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    def with_(self, **changes: object) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def from_env(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    s = Settings()
    base = env.get("LLMKG_BASE", DEFAULT_BASE)
    if not base.endswith(("/", "#")):
        base += "/"
    return s.with_(
        root=Path(env["LLMKG_ROOT"]) if env.get("LLMKG_ROOT") else None,
        base=base,
        store_path=Path(env["LLMKG_STORE"]) if env.get("LLMKG_STORE") else None,
        endpoint=env.get("LLMKG_ENDPOINT") or None,
        update_endpoint=env.get("LLMKG_UPDATE_ENDPOINT") or None,
        query_timeout=float(env["LLMKG_QUERY_TIMEOUT"]) if env.get("LLMKG_QUERY_TIMEOUT") else None,
        result_limit=int(env["LLMKG_RESULT_LIMIT"]) if env.get("LLMKG_RESULT_LIMIT") else None,
        allow_service=env.get("LLMKG_ALLOW_SERVICE", "0") in ("1", "true", "yes"),
        max_body_bytes=int(env["LLMKG_MAX_BODY_BYTES"]) if env.get("LLMKG_MAX_BODY_BYTES") else None,
        max_triples=int(env["LLMKG_MAX_TRIPLES"]) if env.get("LLMKG_MAX_TRIPLES") else None,
    )


def rebase(iri: str, settings: Settings) -> str:
    """An IRI written under the default base, moved under the configured one.

    Vocabulary IRIs (ontology, vocab) stay where they are.
    """
    if settings.base == DEFAULT_BASE or not iri.startswith(DEFAULT_BASE):
        return iri
    if iri.startswith((ONTOLOGY_NS, VOCAB_NS)) or iri == ONTOLOGY_NS.rstrip("#"):
        return iri
    return settings.base + iri[len(DEFAULT_BASE):]
