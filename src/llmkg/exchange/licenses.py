"""License names and URLs as peers write them, normalised to SPDX identifiers.

Peers write one license many ways (`Apache 2.0`, `Apache-2.0`, `apache-2.0`, `Apache License,
Version 2.0`, `https://www.apache.org/licenses/LICENSE-2.0`). `normalise(text)` looks the text up
case-, space- and punctuation-insensitively in one table and answers with the license's IRI:
the SPDX IRI `http://spdx.org/licenses/ID` where SPDX lists the license, else one of llmkg's
custom license IRIs (`license/…`). A string that is not in the table is never guessed: the
answer is `None` and the importer reports it. MOT's `unlicensed` sentinel is recognised as
"no license" (`NO_LICENSE`), which is not a license either.

>>> normalise("Apache 2.0").spdx_id
'Apache-2.0'
>>> normalise("apache-2.0").iri
'http://spdx.org/licenses/Apache-2.0'
>>> normalise("OpenRAIL").iri
'https://w3id.org/llmkg/license/openrail'
>>> normalise("Frobnicate Public License") is None
True
>>> normalise("unlicensed") is NO_LICENSE
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPDX = "http://spdx.org/licenses/"
LICENSE = "https://w3id.org/llmkg/license/"


@dataclass(frozen=True)
class License:
    iri: str
    spdx_id: str | None  # None for llmkg's custom licenses
    name: str  # a readable name, used as the label when the peer wrote only a URL


NO_LICENSE = License("", None, "no license (unlicensed)")

# SPDX identifier -> (readable name, other ways peers write it). Every SPDX id is also matched
# written as itself, in any case and with any punctuation.
_SPDX: dict[str, tuple[str, tuple[str, ...]]] = {
    "Apache-2.0": ("Apache License 2.0", ("Apache 2", "Apache2", "Apache License, Version 2.0", "Apache License v2.0",
                                          "ASL 2.0", "https://www.apache.org/licenses/LICENSE-2.0",
                                          "http://www.apache.org/licenses/LICENSE-2.0",
                                          "https://opensource.org/licenses/Apache-2.0")),
    "Apache-1.1": ("Apache License 1.1", ()),
    "MIT": ("MIT License", ("The MIT License", "Expat", "https://opensource.org/licenses/MIT",
                            "https://opensource.org/license/mit")),
    "BSD-2-Clause": ("BSD 2-Clause \"Simplified\" License", ("Simplified BSD",)),
    "BSD-3-Clause": ("BSD 3-Clause \"New\" or \"Revised\" License", ("New BSD", "Revised BSD", "BSD 3 clause")),
    "ISC": ("ISC License", ()),
    "Unlicense": ("The Unlicense", ("https://unlicense.org",)),
    "0BSD": ("BSD Zero Clause License", ()),
    "Zlib": ("zlib License", ()),
    "BSL-1.0": ("Boost Software License 1.0", ()),
    "MPL-2.0": ("Mozilla Public License 2.0", ()),
    "EPL-2.0": ("Eclipse Public License 2.0", ()),
    "GPL-2.0-only": ("GNU General Public License v2.0 only", ("GPL-2.0", "GPLv2", "GPL 2")),
    "GPL-3.0-only": ("GNU General Public License v3.0 only", ("GPL-3.0", "GPLv3", "GPL 3")),
    "GPL-3.0-or-later": ("GNU General Public License v3.0 or later", ("GPL-3.0+", "GPLv3+")),
    "LGPL-2.1-only": ("GNU Lesser General Public License v2.1 only", ("LGPL-2.1",)),
    "LGPL-3.0-only": ("GNU Lesser General Public License v3.0 only", ("LGPL-3.0", "LGPLv3")),
    "AGPL-3.0-only": ("GNU Affero General Public License v3.0", ("AGPL-3.0", "AGPLv3")),
    "CC0-1.0": ("Creative Commons Zero v1.0 Universal", ("CC0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/")),
    "CC-BY-2.0": ("Creative Commons Attribution 2.0 Generic", ()),
    "CC-BY-3.0": ("Creative Commons Attribution 3.0 Unported", ()),
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", ("CC BY 4.0", "CC-BY 4.0",
                                                                      "Creative Commons Attribution 4.0",
                                                                      "https://creativecommons.org/licenses/by/4.0/")),
    "CC-BY-SA-3.0": ("Creative Commons Attribution Share Alike 3.0 Unported", ("CC BY-SA 3.0",)),
    "CC-BY-SA-4.0": ("Creative Commons Attribution Share Alike 4.0 International", ("CC BY-SA 4.0",
                                                                                     "https://creativecommons.org/licenses/by-sa/4.0/")),
    "CC-BY-NC-2.0": ("Creative Commons Attribution Non Commercial 2.0 Generic", ()),
    "CC-BY-NC-3.0": ("Creative Commons Attribution Non Commercial 3.0 Unported", ()),
    "CC-BY-NC-4.0": ("Creative Commons Attribution Non Commercial 4.0 International", ("CC BY-NC 4.0",
                                                                                        "https://creativecommons.org/licenses/by-nc/4.0/")),
    "CC-BY-NC-SA-4.0": ("Creative Commons Attribution Non Commercial Share Alike 4.0 International",
                        ("CC BY-NC-SA 4.0",)),
    "CC-BY-NC-ND-4.0": ("Creative Commons Attribution Non Commercial No Derivatives 4.0 International",
                        ("CC BY-NC-ND 4.0",)),
    "CC-BY-ND-4.0": ("Creative Commons Attribution No Derivatives 4.0 International", ("CC BY-ND 4.0",)),
    "ODC-By-1.0": ("Open Data Commons Attribution License v1.0", ("ODC-By", "ODC By 1.0")),
    "ODbL-1.0": ("Open Data Commons Open Database License v1.0", ("ODbL",)),
    "PDDL-1.0": ("Open Data Commons Public Domain Dedication & License 1.0", ("PDDL",)),
    "CDLA-Permissive-2.0": ("Community Data License Agreement Permissive 2.0", ()),
    "CDLA-Sharing-1.0": ("Community Data License Agreement Sharing 1.0", ()),
    "BigScience-BLOOM-RAIL-1.0": ("BigScience BLOOM RAIL License v1.0", ("BigScience RAIL License v1.0",
                                                                         "BLOOM RAIL 1.0", "RAIL License v1.0",
                                                                         "https://huggingface.co/spaces/bigscience/license")),
    "BigScience-OpenRAIL-M": ("BigScience Open RAIL-M License", ()),
    "CreativeML-OpenRAIL-M": ("CreativeML Open RAIL-M", ()),
    "OpenMDW-1.0": ("Open Model, Data & Weights License Agreement", ("OpenMDW",)),
}

# llmkg's custom licenses (license/<slug>; no SPDX id) -> (readable name, ways peers write it).
_CUSTOM: dict[str, tuple[str, tuple[str, ...]]] = {
    "openrail": ("OpenRAIL", ("OpenRAIL", "Open RAIL", "BigScience RAIL")),
    "llama-license": ("LLaMA license", ("LLaMA license", "LLaMA license agreement", "Llama 1 license")),
    "llama-2-community-license": ("Llama 2 Community License Agreement", ("Llama 2 Community License",
                                                                          "Llama 2 license", "llama2")),
    "llama-3-1-community-license": ("Llama 3.1 Community License Agreement",
                                    ("Llama 3.1 Community License", "Llama-3.1-Community-License", "llama3.1")),
    "falcon-180b-tii-license": ("Falcon-180B TII License", ("Falcon-180B TII License", "Falcon 180B license")),
    "open-aleph-license-1-0": ("Open Aleph License 1.0", ("Open Aleph License 1.0", "Open Aleph License")),
    "openai-terms-of-use": ("OpenAI terms of use", ("OpenAI terms of use", "OpenAI terms")),
}

# Sentinels that mean "no license was given or found": recognised, never a license.
_NO_LICENSE = ("unlicensed", "unlicenced", "none", "no license", "not licensed")

_WORDS = re.compile(r"\b(the|version|v(?=\d))\b")


def key(text: str) -> str:
    """The lookup key of a license string: lower case, no punctuation or spaces.

    >>> key("Apache License, Version 2.0") == key("apache license 2.0")
    True
    >>> key("apache 2.0") == key("Apache-2.0")
    True
    """
    t = text.strip().lower()
    t = re.sub(r"^https?://(www\.)?", "", t).rstrip("/")
    if "/" not in t:
        t = _WORDS.sub(" ", t)
    return re.sub(r"[^a-z0-9+]", "", t)


def _table() -> dict[str, License]:
    table: dict[str, License] = {}
    for spdx_id, (name, aliases) in _SPDX.items():
        lic = License(SPDX + spdx_id, spdx_id, name)
        for text in (spdx_id, name, *aliases):
            table.setdefault(key(text), lic)
    for slug, (name, aliases) in _CUSTOM.items():
        lic = License(LICENSE + slug, None, name)
        for text in (name, *aliases):
            table.setdefault(key(text), lic)
    for text in _NO_LICENSE:
        table[key(text)] = NO_LICENSE
    return table


TABLE = _table()


def normalise(text: str) -> License | None:
    """The license `text` names (a name, an SPDX id in any case, a known URL), `NO_LICENSE` for
    a no-license sentinel, or None when the text is not in the table (never a guess)."""
    if not text or not text.strip():
        return None
    found = TABLE.get(key(text))
    if found is None and text.strip().startswith(("http://spdx.org/licenses/", "https://spdx.org/licenses/")):
        ident = text.strip().rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")
        found = TABLE.get(key(ident))
    return found
