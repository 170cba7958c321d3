"""Importers of peer formats: one table of formats, one pure entry point.

    >>> data = b"release:\\n  name: Tiny-1B\\n  license:\\n    distribution:\\n      name: Apache 2.0\\n"
    >>> result = import_file("mot", data, "Tiny-1B.yml")
    >>> result.ok, result.records, result.graph
    (True, ['Tiny-1B'], 'https://w3id.org/llmkg/graph/import/mot/tiny-1b')
    >>> [str(p) for p in import_file("mot", b"release: {}", "x.yml").errors]
    ["x.yml:1 release.name: missing required field 'release.name' (the model's name)"]

`import_file` reads only its arguments and writes nothing: the CLI (`llmkg import`) and the
submissions feature validate its quads and decide whether to write them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...errors import bad_request
from .hf_card import import_hf_card
from .mldcat_ap import import_mldcat_ap
from .mot import import_mot
from .os_ai_map import import_os_ai_map
from .osai import import_osai
from .record import Context, ImportResult, Problem

Importer = Callable[[bytes, str, Context], ImportResult]


@dataclass(frozen=True)
class ImportFormat:
    name: str
    title: str
    extensions: tuple[str, ...]
    importer: Importer


IMPORT_FORMATS: tuple[ImportFormat, ...] = (
    ImportFormat("mot", "Model Openness Tool YAML (models/*.yml)", (".yml", ".yaml"), import_mot),
    ImportFormat("osai", "European Open Source AI Index YAML", (".yaml", ".yml"), import_osai),
    ImportFormat("hf-card", "Hugging Face model card (README.md with YAML front matter)", (".md",), import_hf_card),
    ImportFormat("mldcat-ap", "MLDCAT-AP Turtle (it6:MachineLearningModel)", (".ttl",), import_mldcat_ap),
    ImportFormat("os-ai-map", "os-ai-map YAML (sources/scores/*.yaml, sources/products/*.yaml)", (".yaml", ".yml"),
                 import_os_ai_map),
)


def by_name(name: str, parameter: str = "format") -> ImportFormat:
    """The import format called `name`; else 400 naming `parameter` and the known formats."""
    for f in IMPORT_FORMATS:
        if f.name == name:
            return f
    raise bad_request(f"unknown import format {name!r}; use one of {', '.join(f.name for f in IMPORT_FORMATS)}",
                      parameter=parameter)


def import_file(fmt: str, data: bytes, name: str, context: Context | None = None) -> ImportResult:
    """Map one peer file to llmkg quads in one named graph, with per-record problems.

    Never raises for bad input: a file that cannot be read gives a result with `errors`.
    """
    return by_name(fmt).importer(data, name, context or Context())


__all__ = ["IMPORT_FORMATS", "Context", "ImportFormat", "ImportResult", "Problem", "by_name", "import_file"]
