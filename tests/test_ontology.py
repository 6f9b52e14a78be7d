"""The ontology, its namespace, the SHACL shapes, the authority records and the documentation."""

import re
from pathlib import Path

import pytest
from paths import CORPUS, ROOT
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SDO, SKOS
from typer.testing import CliRunner

from remembrance.cli import app
from remembrance.config import LANGUAGES as PROJECT_LANGUAGES
from remembrance.graph.build import build
from remembrance.graph.rdf import authority_graph
from remembrance.graph.stores import open_store
from remembrance.graph.validate import Report, validate
from remembrance.iris import entity_iri
from remembrance.ontology import document, generate
from remembrance.ontology.categories import CATEGORIES as TOP_CATEGORIES
from remembrance.ontology.files import authority_files, load_authority, load_ontology
from remembrance.ontology.namespace import REM
from remembrance.pipelines.authority import class_categories, parse_records

NS = generate.NAMESPACE
LANGUAGES = set(PROJECT_LANGUAGES)
CATEGORIES = set(TOP_CATEGORIES)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def _terms(ontology: Graph, *kinds: URIRef) -> list[URIRef]:
    found = {s for kind in kinds for s in ontology.subjects(RDF.type, kind)}
    return sorted(s for s in found if isinstance(s, URIRef) and str(s).startswith(NS))


def test_namespace_module_is_generated_from_the_turtle(ontology: Graph) -> None:
    terms = generate.defined_terms(ontology)
    assert generate.TARGET.read_text(encoding="utf-8") == generate.render(terms)
    assert set(REM.__annotations__) == set(terms)


@pytest.mark.parametrize(
    "path",
    [
        *authority_files(),
        ROOT / "graph" / "MODEL.md",
        ROOT / "ontology" / "authority" / "README.md",
    ],
    ids=lambda p: p.name,
)
def test_every_rem_term_used_is_defined(ontology: Graph, path: Path) -> None:
    defined = set(generate.defined_terms(ontology))
    used = set(re.findall(r"\brem:([A-Za-z]\w*)", path.read_text(encoding="utf-8")))
    assert used, path
    assert used - defined == set()


def test_every_term_has_three_labels_and_an_english_definition(ontology: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for term in _terms(ontology, *kinds, RDFS.Datatype):
        labels = [label.language for label in ontology.objects(term, RDFS.label)]
        assert sorted(labels) == sorted(LANGUAGES), term
        definitions = {d.language for d in ontology.objects(term, SKOS.definition)}  # type: ignore[union-attr]
        assert "en" in definitions, term


def test_top_categories_and_document_model_are_defined_in_three_languages(ontology: Graph) -> None:
    for name in [*CATEGORIES, "Document", "Mention", "DateMention", "Statement", "memberOf"]:
        definitions = {d.language for d in ontology.objects(REM[name], SKOS.definition)}  # type: ignore[union-attr]
        assert definitions == LANGUAGES, name


def test_alignments_use_cidoc_crm_7_names(ontology: Graph) -> None:
    crm = "http://www.cidoc-crm.org/cidoc-crm/"
    used = {str(o) for o in ontology.objects() if str(o).startswith(crm)}
    assert used
    for iri in used:
        assert re.fullmatch(r"[EP]\d+i?_[A-Za-z_-]+", iri[len(crm) :]), iri


def test_authority_records_conform() -> None:
    report = validate(load_authority())
    assert report.conforms, report.violations
    report = validate(authority_graph())  # with the derived rem:category and rdfs:label
    assert report.conforms, report.violations


def test_authority_records_count_and_languages() -> None:
    rows = authority_graph().query(
        """
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX rem: <https://w3id.org/remembrance/ontology#>
        SELECT ?category (COUNT(?e) AS ?records) (SUM(?multilingual) AS ?labelled) WHERE {
          { SELECT ?e ?category (IF(COUNT(DISTINCT LANG(?label)) >= 2, 1, 0) AS ?multilingual)
            WHERE { ?e rem:category ?category ; skos:prefLabel ?label } GROUP BY ?e ?category }
        } GROUP BY ?category
        """
    )
    counts = {str(r[0]): (int(r[1]), int(r[2])) for r in rows}  # type: ignore[index]
    assert set(counts) == CATEGORIES
    assert all(records >= 10 for records, _ in counts.values()), counts
    total = sum(records for records, _ in counts.values())
    assert total >= 200
    assert sum(labelled for _, labelled in counts.values()) > 0.8 * total


BROKEN = """
@prefix rem: <https://w3id.org/remembrance/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix x: <http://example.org/> .

x:doc a rem:Document ; rem:contentHash "0123456789abcdef0123" ; rem:sourcePath "a.txt" ;
    rem:pipelineVersion "1" .
x:mention a rem:Mention ; rem:text "Comet" ; rem:start 10 ; rem:end 5 ; rem:sentence "s" ;
    rem:inDocument x:doc ; rem:refersTo x:comet ; rem:source "magic" ; rem:confidence 1.5 ;
    prov:wasAttributedTo x:gazetteer .
x:comet rem:memberOf x:group .
x:statement a rem:Statement ; rdf:subject x:comet ; rdf:predicate rem:memberOf ;
    rdf:object x:group ; rem:inDocument x:doc ; rem:sentence "s" ; rem:start 1 ; rem:end 4 ;
    rem:confidence 0.5 ; rem:earliest "1941-01-01"^^xsd:date ; rem:latest "1940-01-01"^^xsd:date .
x:date a rem:DateMention ; rem:text "May 1940" ; rem:start 1 ; rem:end 9 ;
    rem:inDocument x:doc ; rem:value "May 1940"^^rem:edtf .
x:record a rem:Person ; skos:prefLabel "Someone"@en ; rem:wikidata "42" ; rem:latitude 91.0 .
x:twice a rem:Place, rem:City ; skos:prefLabel "Twice"@fr, "Twice"@en, "Twice again"@en ;
    dcterms:source "a book" ; rem:category "Town" .
"""

EXPECTED = {
    ("<http://example.org/doc>", "rem:language", "a document needs one rem:language"),
    ("<http://example.org/mention>", "rem:start", "less than rem:end"),
    ("<http://example.org/mention>", "rem:source", "must be one of gazetteer"),
    ("<http://example.org/mention>", "rem:confidence", "from 0 to 1"),
    ("<http://example.org/statement>", "prov:wasAttributedTo", "its extractor"),
    ("<http://example.org/statement>", "prov:wasDerivedFrom", "its document"),
    ("<http://example.org/statement>", "rem:earliest", "not after rem:latest"),
    ("<http://example.org/record>", "dcterms:source", "at least one dcterms:source"),
    ("<http://example.org/record>", "rem:wikidata", "Q-identifier"),
    ("<http://example.org/record>", "rem:latitude", "from -90 to 90"),
    ("<http://example.org/twice>", "rdf:type", "exactly one class"),
    ("<http://example.org/twice>", "skos:prefLabel", "exactly one English"),
    ("<http://example.org/twice>", "skos:prefLabel", "at most one per language"),
    ("<http://example.org/twice>", "rem:category", "rem:category must be one of"),
}


def test_broken_graph_fails_with_the_expected_violations() -> None:
    report = validate(Graph().parse(data=BROKEN, format="turtle"))
    assert not report.conforms
    found = {(v.focus, v.path, v.message) for v in report.violations}
    for focus, path, message in EXPECTED:
        assert any(f == focus and p == path and message in m for f, p, m in found), (
            focus,
            path,
            message,
        )
    edtf = [v for v in report.violations if "EDTF" in v.message]
    assert [v.value.split(" ")[0] for v in edtf] == ["May"]
    assert len(report.violations) == len(EXPECTED) + 1


def test_gender_is_a_closed_choice(ontology: Graph) -> None:
    records = load_authority()
    assert parse_records(records, class_categories(ontology))["edith-cavell"].gender == "female"
    person = entity_iri("edith-cavell")
    records.set((person, SDO.gender, SDO.Woman))
    assert not validate(records).conforms
    with pytest.raises(ValueError, match=r"edith-cavell: schema:gender .*Woman is not one of"):
        parse_records(records, class_categories(ontology))


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("1940", True),
        ("1940-05", True),
        ("1940-05-28", True),
        ("1944-21", True),
        ("194X", True),
        ("1940?", True),
        ("1940-05-10/1940-05-28", True),
        ("1940/1945~", True),
        ("../1945", True),
        ("1940/..", True),
        ("XXXX-05-08", True),
        ("1940-13", False),
        ("1940-02-32", False),
        ("May 1940", False),
        ("40", False),
        ("/", False),
    ],
)
def test_edtf_pattern(value: str, valid: bool) -> None:
    graph = Graph().parse(
        data=f'<http://example.org/e> <{NS}occurredOn> "{value}"^^<{NS}edtf> .', format="turtle"
    )
    assert validate(graph).conforms is valid


def test_validate_command(tmp_path: Path) -> None:
    runner = CliRunner()
    store_dir = tmp_path / "store"
    with open_store(store_dir, read_only=False) as store:
        store.put_graph(URIRef("http://example.org/authority"), load_authority())
    result = runner.invoke(app, ["validate", "--store", str(store_dir)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    with open_store(store_dir, read_only=False) as store:
        store.put_graph(
            URIRef("http://example.org/broken"), Graph().parse(data=BROKEN, format="turtle")
        )
    result = runner.invoke(app, ["validate", "--store", str(store_dir)], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert "does not conform" in result.output
    assert "rem:wikidata" in result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Report:
    location = tmp_path_factory.mktemp("corpus") / "store"
    with open_store(location, read_only=False) as store:
        build([CORPUS], store)
    with open_store(location) as store:
        return validate(store)


@pytest.mark.slow
def test_built_corpus_conforms(built: Report) -> None:
    assert built.graphs > 40
    assert built.conforms, built.violations


def test_documentation_is_up_to_date(ontology: Graph) -> None:
    page = (ROOT / "docs" / "ontology.html").read_text(encoding="utf-8")
    assert page == document.render(ontology)
    for term in generate.defined_terms(ontology):
        assert f'id="{term}"' in page


def test_the_ontology_folder_is_read_when_used_not_at_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from remembrance.ontology.files import PACKAGE_DIR, ontology_dir

    shutil.copytree(PACKAGE_DIR, tmp_path / "ontology", ignore=shutil.ignore_patterns("*.py"))
    extra = tmp_path / "ontology" / "authority" / "extra.ttl"
    extra.write_text(
        "@prefix rem: <https://w3id.org/remembrance/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<entity/zz_added_later> a rem:Person ; skos:prefLabel "Added Later"@en .\n',
        encoding="utf-8",
    )
    before = len(load_authority())
    monkeypatch.setenv("REMEMBRANCE_ONTOLOGY_DIR", str(tmp_path / "ontology"))
    assert ontology_dir() == tmp_path / "ontology"
    assert extra in authority_files()
    assert len(load_authority()) == before + 2
