"""Relations on small sentences through the real pipeline: dependency rules (EN, FR, NL), surface
patterns (NL and fallback), their combination, and dated relation statements."""

from functools import cache

import pytest
from rdflib import RDF

from remembrance.graph.rdf import document_graph
from remembrance.iris import entity_iri
from remembrance.ontology.namespace import REM
from remembrance.pipelines.extract import extract
from remembrance.pipelines.records import Document, Extraction, Statement
from remembrance.pipelines.relations import combine


@cache
def _extraction(text: str, language: str) -> Extraction:
    return next(extract([Document(f"{language}.txt", text, language)]))


def _triples(text: str, language: str) -> set[tuple[str, str, str]]:
    return {
        (s.subject, s.predicate, str(s.object))
        for s in _extraction(text, language).statements
        if s.object_is_entity
    }


def _statement(text: str, language: str, predicate: str) -> Statement:
    return next(s for s in _extraction(text, language).statements if s.predicate == predicate)


@pytest.mark.parametrize(
    ("language", "text", "triples"),
    [
        # passive agent, with a date between verb and agent
        (
            "en",
            "The Comet Line was founded in 1941 by Andrée de Jongh.",
            {("comet-line", "foundedBy", "andree-de-jongh")},
        ),
        # copula + "member of", subject through an apposition
        (
            "en",
            "Her father, the headmaster Frédéric de Jongh, was also a member of the Comet Line.",
            {("frederic-de-jongh", "memberOf", "comet-line")},
        ),
        # coordinated verbs share the subject
        (
            "en",
            "Mardasson Memorial is located in Bastogne and commemorates the Battle of the Bulge.",
            {("mardasson-memorial", "commemorates", "battle-of-the-bulge")},
        ),
        (
            "fr",
            "Le réseau Clarence fut fondé par Walthère Dewé.",
            {("clarence-network", "foundedBy", "walthere-dewe")},
        ),
        # relative clause
        (
            "fr",
            "Avec Arnold Deppé, qui fut membre du réseau Comète, elle organisa une filière.",
            {("arnold-deppe", "memberOf", "comet-line")},
        ),
        # inverse order: "parmi lesquels X"
        (
            "fr",
            "Des résistants furent exécutés au Tir national, parmi lesquels Youra Livchitz.",
            {("youra-livchitz", "executedAt", "tir-national")},
        ),
        # Dutch surface patterns: descriptor after "door", verb-final clause
        (
            "nl",
            "De Witte Brigade werd in 1940 opgericht door de Antwerpenaar Marcel Louette.",
            {("white-brigade", "foundedBy", "marcel-louette")},
        ),
        (
            "nl",
            "Andrée de Jongh werd in 1943 naar Ravensbrück gedeporteerd.",
            {("andree-de-jongh", "deportedTo", "ravensbruck")},
        ),
        # a date between verb and object; a second verb-final clause sharing the subject
        (
            "nl",
            "Walthère Dewé werd in 1880 in Luik geboren en stierf in 1944 in Elsene.",
            {("walthere-dewe", "bornIn", "liege"), ("walthere-dewe", "diedIn", "ixelles")},
        ),
        # coordinated objects of a surface pattern
        (
            "nl",
            "Andrée de Jongh werd naar Ravensbrück en Mauthausen gedeporteerd.",
            {
                ("andree-de-jongh", "deportedTo", "ravensbruck"),
                ("andree-de-jongh", "deportedTo", "mauthausen"),
            },
        ),
        # a place in commas between the subject and the verb
        (
            "fr",
            "Le Mémorial du Mardasson, à Bastogne, commémore la bataille des Ardennes.",
            {("mardasson-memorial", "commemorates", "battle-of-the-bulge")},
        ),
        # participial appositions, in both directions
        (
            "fr",
            "La brigade Piron, dirigée par le colonel Jean-Baptiste Piron, libéra Bruxelles.",
            {("piron-brigade", "ledBy", "jean-baptiste-piron")},
        ),
        (
            "fr",
            "Jean Burgers, fondateur du Groupe G, fut pendu à Buchenwald.",
            {
                ("group-g", "foundedBy", "jean-burgers"),
                ("jean-burgers", "executedAt", "buchenwald"),
            },
        ),
        # a fronted participle predicates the main clause's subject
        (
            "en",
            "Born in Liège in 1880, Walthère Dewé became an engineer.",
            {("walthere-dewe", "bornIn", "liege")},
        ),
        (
            "en",
            "The Armed Partisans were the armed wing of the Independence Front.",
            {("armed-partisans", "partOf", "independence-front")},
        ),
        (
            "nl",
            "De Belgische regering in ballingschap zetelde in Londen.",
            {("belgian-government-in-exile", "locatedIn", "london")},
        ),
        (
            "en",
            "The Battle of the Bulge was fought in the Ardennes in the winter of 1944.",
            {("battle-of-the-bulge", "tookPlaceAt", "ardennes")},
        ),
        # an apposition the French model parses as a nominal modifier
        (
            "fr",
            "À Anvers, les aviateurs furent cachés par Arnold Deppé, lui aussi membre du réseau "
            "Comète.",
            {("arnold-deppe", "memberOf", "comet-line")},
        ),
    ],
)
def test_constructions(language: str, text: str, triples: set[tuple[str, str, str]]) -> None:
    assert triples <= _triples(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Andrée de Jongh founded the Comet Line with Arnold Deppé. "
            "She was deported to Ravensbrück.",
        ),
        (
            "nl",
            "Andrée de Jongh leidde de Kometenlijn met haar vader Frédéric de Jongh. "
            "Zij werd naar Ravensbrück gedeporteerd.",
        ),
    ],
)
def test_a_pronoun_agrees_with_the_gender_of_the_record(language: str, text: str) -> None:
    deported = {t for t in _triples(text, language) if t[1] == "deportedTo"}
    assert deported == {("andree-de-jongh", "deportedTo", "ravensbruck")}


def test_french_sentences_are_cut_by_punctuation_before_parsing() -> None:
    text = "À Malines, Kazerne Dossin conserve des témoignages. Le fort est à Breendonk."
    extraction = _extraction(text, "fr")
    assert [text[s:e] for s, e in extraction.sentences] == [
        "À Malines, Kazerne Dossin conserve des témoignages.",
        "Le fort est à Breendonk.",
    ]


def test_a_list_of_places_is_not_a_coordination_without_a_conjunction() -> None:
    found = _triples(
        "Andrée de Jongh werd naar Ravensbrück gedeporteerd, Brussel bleef bezet.", "nl"
    )
    assert ("andree-de-jongh", "deportedTo", "ravensbruck") in found
    assert ("andree-de-jongh", "deportedTo", "brussels") not in found


@pytest.mark.parametrize(
    ("text", "triples"),
    [
        # V2 order with a separable verb: the particle closes the clause
        (
            "In 1940 richtte Walthère Dewé het inlichtingennetwerk Clarence op.",
            {("clarence-network", "foundedBy", "walthere-dewe")},
        ),
        # a passive agent in a relative clause
        (
            "De Kometenlijn, die door Andrée de Jongh werd opgericht, bracht piloten naar Spanje.",
            {("comet-line", "foundedBy", "andree-de-jongh")},
        ),
        # a noun anchor in an apposition, and after a possessive
        (
            "Marcel Louette, de oprichter van de Witte Brigade, werd in 1944 gearresteerd.",
            {("white-brigade", "foundedBy", "marcel-louette")},
        ),
        (
            "De Witte Brigade en haar stichter Marcel Louette werkten samen met de geallieerden.",
            {("white-brigade", "foundedBy", "marcel-louette")},
        ),
        # an active verb and its object; a fixed complement ("het bevel over")
        (
            "Jean Greindl leidde de Kometenlijn in Brussel.",
            {("comet-line", "ledBy", "jean-greindl")},
        ),
        (
            "Jean-Baptiste Piron voerde het bevel over de Brigade Piron.",
            {("piron-brigade", "ledBy", "jean-baptiste-piron")},
        ),
        # separable and reflexive verbs of joining, in both orders
        (
            "In 1942 sloot Youra Livchitz zich aan bij de Gewapende Partizanen.",
            {("youra-livchitz", "memberOf", "armed-partisans")},
        ),
        (
            "Robert Maistriau trad in 1942 toe tot de Gewapende Partizanen.",
            {("robert-maistriau", "memberOf", "armed-partisans")},
        ),
        (
            "Robert Maistriau nam in april 1943 deel aan de aanval op het twintigste konvooi.",
            {("robert-maistriau", "participatedIn", "attack-on-the-twentieth-convoy")},
        ),
        # source and destination of one verb
        (
            "Jean Améry werd in 1943 vanuit Mechelen naar Auschwitz gedeporteerd.",
            {
                ("jean-amery", "deportedFrom", "mechelen"),
                ("jean-amery", "deportedTo", "auschwitz"),
            },
        ),
        (
            "Jean Burgers kwam in 1944 om in Buchenwald.",
            {("jean-burgers", "diedIn", "buchenwald")},
        ),
        (
            "De Gestapo arresteerde Jean Greindl in 1943 in Brussel.",
            {("jean-greindl", "arrestedBy", "gestapo")},
        ),
        (
            "Achille Van Acker volgde Hubert Pierlot op als eerste minister.",
            {("achille-van-acker", "succeeded", "hubert-pierlot")},
        ),
        (
            "Het Clarence-netwerk was een onderdeel van het Belgisch verzet.",
            {("clarence-network", "partOf", "belgian-resistance")},
        ),
        (
            "Prins Karel, graaf van Vlaanderen, was de broer van Leopold III.",
            {("prince-charles-count-of-flanders", "siblingOf", "leopold-iii")},
        ),
        # a verb whose object says what its subject is
        (
            "De Gewapende Partizanen vormden de gewapende arm van het Onafhankelijkheidsfront.",
            {("armed-partisans", "partOf", "independence-front")},
        ),
        # a noun the parse may tag as a verb is nominal with its copula ("werd regent")
        (
            "Leopold III bleef in het land. Zijn broer prins Karel werd in 1944 regent van België.",
            {("prince-charles-count-of-flanders", "regentOf", "belgium")},
        ),
        # a subordinate clause joins the particle to its verb ("oprichtte", "deelnam")
        (
            "Walthère Dewé, die in 1939 het Clarence-netwerk oprichtte, werd in 1944 gedood.",
            {("clarence-network", "foundedBy", "walthere-dewe")},
        ),
        (
            "Het is bekend dat Robert Maistriau aan de aanval op het twintigste konvooi deelnam.",
            {("robert-maistriau", "participatedIn", "attack-on-the-twentieth-convoy")},
        ),
        # the noun anchor is the subject of a copula, the name its predicate
        (
            "De Witte Brigade was actief in Antwerpen. Haar stichter was Marcel Louette.",
            {("white-brigade", "foundedBy", "marcel-louette")},
        ),
        # a noun naming no entity between the place and its verb
        (
            "Het Mardassonmonument ligt op de Mardassonheuvel bij Bastenaken.",
            {("mardasson-memorial", "locatedIn", "bastogne")},
        ),
    ],
)
def test_dutch_dependency_rules(text: str, triples: set[tuple[str, str, str]]) -> None:
    found = {
        (s.subject, s.predicate, str(s.object)): s.extractor
        for s in _extraction(text, "nl").statements
        if s.object_is_entity
    }
    assert {found.get(t) for t in triples} == {"dependency"}


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # kinship after a possessive and a title ("zijn broer prins Karel")
        (
            "Koning Leopold III en zijn broer prins Karel zagen elkaar zelden.",
            ("prince-charles-count-of-flanders", "siblingOf", "leopold-iii"),
        ),
        # a memorial's place right after it, or in commas
        (
            "Het Enclos des Fusillés in de citadel van Luik is een nationale necropool.",
            ("enclos-des-fusilles-liege", "locatedIn", "citadel-of-liege"),
        ),
        (
            "Het Fort van Breendonk, in Willebroek, werd een kamp.",
            ("fort-breendonk", "locatedIn", "willebroek"),
        ),
        # a site right before the place it is in, with no comma between them
        (
            "Het transport vertrok uit de Dossinkazerne te Mechelen.",
            ("kazerne-dossin", "locatedIn", "mechelen"),
        ),
        # a group "onder" its commander
        (
            "De 101e Luchtlandingsdivisie onder generaal McAuliffe hield stand in Bastenaken.",
            ("101st-airborne-division", "ledBy", "anthony-mcauliffe"),
        ),
    ],
)
def test_dutch_surface_patterns(text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _triples(text, "nl")


def test_dutch_rules_need_an_antecedent_and_fitting_categories() -> None:
    text = "Hij was lid van de SS. Het Mardassonmonument werd opgericht door Andrée de Jongh."
    assert not {t for t in _triples(text, "nl") if t[1] in {"memberOf", "foundedBy"}}


def test_a_conjunct_shares_its_attachment_only_through_a_conjunction_and_its_preposition() -> None:
    # the parse makes both conjuncts of "Mechelen"; "halverwege" is no "in"
    text = "Kazerne Dossin is gelegen in Mechelen, halverwege Brussel en Antwerpen."
    located = {t[2] for t in _triples(text, "nl") if t[1] == "locatedIn"}
    assert located == {"mechelen"}


def test_dependency_extractor_is_credited() -> None:
    statement = _statement("Le réseau Clarence fut fondé par Walthère Dewé.", "fr", "foundedBy")
    assert statement.extractor == "dependency"


def test_coordinated_objects_and_pronoun_subject() -> None:
    text = (
        "Andrée de Jongh was arrested in January 1943. "
        "She was deported to Ravensbrück and later to Mauthausen."
    )
    triples = _triples(text, "en")
    assert ("andree-de-jongh", "deportedTo", "ravensbruck") in triples
    assert ("andree-de-jongh", "deportedTo", "mauthausen") in triples


def test_first_place_of_a_verb_only() -> None:
    triples = _triples("Youra Livchitz was executed at the Tir national in Schaerbeek.", "en")
    assert ("youra-livchitz", "executedAt", "tir-national") in triples
    assert ("youra-livchitz", "executedAt", "schaerbeek") not in triples


def test_no_relation_across_sentences() -> None:
    text = "The Comet Line was founded in 1941. It was soon betrayed by Andrée de Jongh's guide."
    assert not {t for t in _triples(text, "en") if t[1] == "foundedBy"}


def test_wrong_categories() -> None:
    # a memorial is not founded by a person in the ontology's sense; a place is not deported
    text = (
        "The Mardasson Memorial was founded by Andrée de Jongh. "
        "Bastogne was deported to Mauthausen."
    )
    assert not {t for t in _triples(text, "en") if t[1] in {"foundedBy", "deportedTo"}}


def test_dutch_en_is_and() -> None:
    text = "Het fort ligt tussen Brussel en Antwerpen."
    assert ("brussels", "locatedIn", "antwerp") not in _triples(text, "nl")


def test_relation_carries_the_date_of_its_clause() -> None:
    text = "Frédéric de Jongh was executed at Mont-Valérien on 28 March 1944."
    statement = _statement(text, "en", "executedAt")
    assert statement.date is not None and statement.date.value == "1944-03-28"
    two = "Born in 1900, Frédéric de Jongh was executed at Mont-Valérien on 28 March 1944."
    dated = _statement(two, "en", "executedAt").date  # the execution's date, not the birth's
    assert dated is not None and dated.value == "1944-03-28"
    unclear = "In 1900 and 1944 Frédéric de Jongh was shot in Mont-Valérien and in Brussels."
    assert all(s.date is None for s in _extraction(unclear, "en").statements if s.object_is_entity)


def test_dated_relation_in_rdf_keeps_the_entity_object() -> None:
    extraction = _extraction(
        "Frédéric de Jongh was executed at Mont-Valérien on 28 March 1944.", "en"
    )
    _, graph = document_graph(extraction)
    node = next(graph.subjects(RDF.predicate, REM.executedAt))
    assert graph.value(node, RDF.object) == entity_iri("mont-valerien")
    assert str(graph.value(node, REM.earliest)) == "1944-03-28"
    assert str(graph.value(node, REM.latest)) == "1944-03-28"


def test_combine_keeps_the_most_confident() -> None:
    def make(extractor: str, confidence: float) -> Statement:
        return Statement("a", "memberOf", "b", True, 0, 5, (0, 10), extractor, confidence)

    (kept,) = combine([make("pattern", 0.6)], [make("dependency", 0.8)])
    assert (kept.extractor, kept.confidence) == ("dependency", 0.8)


@pytest.mark.parametrize(
    ("language", "text", "facts"),
    [
        (
            "nl",
            "Marguerite Bervoets (La Louvière, 6 maart 1914 – Wolfenbüttel, 7 augustus 1944) "
            "was een Belgische dichteres.",
            {
                ("marguerite-bervoets", "bornIn", "la-louviere"),
                ("marguerite-bervoets", "bornOn", "1914-03-06"),
                ("marguerite-bervoets", "diedIn", "wolfenbuttel"),
                ("marguerite-bervoets", "diedOn", "1944-08-07"),
            },
        ),
        (
            "en",
            "Jean Burgers (1919–1944) was an engineer.",
            {("jean-burgers", "bornOn", "1919"), ("jean-burgers", "diedOn", "1944")},
        ),
        (
            "fr",
            "Walthère Dewé (Liège, 10 septembre 1880 - Ixelles, 14 janvier 1944) dirigea le "
            "réseau Clarence.",
            {
                ("walthere-dewe", "bornIn", "liege"),
                ("walthere-dewe", "bornOn", "1880-09-10"),
                ("walthere-dewe", "diedIn", "ixelles"),
                ("walthere-dewe", "diedOn", "1944-01-14"),
            },
        ),
    ],
)
def test_life_dates_in_brackets_after_a_name(
    language: str, text: str, facts: set[tuple[str, str, str]]
) -> None:
    found = {
        (s.subject, s.predicate, str(s.object))
        for s in _extraction(text, language).statements
        if s.extractor == "lifespan"
    }
    assert found == facts


def test_brackets_with_other_words_are_no_life_dates() -> None:
    text = "Hubert Pierlot (1939–1945 eerste minister) leidde de regering in Londen."
    assert not any(s.extractor == "lifespan" for s in _extraction(text, "nl").statements)


def test_a_relative_pronoun_stands_for_the_name_before_its_comma() -> None:
    """The parse makes "lid" the object of the main verb here, not a relative clause of the
    name: the name right before ", die" is the relative clause's subject all the same."""
    text = (
        "Vanaf 1941 liet ze dat werk liggen. Bervoets, die lid was van het Belgisch Legioen, "
        "bracht met enkele vrienden het sluikblad uit."
    )
    assert ("marguerite-bervoets", "memberOf", "secret-army") in _triples(text, "nl")


def test_an_article_parsed_as_the_subject_is_no_pronoun() -> None:
    """ "Het net Clarence": "Het" is the article of the subject, not "it" for the group before."""
    text = (
        "In 1939 nam de Britse Secret Intelligence Service contact met hem op. "
        "Het net Clarence werd in 1940 opgericht door Walthère Dewé."
    )
    founded = {s for s in _triples(text, "nl") if s[1] == "foundedBy"}
    assert founded == {("clarence-network", "foundedBy", "walthere-dewe")}


def test_a_nearer_date_is_the_event_s_and_people_are_no_participants() -> None:
    text = (
        "De Duitse capitulatie van 8 mei 1945 wordt nog altijd herdacht; de herinnering aan "
        "de jaren 1940 blijft sterk. Er staan 415 graven van mensen die tijdens de Tweede "
        "Wereldoorlog werden gefusilleerd."
    )
    found = {(s.predicate, str(s.object)) for s in _extraction(text, "nl").statements}
    assert ("occurredOn", "194X") not in found
    assert not any(predicate == "participantCount" for predicate, _ in found)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("In Bastenaken ligt het Mardassonmonument.", ("mardasson-memorial", "bastogne")),
        (
            "In Neupré, ten zuiden van Luik, ligt de Amerikaanse begraafplaats van de Ardennen.",
            ("ardennes-american-cemetery", "neupre"),
        ),
    ],
)
def test_a_dutch_subject_after_an_intransitive_verb(text: str, fact: tuple[str, str]) -> None:
    """The parse makes the subject after "ligt" its object; "ligt" takes none."""
    located = {(s[0], s[2]) for s in _triples(text, "nl") if s[1] == "locatedIn"}
    assert located == {fact}


def test_shot_dead_while_escaping_is_a_death_not_an_execution() -> None:
    found = {
        (s.subject, s.predicate, str(s.object))
        for s in _extraction(
            "On 14 January 1944, while trying to escape a German police operation, Walthère Dewé "
            "was shot dead.",
            "en",
        ).statements
    }
    assert ("walthere-dewe", "diedOn", "1944-01-14") in found
    assert not {f for f in found if f[1].startswith("executed")}
