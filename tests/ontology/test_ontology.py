"""The ontology is well-formed OWL, consistent, documented, and the only vocabulary the data uses.

- every file of ontology/ parses in rdflib and the whole loads in owlready2;
- HermiT finds it consistent, alone and together with every fact of data/ (and does find an
  inconsistency when one is planted, so a pass means something);
- every declared term has an rdfs:label and an rdfs:comment;
- the llmkg: vocabulary is closed: every llmkg: term that data/ or queries/ use is declared, as a
  property where it is a predicate and as a class where it is a type, and every literal of an
  llmkg: datatype property is in the property's declared range;
- the derivation links are exactly the sub-properties of prov:wasDerivedFrom, and the integrity
  rules that follow derivation chains name every one of them;
- standard licenses are named by their SPDX IRIs, custom ones by llmkg IRIs.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import owlready2
import pytest
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

from llmkg.config import ONTOLOGY_NS, VOCAB_NS
from llmkg.exchange.licenses import normalise

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_FILES = sorted((ROOT / "ontology").glob("*.ttl"))
DATA_FILES = sorted((ROOT / "data").rglob("*.trig"))
QUERY_FILES = sorted((ROOT / "queries").rglob("*.rq"))

LLMKG = rdflib.Namespace(ONTOLOGY_NS)
VOC = rdflib.Namespace(VOCAB_NS)
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
ODRL = rdflib.Namespace("http://www.w3.org/ns/odrl/2/")
SPDX = "http://spdx.org/licenses/"
CUSTOM_LICENSE = "https://w3id.org/llmkg/license/"
MODEL = "https://w3id.org/llmkg/model/"

DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)

# The links along which an entity is made from another (its weights, its training data, its
# content): each must be a sub-property of prov:wasDerivedFrom.
DERIVATIONS = {
    LLMKG.derivedFromModel, LLMKG.fineTunedFrom, LLMKG.quantizedFrom, LLMKG.mergedFrom, LLMKG.adapterOf,
    LLMKG.trainedOn, LLMKG.pretrainedOn, LLMKG.fineTunedOn,
    LLMKG.generatedBy, LLMKG.derivedFromDataset,
    LLMKG.openReproductionOf, LLMKG.successorOf,
}
# Relations that are not derivations: nothing of the object goes into the subject.
NOT_DERIVATIONS = {
    LLMKG.memberOfFamily, LLMKG.basedOnArchitectureOf, LLMKG.reusesCodeOf, LLMKG.developedBy,
    LLMKG.fundedBy, LLMKG.trainedWith, LLMKG.hasWeights,
}

# XSD datatypes whose values are also values of another (derivation by restriction), enough for
# the ranges the ontology declares.
XSD_PARENT = {
    XSD.integer: XSD.decimal, XSD.nonNegativeInteger: XSD.integer, XSD.positiveInteger: XSD.nonNegativeInteger,
    XSD.long: XSD.integer, XSD.int: XSD.long, XSD.language: XSD.token, XSD.token: XSD.normalizedString,
    XSD.normalizedString: XSD.string,
}

# The OWL 2 datatype map (OWL 2 Syntax, 4.1 to 4.7): the only datatypes HermiT can reason with.
OWL2_DATATYPES = {XSD[n] for n in (
    "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int short byte "
    "unsignedLong unsignedInt unsignedShort unsignedByte double float string normalizedString token language "
    "Name NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp"
).split()} | {RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    g = rdflib.Graph()
    for f in ONTOLOGY_FILES:
        g.parse(f, format="turtle")
    return g


@pytest.fixture(scope="module")
def data() -> rdflib.Dataset:
    ds = rdflib.Dataset()
    for f in DATA_FILES:
        ds.parse(f, format="trig")
    return ds


def under(term: rdflib.term.Node, *namespaces: str) -> bool:
    """`term` is an IRI in one of `namespaces` (rdflib's URIRef.startswith ignores a tuple)."""
    return isinstance(term, rdflib.URIRef) and str(term).startswith(tuple(str(n) for n in namespaces))


def short(g: rdflib.Graph, node: rdflib.term.Node) -> str:
    return node.n3(g.namespace_manager)


def superproperties(g: rdflib.Graph, p: rdflib.URIRef) -> set[rdflib.URIRef]:
    return set(g.transitive_objects(p, RDFS.subPropertyOf)) - {p}


def derivation_properties(g: rdflib.Graph) -> set[rdflib.URIRef]:
    """Every property declared a sub-property of prov:wasDerivedFrom, through any chain."""
    return set(g.transitive_subjects(RDFS.subPropertyOf, PROV.wasDerivedFrom)) - {PROV.wasDerivedFrom}


# ------------------------------------------------------------------------------- parsing


@pytest.mark.parametrize("path", ONTOLOGY_FILES, ids=lambda p: p.name)
def test_each_ontology_file_parses_in_rdflib(path):
    g = rdflib.Graph().parse(path, format="turtle")
    assert len(g) > 50


def test_the_ontology_has_one_header_with_label_comment_and_license(ontology):
    (header,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert header == rdflib.URIRef(ONTOLOGY_NS.rstrip("#"))
    assert ontology.value(header, RDFS.label) and ontology.value(header, RDFS.comment)
    assert str(ontology.value(header, DCTERMS.license)).startswith(SPDX)


def test_owlready2_loads_the_ontology_with_its_classes_and_properties(ontology, tmp_path):
    world = _world(ontology, tmp_path)
    try:
        model, foundation = world[str(LLMKG.Model)], world[str(LLMKG.FoundationModel)]
        assert model is not None and foundation is not None
        assert model in foundation.ancestors()
        fine_tuned_from = world[str(LLMKG.fineTunedFrom)]
        assert isinstance(fine_tuned_from, owlready2.ObjectPropertyClass)
        assert world[str(LLMKG.derivedFromModel)] in fine_tuned_from.is_a
        assert isinstance(world[str(LLMKG.parameterCount)], owlready2.DataPropertyClass)
    finally:
        world.close()


# ------------------------------------------------------------------------------- reasoning


def _world(g: rdflib.Graph, tmp: Path) -> owlready2.World:
    path = tmp / "input.nt"
    g.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    return world


def _reason(g: rdflib.Graph) -> owlready2.World:
    """Run HermiT on `g`; raises OwlReadyInconsistentOntologyError when it is inconsistent."""
    with tempfile.TemporaryDirectory() as tmp:
        world = _world(g, Path(tmp))
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


def owl2_facts(data: rdflib.Dataset, ontology: rdflib.Graph) -> tuple[rdflib.Graph, set[rdflib.URIRef]]:
    """The data's triples HermiT can read, and the predicates whose literals it cannot.

    xsd:date, xsd:gYearMonth and xsd:gYear (what dct:issued and its kin carry, as precise as the
    source) are not in the OWL 2 datatype map; HermiT refuses them. Those triples are left out.
    """
    g, skipped = rdflib.Graph(), set()
    for s, p, o, _ in data.quads((None, None, None, None)):
        if isinstance(o, rdflib.Literal) and o.datatype is not None and o.datatype not in OWL2_DATATYPES:
            skipped.add(p)
        else:
            g.add((s, p, o))
    return g, skipped


def test_hermit_finds_the_ontology_consistent(ontology):
    world = _reason(ontology)
    try:
        assert list(world.inconsistent_classes()) == []
    finally:
        world.close()


def test_hermit_finds_the_ontology_with_all_the_data_consistent(ontology, data):
    facts, skipped = owl2_facts(data, ontology)
    # Leaving out a literal hides no inconsistency only if its property constrains nothing.
    assert skipped <= {DCTERMS.issued, DCTERMS.created, DCTERMS.modified, PROV.startedAtTime, PROV.endedAtTime}
    assert all(ontology.value(p, RDFS.range) is None for p in skipped)
    world = _reason(ontology + facts)
    try:
        assert list(world.inconsistent_classes()) == []
        # HermiT did reason over the individuals: ChatGPT is only said to derive from GPT-4
        # (graph 001), which makes it an llmkg:DerivedModel by the class's definition.
        chatgpt = world[MODEL + "chatgpt"]
        assert world[str(LLMKG.DerivedModel)] in chatgpt.INDIRECT_is_a
    finally:
        world.close()


def test_hermit_finds_a_planted_contradiction(ontology):
    """The check above can fail: one IRI typed as a single model and as a family is caught."""
    planted = rdflib.Graph()
    x = rdflib.URIRef(MODEL + "planted")
    planted.add((x, RDF.type, LLMKG.FoundationModel))
    planted.add((x, RDF.type, LLMKG.ModelFamily))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _reason(ontology + planted).close()


# ------------------------------------------------------------------------------- documentation


def test_every_declared_term_has_a_label_and_a_comment(ontology):
    rdfs_own = {RDFS.label, RDFS.comment, RDFS.seeAlso}  # declared annotation properties, nothing more
    declared = {s for t in DECLARATIONS for s in ontology.subjects(RDF.type, t) if isinstance(s, rdflib.URIRef)}
    undocumented = sorted(
        short(ontology, t) for t in declared - rdfs_own
        if ontology.value(t, RDFS.label) is None or ontology.value(t, RDFS.comment) is None
    )
    assert undocumented == []
    assert len(declared) > 150


def test_every_llmkg_term_the_ontology_mentions_is_declared_there(ontology):
    mentioned = {t for triple in ontology for t in triple if isinstance(t, rdflib.URIRef) and under(t, LLMKG)}
    undeclared = sorted(short(ontology, t) for t in mentioned if (t, RDF.type, None) not in ontology)
    assert undeclared == []


def test_every_concept_has_a_preferred_label_and_a_scheme(ontology):
    concepts = set(ontology.subjects(RDF.type, SKOS.Concept))
    bad = sorted(
        short(ontology, c) for c in concepts
        if ontology.value(c, SKOS.prefLabel) is None or (c, SKOS.inScheme, None) not in ontology
    )
    assert bad == [] and len(concepts) > 40


def test_every_concept_scheme_action_and_operand_is_declared_a_named_individual(ontology):
    """pyshacl copies only OWL declarations and named individuals from the ontology into the data it
    validates: an undeclared concept would fail sh:class skos:Concept in every shape (vocab.ttl)."""
    kinds = (SKOS.Concept, SKOS.ConceptScheme, ODRL.Action, ODRL.LeftOperand)
    individuals = {s for k in kinds for s in ontology.subjects(RDF.type, k) if isinstance(s, rdflib.URIRef)}
    undeclared = sorted(short(ontology, i) for i in individuals if (i, RDF.type, OWL.NamedIndividual) not in ontology)
    assert undeclared == []
    assert len(individuals) > 60


# ------------------------------------------------------------------------------- closed vocabulary


def test_data_uses_only_declared_llmkg_and_vocab_terms(ontology, data):
    problems = set()
    for s, p, o, _ in data.quads((None, None, None, None)):
        for t in (s, p, o):
            if isinstance(t, rdflib.URIRef) and under(t, LLMKG, VOC) and (t, RDF.type, None) not in ontology:
                problems.add(f"{short(ontology, t)} is not declared in ontology/")
        if under(p, LLMKG) and not any((p, RDF.type, k) in ontology for k in PROPERTY_TYPES):
            problems.add(f"{short(ontology, p)} is used as a property but not declared as one")
        if p == RDF.type and under(o, LLMKG) and (o, RDF.type, OWL.Class) not in ontology:
            problems.add(f"{short(ontology, o)} is used as a class but not declared as one")
    assert sorted(problems) == []


def test_queries_name_only_declared_llmkg_terms(ontology):
    undeclared = set()
    for q in QUERY_FILES:
        text = re.sub(r"#[^\n]*", "", q.read_text())  # headers may name terms loosely
        for name in re.findall(r"\bllmkg:([A-Za-z][\w-]*)", text):
            if (LLMKG[name], RDF.type, None) not in ontology:
                undeclared.add(f"{q.relative_to(ROOT)}: llmkg:{name}")
    assert sorted(undeclared) == []


def _in_range(literal: rdflib.Literal, rng: rdflib.URIRef) -> bool:
    if rng == RDFS.Literal:
        return True
    dt = literal.datatype or (RDF.langString if literal.language else XSD.string)
    while dt is not None:
        if dt == rng:
            return True
        dt = XSD_PARENT.get(dt)
    return False


def test_every_literal_of_an_llmkg_datatype_property_is_in_its_range(ontology, data):
    out_of_range = set()
    for p in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        rng = ontology.value(p, RDFS.range)
        if not under(p, LLMKG) or rng is None:
            continue
        for _s, _p, o, _g in data.quads((None, p, None, None)):
            if not isinstance(o, rdflib.Literal) or not _in_range(o, rng):
                out_of_range.add(f"{short(ontology, p)} {o.n3()} (range {short(ontology, rng)})")
    assert sorted(out_of_range) == []


# ------------------------------------------------------------------------------- derivations


@pytest.mark.parametrize("prop", sorted(DERIVATIONS), ids=lambda p: p.fragment)
def test_derivation_links_are_sub_properties_of_prov_was_derived_from(ontology, prop):
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert PROV.wasDerivedFrom in superproperties(ontology, prop)


@pytest.mark.parametrize("prop", sorted(NOT_DERIVATIONS), ids=lambda p: p.fragment)
def test_relations_that_are_not_derivations_are_not_sub_properties_of_it(ontology, prop):
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert PROV.wasDerivedFrom not in superproperties(ontology, prop)


def test_the_ontology_declares_no_other_derivation_than_those(ontology):
    llmkg_derivations = {p for p in derivation_properties(ontology) if under(p, LLMKG)}
    assert llmkg_derivations == DERIVATIONS


def _curies(text: str) -> set[str]:
    return set(re.findall(r"\b(?:llmkg|prov):[A-Za-z]\w*", text))


def _expected_chain(ontology: rdflib.Graph) -> set[str]:
    return {short(ontology, p) for p in derivation_properties(ontology) | {PROV.wasDerivedFrom}}


def test_the_self_derivation_check_follows_every_derivation_link(ontology):
    text = (ROOT / "queries" / "checks" / "self-derivation-violation.rq").read_text()
    (values,) = re.findall(r"VALUES \?firstStep \{([^}]*)\}", text)
    (path,) = re.findall(r"\?via \(([^)]*)\)\*", text)
    assert _curies(values) == _expected_chain(ontology)
    assert _curies(path) == _expected_chain(ontology)


def test_the_no_self_derivation_shape_follows_every_derivation_link(ontology):
    shapes = rdflib.Graph().parse(ROOT / "shapes" / "derivation.ttl")
    shape = rdflib.URIRef("https://w3id.org/llmkg/shapes#NoSelfDerivation")
    targets = {short(ontology, p) for p in shapes.objects(shape, SH.targetSubjectsOf)}
    select = str(shapes.value(shapes.value(shape, SH.sparql), SH.select))
    (first_step,) = re.findall(r"\?path IN \(([^)]*)\)", select)
    (chain,) = re.findall(r"\?value \(([^)]*)\)\*", select)
    assert targets == _curies(first_step) == _curies(chain) == _expected_chain(ontology)


# ------------------------------------------------------------------------------- licenses


def licenses(data: rdflib.Dataset) -> set[rdflib.URIRef]:
    return {s for s, _p, _o, _g in data.quads((None, RDF.type, LLMKG.License))}


def test_every_license_is_an_spdx_or_an_llmkg_license_iri(data):
    assert {lic for lic in licenses(data) if not under(lic, SPDX, CUSTOM_LICENSE)} == set()


def test_every_spdx_license_is_a_real_spdx_license_described_in_the_reference_graph(data):
    reference = data.graph(rdflib.URIRef("https://w3id.org/llmkg/graph/llmkg-reference"))
    spdx = {lic for lic in licenses(data) if under(lic, SPDX)}
    assert {"Apache-2.0", "MIT", "ODC-By-1.0"} <= {lic.removeprefix(SPDX) for lic in spdx}
    for lic in spdx:
        spdx_id = lic.removeprefix(SPDX)
        assert (lic, DCTERMS.identifier, rdflib.Literal(spdx_id)) in reference, spdx_id
        known = normalise(spdx_id)
        assert known is not None and known.iri == str(lic), f"{spdx_id} is not an SPDX license id"


def test_no_custom_license_stands_for_a_standard_one(data):
    """A custom IRI whose slug or label names an SPDX license should be that SPDX IRI."""
    misnamed = set()
    for lic in licenses(data):
        if not under(lic, CUSTOM_LICENSE):
            continue
        names = [lic.removeprefix(CUSTOM_LICENSE)]
        names += [str(o) for _s, _p, o, _g in data.quads((lic, RDFS.label, None))]
        names += [str(o) for _s, _p, o, _g in data.quads((lic, SKOS.altLabel, None))]
        for name in names:
            known = normalise(name)
            if known is not None and known.spdx_id is not None:
                misnamed.add(f"{lic} is called {name!r}: use {known.iri}")
    assert sorted(misnamed) == []
