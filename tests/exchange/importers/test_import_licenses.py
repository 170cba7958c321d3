"""License names as peers write them, normalised to SPDX ids (or llmkg's custom license IRIs)."""

from __future__ import annotations

import doctest

import pytest

from llmkg.exchange import licenses
from llmkg.exchange.licenses import NO_LICENSE, normalise

SPDX = "http://spdx.org/licenses/"
CUSTOM = "https://w3id.org/llmkg/license/"


@pytest.mark.parametrize(("written", "iri"), [
    ("Apache 2.0", SPDX + "Apache-2.0"),  # MOT Falcon-40B
    ("Apache-2.0", SPDX + "Apache-2.0"),
    ("apache-2.0", SPDX + "Apache-2.0"),  # Hugging Face
    ("Apache License 2.0", SPDX + "Apache-2.0"),
    ("Apache License, Version 2.0", SPDX + "Apache-2.0"),
    ("https://www.apache.org/licenses/LICENSE-2.0", SPDX + "Apache-2.0"),  # MLDCAT-AP apertus
    ("MIT", SPDX + "MIT"),
    ("CC-BY-4.0", SPDX + "CC-BY-4.0"),
    ("cc-by-4.0", SPDX + "CC-BY-4.0"),
    ("CC BY-SA 4.0", SPDX + "CC-BY-SA-4.0"),
    ("CC-BY-NC-4.0", SPDX + "CC-BY-NC-4.0"),
    ("BigScience-BLOOM-RAIL-1.0", SPDX + "BigScience-BLOOM-RAIL-1.0"),  # MOT BLOOM
    ("bigscience-bloom-rail-1.0", SPDX + "BigScience-BLOOM-RAIL-1.0"),
    ("http://spdx.org/licenses/MIT", SPDX + "MIT"),
    ("OpenRAIL", CUSTOM + "openrail"),
    ("BigScience RAIL", CUSTOM + "openrail"),
    ("LLaMA license agreement", CUSTOM + "llama-license"),  # OSAI alpaca
    ("llama2", CUSTOM + "llama-2-community-license"),
    ("Open Aleph License 1.0", CUSTOM + "open-aleph-license-1-0"),  # OSAI pharia
])
def test_known_names(written, iri):
    found = normalise(written)
    assert found is not None and found.iri == iri


@pytest.mark.parametrize("written", ["Frobnicate Public License 2.1", "other", "CC BY", "llama", "", "   "])
def test_unknown_or_ambiguous_names_are_never_guessed(written):
    assert normalise(written) is None


@pytest.mark.parametrize("written", ["unlicensed", "Unlicensed", "none"])
def test_no_license_sentinels(written):
    assert normalise(written) is NO_LICENSE


def test_the_unlicense_is_a_license_not_the_sentinel():
    assert normalise("Unlicense").iri == SPDX + "Unlicense"


def test_every_custom_license_the_documents_name_keeps_its_iri():
    """The custom license IRIs of docs/modelling.md are the ones the table answers with."""
    for slug in ("llama-license", "llama-2-community-license", "falcon-180b-tii-license", "openrail",
                 "openai-terms-of-use"):
        assert any(lic.iri == CUSTOM + slug for lic in licenses.TABLE.values()), slug


def test_doctests():
    assert doctest.testmod(licenses).failed == 0
