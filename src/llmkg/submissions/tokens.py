"""Bearer tokens for submissions, stored hashed: no token, no write.

`llmkg token create NAME [--admin]` makes a token, prints it once and keeps only its SHA-256
(tokens are 256 random bits, so a fast hash is enough: there is nothing to brute-force) in
`tokens.json` beside the store (`.llmkg/tokens.json` by default), written atomically and readable
by its owner only. The server reads the file again when it changes, so tokens created or revoked
while it runs take effect at once. A token's NAME is the submitter recorded with each submission;
an admin may also withdraw other people's submissions.

    >>> import tempfile, pathlib
    >>> tokens = TokenStore(pathlib.Path(tempfile.mkdtemp()) / "tokens.json")
    >>> secret = tokens.create("alice")
    >>> tokens.check(f"Bearer {secret}").name
    'alice'
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import LlmkgError, bad_request, unauthorized
from .files import write_atomic
from .records import now_iso, slug

PREFIX = "llmkg_"


@dataclass(frozen=True)
class Token:
    name: str
    admin: bool = False


def tokens_path(settings: Settings) -> Path:
    return settings.store.parent / "tokens.json"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class TokenStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._cache: tuple[float, list[dict]] | None = None

    @classmethod
    def of(cls, settings: Settings) -> TokenStore:
        return cls(tokens_path(settings))

    def entries(self) -> list[dict]:
        try:
            stamp = self.path.stat().st_mtime
        except FileNotFoundError:
            return []
        if self._cache is None or self._cache[0] != stamp:
            self._cache = (stamp, json.loads(self.path.read_text())["tokens"])
        return self._cache[1]

    def create(self, name: str, admin: bool = False) -> str:
        """A new token for NAME (returned once, stored hashed); 409 if NAME has one already."""
        name = name.strip()
        if not slug(name):
            raise bad_request(f"a token name needs letters or digits, got {name!r}", parameter="NAME")
        entries = self.entries()
        if any(slug(e["name"]) == slug(name) for e in entries):
            raise LlmkgError(f"a token named {name!r} exists already: revoke it first (llmkg token revoke)",
                             409, "conflict", {"parameter": "NAME"})
        secret = PREFIX + secrets.token_urlsafe(32)
        entries = [*entries, {"name": name, "admin": admin, "sha256": _hash(secret), "created": now_iso()}]
        self._save(entries)
        return secret

    def revoke(self, name: str) -> None:
        entries = self.entries()
        kept = [e for e in entries if slug(e["name"]) != slug(name)]
        if len(kept) == len(entries):
            raise LlmkgError(f"no token named {name!r}", 404, "not-found", {"parameter": "NAME"})
        self._save(kept)

    def check(self, authorization: str | None) -> Token:
        """The token of an `Authorization: Bearer …` header; 401 if missing or unknown."""
        scheme, _, secret = (authorization or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise unauthorized("submitting needs a token: send `Authorization: Bearer TOKEN` "
                               "(an operator makes one with `llmkg token create NAME`)")
        digest = _hash(secret.strip())
        for e in self.entries():
            if hmac.compare_digest(e["sha256"], digest):
                return Token(e["name"], bool(e.get("admin")))
        raise unauthorized("unknown or revoked token")

    def _save(self, entries: list[dict]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps({"tokens": entries}, indent=1).encode(), mode=0o600)
        self._cache = None
