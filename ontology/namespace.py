"""The remembrance ontology as a closed namespace (generated: do not edit).

Regenerate with ``python -m remembrance.ontology.generate``.
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace


class REM(DefinedNamespace):
    """Classes and properties of ontology/remembrance.ttl."""

    _fail = True
    _NS = Namespace("https://w3id.org/remembrance/ontology#")

    Army: URIRef
    AuthorityRecord: URIRef
    Battle: URIRef
    Build: URIRef
    Building: URIRef
    Camp: URIRef
    Campaign: URIRef
    City: URIRef
    ClandestinePress: URIRef
    CodeName: URIRef
    CollaborationGroup: URIRef
    Commemoration: URIRef
    Country: URIRef
    DateMention: URIRef
    Deportation: URIRef
    DiasporaOrganisation: URIRef
    Document: URIRef
    Embassy: URIRef
    Event: URIRef
    Execution: URIRef
    Extractor: URIRef
    Fortress: URIRef
    Government: URIRef
    Group: URIRef
    Invasion: URIRef
    Liberation: URIRef
    Memorial: URIRef
    MemorialCemetery: URIRef
    Mention: URIRef
    Monument: URIRef
    Museum: URIRef
    Occupation: URIRef
    OccupationAuthority: URIRef
    Person: URIRef
    Place: URIRef
    Plaque: URIRef
    PoliticalParty: URIRef
    Prison: URIRef
    Region: URIRef
    ResistanceAction: URIRef
    ResistanceMovement: URIRef
    ResistanceNetwork: URIRef
    Site: URIRef
    Statement: URIRef
    Surrender: URIRef
    University: URIRef
    War: URIRef
    bornIn: URIRef
    bornOn: URIRef
    category: URIRef
    coMentionedWith: URIRef
    codeName: URIRef
    commemorates: URIRef
    confidence: URIRef
    contentHash: URIRef
    coordinates: URIRef
    dateOf: URIRef
    dedicatedOn: URIRef
    deportedFrom: URIRef
    deportedTo: URIRef
    diedIn: URIRef
    diedOn: URIRef
    disambiguation: URIRef
    earliest: URIRef
    edtf: URIRef
    end: URIRef
    endedOn: URIRef
    establishedOn: URIRef
    executedAt: URIRef
    foundedBy: URIRef
    foundedOn: URIRef
    graphVersion: URIRef
    graveCount: URIRef
    helped: URIRef
    helpedCount: URIRef
    inDocument: URIRef
    language: URIRef
    languageConfidence: URIRef
    latest: URIRef
    latitude: URIRef
    ledBy: URIRef
    localEntity: URIRef
    locatedIn: URIRef
    longitude: URIRef
    memberCount: URIRef
    memberOf: URIRef
    mentionCount: URIRef
    name: URIRef
    occurredOn: URIRef
    orderedBy: URIRef
    organisedBy: URIRef
    partOf: URIRef
    participantCount: URIRef
    participatedIn: URIRef
    pipelineVersion: URIRef
    qualifier: URIRef
    referenceVersion: URIRef
    refersTo: URIRef
    relatedTo: URIRef
    sentence: URIRef
    source: URIRef
    sourcePath: URIRef
    start: URIRef
    startedOn: URIRef
    text: URIRef
    tookPlaceAt: URIRef
    unit: URIRef
    usedFrom: URIRef
    usedUntil: URIRef
    value: URIRef
    victimCount: URIRef
    wikidata: URIRef
