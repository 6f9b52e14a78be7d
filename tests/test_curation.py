"""Corrections that survive rebuilds: every kind through a full and an incremental build, on
real Oxigraph stores with the real pipeline; contradictions, unmatched corrections, order."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib.compare import isomorphic
from test_distributed import named_graphs

from remembrance.graph.build import BuildReport, build
from remembrance.graph.curate import correction_for
from remembrance.graph.curation import (
    Correction,
    CurationError,
    Kind,
    add_correction,
    load_curation,
)
from remembrance.graph.store import EmbeddedStore, Store
from remembrance.graph.stores import open_store
from remembrance.iris import content_hash

TEXTS = {
    "comet.txt": "The Comet Line was founded in Brussels in 1941 by Andrée de Jongh. Jean Dupont "
    "helped the Comet Line in Brussels. Dédée guided airmen over the Pyrenees.",
    "other.txt": "Jean Dupont was arrested in Liège in 1943. Jean Dupond later joined the Secret "
    "Army. The Comet Line had about 700 helpers.",
    "fr.txt": "Le réseau Comète a aidé 776 aviateurs. Jean Dupont habitait à Bruxelles.",
}
BASE = "https://w3id.org/remembrance/"
CURATION = f"<{BASE}graph/curation>"


def mention(name: str, text: str, occurrence: int = 0) -> str:
    """The IRI of the mention of `text` in the corpus file `name`."""
    body = TEXTS[name]
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(text, start + 1)
    return f"{BASE}mention/{content_hash(body)}/{start}-{start + len(text)}"


def ask(store: Store, sparql: str) -> bool:
    return bool(store.query(f"ASK {{ {sparql} }}").askAnswer)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("curation") / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "fr.json").write_text('{"language": "fr"}', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def machine(corpus: Path) -> Path:
    """A store built without corrections (what the machine said)."""
    root = corpus.parent / "machine"
    with EmbeddedStore(root, read_only=False) as store:
        build([corpus], store)
    return root


@pytest.fixture
def reader(machine: Path) -> Iterator[Store]:
    with open_store(machine) as store:
        yield store


def copy(store: Path, target: Path) -> Path:
    shutil.copytree(store, target, symlinks=True)
    (target / "writer.lock").unlink(missing_ok=True)
    return target


def built(corpus: Path, root: Path, folder: Path) -> BuildReport:
    with EmbeddedStore(root, read_only=False) as store:
        return build([corpus], store, curation=load_curation(folder))


# kind → (targets, options, check of the curated store)
Check = Callable[[Store], None]
CASES: dict[str, tuple[Kind, Callable[[], list[str]], dict[str, str], Check]] = {}


def case(name: str, kind: Kind, targets: Callable[[], list[str]], **options: str):  # type: ignore[no-untyped-def]
    def register(check: Check) -> Check:
        CASES[name] = (kind, targets, options, check)
        return check

    return register


@case("merge", Kind.MERGE, lambda: ["ent:jean-dupont-person", "ent:jean-dupond-person"])
def _merged(store: Store) -> None:
    assert not ask(store, "?m rem:refersTo ent:jean-dupond-person")
    assert ask(store, "?m rem:text 'Jean Dupond' ; rem:refersTo ent:jean-dupont-person")
    assert ask(
        store, f"GRAPH {CURATION} {{ ent:jean-dupont-person owl:sameAs ent:jean-dupond-person }}"
    )
    assert ask(store, "ent:jean-dupont-person rem:memberOf ent:secret-army")  # statements follow


@case("split", Kind.SPLIT, lambda: [mention("fr.txt", "Jean Dupont")], label="Jan Dupont",
      class_name="Person")  # fmt: skip
def _split(store: Store) -> None:
    fr = mention("fr.txt", "Jean Dupont")
    assert ask(store, f"<{fr}> rem:refersTo ent:jan-dupont-person")
    assert ask(store, "ent:jan-dupont-person rdfs:label 'Jan Dupont' ; rem:category 'Person'")
    assert ask(
        store, f"<{mention('comet.txt', 'Jean Dupont')}> rem:refersTo ent:jean-dupont-person"
    )


@case("reject-mention", Kind.REJECT_MENTION, lambda: [mention("comet.txt", "Pyrenees")])
def _rejected_mention(store: Store) -> None:
    assert not ask(store, "?m a rem:Mention ; rem:text 'Pyrenees'")
    assert ask(
        store,
        f"?t a rem:MachineTriple ; rem:tripleSubject <{mention('comet.txt', 'Pyrenees')}> ; "
        "rem:triplePredicate rem:refersTo ; rem:tripleObject ent:pyrenees ; "
        "prov:wasInvalidatedBy ?c . ?c rem:reason ?why",
    )


@case("reject-statement", Kind.REJECT_STATEMENT,
      lambda: ["ent:comet-line", "rem:helpedCount", "776"])  # fmt: skip
def _rejected_statement(store: Store) -> None:
    assert not ask(store, "ent:comet-line rem:helpedCount ?n")
    assert not ask(store, "?s a rem:Statement ; rdf:predicate rem:helpedCount")
    assert ask(store, "?t a rem:MachineTriple ; rem:tripleSubject ent:comet-line ; "
               "rem:triplePredicate rem:helpedCount ; rem:tripleObject 776")  # fmt: skip


@case("retype", Kind.RETYPE, lambda: ["ent:jean-dupont-person", "ResistanceNetwork"])
def _retyped(store: Store) -> None:
    assert ask(store, "ent:jean-dupont-person a rem:ResistanceNetwork ; rem:category 'Group'")
    assert not ask(store, "ent:jean-dupont-person rem:category 'Person'")
    assert not ask(store, "ent:jean-dupont-person a rem:Person")
    # what the machine said stays queryable
    assert ask(store, "?t a rem:MachineTriple ; rem:tripleSubject ent:jean-dupont-person ; "
               "rem:triplePredicate rem:category ; rem:tripleObject 'Person'")  # fmt: skip


@case("retype-record", Kind.RETYPE, lambda: ["ent:liege", "Memorial"])
def _retyped_record(store: Store) -> None:
    authority = f"<{BASE}graph/authority>"
    assert ask(store, f"GRAPH {authority} {{ ent:liege a rem:Memorial ; rem:category 'Memorial' }}")
    assert not ask(store, "ent:liege rem:category 'Place'")


@case("relabel", Kind.RELABEL, lambda: ["ent:jean-dupont-person", "Jean Dupont (helper)"])
def _relabelled(store: Store) -> None:
    assert ask(store, "ent:jean-dupont-person rdfs:label 'Jean Dupont (helper)'")
    assert not ask(store, "ent:jean-dupont-person rdfs:label 'Jean Dupont'")


@case("alias", Kind.ALIAS, lambda: ["ent:comet-line", "La Comète"])
def _aliased(store: Store) -> None:
    assert ask(store, f"GRAPH {CURATION} {{ ent:comet-line skos:altLabel 'La Comète' }}")


@case("alias-relinks", Kind.ALIAS, lambda: ["ent:frederic-de-jongh", "jean dupond"])
def _aliased_mention(store: Store) -> None:
    assert ask(store, "?m rem:text 'Jean Dupond' ; rem:refersTo ent:frederic-de-jongh")
    assert not ask(store, "?m rem:refersTo ent:jean-dupond-person")
    assert ask(store, "ent:frederic-de-jongh rem:memberOf ent:secret-army")  # its statement too
    assert ask(store, "?m rem:text 'Jean Dupont' ; rem:refersTo ent:jean-dupont-person")


@case("code-name", Kind.CODE_NAME, lambda: ["ent:andree-de-jongh", "Postman"], period="1941/1943")
def _code_named(store: Store) -> None:
    rows = list(store.query(
        "SELECT ?from ?until WHERE { ent:andree-de-jongh rem:codeName ?c . ?c rem:name 'Postman' ; "
        "rem:usedFrom ?from ; rem:usedUntil ?until }"
    ))  # fmt: skip
    assert [(str(a), str(b)) for a, b in rows] == [("1941", "1943")]


@case("link-wikidata", Kind.LINK, lambda: ["ent:jean-dupont-person", "Q2"])
def _linked(store: Store) -> None:
    assert ask(store, "ent:jean-dupont-person rem:wikidata 'Q2'")


@case("link-record", Kind.LINK, lambda: ["ent:jean-dupond-person", "ent:frederic-de-jongh"])
def _linked_record(store: Store) -> None:
    assert ask(store, "?m rem:text 'Jean Dupond' ; rem:refersTo ent:frederic-de-jongh")
    assert ask(store, "ent:frederic-de-jongh owl:sameAs ent:jean-dupond-person")


@case("promote", Kind.PROMOTE, lambda: ["ent:jean-dupont-person"])
def _promoted(store: Store) -> None:
    assert ask(store, "ent:jean-dupont-person a rem:AuthorityRecord, rem:Person ; "
               "skos:prefLabel 'Jean Dupont'@en ; rem:category 'Person' ; "
               "dcterms:source ?c")  # fmt: skip
    from remembrance.graph.validate import validate

    assert validate(store).conforms, validate(store).violations
    assert not ask(store, "ent:jean-dupont-person rem:localEntity true")


@case("confirm", Kind.CONFIRM, lambda: ["ent:jean-dupont-person"])
def _confirmed(store: Store) -> None:
    assert ask(store, "ent:jean-dupont-person rem:confirmedBy ?c . ?c a rem:Correction")
    from remembrance.graph.review import review

    assert not [i for i in review(store) if i.entity == "ent:jean-dupont-person"]


def without(graphs: dict[str, object], *names: str) -> dict[str, object]:
    return {g: v for g, v in graphs.items() if not g.endswith(names)}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_each_kind_through_a_full_and_an_incremental_build(
    name: str, corpus: Path, machine: Path, reader: Store, tmp_path: Path
) -> None:
    kind, targets, options, check = CASES[name]
    folder = tmp_path / "curation"
    correction = correction_for(reader, kind, targets(), why=f"test of {name}", who="Tester",
                                **options)  # type: ignore[arg-type]  # fmt: skip
    assert add_correction(folder, correction)
    assert not add_correction(folder, correction)  # the same decision is written once

    full = built(corpus, tmp_path / "full", folder)
    incremental = built(corpus, copy(machine, tmp_path / "incremental"), folder)
    assert not full.warnings and not incremental.warnings, (full.warnings, incremental.warnings)
    with open_store(tmp_path / "full") as a, open_store(tmp_path / "incremental") as b:
        # an incremental build extracts again exactly the documents the correction applies to
        curated = a.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g rem:curatedBy ?c } }")
        assert incremental.extracted == len([g for (g,) in curated if "/document/" in str(g)])
        check(a)
        check(b)
        assert ask(a, f"GRAPH {CURATION} {{ ?c rem:correctionKind '{kind.value}' ; "
                   "rem:matched true ; rem:reason ?why ; prov:endedAtTime ?when ; "
                   "prov:wasAssociatedWith [ rdfs:label 'Tester' ] }")  # fmt: skip
        first, second = named_graphs(a), named_graphs(b)
        assert first.keys() == second.keys()
        for graph in without(first, "/graph/build"):
            assert isomorphic(first[graph], second[graph]), graph

    # the correction withdrawn: the next build gives back what the machine said
    (folder / "corrections.tsv").unlink()
    back = built(corpus, tmp_path / "incremental", folder)
    assert back.extracted <= len(TEXTS)
    with open_store(tmp_path / "incremental") as b, open_store(machine) as m:
        restored, original = named_graphs(b), named_graphs(m)
        assert restored.keys() == original.keys()
        for graph in without(original, "/graph/build"):
            assert isomorphic(restored[graph], original[graph]), graph


@pytest.mark.slow
def test_order_of_corrections_and_documents_does_not_matter(
    corpus: Path, reader: Store, tmp_path: Path
) -> None:
    corrections = [
        correction_for(reader, kind, targets(), why="order", who="T", **options)  # type: ignore[arg-type]
        for kind, targets, options, _ in (CASES["merge"], CASES["retype"], CASES["split"],
                                          CASES["reject-mention"], CASES["relabel"])
    ]  # fmt: skip
    for order, folder in ((1, tmp_path / "a"), (-1, tmp_path / "b")):
        for correction in corrections[::order]:
            add_correction(folder, correction)
    reports = []
    texts = sorted(corpus.glob("*.txt"))
    for folder, paths in ((tmp_path / "a", texts), (tmp_path / "b", texts[::-1])):
        with EmbeddedStore(folder / "store", read_only=False) as store:
            reports.append(build(paths, store, curation=load_curation(folder)))
    assert reports[0].graph_version == reports[1].graph_version
    with open_store(tmp_path / "a" / "store") as a, open_store(tmp_path / "b" / "store") as b:
        first, second = named_graphs(a), named_graphs(b)
        _merged(a)
        assert ask(a, "ent:jean-dupont-person rdfs:label 'Jean Dupont (helper)' ; "
                   "rem:category 'Group'")  # fmt: skip
    assert first.keys() == second.keys()
    for graph in without(first, "/graph/build"):
        assert isomorphic(first[graph], second[graph]), graph


@pytest.mark.slow
def test_an_edited_document_keeps_what_still_applies_and_reports_the_rest(
    corpus: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "curation"
    texts = tmp_path / "corpus"
    shutil.copytree(corpus, texts)
    root = tmp_path / "store"
    assert not built(texts, root, folder).warnings
    with open_store(root) as store:
        for targets in ([mention("comet.txt", "Pyrenees")], [mention("comet.txt", "Brussels", 1)]):
            add_correction(folder, correction_for(store, Kind.REJECT_MENTION, targets, why="edit"))
    assert not built(texts, root, folder).warnings
    # a sentence added before: every offset moves, both corrections still apply
    edited = "Introduction. " + TEXTS["comet.txt"]
    (texts / "comet.txt").write_text(edited, encoding="utf-8")
    assert not built(texts, root, folder).warnings
    with open_store(root) as store:
        assert not ask(store, "?m a rem:Mention ; rem:text 'Pyrenees'")
        assert ask(store, "?m rem:text 'Brussels' ; rem:start 44")  # the first Brussels
        assert not ask(store, "?m rem:text 'Brussels' ; rem:start 118")
    # the context of one mention rewritten: that correction is reported, the other applies
    (texts / "comet.txt").write_text(edited.replace("Pyrenees.", "Pyrenees in 1942."), "utf-8")
    report = built(texts, root, folder)
    assert len(report.warnings) == 1
    assert "Pyrenees" in report.warnings[0] and "corrections.tsv:2" in report.warnings[0]
    assert "no longer matches" in report.warnings[0]
    with open_store(root) as store:
        assert ask(store, "?m a rem:Mention ; rem:text 'Pyrenees'")  # reported, not dropped
        assert ask(store, f"GRAPH {CURATION} {{ ?c rem:text 'Pyrenees' ; rem:matched false }}")
        assert not ask(store, "?m rem:text 'Brussels' ; rem:start 118")


def write(folder: Path, *rows: str) -> None:
    from remembrance.graph.curation import COLUMNS

    folder.mkdir(parents=True, exist_ok=True)
    cells = "\t".join(COLUMNS)
    (folder / "corrections.tsv").write_text(cells + "\n" + "\n".join(rows) + "\n", "utf-8")


def row(**cells: str) -> str:
    from remembrance.graph.curation import COLUMNS

    values = {"who": "T", "when": "2026-01-01T00:00:00+00:00", "why": "because", **cells}
    return "\t".join(values.get(c, "") for c in COLUMNS)


@pytest.mark.parametrize(
    ("rows", "needles"),
    [
        (
            [row(kind="retype", entity="ent:liege", **{"class": "City"}),
             row(kind="retype", entity="ent:liege", **{"class": "Memorial"})],
            ["corrections.tsv:2", "corrections.tsv:3", "ent:liege"],
        ),
        (
            [row(kind="merge", entity="ent:liege", object="ent:brussels"),
             row(kind="merge", entity="ent:brussels", object="ent:liege")],
            ["circle", "corrections.tsv:2", "corrections.tsv:3"],
        ),
        (
            [row(kind="reject-mention", document="a.txt", start="3", quote="X"),
             row(kind="split", entity="ent:liege", document="a.txt", start="3", quote="X")],
            ["same mention", "corrections.tsv:2", "corrections.tsv:3"],
        ),
        (
            [row(kind="merge", entity="ent:liege", object="ent:brussels"),
             row(kind="relabel", entity="ent:brussels", label="B")],
            ["merges ent:brussels away", "corrections.tsv:2", "corrections.tsv:3"],
        ),
        (
            [row(kind="reject-statement", entity="ent:comet-line", property="helpedCount",
                 object="776"),
             row(kind="confirm", entity="ent:comet-line", property="helpedCount", object="776")],
            ["reject and confirm", "corrections.tsv:2", "corrections.tsv:3"],
        ),
    ],
)  # fmt: skip
def test_contradictory_corrections_are_an_error_naming_both(
    tmp_path: Path, rows: list[str], needles: list[str]
) -> None:
    write(tmp_path, *rows)
    with pytest.raises(CurationError) as error:
        load_curation(tmp_path)
    for needle in needles:
        assert needle in str(error.value)
    assert "contradictory" in str(error.value)


@pytest.mark.parametrize(
    ("cells", "needle"),
    [
        ({"kind": "retype", "entity": "ent:liege", "class": "Town"}, "unknown class 'Town'"),
        ({"kind": "retype", "entity": "ent:liege", "class": "City", "why": ""}, "say why"),
        ({"kind": "smash", "entity": "ent:liege"}, "smash"),
        ({"kind": "merge", "entity": "ent:new-person", "object": "ent:liege"}, "label and class"),
        ({"kind": "code-name", "entity": "ent:liege", "label": "L", "period": "soon"}, "EDTF"),
        ({"kind": "retype", "entity": "http://x.org/liege", "class": "City"}, "not an entity"),
    ],
)
def test_bad_rows_name_the_file_line_and_problem(
    tmp_path: Path, cells: dict[str, str], needle: str
) -> None:
    write(tmp_path, row(**cells))
    with pytest.raises(CurationError) as error:
        load_curation(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'corrections.tsv'}:2: ")
    assert needle in str(error.value)


def test_unknown_class_lists_the_ontology_classes(reader: Store) -> None:
    from remembrance.pipelines.errors import InputError

    with pytest.raises(InputError) as error:
        correction_for(reader, Kind.RETYPE, ["ent:liege", "Town"], why="x")
    assert "ResistanceNetwork" in str(error.value) and "City" in str(error.value)


def test_the_id_is_the_decision_not_who_or_why() -> None:
    a = Correction(Kind.RETYPE, entity="ent:liege", class_name="City", who="A", why="one")
    b = Correction(Kind.RETYPE, entity="ent:liege", class_name="City", who="B", why="two")
    c = Correction(Kind.RETYPE, entity="ent:liege", class_name="Town", who="A", why="one")
    assert a.id == b.id != c.id


@pytest.mark.slow
def test_the_cli_loop_with_the_curation_folder_in_the_environment(
    corpus: Path, tmp_path: Path
) -> None:
    from clitools import run_cli

    env = {"REMEMBRANCE_CURATION": str(tmp_path / "curation")}
    first, second = str(tmp_path / "first"), str(tmp_path / "second")
    assert run_cli("build", str(corpus), "--store", first, **env).returncode == 0
    retype = run_cli("curate", "retype", "ent:jean-dupont-person", "Group", "--why", "a network",
                     "--store", first, **env)  # fmt: skip
    assert retype.returncode == 0, retype.stderr
    merge = run_cli("curate", "merge", f"{BASE}entity/jean-dupont-person", "ent:jean-dupond-person",
                    "--why", "one man", "--who", "Ada", "--store", first, **env)  # fmt: skip
    assert merge.returncode == 0, merge.stderr
    lagging = run_cli("query", "ASK { ?s ?p ?o }", "--store", first, **env)
    assert "2 correction(s)" in lagging.stderr and "not in the store yet" in lagging.stderr
    lines = (tmp_path / "curation" / "corrections.tsv").read_text("utf-8").splitlines()
    assert len(lines) == 3 and lines[2].startswith("merge\tent:jean-dupont-person\t")
    again = run_cli("build", str(corpus), "--store", second, **env)
    assert again.returncode == 0 and "2 corrections" in again.stderr, again.stderr
    with open_store(second) as store:
        assert ask(store, "ent:jean-dupont-person rem:category 'Group'")
        assert not ask(store, "?m rem:refersTo ent:jean-dupond-person")
        assert ask(store, "?m rem:text 'Jean Dupond' ; rem:refersTo ent:jean-dupont-person")
        assert ask(store, "ent:jean-dupont-person owl:sameAs ent:jean-dupond-person")
        effect = run_cli("diff", "--correction", merge.stderr.split(" as ")[1].split()[0],
                         "--store", second, **env)  # fmt: skip
    assert effect.returncode == 0, effect.stderr
    assert "- <" in effect.stdout and "jean-dupond-person" in effect.stdout
    exported = run_cli("export", "--format", "nquads", "--store", second, **env)
    assert f"{BASE}graph/curation>" in exported.stdout and "one man" in exported.stdout
    contradiction = run_cli("curate", "retype", "ent:jean-dupont-person", "Place", "--why", "no",
                            "--store", second, **env)  # fmt: skip
    one_line = contradiction.stderr.strip().splitlines()
    assert contradiction.returncode == 2 and len(one_line) == 1
    assert "contradictory" in one_line[0] and "corrections.tsv:2" in one_line[0]


@pytest.mark.slow
def test_review_lists_every_kind_on_the_bundled_corpus(corpus_store: Path) -> None:
    import csv
    import io

    from clitools import run_cli

    from remembrance.graph.review import KINDS

    result = run_cli("review", "--format", "csv", "--store", str(corpus_store),
                     "--curation", str(corpus_store.parent / "none"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {row["kind"] for row in rows} == set(KINDS)
    weights = [int(row["weight"]) for row in rows]
    assert weights == sorted(weights, reverse=True)  # ranked
    page = run_cli("review", "--format", "html", "--limit", "5", "--store", str(corpus_store))
    assert page.stdout.count("<tr>") == 6 and "<script" not in page.stdout


@pytest.mark.server
@pytest.mark.slow
def test_corrections_apply_on_a_remote_sparql_server(
    corpus: Path,
    reader: Store,
    tmp_path: Path,
    oxigraph_server,  # type: ignore[no-untyped-def]
) -> None:
    from remembrance.graph.remote import RemoteStore

    folder = tmp_path / "curation"
    for kind, targets, options, _ in (CASES["retype"], CASES["merge"]):
        add_correction(folder, correction_for(reader, kind, targets(), why="remote", **options))  # type: ignore[arg-type]
    remote = RemoteStore(oxigraph_server.url, read_only=False)
    assert not build([corpus], remote).warnings
    report = build([corpus], remote, curation=load_curation(folder))
    assert not report.warnings and report.extracted == 3
    _retyped(remote)
    _merged(remote)


def test_a_mention_is_anchored_by_its_quote_and_context() -> None:
    from remembrance.graph.correct import anchor
    from remembrance.graph.curation import same_document

    text = "In Brussels,\n  the line began. Later Brussels fell."
    first = Correction(Kind.REJECT_MENTION, quote="Brussels", prefix="In ", suffix=", the line")
    assert anchor(first, text, 3, 11)  # line breaks and runs of spaces read as one space
    assert not anchor(first, text, text.rindex("Brussels"), text.rindex("Brussels") + 8)
    assert not anchor(first, text.replace("the line", "a line"), 3, 11)  # its context changed
    assert anchor(Correction(Kind.REJECT_MENTION, quote="In"), text, 0, 2)  # at the very start
    assert same_document("/data/corpus/en/comet.txt", "corpus/en/comet.txt")
    assert same_document("corpus/en/comet.txt", "/data/corpus/en/comet.txt")
    assert not same_document("/data/corpus/fr/comet.txt", "corpus/en/comet.txt")
