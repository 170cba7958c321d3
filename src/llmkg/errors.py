"""One error type for everything a user can get wrong, carrying its HTTP status.

The CLI prints it as `error: MESSAGE (where)`; the HTTP layer renders it in one JSON shape:
`{"error": {"status": 400, "code": "bad-query", "message": "...", "where": {...}}}`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class LlmkgError(Exception):
    message: str
    status: int = 400
    code: str = "bad-request"
    where: dict[str, Any] = field(default_factory=dict)
    details: Any = None

    def __str__(self) -> str:
        loc = ", ".join(f"{k} {v}" for k, v in self.where.items() if v is not None)
        return f"{self.message} ({loc})" if loc else self.message

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message}
        if self.where:
            body["where"] = self.where
        if self.details is not None:
            body["details"] = self.details
        return {"error": body}


def bad_request(message: str, **where: Any) -> LlmkgError:
    return LlmkgError(message, 400, "bad-request", where)


def syntax_error(message: str, **where: Any) -> LlmkgError:
    return LlmkgError(message, 400, "syntax-error", where)


def not_found(message: str, **where: Any) -> LlmkgError:
    return LlmkgError(message, 404, "not-found", where)


def not_acceptable(offered: list[str]) -> LlmkgError:
    return LlmkgError(
        f"no acceptable format; try {', '.join(offered)}", 406, "not-acceptable", {}, offered
    )


def unsupported_media_type(got: str, offered: list[str]) -> LlmkgError:
    return LlmkgError(
        f"unsupported content type {got!r}; send one of {', '.join(offered)}",
        415,
        "unsupported-media-type",
        {"header": "Content-Type"},
        offered,
    )


def too_large(message: str) -> LlmkgError:
    return LlmkgError(message, 413, "too-large")


def invalid_data(message: str, report: Any = None, **where: Any) -> LlmkgError:
    return LlmkgError(message, 422, "validation-failed", where, report)


def timeout(seconds: float) -> LlmkgError:
    return LlmkgError(f"query exceeded the time limit of {seconds:g} s", 503, "timeout")


def forbidden(message: str, **where: Any) -> LlmkgError:
    return LlmkgError(message, 403, "forbidden", where)


def unauthorized(message: str) -> LlmkgError:
    return LlmkgError(message, 401, "unauthorized")
