"""The per-language data tables of the relation extractors and the event frames."""

from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal

from remembrance import corpus
from remembrance.graph.jsonl import extraction_record
from remembrance.graph.rdf import CRM, document_graph
from remembrance.graph.validate import validate_graph
from remembrance.iris import entity_iri
from remembrance.ontology.namespace import REM
from remembrance.pipelines.extract import extract
from remembrance.pipelines.frames.tables import load_table
from remembrance.pipelines.records import Document, Statement


@pytest.mark.parametrize("language", ["en", "fr", "nl"])
def test_every_table_loads(language: str) -> None:
    table = load_table(language)
    assert table.patterns and table.quantities and table.anaphors


@cache
def _statements(text: str, language: str) -> list[Statement]:
    return next(extract([Document(f"{language}.txt", text, language)])).statements


def _facts(text: str, language: str) -> set[tuple[str, str, str]]:
    return {(s.subject, s.predicate, str(s.object)) for s in _statements(text, language)}


@pytest.mark.parametrize(
    ("language", "text", "facts"),
    [
        # a fronted participle, a membership dated by its clause, an arrest with its agent
        (
            "en",
            "Born in Ghent on 2 March 1915, Andrée de Jongh joined the Independence Front in 1942 "
            "and was arrested by the Sipo-SD a year later.",
            {
                ("andree-de-jongh", "bornIn", "ghent"),
                ("andree-de-jongh", "bornOn", "1915-03-02"),
                ("andree-de-jongh", "memberOf", "independence-front"),
                ("andree-de-jongh", "arrestedBy", "gestapo"),
            },
        ),
        (
            "fr",
            "Youra Livchitz fut fusillé au Tir national le 10 mai 1944 avec six camarades.",
            {
                ("youra-livchitz", "executedAt", "tir-national"),
                ("youra-livchitz", "executedOn", "1944-05-10"),
            },
        ),
        # Dutch verb-final clauses, no parser
        (
            "nl",
            "Het Nationaal Gedenkteken van het Fort van Breendonk werd op 8 mei 1955 ingehuldigd "
            "door burgemeester Hubert Pierlot.",
            {
                ("national-memorial-fort-breendonk", "dedicatedOn", "1955-05-08"),
                ("national-memorial-fort-breendonk", "inauguratedBy", "hubert-pierlot"),
            },
        ),
        (
            "nl",
            "Philipp Schmitt werd in 1950 in Antwerpen terechtgesteld.",
            {
                ("philipp-schmitt", "executedAt", "antwerp"),
                ("philipp-schmitt", "executedOn", "1950"),
            },
        ),
        # Dutch nouns read with their clause's verb, split from it by V2 order
        (
            "nl",
            "Walthère Dewé kwam op 14 januari 1944 om het leven in Elsene.",
            {
                ("walthere-dewe", "diedOn", "1944-01-14"),
                ("walthere-dewe", "diedIn", "ixelles"),
            },
        ),
        (
            "nl",
            "Jean Burgers vond in september 1944 de dood in Buchenwald.",
            {("jean-burgers", "diedOn", "1944-09"), ("jean-burgers", "diedIn", "buchenwald")},
        ),
        (
            "nl",
            "Na de oorlog deed Leopold III op 16 juli 1951 afstand van de troon.",
            {("leopold-iii", "abdicatedOn", "1951-07-16")},
        ),
        (
            "nl",
            "In 2012 opende Kazerne Dossin zijn deuren aan de overkant van de straat.",
            {("kazerne-dossin-memorial", "establishedOn", "2012")},
        ),
        (
            "nl",
            "Bij Baugnez vond op 17 december 1944 het bloedbad van Malmedy plaats.",
            {("malmedy-massacre", "occurredOn", "1944-12-17")},
        ),
        (
            "nl",
            "Op 12 maart 1950 werd de volksraadpleging over Leopold III gehouden.",
            {("popular-consultation-1950", "occurredOn", "1950-03-12")},
        ),
        (
            "nl",
            "De Witte Brigade werd in 1940 in het leven geroepen door Marcel Louette.",
            {
                ("white-brigade", "foundedOn", "1940"),
                ("white-brigade", "foundedBy", "marcel-louette"),
            },
        ),
        (
            "nl",
            "Walthère Dewé werd op 14 januari 1944 in Elsene vermoord.",
            {("walthere-dewe", "diedOn", "1944-01-14"), ("walthere-dewe", "diedIn", "ixelles")},
        ),
        (
            "nl",
            "Het Mardassonmonument dateert van 1950.",
            {("mardasson-memorial", "establishedOn", "1950")},
        ),
        # active voice: the subject is the agent, the object the participant
        (
            "en",
            "The Gestapo arrested Walthère Dewé in Brussels in 1944.",
            {
                ("walthere-dewe", "arrestedBy", "gestapo"),
                ("walthere-dewe", "arrestedAt", "brussels"),
                ("walthere-dewe", "arrestedOn", "1944"),
            },
        ),
        # coordinated objects share the frame
        (
            "en",
            "On 10 May 1940 the Wehrmacht attacked Belgium, the Netherlands and Luxembourg.",
            {
                ("wehrmacht", "attacked", "belgium"),
                ("wehrmacht", "attacked", "netherlands"),
                ("wehrmacht", "attacked", "luxembourg"),
            },
        ),
        # kinship through a possessive resolved by gender
        (
            "en",
            "Andrée de Jongh founded the Comet Line. Her father, Frédéric de Jongh, was executed "
            "at Mont-Valérien on 28 March 1944.",
            {
                ("frederic-de-jongh", "parentOf", "andree-de-jongh"),
                ("frederic-de-jongh", "executedOn", "1944-03-28"),
            },
        ),
    ],
)
def test_event_frames(language: str, text: str, facts: set[tuple[str, str, str]]) -> None:
    assert facts <= _facts(text, language)


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # a description after a fronted participle, a rank between "by" and the name
        (
            "The Piron Brigade landed in Normandy. Raised in Britain among exiles, the brigade "
            "was commanded by Colonel Jean-Baptiste Piron.",
            {("piron-brigade", "ledBy", "jean-baptiste-piron")},
        ),
        # a description with an adjective after a fronted date
        (
            "Leopold III stayed at Laeken. In September 1941 the widowed King married "
            "Lilian Baels.",
            {("leopold-iii", "spouseOf", "lilian-baels")},
        ),
        # an apposition of the group naming its leader
        (
            "Antwerp was taken with the White Brigade, an intelligence movement led by "
            "Marcel Louette.",
            {("white-brigade", "ledBy", "marcel-louette")},
        ),
        # a title between the kin noun and the name
        (
            "Leopold III was deported. Parliament chose his brother, Prince Charles, as regent.",
            {("prince-charles-count-of-flanders", "siblingOf", "leopold-iii")},
        ),
        # held at a place: imprisonment; shot at an execution site: execution
        (
            "Jean Améry was held and tortured at Breendonk before his deportation.",
            {("jean-amery", "imprisonedAt", "fort-breendonk")},
        ),
        (
            "Gabrielle Petit, a nurse from Tournai who was shot at the Tir national on "
            "1 April 1916, is remembered in Brussels.",
            {
                ("gabrielle-petit", "executedAt", "tir-national"),
                ("gabrielle-petit", "executedOn", "1916-04-01"),
            },
        ),
        # a name's possessive before a noun trigger
        (
            "Andrée de Jongh founded the Comet Line. Its motto was Pugna quin percutias. After "
            "De Jongh's arrest in 1943, the line was led by others.",
            {("andree-de-jongh", "arrestedOn", "1943")},
        ),
        # caught again: arrested
        (
            "Youra Livchitz escaped, and was caught again in June 1943.",
            {("youra-livchitz", "arrestedOn", "1943-06")},
        ),
        # "the event" stands for the event named before; an association that belongs to a group
        (
            "Relatives gathered in Liège for an Immortal Regiment march. The event was organised "
            "by Meridian, an association that belongs to the Belgian Federation of "
            "Russian-speaking Organisations.",
            {
                ("immortal-regiment", "organisedBy", "meridian-bfro"),
                ("meridian-bfro", "partOf", "belgian-federation-of-russian-speaking-organisations"),
            },
        ),
        # a memorial commemorates the event its dead fell in
        (
            "The Mardasson Memorial stands near Bastogne. The monument commemorates the American "
            "soldiers killed and wounded in the Battle of the Bulge.",
            {("mardasson-memorial", "commemorates", "battle-of-the-bulge")},
        ),
        # "the German offensive" stands for the battle named before; an event "opened"
        (
            "Veterans remembered the Battle of the Bulge. The German offensive in the Ardennes "
            "opened on 16 December 1944.",
            {
                ("battle-of-the-bulge", "tookPlaceAt", "ardennes"),
                ("battle-of-the-bulge", "occurredOn", "1944-12-16"),
            },
        ),
        # a memorial named again as "the site", dedicated
        (
            "East of Liège lies the Henri-Chapelle American Cemetery. The site, a burial ground "
            "since 1944, was dedicated in 1960.",
            {("henri-chapelle-american-cemetery", "dedicatedOn", "1960")},
        ),
    ],
)
def test_english_descriptions_appositions_and_participles(
    text: str, facts: set[tuple[str, str, str]]
) -> None:
    assert facts <= _facts(text, "en")


def test_a_pronoun_opening_a_sentence_stands_for_the_previous_sentence_s_subject() -> None:
    # not for the person named last ("Romance", "Verlaine" may be a name to the NER), and a
    # possessive after it stands for the same person
    text = (
        "Marguerite Bervoets, a teacher from La Louvière, admired Paul Verlaine. She joined the "
        "Belgian Legion in 1941. Her arrest came in August 1942."
    )
    facts = _facts(text, "en")
    assert ("marguerite-bervoets", "memberOf", "secret-army") in facts
    assert ("marguerite-bervoets", "arrestedOn", "1942-08") in facts
    assert not {f for f in facts if f[0] != "marguerite-bervoets"}


def test_a_date_opening_the_sentence_dates_its_main_clause() -> None:
    # the parse hangs "On 8 August 1942" on "occupied"
    text = (
        "On 8 August 1942, a week after the Germans had occupied the airfield, the Gestapo "
        "arrested Marguerite Bervoets."
    )
    assert ("marguerite-bervoets", "arrestedOn", "1942-08-08") in _facts(text, "en")


def test_a_name_s_possessive_is_not_part_of_the_name() -> None:
    text = (
        "Andrée de Jongh founded the Comet Line. Its motto was Pugna quin percutias. After "
        "De Jongh's arrest in 1943, the line survived."
    )
    extraction = next(extract([Document("en.txt", text, "en")]))
    names = {m.mention.text: m.entity.id for m in extraction.mentions}
    assert names.get("De Jongh") == "andree-de-jongh"
    assert not {s for s in extraction.statements if s.predicate == "arrestedOn"} - {
        s for s in extraction.statements if s.subject == "andree-de-jongh"
    }


def test_a_date_after_a_death_is_not_the_death_s() -> None:
    text = (
        "Marguerite Bervoets was beheaded at Wolfenbüttel on 7 August 1944. On 17 November 1946, "
        "two years after her death, a monument was unveiled in La Louvière."
    )
    assert not {f for f in _facts(text, "en") if f[1] == "diedOn"}


def test_a_verb_after_a_comma_has_the_subject_before_the_phrase() -> None:
    text = (
        "Fort Breendonk, built as one of the forts of the ring around Antwerp, lies in Willebroek."
    )
    located = {f for f in _facts(text, "en") if f[1] == "locatedIn"}
    assert located == {("fort-breendonk", "locatedIn", "willebroek")}


def test_a_dutch_place_right_after_another_names_one_site() -> None:
    text = "Livchitz werd in 1944 gefusilleerd op de Nationale Schietbaan in Schaarbeek."
    places = {t[2] for t in _facts(text, "nl") if t[1] == "executedAt"}
    assert places == {"tir-national"}


def test_a_date_goes_to_its_own_clause() -> None:
    text = (
        "Youra Livchitz was arrested in 1943 and executed at the Tir national on 17 February 1944."
    )
    facts = _facts(text, "en")
    assert ("youra-livchitz", "arrestedOn", "1943") in facts
    assert ("youra-livchitz", "executedOn", "1944-02-17") in facts
    assert ("youra-livchitz", "arrestedOn", "1944-02-17") not in facts


def test_an_active_verb_with_another_object_is_not_the_frame() -> None:
    # "arrêter le convoi" is to stop it: nobody was arrested
    text = "Youra Livchitz avait arrêté le vingtième convoi près de Boortmeerbeek."
    assert not {f for f in _facts(text, "fr") if f[1].startswith("arrested")}


def test_a_name_is_no_trigger_and_a_date_in_a_name_is_the_event_s() -> None:
    text = "Le réseau Clarence fut fondé par Walthère Dewé avant l'invasion du 10 mai 1940."
    facts = _facts(text, "fr")
    assert ("clarence-network", "foundedOn", "1940-05-10") not in facts


def test_frame_statements_say_how_they_were_found() -> None:
    text = "Andrée de Jongh was born in 1916. She was arrested in Urrugne on 15 January 1943."
    arrest = next(s for s in _statements(text, "en") if s.predicate == "arrestedAt")
    assert (arrest.extractor, arrest.coreference) == ("frame", True)
    assert arrest.date is not None and arrest.date.value == "1943-01-15"


def test_an_event_is_cidoc_crm_with_provenance_and_valid() -> None:
    text = "Andrée de Jongh was arrested by the Sipo-SD in Urrugne on 15 January 1943."
    extraction = next(extract([Document("en.txt", text, "en")]))
    (event,) = extraction.occurrences
    assert (event.frame, event.crm_class, event.participant) == (
        "arrest",
        "E7_Activity",
        "andree-de-jongh",
    )
    _, graph = document_graph(extraction)
    node = next(graph.subjects(RDF.type, REM.Occurrence))
    assert graph.value(node, CRM.P11_had_participant) == entity_iri("andree-de-jongh")
    assert graph.value(node, CRM.P7_took_place_at) == entity_iri("urrugne")
    assert graph.value(node, CRM.P14_carried_out_by) == entity_iri("gestapo")
    span = graph.value(node, CRM["P4_has_time-span"])
    assert str(graph.value(span, REM.value)) == "1943-01-15"
    assert str(graph.value(span, REM.earliest)) == "1943-01-15"
    assert str(graph.value(node, REM.frame)) == "arrest"
    assert graph.value(node, REM.inDocument) is not None
    # the shortcut statements stay beside the event, reified with their provenance
    assert (entity_iri("andree-de-jongh"), REM.arrestedAt, entity_iri("urrugne")) in graph
    stored = Graph().parse(data=graph.serialize(format="nt"), format="nt")  # as a store reads it
    assert validate_graph(stored) == []
    relations = extraction_record(extraction)["relations"]
    assert {
        "subject": str(node),
        "predicate": str(CRM.P7_took_place_at),
        "object": str(entity_iri("urrugne")),
    }.items() <= next(r for r in relations if r["predicate"] == str(CRM.P7_took_place_at)).items()
    assert any(r["subject"] == str(node) and r["object"] == "1943-01-15" for r in relations)


def test_a_statement_through_a_pronoun_says_so_in_rdf() -> None:
    text = "Andrée de Jongh was born in 1916. She was deported to Ravensbrück."
    extraction = next(extract([Document("en.txt", text, "en")]))
    _, graph = document_graph(extraction)
    node = next(graph.subjects(RDF.predicate, REM.deportedTo))
    assert graph.value(node, REM.viaCoreference) == Literal(True)


@pytest.mark.parametrize(
    ("language", "text", "fact"),
    [
        (
            "en",
            "Andrée de Jongh founded the Comet Line. The young woman was arrested in Urrugne.",
            ("andree-de-jongh", "arrestedAt", "urrugne"),
        ),
        (
            "nl",
            "Leopold III bleef in het land. De koning werd in 1944 naar Duitsland gedeporteerd.",
            ("leopold-iii", "deportedTo", "germany"),
        ),
    ],
)
def test_a_definite_description_stands_for_the_entity_named_before(
    language: str, text: str, fact: tuple[str, str, str]
) -> None:
    found = {(s.subject, s.predicate, str(s.object)): s for s in _statements(text, language)}
    assert fact in found and found[fact].coreference


@pytest.mark.parametrize(
    ("language", "text", "fact"),
    [
        (
            "en",
            "Prince Charles, brother of Leopold III, was appointed regent.",
            ("prince-charles-count-of-flanders", "siblingOf", "leopold-iii"),
        ),
        (
            "en",
            "In September 1941 Leopold III married Lilian Baels.",
            ("leopold-iii", "spouseOf", "lilian-baels"),
        ),
        (
            "en",
            "Leopold III stayed in Belgium. He lived as a prisoner in the palace of Laeken.",
            ("leopold-iii", "imprisonedAt", "laeken"),
        ),
    ],
)
def test_kin_in_apposition_marriage_and_captivity(
    language: str, text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in _facts(text, language)


def test_a_date_after_before_or_since_dates_nothing() -> None:
    facts = _facts("The Royal Question divided the country after 1945.", "en")
    assert not {f for f in facts if f[1] == "occurredOn"}


@pytest.mark.parametrize(
    ("language", "text", "facts"),
    [
        (
            "nl",
            "Andrée de Jongh stichtte de Kometenlijn. Tot haar arrestatie op 15 januari 1943 in "
            "Urrugne begeleidde ze zelf meer dan honderd mannen.",
            {
                ("andree-de-jongh", "arrestedOn", "1943-01-15"),
                ("andree-de-jongh", "arrestedAt", "urrugne"),
            },
        ),
        (
            "fr",
            "Walthère Dewé dirigea Clarence. Après sa mort à Ixelles le 14 janvier 1944, le réseau "
            "continua.",
            {("walthere-dewe", "diedIn", "ixelles"), ("walthere-dewe", "diedOn", "1944-01-14")},
        ),
    ],
)
def test_a_possessive_names_the_participant_of_a_noun(
    language: str, text: str, facts: set[tuple[str, str, str]]
) -> None:
    assert facts <= _facts(text, language)


def test_the_statements_of_an_event_point_to_it() -> None:
    text = (
        "Andrée de Jongh was arrested by the Sipo-SD in Urrugne on 15 January 1943. "
        "She founded the Comet Line."
    )
    extraction = next(extract([Document("en.txt", text, "en")]))
    _, graph = document_graph(extraction)
    (event,) = graph.subjects(REM.frame, Literal("arrest"))
    linked = {graph.value(s, RDF.predicate) for s in graph.subjects(REM.occurrence, event)}
    assert linked == {REM.arrestedBy, REM.arrestedAt, REM.arrestedOn}
    founded = next(graph.subjects(RDF.predicate, REM.foundedBy))
    assert graph.value(founded, REM.occurrence) == next(
        graph.subjects(REM.frame, Literal("founding"))
    )
    stored = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    assert validate_graph(stored) == []


def test_a_date_goes_to_the_verb_nearest_it() -> None:
    text = (
        "Andrée de Jongh est née à Schaerbeek le 30 novembre 1916 et morte à Bruxelles "
        "le 13 octobre 2007."
    )
    facts = _facts(text, "fr")
    assert {
        ("andree-de-jongh", "bornOn", "1916-11-30"),
        ("andree-de-jongh", "diedOn", "2007-10-13"),
    } <= facts
    assert ("andree-de-jongh", "bornOn", "2007-10-13") not in facts


@pytest.mark.parametrize(
    ("language", "text", "facts"),
    [
        (
            "en",
            "After the arrest of Walthère Dewé in Brussels in 1944, the network went on.",
            {("walthere-dewe", "arrestedAt", "brussels"), ("walthere-dewe", "arrestedOn", "1944")},
        ),
        (
            "fr",
            "La fondation du réseau Comète en 1941 changea tout.",
            {("comet-line", "foundedOn", "1941")},
        ),
        # a year of the 19th century after a preposition is a date
        ("fr", "Walthère Dewé naquit à Liège en 1880.", {("walthere-dewe", "bornOn", "1880")}),
    ],
)
def test_a_noun_trigger_takes_the_participant_after_it(
    language: str, text: str, facts: set[tuple[str, str, str]]
) -> None:
    assert facts <= _facts(text, language)


@pytest.mark.parametrize(
    ("language", "text", "fact"),
    [
        (
            "fr",
            "Walthère Dewé arriva à Bruxelles en 1944. Il y fut arrêté le 14 janvier.",
            ("walthere-dewe", "arrestedAt", "brussels"),
        ),
        (
            "en",
            "Gabrielle Petit was taken to the Tir national. She was executed there in 1916.",
            ("gabrielle-petit", "executedAt", "tir-national"),
        ),
        # a site before the town named after it
        (
            "fr",
            "Le Tir national était un stand de tir situé à Schaerbeek. Edith Cavell y fut "
            "fusillée le 12 octobre 1915.",
            ("edith-cavell", "executedAt", "tir-national"),
        ),
    ],
)
def test_a_locative_pronoun_names_the_place_before_it(
    language: str, text: str, fact: tuple[str, str, str]
) -> None:
    found = {(s.subject, s.predicate, str(s.object)): s for s in _statements(text, language)}
    assert fact in found and found[fact].coreference


def test_there_is_no_place() -> None:
    text = "Walthère Dewé lived in Liège. There were many arrests, and he was arrested in 1944."
    assert not {f for f in _facts(text, "en") if f[1] == "arrestedAt"}


def test_a_fronted_date_the_parse_gives_the_verb_dates_the_event() -> None:
    text = (
        "Walthère Dewé led Clarence. On 14 January 1944, while trying to escape a German police "
        "operation in Ixelles, Dewé was shot dead."
    )
    facts = _facts(text, "en")
    assert ("walthere-dewe", "diedOn", "1944-01-14") in facts
    assert ("walthere-dewe", "executedOn", "1944-01-14") not in facts


def test_a_place_in_apposition_to_a_larger_one_is_in_it_a_list_is_not() -> None:
    facts = _facts(
        "The Mardasson Memorial stands near Bastogne, Belgium. The Wehrmacht attacked Belgium, "
        "the Netherlands and Luxembourg.",
        "en",
    )
    assert ("bastogne", "locatedIn", "belgium") in facts
    assert not {f for f in facts if f[1] == "locatedIn" and f[0] in {"belgium", "netherlands"}}


@pytest.mark.parametrize(
    ("language", "text", "fact"),
    [
        (
            "fr",
            "Gabrielle Petit est une résistante belge fusillée au Tir national le 1er avril 1916.",
            ("gabrielle-petit", "executedOn", "1916-04-01"),
        ),
        (
            "fr",
            "Walthère Dewé était un ingénieur liégeois abattu à Ixelles le 14 janvier 1944.",
            ("walthere-dewe", "diedIn", "ixelles"),
        ),
        (
            "fr",
            "Le Mémorial national du Fort de Breendonk est un musée situé à Willebroek.",
            ("national-memorial-fort-breendonk", "locatedIn", "willebroek"),
        ),
        (
            "en",
            "Gabrielle Petit was a Belgian resistance fighter executed at the Tir national on "
            "1 April 1916.",
            ("gabrielle-petit", "executedOn", "1916-04-01"),
        ),
    ],
)
def test_a_participle_after_a_predicate_noun_is_about_the_copulas_subject(
    language: str, text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in _facts(text, language)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # both verbs hung on "éviter": the second takes the first one's subject
        (
            "Léopold III revint en Belgique en 1950. Pour éviter la guerre civile, le roi délégua "
            "ses prérogatives à son fils Baudouin, puis abdiqua le 16 juillet 1951.",
            ("leopold-iii", "abdicatedOn", "1951-07-16"),
        ),
        # the trigger noun tagged PROPN
        (
            "Le réseau Comète est né à Bruxelles en 1941. Sa fondatrice, Andrée de Jongh, que ses "
            "proches appelaient « Dédée », n'avait pas encore vingt-cinq ans.",
            ("comet-line", "foundedBy", "andree-de-jongh"),
        ),
    ],
)
def test_french_parse_slips_read_through(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _facts(text, "fr")


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        # the date after another event's verb is that event's
        (
            "Marguerite Bervoets est une résistante belge née à Tournai le 6 mars 1914 et "
            "exécutée à Wolfenbüttel, en Allemagne, le 7 août 1944.",
            ("marguerite-bervoets", "bornOn", "1944-08-07"),
            ("marguerite-bervoets", "executedOn", "1944-08-07"),
        ),
        # "elle" cannot stand for "le gouvernement" (the parse's grammatical gender)
        (
            "Andrée de Jongh guide les aviateurs. Elle refuse l'aide du gouvernement belge en exil "
            "à Londres. Le 15 janvier 1943, elle est arrêtée à Urrugne. Elle est ensuite déportée "
            "en Allemagne.",
            ("belgian-government-in-exile", "deportedTo", "germany"),
            ("andree-de-jongh", "deportedTo", "germany"),
        ),
        # a comma ends the phrase of a noun trigger: what follows is another clause's
        (
            "Après l'arrestation de Dédée le 15 janvier 1943, la ligne fut dirigée au sud par "
            "Jean-François Nothomb.",
            ("andree-de-jongh", "arrestedBy", "jean-francois-nothomb"),
            ("andree-de-jongh", "arrestedOn", "1943-01-15"),
        ),
        # a year is no count
        (
            "Le Groupe G est un mouvement de résistance belge. Il a été fondé en 1942 par des "
            "membres de l'Université libre de Bruxelles.",
            ("group-g", "memberCount", "1942"),
            ("group-g", "foundedOn", "1942"),
        ),
    ],
)
def test_french_false_positives_found_in_the_corpus(
    text: str, wrong: tuple[str, str, str], right: tuple[str, str, str]
) -> None:
    facts = _facts(text, "fr")
    assert right in facts and wrong not in facts


@pytest.mark.parametrize(
    ("language", "text", "frame", "count"),
    [
        (
            "fr",
            "Youra Livchitz attaqua le convoi. Il fut fusillé au Tir national le 10 mai 1944 avec "
            "six camarades de son groupe.",
            "execution",
            6,
        ),
        ("en", "The Comet Line rescued 120 airmen and evacuated them to Spain.", "rescue", 120),
        (
            "en",
            "Gabrielle Petit was executed at the Tir national on 1 April 1916 with 12 other "
            "hostages.",
            "execution",
            12,
        ),
    ],
)
def test_an_event_counts_the_others_it_concerned(
    language: str, text: str, frame: str, count: int
) -> None:
    extraction = next(extract([Document(f"{language}.txt", text, language)]))
    (event,) = [o for o in extraction.occurrences if o.frame == frame]
    assert event.count == count
    _, graph = document_graph(extraction)
    node = next(graph.subjects(REM.frame, Literal(frame)))
    assert graph.value(node, REM.count) == Literal(count)
    stored = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    assert validate_graph(stored) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Youra Livchitz, Jean Franklemon and Robert Maistriau stopped the twentieth convoy. "
            "They were arrested in Brussels in 1943.",
        ),
        (
            "fr",
            "Youra Livchitz, Jean Franklemon et Robert Maistriau attaquèrent le vingtième convoi. "
            "Ils furent arrêtés à Bruxelles en 1943.",
        ),
    ],
)
def test_a_plural_pronoun_stands_for_the_people_named_together(language: str, text: str) -> None:
    found = {(s.subject, s.predicate, str(s.object)): s for s in _statements(text, language)}
    for person in ("youra-livchitz", "jean-franklemon", "robert-maistriau"):
        assert found[person, "arrestedAt", "brussels"].coreference
        assert (person, "arrestedOn", "1943") in found


def test_a_plural_pronoun_without_people_named_together_is_not_guessed() -> None:
    text = "Youra Livchitz stopped the twentieth convoy. They were arrested in Brussels in 1943."
    assert not {f for f in _facts(text, "en") if f[1].startswith("arrested")}


def test_coordinated_participants_share_the_event() -> None:
    facts = _facts("Andrée de Jongh and Elvire de Greef were arrested in 1943.", "en")
    assert {
        ("andree-de-jongh", "arrestedOn", "1943"),
        ("elvire-de-greef", "arrestedOn", "1943"),
    } <= facts


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            "Le Tir national était un stand de tir situé à Schaerbeek. L'infirmière britannique "
            "Edith Cavell y fut fusillée le 12 octobre 1915, et Gabrielle Petit le 1er avril 1916.",
        ),
        (
            "en",
            "Edith Cavell was executed at the Tir national on 12 October 1915, and Gabrielle Petit "
            "on 1 April 1916.",
        ),
    ],
)
def test_an_event_told_again_without_its_verb(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert {
        ("gabrielle-petit", "executedAt", "tir-national"),
        ("gabrielle-petit", "executedOn", "1916-04-01"),
        ("edith-cavell", "executedOn", "1915-10-12"),
    } <= facts
    assert ("gabrielle-petit", "executedOn", "1915-10-12") not in facts


def test_a_second_clause_with_its_own_verb_is_no_ellipsis() -> None:
    text = "Andrée de Jongh was arrested in Urrugne in 1943, and Elvire de Greef escaped in 1944."
    assert not {f for f in _facts(text, "en") if f[0] == "elvire-de-greef"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The Comet Line was an escape organisation of the Belgian resistance. The line was "
            "founded by Andrée de Jongh.",
        ),
        (
            "fr",
            "Le réseau Comète était une filière d'évasion de la résistance belge. Le réseau fut "
            "fondé par Andrée de Jongh.",
        ),
    ],
)
def test_a_description_stands_for_the_entity_named_with_its_noun(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert ("comet-line", "foundedBy", "andree-de-jongh") in facts
    assert ("belgian-resistance", "foundedBy", "andree-de-jongh") not in facts


def test_shot_by_the_germans_is_an_execution_shot_at_is_not() -> None:
    facts = _facts(
        "His daughter admired Edith Cavell, the nurse shot by the Germans at the Tir national in "
        "1915. Andrée de Jongh shot at nobody in Brussels.",
        "en",
    )
    assert {
        ("edith-cavell", "executedAt", "tir-national"),
        ("edith-cavell", "executedOn", "1915"),
    } <= facts
    assert not {f for f in facts if f[0] == "andree-de-jongh"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The Luc-Marc network was an intelligence network. The service was founded in 1940 by "
            "Georges Leclercq.",
        ),
        (
            "fr",
            "Le réseau Luc-Marc était un réseau de renseignement. Le service fut fondé en 1940 par "
            "Georges Leclercq.",
        ),
    ],
)
def test_the_service_is_the_network_named_before(language: str, text: str) -> None:
    assert ("luc-marc-network", "foundedOn", "1940") in _facts(text, language)


def test_a_role_noun_before_a_name_is_its_apposition_not_a_second_subject() -> None:
    # the parse gives "résistant" and "Jean" both as subjects of "arrêté"
    facts = _facts("Le résistant Jean Dupont fut arrêté à Liège le 10 mai 1943.", "fr")
    assert ("jean-dupont-person", "arrestedAt", "liege") in facts
    assert ("jean-dupont-person", "arrestedOn", "1943-05-10") in facts


def test_a_pronoun_after_a_fronted_participle_is_the_subject_before_not_a_name_inside_it() -> None:
    text = (
        "Pendant deux ans, la caserne Dossin fut l'antichambre d'Auschwitz pour les Juifs de "
        "Belgique. Située à Malines, à mi-chemin entre Bruxelles et Anvers, elle fut transformée "
        "en camp de rassemblement."
    )
    located = {f for f in _facts(text, "fr") if f[1] == "locatedIn"}
    assert located == {("kazerne-dossin", "locatedIn", "mechelen")}


def test_a_french_inflected_common_word_from_the_ner_is_no_name() -> None:
    text = (
        "Marguerite Bervoets vit le jour à La Louvière le 6 mars 1914. Licenciée en lettres, elle "
        "enseignait à Tournai. Elle fut arrêtée par la police allemande le 8 août 1942. Plus de "
        "25 000 Juifs et quelque 350 Tsiganes furent déportés vers Auschwitz."
    )
    extraction = next(extract([Document("fr.txt", text, "fr")]))
    names = {m.mention.text for m in extraction.mentions}
    assert {"Marguerite Bervoets", "Tournai"} <= names
    assert not names & {"Licenciée", "Tsiganes"}
    facts = _facts(text, "fr")
    assert ("marguerite-bervoets", "arrestedOn", "1942-08-08") in facts
    assert not {f for f in facts if f[1] == "deportedTo"}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (  # a description after a fronted participle phrase, read by the parse's rules
            "Le fort de Breendonk n'avait guère servi. Situé sur le territoire de Willebroek, à "
            "mi-chemin entre Bruxelles et Anvers, le camp fut placé sous les ordres de la SS.",
            ("fort-breendonk", "locatedIn", "willebroek"),
        ),
        (  # a description after a fronted date, read by a frame
            "Marguerite Bervoets enseignait à Tournai. Dès l'automne 1940, la jeune professeure "
            "entra dans la Légion belge.",
            ("marguerite-bervoets", "memberOf", "secret-army"),
        ),
        (  # an adverb between the verb and the spouse
            "Le 11 septembre 1941, le roi Léopold III épousa religieusement Lilian Baels.",
            ("leopold-iii", "spouseOf", "lilian-baels"),
        ),
        (
            "En 1995, le Musée juif de la Déportation et de la Résistance ouvrit ses portes.",
            ("jewish-museum-of-deportation-and-resistance", "establishedOn", "1995"),
        ),
    ],
)
def test_french_descriptions_after_fronted_phrases_and_verbs(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in _facts(text, "fr")


def test_a_description_right_before_a_name_introduces_it() -> None:
    text = (
        "Philipp Schmitt commanda le camp. Le dessinateur liégeois Jacques Ochs fut interné à "
        "Breendonk."
    )
    prisoners = {f[0] for f in _facts(text, "fr") if f[1] == "imprisonedAt"}
    assert prisoners == {"jacques-ochs-person"}


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # a locative pronoun after a fronted adverb: the place named before
        (
            "Bervoets werd naar Duitsland overgebracht. Daar zat ze opgesloten in de gevangenis "
            "van Wolfenbüttel, tot ze er werd onthoofd.",
            {
                ("marguerite-bervoets", "imprisonedAt", "wolfenbuttel"),
                ("marguerite-bervoets", "executedAt", "wolfenbuttel"),
            },
        ),
        # an event told again without its verb, after a comma or "en"
        (
            "Oostende werd op 9 september 1944 bevrijd, Brugge op 12 september, nadat de Duitse "
            "troepen zich hadden teruggetrokken.",
            {("ostend", "liberatedOn", "1944-09-09"), ("bruges", "liberatedOn", "1944-09-12")},
        ),
        (
            "Brussel werd op 3 september 1944 bevrijd en Antwerpen op 4 september.",
            {("brussels", "liberatedOn", "1944-09-03"), ("antwerp", "liberatedOn", "1944-09-04")},
        ),
        # a regent named in apposition after the kin noun
        (
            "Koning Leopold III bleef in het land. Omdat de koning niet kon terugkeren, werd in "
            "september 1944 zijn broer, prins Karel, tot regent van België aangesteld.",
            {
                ("prince-charles-count-of-flanders", "regentOf", "belgium"),
                ("prince-charles-count-of-flanders", "siblingOf", "leopold-iii"),
            },
        ),
        # a noun read with its verb, after a semicolon and a pronoun subject
        (
            "Burgers werd in 1943 door de Sipo-SD gearresteerd; hij kwam in 1944 in het "
            "concentratiekamp Buchenwald om het leven.",
            {
                ("jean-burgers", "arrestedOn", "1943"),
                ("jean-burgers", "diedOn", "1944"),
                ("jean-burgers", "diedIn", "buchenwald"),
            },
        ),
        # an active deportation whose object is a pronoun; a separable verb ("voerden … weg")
        (
            "Koning Leopold III bleef in België. In juni 1944 voerden de Duitsers hem met zijn "
            "gezin naar Duitsland weg.",
            {("leopold-iii", "deportedTo", "germany"), ("leopold-iii", "deportedOn", "1944-06")},
        ),
        # an apposition naming the group's leader, with a rank before the name
        (
            "Een dag later volgde de Brigade Piron, een eenheid van Belgische vrijwilligers die "
            "onder bevel stond van kolonel Jean-Baptiste Piron.",
            {("piron-brigade", "ledBy", "jean-baptiste-piron")},
        ),
        # an offensive led by an army
        (
            "De Slag om de Schelde werd door het Eerste Canadese Leger geleid.",
            {("battle-of-the-scheldt", "ledBy", "canadian-army")},
        ),
    ],
)
def test_dutch_frames_in_the_registers_of_historians(
    text: str, facts: set[tuple[str, str, str]]
) -> None:
    assert facts <= _facts(text, "nl")


def test_a_participle_on_a_predicate_noun_is_the_copula_subject_s() -> None:
    text = (
        "Marguerite Bervoets est une résistante belge née à La Louvière le 6 mars 1914. "
        "L'Enclos des Fusillés de Schaerbeek est un petit cimetière situé à Bruxelles."
    )
    facts = _facts(text, "fr")
    assert ("marguerite-bervoets", "bornIn", "la-louviere") in facts
    assert ("enclos-des-fusilles-schaerbeek", "locatedIn", "brussels") in facts


def test_a_french_place_after_a_comma_and_en_is_in_the_larger_one() -> None:
    text = "Elle fut décapitée à Wolfenbüttel, en Allemagne, le 7 août 1944."
    assert ("wolfenbuttel", "locatedIn", "germany") in _facts(text, "fr")


def test_a_french_demonym_after_its_article_is_no_name_and_a_leader_after_a_place() -> None:
    text = (
        "Le réseau Comète fut fondé par Andrée de Jongh, une jeune Bruxelloise, avec l'aide de "
        "son père Frédéric de Jongh. Après l'arrestation de Dédée le 15 janvier 1943, la ligne "
        "fut dirigée au sud par Jean-François Nothomb."
    )
    facts = _facts(text, "fr")
    assert ("frederic-de-jongh", "parentOf", "andree-de-jongh") in facts
    assert ("comet-line", "ledBy", "jean-francois-nothomb") in facts
    assert not {f for f in facts if "bruxelloise" in f[2]}


def test_people_are_an_event_s_participants_only_when_it_gathers_them() -> None:
    text = (
        "The Immortal Regiment march in Brussels drew some 2,000 people. During the First World "
        "War, Zéro grew. About 3,000 people took part in the work of Zéro."
    )
    counts = {f for f in _facts(text, "en") if f[1] == "participantCount"}
    assert counts == {("immortal-regiment", "participantCount", "2000")}


def test_a_fronted_participle_read_as_a_noun_for_its_capital_is_still_the_event() -> None:
    text = (
        "Marguerite Bervoets fut arrêtée le 8 août 1942. Incarcérée en Belgique pendant plusieurs "
        "mois, puis transférée en Allemagne, l'enseignante fut jugée par un tribunal militaire."
    )
    prisons = {f for f in _facts(text, "fr") if f[1] == "imprisonedAt"}
    assert prisons == {("marguerite-bervoets", "imprisonedAt", "belgium")}


def test_a_french_secretary_of_a_movement_is_its_member() -> None:
    text = "Fernand Demany, secrétaire du FI et ancien journaliste du Soir, rédigea les textes."
    assert ("fernand-demany", "memberOf", "independence-front") in _facts(text, "fr")


def test_x_in_y_with_no_comma_locates_a_site() -> None:
    assert ("tir-national", "locatedIn", "schaerbeek") in _facts(
        "Youra Livchitz was shot at the Tir national in Schaerbeek on 17 February 1944.", "en"
    )
    assert ("brussels", "locatedIn", "belgium") not in _facts(
        "The Germans left Brussels, in Belgium, on 3 September 1944.", "en"
    )


def test_an_event_noun_phrase_dates_its_event_and_near_places_it() -> None:
    facts = _facts(
        "The attack of 19 April 1943 on the twentieth convoy near Boortmeerbeek freed seventeen "
        "people. Hubert Pierlot, who had spent the occupation in London, came back.",
        "en",
    )
    assert {
        ("attack-on-the-twentieth-convoy", "occurredOn", "1943-04-19"),
        ("attack-on-the-twentieth-convoy", "tookPlaceAt", "boortmeerbeek"),
    } <= facts
    # "in" after an event is not where it happened
    assert not {f for f in facts if f[1] == "tookPlaceAt" and f[2] == "london"}


def test_an_opening_participle_is_no_name_a_person_after_in_is_a_place_a_fronted_he_opens() -> None:
    facts = _facts(
        "Albert Guérisse was a doctor.\n\nBetrayed by Roger Le Neveu, an agent of the Germans, "
        "Guérisse was arrested in Toulouse on 2 March 1943. In 1947 he married Sylvia Cooper "
        "Smith, an Englishwoman. He died at Waterloo on 26 March 1989.",
        "en",
    )
    assert not {f for f in facts if "betrayed" in f[0]}
    assert ("albert-guerisse", "arrestedAt", "toulouse-place") in facts
    # "In 1947 he …" opens its sentence: the next "He" is Guérisse, not the woman named after it
    assert {
        ("albert-guerisse", "diedIn", "waterloo-place"),
        ("albert-guerisse", "diedOn", "1989-03-26"),
    } <= facts


def test_a_fragment_opening_with_its_verb_is_about_its_entrys_heading() -> None:
    facts = _facts(
        "Bastogne War Museum, Bastogne. Opened on 22 March 2014 next to the Mardasson Memorial.\n\n"
        "Mardasson Memorial, Bastogne. A star-shaped monument on a hill. Foundation stone laid "
        "on 4 July 1946; inaugurated on 16 July 1950.",
        "en",
    )
    assert {
        ("bastogne-war-museum", "establishedOn", "2014-03-22"),
        ("mardasson-memorial", "dedicatedOn", "1950-07-16"),
    } <= facts
    # the date of a verb that is not the heading's (the foundation stone) dates nothing
    assert not {f for f in facts if f[2] == "1946-07-04"}
    assert ("mardasson-memorial", "establishedOn", "2014-03-22") not in facts


def test_a_person_in_a_possessed_phrase_is_not_the_later_pronoun_s_antecedent() -> None:
    facts = _facts(
        "Koning Leopold III bleef in België. Zijn ontmoeting met Hitler in Berchtesgaden in "
        "november 1940 werd hem kwalijk genomen. In juni 1944 voerden de Duitsers hem met zijn "
        "gezin naar Duitsland weg.",
        "nl",
    )
    assert ("leopold-iii", "deportedTo", "germany") in facts
    assert not {f for f in facts if f[0] == "adolf-hitler"}


def test_a_date_outside_an_event_s_recorded_period_is_another_event_s() -> None:
    # "de Duitse capitulatie van 8 mei 1945", with "capitulatie" linked to the Belgian surrender
    path = Path(corpus.__file__).parent / "nl" / "bevrijding-antwerpen-luik.txt"
    extraction = next(extract([Document(str(path), path.read_text(encoding="utf-8"), "nl")]))
    assert any(
        m.entity.id == "belgian-surrender-1940" and m.mention.text == "capitulatie"
        for m in extraction.mentions
    )
    assert not {
        s for s in extraction.statements if s.subject == "belgian-surrender-1940"
    }  # recorded on 28 May 1940


def test_a_conjunct_with_the_conjunction_on_its_first_one_s_head_shares_its_attachment() -> None:
    facts = _facts(
        "Marguerite Bervoets werd naar Duitsland gedeporteerd. Ze zat gevangen in Ravensbrück en "
        "daarna in Mauthausen.",
        "nl",
    )
    assert {
        ("marguerite-bervoets", "imprisonedAt", "ravensbruck"),
        ("marguerite-bervoets", "imprisonedAt", "mauthausen"),
    } <= facts


def test_a_kin_description_stands_for_the_relative_named_before() -> None:
    statements = _statements(
        "Andrée de Jongh kwam in 1916 in Schaarbeek ter wereld, als dochter van Frédéric de "
        "Jongh. Met Arnold Deppé zette ze in 1941 de Kometenlijn op. Haar vader werd in juni 1943 "
        "in Parijs gearresteerd. Hij werd op 28 maart 1944 op de Mont-Valérien gefusilleerd.",
        "nl",
    )
    facts = {(s.subject, s.predicate, str(s.object)) for s in statements}
    assert {
        ("frederic-de-jongh", "arrestedAt", "paris"),
        ("frederic-de-jongh", "executedOn", "1944-03-28"),
        ("frederic-de-jongh", "executedAt", "mont-valerien"),
    } <= facts
    assert not {f for f in facts if f[0] == "arnold-deppe"}  # the latest man named is not "he"
    assert all(s.coreference for s in statements if s.predicate == "executedAt")


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # an idiom of birth, and a noun introduced by "als" said of the clause's subject
        (
            "Boudewijn kwam op 7 september 1930 in Laken ter wereld, als oudste zoon van "
            "Leopold III.",
            {
                ("baudouin-of-belgium", "bornOn", "1930-09-07"),
                ("baudouin-of-belgium", "bornIn", "laeken"),
                ("leopold-iii", "parentOf", "baudouin-of-belgium"),
            },
        ),
        # a death by accident
        (
            "Jean de Selys Longchamps verongelukte in augustus 1943 in Manston.",
            {
                ("jean-de-selys-longchamps", "diedOn", "1943-08"),
                ("jean-de-selys-longchamps", "diedIn", "raf-manston"),
            },
        ),
    ],
)
def test_dutch_idioms_of_birth_and_death_and_predicative_nouns(
    text: str, facts: set[tuple[str, str, str]]
) -> None:
    assert facts <= _facts(text, "nl")


def test_its_founder_was_names_the_founder_and_an_operation_carried_out_on_a_date() -> None:
    facts = _facts(
        "Group G was a resistance movement. Its founder and first commander was the engineer Jean "
        "Burgers. The best known of its operations, the Grande Coupure, was carried out on the "
        "night of 15 to 16 January 1944.",
        "en",
    )
    assert {
        ("group-g", "foundedBy", "jean-burgers"),
        ("grande-coupure", "occurredOn", "1944-01-15/1944-01-16"),
    } <= facts


def test_an_object_pronoun_after_the_trigger_stands_for_the_person_named_before() -> None:
    assert ("achille-van-acker", "succeeded", "hubert-pierlot") in _facts(
        "Hubert Pierlot resigned in early 1945, and Achille Van Acker succeeded him.", "en"
    )
    assert ("lilian-baels", "spouseOf", "leopold-iii") in _facts(
        "Lilian Baels met Leopold III in 1937. In 1941 she married him in Laeken.", "en"
    )
    # "her" before a noun is a possessive, not the object
    assert not {
        f
        for f in _facts("Marie died in 1950 and Anne succeeded her mother.", "en")
        if f[1] == "succeeded"
    }


def test_a_possessive_after_an_agent_stands_for_the_participant_not_the_agent() -> None:
    text = (
        "L'arrestation de Hertz Jospa par la Sipo-SD en juin 1943, son internement à Breendonk "
        "puis sa déportation à Buchenwald ne mirent pas fin à l'activité du comité."
    )
    facts = _facts(text, "fr")
    assert ("hertz-jospa", "deportedTo", "buchenwald") in facts
    assert ("gestapo", "deportedTo", "buchenwald") not in facts


def test_a_fronted_participle_takes_its_arguments_from_its_own_phrase() -> None:
    text = (
        "Julien Lahaut dirigeait le parti. Déclenchée à Seraing le 10 mai 1941, un an jour pour "
        "jour après l'invasion, cette grève des cent mille que dirigeait le vieux militant "
        "s'était étendue en quelques jours à toute la région de Liège. Arrêté par l'occupant le "
        "22 juin 1941, le jour même où l'Allemagne attaquait l'Union soviétique, Lahaut avait "
        "d'abord été enfermé à la citadelle de Huy."
    )
    facts = {f for f in _facts(text, "fr") if f[1].startswith(("arrested", "imprisoned"))}
    assert facts == {
        ("julien-lahaut-person", "arrestedOn", "1941-06-22"),
        ("julien-lahaut-person", "imprisonedAt", "citadel-of-huy"),
    }


def test_an_elliptical_entry_is_about_the_entity_its_paragraph_named_last() -> None:
    text = (
        "Neupré. Cimetière américain des Ardennes. Aménagé par l'armée américaine en 1945 et "
        "inauguré en 1960.\n\nHenri-Chapelle. Cimetière américain de Henri-Chapelle. Près de "
        "8 000 soldats y sont enterrés. Inauguré en 1960."
    )
    facts = {f for f in _facts(text, "fr") if f[1] in {"establishedOn", "dedicatedOn"}}
    assert facts == {
        ("ardennes-american-cemetery", "establishedOn", "1945"),
        ("ardennes-american-cemetery", "dedicatedOn", "1960"),
        ("henri-chapelle-american-cemetery", "dedicatedOn", "1960"),
    }


def test_soldiers_counted_in_a_memorial_s_paragraph_are_no_network_s() -> None:
    text = (
        "Le réseau Comète aida environ 800 militaires alliés.\n\nHenri-Chapelle. Cimetière "
        "américain de Henri-Chapelle. Près de 8 000 soldats y sont enterrés."
    )
    helped = {f for f in _facts(text, "fr") if f[1] == "helpedCount"}
    assert helped == {("comet-line", "helpedCount", "800")}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a younger sister
        (
            "Micheline Dumon et sa cadette Andrée Dumon furent arrêtées.",
            ("andree-dumon", "siblingOf", "micheline-dumon"),
        ),
        # shut in a fortress
        (
            "Julien Lahaut fut enfermé à la citadelle de Huy.",
            ("julien-lahaut-person", "imprisonedAt", "citadel-of-huy"),
        ),
        # a raid carried out on a date
        (
            "Le bombardement de Mortsel est un raid aérien mené le 5 avril 1943 contre l'usine.",
            ("bombing-of-mortsel", "occurredOn", "1943-04-05"),
        ),
    ],
)
def test_french_words_of_kinship_imprisonment_and_occurrence(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in _facts(text, "fr")


def test_a_date_right_after_another_event_s_name_is_that_event_s() -> None:
    text = (
        "Youra Livchitz, l'un des trois auteurs de l'attaque du XXe convoi de déportés le 19 "
        "avril 1943, fut exécuté au Tir national le 17 février 1944."
    )
    dates = {f for f in _facts(text, "fr") if f[1] == "executedOn"}
    assert dates == {("youra-livchitz", "executedOn", "1944-02-17")}
    event = "L'attaque du XXe convoi eut lieu le 19 avril 1943 près de Boortmeerbeek."
    assert ("attack-on-the-twentieth-convoy", "occurredOn", "1943-04-19") in _facts(event, "fr")


def test_a_pronoun_for_the_subject_before_is_no_other_entity_of_the_rule_s_kind() -> None:
    text = (
        "Elvire de Greef était une Belge réfugiée avec sa famille dans le Sud-Ouest de la France "
        "depuis l'exode de 1940. Installée à Anglet, tout près de Bayonne, elle devint l'un des "
        "piliers du réseau Comète."
    )
    assert not {f for f in _facts(text, "fr") if f[1] == "locatedIn"}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Julien Lahaut, président du Parti communiste de Belgique, fut abattu à Seraing.",
            ("communist-party-of-belgium", "ledBy", "julien-lahaut-person"),
        ),
        (
            "Jean-Baptiste Piron était le commandant de la brigade Piron.",
            ("piron-brigade", "ledBy", "jean-baptiste-piron"),
        ),
    ],
)
def test_a_french_president_or_commander_of_a_group_leads_it(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in _facts(text, "fr")


def test_a_subject_pronoun_after_a_pronoun_subject_stands_for_the_same_person() -> None:
    facts = _facts(
        "Albert Guérisse was arrested in 1943. In 1947 he married Sylvia Cooper Smith, an "
        "Englishwoman. He remained in the army's medical service. He died at Waterloo on 26 March "
        "1989.",
        "en",
    )
    assert ("albert-guerisse", "diedOn", "1989-03-26") in facts
    assert not {f for f in facts if f[0].startswith("sylvia") and f[1].startswith("died")}


def test_a_french_group_that_is_part_of_another() -> None:
    text = "Le Comité de défense des Juifs faisait partie du Front de l'Indépendance."
    facts = _facts(text, "fr")
    assert ("committee-for-the-defence-of-jews", "partOf", "independence-front") in facts
