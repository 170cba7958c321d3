"""Request paths ↔ entity IRIs, through settings.base.

With the default base, GET /model/llama-2-7b is about https://w3id.org/llmkg/model/llama-2-7b,
its page is /page/model/llama-2-7b and its data /data/model/llama-2-7b.ttl. An IRI outside the
base (an SPDX license, a W3C term) has its page at /page?iri=….

>>> from llmkg.config import Settings
>>> iri_of("model/llama-2-7b", Settings())
'https://w3id.org/llmkg/model/llama-2-7b'
>>> page_href("http://spdx.org/licenses/MIT", Settings())
'/page?iri=http%3A%2F%2Fspdx.org%2Flicenses%2FMIT'
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from ..config import Settings

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`]')


def valid_iri(iri: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", iri)) and not _IRI_FORBIDDEN.search(iri)


def iri_of(path: str, settings: Settings) -> str:
    return settings.base + path.lstrip("/")


def local_path(iri: str, settings: Settings) -> str | None:
    """The path of an IRI under the base ('model/x'), or None for IRIs elsewhere or with a fragment."""
    if not iri.startswith(settings.base) or "#" in iri[len(settings.base) :] or iri == settings.base:
        return None
    return iri[len(settings.base) :]


def page_href(iri: str, settings: Settings) -> str:
    path = local_path(iri, settings)
    if path is not None:
        return "/page/" + quote(path, safe="/:@!$&'()*+,;=-._~")
    return "/page?" + urlencode({"iri": iri})


def data_href(path: str, extension: str) -> str:
    return "/data/" + quote(path, safe="/:@!$&'()*+,;=-._~") + extension
