"""Statements from sentences: relation patterns between typed mentions, dates and quantities.

A pattern holds when two consecutive mentions of one sentence have the categories it names and
the words between them match its trigger ("X was a member of Y", "ordered by", "situé à",
"gelegen in"), and, for Dutch verb-final clauses, the words after the second match its tail ("X
werd naar Y gedeporteerd"). These surface patterns serve Dutch, which has no parser, and back up
the dependency rules (pipelines/dependency.py) elsewhere; `combine` keeps one statement per triple
and `dated` gives a relation the only date of its sentence. Dates attach to the event or memorial
of their sentence; numbers with their noun ("about 700 servicemen", "197 crosses") become
quantitative claims with their qualifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from remembrance.pipelines.records import PRONOUN_GENDER, DateMention, LinkedMention, Statement

ANY = frozenset({"Person", "Group", "Place", "Memorial", "Event"})


@dataclass(frozen=True, slots=True)
class Pattern:
    predicate: str
    trigger: re.Pattern[str]
    subjects: frozenset[str]
    objects: frozenset[str]
    inverse: bool = False  # the first mention is the object ("Y founded X")
    confidence: float = 0.7
    tail: re.Pattern[str] | None = None  # what must follow the second mention (Dutch verb-final)


def _p(
    predicate: str,
    trigger: str,
    subjects: Iterable[str],
    objects: Iterable[str],
    inverse: bool = False,
    tail: str | None = None,
) -> Pattern:
    regex = re.compile(rf"^[\s,]*(?:{trigger})[\s,]*$", re.IGNORECASE)
    after = re.compile(rf"\s*(?:\S+\s+){{0,2}}?(?:{tail})\b", re.IGNORECASE) if tail else None
    return Pattern(predicate, regex, frozenset(subjects), frozenset(objects), inverse, tail=after)


_W = r"(?:\S+\s+){0,4}?"  # up to four intervening words
_NL = r"(?:\S+\s+){0,5}?"  # the middle field of a Dutch clause ("werd in 1940 … door")
_AGENT = (
    r"(?:\s+(?:the|le|la|l'|de|het)(?:\s+[\w'-]+)?)?"  # "by the journalist", "door de Antwerpenaar"
)
PATTERNS: tuple[Pattern, ...] = (
    _p(
        "memberOf",
        rf"{_W}(?:was|became|were)\s+(?:\w+\s+)?(?:a\s+|an\s+|one of the\s+)?(?:\w+\s+)?(?:member|members|agent|agents)\s+of(?:\s+the)?"
        rf"|{_W}(?:fut|était|devint|est)\s+(?:\w+\s+)?(?:un\s+|une\s+)?(?:membre|agent|agente)\s+(?:du|de la|de l'|des|de)"
        rf"|{_W}(?:was|werd)\s+(?:\w+\s+)?(?:een\s+)?(?:lid|agent)\s+van(?:\s+de|\s+het)?"
        r"|,\s*(?:(?:lui|elle|he|she|hij|zij)\s+)?(?:(?:aussi|also|ook|too)\s+)?(?:a\s+|an\s+|un\s+|une\s+|een\s+)?(?:member|membre|lid)\s+(?:of|du|de la|de l'|des|de|van)(?:\s+the|\s+de|\s+het)?"
        rf"|{_W}joined(?:\s+the)?|{_W}(?:rejoint|rejoignit|a rejoint)(?:\s+le|\s+la|\s+l')?|{_W}sloot\s+zich\s+aan\s+bij(?:\s+de|\s+het)?",
        {"Person"},
        {"Group"},
    ),
    _p(
        "foundedBy",
        rf"(?:was|were)\s+(?:founded|created|set up|established)\s+(?:in\s+\S+\s+)?by{_AGENT}|(?:fut|a été)\s+(?:fondée?|créée?)\s+(?:en\s+\S+\s+)?par{_AGENT}|(?:werd|is)\s+{_NL}(?:opgericht|gesticht)\s+door{_AGENT}"
        rf"|,\s*(?:founded|created|set up)\s+(?:in\s+\S+\s+)?by{_AGENT}|,\s*(?:fondée?|créée?)\s+(?:en\s+\S+\s+)?par{_AGENT}|,\s*(?:opgericht|gesticht)\s+door{_AGENT}",
        {"Group"},
        {"Person"},
    ),
    _p(
        "foundedBy",
        rf"(?:werd|is)\s+{_NL}door{_AGENT}",
        {"Group"},
        {"Person"},
        tail="opgericht|gesticht",
    ),
    _p(
        "foundedBy",
        r"(?:founded|created|set up)(?:\s+the)?|(?:fonda|a fondé|créa)(?:\s+le|\s+la|\s+l')?|(?:richtte|stichtte)(?:\s+\S+){0,3}?(?:\s+de|\s+het)?"
        r"|(?:was|were|is)\s+(?:one of\s+)?(?:the\s+)?(?:\w+\s+)?founders?\s+of(?:\s+the)?|(?:fut|est|,)\s*(?:l'un\s+des\s+|le\s+|la\s+)?(?:co-?)?(?:fondat(?:eur|rice)s?)\s+(?:du|de la|de l'|des|de)|,\s*(?:the\s+|a\s+)?(?:co-?)?founders?\s+of(?:\s+the)?|,\s*(?:de\s+)?(?:oprichters?|stichters?)\s+van(?:\s+de|\s+het)?|(?:was|is)\s+(?:een\s+van\s+de\s+)?(?:de\s+)?(?:oprichters?|stichters?)\s+van(?:\s+de|\s+het)?",
        {"Group"},
        {"Person"},
        inverse=True,
    ),
    _p(
        "ledBy",
        rf"(?:was|were)\s+(?:led|headed|commanded|directed)\s+by{_AGENT}|(?:fut|était)\s+(?:dirigée?|commandée?)\s+par{_AGENT}|(?:werd)\s+{_NL}(?:geleid|aangevoerd)\s+door{_AGENT}|under the (?:leadership|command) of|sous la direction de|(?:stond\s+)?onder (?:leiding|bevel) van"
        rf"|,\s*(?:led|headed|commanded|directed)\s+by{_AGENT}|,\s*(?:dirigée?|commandée?)\s+par{_AGENT}|,\s*(?:geleid|aangevoerd)\s+door{_AGENT}",
        {"Group", "Event"},
        {"Person"},
    ),
    _p(
        "ledBy",
        rf"werd\s+{_NL}door{_AGENT}",
        {"Group", "Event"},
        {"Person"},
        tail="geleid|aangevoerd",
    ),
    _p(
        "ledBy",
        r"(?:was|became)\s+(?:the\s+)?(?:leader|head|commander)\s+of(?:\s+the)?|(?:fut|était|devint)\s+(?:le\s+|la\s+)?(?:chef|cheffe|dirigeante?)\s+(?:du|de la|de l'|des|de)|(?:was|werd)\s+(?:de\s+)?(?:leider|commandant)\s+van(?:\s+de|\s+het)?",
        {"Group"},
        {"Person"},
        inverse=True,
    ),
    _p(
        "locatedIn",
        r"(?:,\s*(?:a|an|the|un|une|le|la|een|de|het)\s+(?:\S+\s+){0,4}?)?(?:(?:is|was|are|were|stands?|stood|lies|lay)\s+(?:\w+\s+)?)?(?:located|situated|based)\s+(?:in|at|inside|within|on the grounds of)(?:\s+the)?|(?:is|was|stands?|stood|lies|lay)\s+(?:in|at|inside|within|on the grounds of)(?:\s+the)?"
        r"|(?:(?:est|était|se trouve|se trouvait)\s+(?:située?s?\s+)?|(?:,\s*(?:un|une|le|la)\s+(?:\S+\s+){0,4}?)?située?s?\s+)(?:à|au|dans|en|dans l'enceinte d[eu]s?)(?:\s+la|\s+le|\s+l')?"
        r"|(?:,\s*(?:een|de|het)\s+(?:\S+\s+){0,4}?)?(?:ligt|lag|staat|stond|bevindt zich|is gelegen|gelegen)\s+(?:in|te|op)(?:\s+de|\s+het)?",
        {"Memorial", "Place"},
        {"Place"},
    ),
    _p(
        "locatedIn",
        r"(?:was|were|is|are)\s+(?:\w+\s+)?(?:based|headquartered|seated)\s+in|had its (?:seat|headquarters) in"
        r"|(?:siégeait|siégea|siège|s'installa|s'est installée?|était installée?|était basée?|est basée?)\s+(?:à|au)"
        r"|(?:zetelde|zetelt|resideerde|had zijn zetel|was gevestigd|is gevestigd)\s+(?:in|te)",
        {"Group"},
        {"Place"},
    ),
    _p(
        "partOf",
        r"(?:,\s*|(?:was|were|became|is|are)\s+)(?:the\s+|an?\s+)?(?:armed\s+|military\s+)?(?:wing|branch|arm|section)\s+of(?:\s+the)?"
        r"|(?:,\s*|(?:était|fut|devint|est|étaient|furent)\s+)(?:le\s+|la\s+|l'|un\s+|une\s+)?(?:bras armé|branche armée|aile armée|branche|section)\s+(?:du|de la|de l'|des|de)"
        r"|(?:,\s*|(?:was|waren|werd|werden|is|zijn)\s+)(?:de\s+|het\s+|een\s+)?(?:gewapende\s+)?(?:arm|tak|afdeling)\s+van(?:\s+de|\s+het)?",
        {"Group"},
        {"Group"},
    ),
    _p(
        "commemorates",
        rf"{_W}(?:commemorat\w*|honou?rs?|remembers|is dedicated to|pays tribute to)(?:\s+the)?|{_W}(?:commémor\w*|rend hommage à|honore|est dédiée? à)(?:\s+la|\s+le|\s+l'|\s+les)?|{_W}(?:herdenkt|eert|is gewijd aan)(?:\s+de|\s+het)?",
        {"Memorial"},
        ANY - {"Memorial"},
    ),
    _p(
        "orderedBy",
        rf"{_W}(?:was|were)\s+ordered\s+by(?:\s+king)?|{_W}(?:fut|a été)\s+(?:ordonnée?|décidée?)\s+par(?:\s+le roi)?|{_W}(?:werd)\s+{_NL}(?:bevolen|besloten)\s+door(?:\s+koning)?",
        {"Event"},
        {"Person"},
    ),
    _p(
        "orderedBy",
        rf"werd\s+{_NL}door(?:\s+koning)?",
        {"Event"},
        {"Person"},
        tail="bevolen|besloten",
    ),
    _p(
        "executedAt",
        r"(?:\S+\s+){0,6}?(?:executed|shot|hanged|beheaded|guillotined|put to death|exécutée?s?|fusillée?s?|pendue?s?|décapitée?s?|guillotinée?s?|geëxecuteerd|gefusilleerd|opgehangen|onthoofd)\s+(?:by (?:a\s+)?firing squad\s+)?(?:in|at|au|à|dans|te|op)(?:\s+the|\s+la|\s+le|\s+l'|\s+de|\s+het)?",
        {"Person"},
        {"Place", "Memorial"},
    ),
    _p(
        "executedAt",
        rf"(?:werd|werden|is|zijn)\s+{_NL}(?:in|op|te|bij)(?:\s+de|\s+het)?",
        {"Person"},
        {"Place", "Memorial"},
        tail="gefusilleerd|geëxecuteerd|opgehangen|onthoofd",
    ),
    _p(
        "deportedTo",
        rf"{_W}(?:was|were)\s+deported\s+(?:from\s+\S+\s+)?to|{_W}(?:fut|furent|a été)\s+déportée?s?\s+(?:vers|à)|{_W}(?:werd|werden)\s+{_NL}gedeporteerd\s+naar",
        {"Person", "Group"},
        {"Place"},
    ),
    _p(
        "deportedTo",
        rf"{_W}(?:werd|werden|is|zijn)\s+{_NL}naar",
        {"Person", "Group"},
        {"Place"},
        tail="gedeporteerd|weggevoerd",
    ),
    _p(
        "deportedFrom",
        rf"{_W}(?:was|were)\s+deported\s+from|{_W}(?:fut|furent)\s+déportée?s?\s+(?:de|depuis)|{_W}(?:werd|werden)\s+(?:vanuit|uit)\s+",
        {"Person", "Group"},
        {"Place"},
    ),
    _p(
        "bornIn",
        r"(?:was\s+)?born\s+in|(?:est\s+)?née?\s+à|(?:werd\s+)?geboren\s+in",
        {"Person"},
        {"Place"},
    ),
    _p("bornIn", rf"(?:werd|is)\s+{_NL}(?:in|te)", {"Person"}, {"Place"}, tail="geboren"),
    _p(
        "diedIn",
        r"(?:\S+\s+){0,2}?(?:died|mort|morte|décédée?|overleed|stierf)\s+(?:in|at|à|au|te)",
        {"Person"},
        {"Place"},
    ),
    _p(
        "diedIn",
        rf"(?:is|werd)\s+{_NL}(?:in|te)",
        {"Person"},
        {"Place"},
        tail="overleden|gestorven",
    ),
    _p(
        "tookPlaceAt",
        rf"{_W}(?:took place|was held|happened|was fought|raged)\s+(?:in|at|around)(?:\s+the)?|{_W}(?:a eu lieu|s'est déroulée?|eut lieu|se déroula|se joua|s'est jouée?|fit rage|faisait rage)\s+(?:à|au|dans)(?:\s+la|\s+le|\s+l'|\s+les)?|{_W}(?:vond\s+plaats|speelde\s+zich\s+af|woedde)\s+(?:in|op|bij)(?:\s+de|\s+het)?",
        {"Event"},
        {"Place", "Memorial"},
    ),
    _p(
        "tookPlaceAt",
        rf"vond\s+{_NL}(?:in|op|bij)(?:\s+de|\s+het)?",
        {"Event"},
        {"Place", "Memorial"},
        tail="plaats",
    ),
    _p(
        "organisedBy",
        r"(?:was\s+)?organi[sz]ed\s+by(?:\s+the)?|(?:fut\s+)?organisée?\s+par(?:\s+la|\s+le|\s+l')?|(?:werd\s+)?georganiseerd\s+door(?:\s+de|\s+het)?",
        {"Event"},
        {"Group"},
    ),
    _p(
        "organisedBy",
        rf"werd\s+{_NL}door(?:\s+de|\s+het)?",
        {"Event"},
        {"Group"},
        tail="georganiseerd",
    ),
    _p(
        "organisedBy",
        rf"{_W}organi[sz]ed(?:\s+the)?|{_W}a organisé(?:\s+la|\s+le|\s+l')?|{_W}organiseerde(?:\s+de|\s+het)?",
        {"Event"},
        {"Group"},
        inverse=True,
    ),
    _p(
        "participatedIn",
        rf"{_W}(?:joined|took part in|participated in|attended)(?:\s+the)?|{_W}(?:ont participé à|a participé à|participèrent à)(?:\s+la|\s+le|\s+l')?|{_W}(?:namen deel aan|nam deel aan)(?:\s+de|\s+het)?",
        {"Person", "Group"},
        {"Event"},
    ),
)

#: Date properties, chosen by a verb before the date or by the subject's category.
DATE_TRIGGERS: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...] = (
    (
        re.compile(r"dedicated|inaugurated|unveiled|inauguré|ingehuldigd|onthuld", re.I),
        "dedicatedOn",
        frozenset({"Memorial"}),
    ),
    (
        re.compile(
            r"established|opened|built|erected|créé|établi|ouvert|érigé|opgericht|geopend|gebouwd",
            re.I,
        ),
        "establishedOn",
        frozenset({"Memorial", "Place"}),
    ),
    (re.compile(r"founded|fondée?|opgericht", re.I), "foundedOn", frozenset({"Group"})),
    (re.compile(r"\bborn\b|\bnée?\b|geboren", re.I), "bornOn", frozenset({"Person"})),
    (
        re.compile(
            r"\bdied\b|executed|killed|mort|morte|décédée?|exécutée?|fusillée?|overleden|gestorven|geëxecuteerd",
            re.I,
        ),
        "diedOn",
        frozenset({"Person"}),
    ),
)

NETWORKS = frozenset({"ResistanceNetwork", "ResistanceMovement"})
_NUMBER = r"(?P<number>\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})+|\d+)"
_QUALIFIER = {
    "approximately": r"about|around|some|approximately|an estimated|roughly|nearly|almost|environ|quelque|près de|à peu près|ongeveer|zo'n|circa|bijna|rond",
    "at least": r"at least|more than|over|plus de|au moins|meer dan|minstens|ruim",
    "at most": r"at most|fewer than|less than|up to|moins de|jusqu'à|minder dan|hooguit",
}
_QUAL = "|".join(rf"(?P<{k.replace(' ', '_')}>{v})" for k, v in _QUALIFIER.items())
_HELPED = (
    r"(?:helped|evacuated|rescued|saved|guided|smuggled|aidé|sauvé|évacué|hielp|redde|smokkelde)\s+"
)
_HELPED_NOUNS = r"servicemen|airmen|aviateurs|aviators|soldiers|soldats|piloten|vliegeniers|militaires|escapers|evaders"
#: (predicate, verb that must come before, noun after the number, categories of the subject)
QUANTITIES: tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str], frozenset[str]], ...] = tuple(
    (
        predicate,
        re.compile(rf"\b{verb}(?:(?:{_QUAL})\s+)?$", re.I) if verb else None,
        re.compile(rf"{_NUMBER}\s+(?:\w+\s+){{0,2}}?(?:{nouns})\b", re.I),
        frozenset(cats),
    )
    for predicate, verb, nouns, cats in (
        ("helpedCount", "", _HELPED_NOUNS, NETWORKS),
        # "helped 776 people": a plain noun counts only after a verb of helping
        ("helpedCount", _HELPED, r"people|persons|personnes|mensen|men|hommes", NETWORKS),
        (
            "graveCount",
            "",
            r"crosses|graves|tombs|croix|tombes|sépultures|kruisen|graven|graftekens",
            {"Memorial"},
        ),
        (
            "participantCount",
            "",
            r"people|participants|personnes|mensen|deelnemers|persons",
            {"Event"},
        ),
        (
            "victimCount",
            "",
            r"victims|dead|killed|died|victimes|morts|tués|slachtoffers|doden",
            {"Event", "Place", "Memorial"},
        ),
        ("memberCount", "", r"members|membres|leden|agents", {"Group"}),
    )
)
#: A qualifier right before a number ("about 700", "plus de 3 500").
_QUALIFIER_BEFORE = re.compile(rf"\b(?:{_QUAL})\s+$", re.I)


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


_DET = r"(?:The|Le|La|L'|Les|De|Het)\s*"
#: Sentence-initial words that stand for an entity named before: pronouns and short nominals.
_ANAPHORS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = tuple(
    (re.compile(rf"\s*({pattern})\b"), frozenset(categories))
    for pattern, categories in (
        (r"He|She|Hij|Zij|Ze", {"Person"}),
        (r"It|Het", {"Group", "Memorial", "Event"}),
        (r"Il|Elle", ANY),
        (
            rf"{_DET}(?:network|line|movement|group|organisation|organization|réseau|ligne|"
            r"mouvement|groupe|organisation|netwerk|lijn|beweging|groep|organisatie)",
            {"Group"},
        ),
        (rf"{_DET}(?:camp|fort|prison|barracks|caserne|kamp|gevangenis|kazerne)", {"Place"}),
        (
            rf"{_DET}(?:operation|attack|raid|procession|ceremony|commemoration|opération|attaque|"
            r"cérémonie|commémoration|operatie|aanslag|aanval|stoet|plechtigheid|herdenking)",
            {"Event"},
        ),
    )
)


def pronoun_subjects(
    text: str, linked: Sequence[LinkedMention], sentences: Sequence[tuple[int, int]]
) -> list[LinkedMention]:
    """A sentence-initial pronoun or short nominal ("She was deported to …", "The network was
    founded by …") stands for the latest entity of a fitting category (and a person of the
    pronoun's gender, where the record gives one) named before its sentence. Used for relations
    only, never output as a mention (the gold set does not annotate pronouns)."""
    resolved = []
    for start, end in sentences:
        found = next(
            ((m, cats) for regex, cats in _ANAPHORS if (m := regex.match(text, start, end))), None
        )
        if found is None:
            continue
        match, categories = found
        gender = PRONOUN_GENDER.get(match.group(1).lower())
        if any(m.mention.start < match.end(1) and match.start(1) < m.mention.end for m in linked):
            continue  # already a mention ("the Memorial" resolved by the definite rule)
        antecedent = next(
            (
                m
                for m in reversed(linked)
                if m.mention.end <= start
                and m.entity.category in categories
                and m.entity.agrees_with(gender)
            ),
            None,
        )
        if antecedent is not None:
            mention = replace(
                antecedent.mention,
                text=match.group(1),
                start=match.start(1),
                end=match.end(1),
                sentence=(start, end),
                source="coreference",
            )
            resolved.append(LinkedMention(mention, antecedent.entity, antecedent.confidence * 0.8))
    return resolved


_BEFORE_DATE = re.compile(
    r"(?:\b(?:in|on|from|since|around|en|le|dès|depuis|vers|op|sinds|rond|van)\s+)?$", re.I
)
#: Between two objects of one relation: "to X and later to Y", "naar X en Y", "à X et à Y".
_CONJUNCT = re.compile(
    r"\s*(?:,\s*)?(?:and|or|et|ou|en|of)\s+(?:(?:later|then|afterwards|finally|ensuite|puis|"
    r"enfin|daarna|vervolgens|later)\s+)?(?:(?:to|in|at|à|au|aux|vers|dans|naar|in|te|op)\s+)?"
    r"(?:the\s+|la\s+|le\s+|l'|les\s+|de\s+|het\s+)?",
    re.I,
)
_LIST = re.compile(r"\s*,\s*")
#: A place in commas after the subject: "Le Mémorial du Mardasson, à Bastogne, commémore …".
_PARENTHETICAL = re.compile(
    r"\s*,\s*(?:in|at|near|à|au|près de|in|te|bij)\s+(?:the\s+|la\s+|le\s+|l'|de\s+|het\s+)?", re.I
)


def _gap(text: str, start: int, end: int, dates: Sequence[DateMention]) -> str:
    """The words between two mentions without the dates among them ("stierf in 2007 in" →
    "stierf in"): a date never decides a relation, and patterns need not allow for one."""
    pieces, at = [], start
    for d in sorted((d for d in dates if start <= d.start and d.end <= end), key=lambda d: d.start):
        before = text[at : d.start]
        pieces.append(before[: _BEFORE_DATE.search(before).start()])  # type: ignore[union-attr]
        at = d.end
    pieces.append(text[at:end])
    return re.sub(r"\(\s*[-–/]?\s*\)|(?<=\s)\s+", "", "".join(pieces))


def _pairs(
    text: str, linked: Sequence[LinkedMention], dates: Sequence[DateMention]
) -> Iterator[tuple[LinkedMention, LinkedMention, str]]:
    """Mentions of one sentence that a pattern may join, with the words between them: each
    mention and the next, and a subject and the mention after a parenthetical place."""
    for i, left in enumerate(linked[:-1]):
        right = linked[i + 1]
        if left.mention.sentence != right.mention.sentence:
            continue
        gap = _gap(text, left.mention.end, right.mention.start, dates)
        yield left, right, gap
        if (
            i + 2 < len(linked)
            and linked[i + 2].mention.sentence == left.mention.sentence
            and right.entity.category == "Place"
            and _PARENTHETICAL.fullmatch(gap)
        ):
            after = _gap(text, right.mention.end, linked[i + 2].mention.start, dates)
            if after.lstrip().startswith(","):
                yield left, linked[i + 2], after.lstrip()[1:]


def _conjuncts(
    text: str, linked: Sequence[LinkedMention], first: int, categories: frozenset[str]
) -> list[LinkedMention]:
    """Mentions coordinated with linked[first] ("Ravensbrück and later Mauthausen", "X, Y and
    Z"): a chain of commas that ends in a conjunction."""
    chain: list[LinkedMention] = []
    for left, right in zip(linked[first:], linked[first + 1 :], strict=False):
        if right.mention.sentence != left.mention.sentence:
            break
        if right.entity.category not in categories:
            break
        gap = text[left.mention.end : right.mention.start]
        if _CONJUNCT.fullmatch(gap):
            return [*chain, right]
        if not _LIST.fullmatch(gap):
            break
        chain.append(right)
    return []


#: A second clause of the same subject: "X werd in Luik geboren en stierf in Elsene".
_NEXT_CLAUSE = re.compile(r"\s*(?:[^\s,]+\s+){0,2}?,?\s*(?:and|et|en)\s+", re.I)


def pattern_statements(
    text: str, linked: Sequence[LinkedMention], dates: Sequence[DateMention] = ()
) -> list[Statement]:
    """Relations between mentions of a sentence whose gap matches a pattern. Objects coordinated
    with the object share the relation; a clause joined by "and" after an object shares the
    subject of the sentence's previous relation."""
    statements: list[Statement] = []
    position = {id(item): i for i, item in enumerate(linked)}
    subjects: dict[tuple[int, int], LinkedMention] = {}  # per sentence, the latest subject
    for left, right, gap in _pairs(text, linked, dates):
        if left.entity.id == right.entity.id or len(gap) > 80 or "\n" in gap:
            continue
        sentence = left.mention.sentence
        options = [(left, gap)]
        if (clause := _NEXT_CLAUSE.match(gap)) and sentence in subjects:
            options.append((subjects[sentence], gap[clause.end() :]))
        for pattern, (first, between) in ((p, o) for p in PATTERNS for o in options):
            subject, obj = (right, first) if pattern.inverse else (first, right)
            if (
                subject.entity.category in pattern.subjects
                and obj.entity.category in pattern.objects
                and pattern.trigger.match(between)
                and (first is left or not pattern.inverse)
                and (
                    pattern.tail is None or pattern.tail.match(text, right.mention.end, sentence[1])
                )
            ):
                objects = [obj]
                if not pattern.inverse:
                    objects += _conjuncts(text, linked, position[id(obj)], pattern.objects)
                statements += [
                    Statement(
                        subject.entity.id,
                        pattern.predicate,
                        item.entity.id,
                        True,
                        min(subject.mention.start, left.mention.start),
                        item.mention.end,
                        sentence,
                        "pattern",
                        round(
                            pattern.confidence
                            * min(subject.confidence, item.confidence)
                            * (1 if item is obj and first is left else 0.9),
                            3,
                        ),
                    )
                    for item in objects
                    if item.entity.id != subject.entity.id
                ]
                subjects[sentence] = subject
                break
    return statements


def date_statements(
    text: str,
    linked: Sequence[LinkedMention],
    dates: Sequence[DateMention],
    sentences: Sequence[tuple[int, int]],
) -> list[Statement]:
    """A date attaches to the nearest preceding entity of its sentence that the verb fits."""
    statements: list[Statement] = []
    for date in dates:
        sentence = next((s for s in sentences if s[0] <= date.start < s[1]), None)
        if sentence is None:
            continue
        before = [
            m for m in linked if m.mention.sentence == sentence and m.mention.end <= date.start
        ]
        for item in reversed(before):
            gap = text[item.mention.end : date.start]
            predicate = next(
                (
                    p
                    for trigger, p, cats in DATE_TRIGGERS
                    if item.entity.category in cats and trigger.search(gap)
                ),
                "occurredOn" if item.entity.category == "Event" and len(gap) <= 40 else None,
            )
            if predicate is not None and len(gap) <= 120:
                statements.append(
                    Statement(
                        item.entity.id,
                        predicate,
                        date.value,
                        False,
                        item.mention.start,
                        date.end,
                        sentence,
                        "date",
                        round(0.7 * item.confidence, 3),
                        date=date,
                    )
                )
                break
    return statements


def quantity_statements(
    text: str, linked: Sequence[LinkedMention], sentences: Sequence[tuple[int, int]]
) -> list[Statement]:
    """Numbers with their noun, attached to the nearest entity of a fitting category before them
    in the sentence (or the previous sentence)."""
    statements: list[Statement] = []
    for predicate, verb, regex, categories in QUANTITIES:
        for match in regex.finditer(text):
            before = text[max(0, match.start() - 60) : match.start()]
            if verb is not None and not verb.search(before):
                continue
            qualified = _QUALIFIER_BEFORE.search(before)
            position = match.start() - (len(before) - qualified.start() if qualified else 0)
            index = next((i for i, s in enumerate(sentences) if s[0] <= position < s[1]), None)
            if index is None:
                continue
            scope = sentences[max(0, index - 1)][0], sentences[index][1]
            if categories & NETWORKS:  # what a network did: the network named last, anywhere before
                scope = 0, sentences[index][1]
            fitting = [
                m
                for m in linked
                if scope[0] <= m.mention.start < scope[1]
                and (m.entity.category in categories or m.entity.class_name in categories)
            ]
            preceding = [m for m in fitting if m.mention.start < position] or fitting
            if not preceding:
                continue
            subject = preceding[-1] if preceding[-1].mention.start < position else preceding[0]
            qualifier = (
                next((k.replace("_", " ") for k, v in qualified.groupdict().items() if v), None)
                if qualified
                else None
            )
            statements.append(
                Statement(
                    subject.entity.id,
                    predicate,
                    _number(match.group("number")),
                    False,
                    position,
                    match.end(),
                    sentences[index],
                    "quantity",
                    round(0.7 * subject.confidence, 3),
                    qualifier=qualifier,
                )
            )
    return statements


_APPOSITION = re.compile(
    r"(?:\s*\([^)\n]{0,80}\))?\s*(?:Memorial|Mémorial|Memoriaal)?\s*,\s*(?:the|la|le|de|het)?\s*"
)


def apposition_statements(text: str, linked: Sequence[LinkedMention]) -> list[Statement]:
    """ "the X Memorial, the Citadel of Liège": a memorial followed by a place → located in."""
    statements: list[Statement] = []
    for left, right in zip(linked, linked[1:], strict=False):
        gap = text[left.mention.end : right.mention.start]
        if (
            left.entity.category == "Memorial"
            and right.entity.category == "Place"
            and _APPOSITION.fullmatch(gap)
        ):
            statements.append(
                Statement(
                    left.entity.id,
                    "locatedIn",
                    right.entity.id,
                    True,
                    left.mention.start,
                    right.mention.end,
                    left.mention.sentence,
                    "apposition",
                    round(0.6 * min(left.confidence, right.confidence), 3),
                )
            )
    return statements


def combine(*extractors: Sequence[Statement]) -> list[Statement]:
    """One statement per triple and sentence: where extractors agree, the most confident one."""
    best: dict[tuple[str, str, object, tuple[int, int]], Statement] = {}
    for statements in extractors:
        for statement in statements:
            key = statement.subject, statement.predicate, statement.object, statement.sentence
            if key not in best or statement.confidence > best[key].confidence:
                best[key] = statement
    return sorted(best.values(), key=lambda s: (s.start, s.end))


def dated(statements: Iterable[Statement], dates: Sequence[DateMention]) -> list[Statement]:
    """Entity statements whose sentence holds exactly one date carry it (when the claim held)."""
    result = []
    for statement in statements:
        within = [d for d in dates if statement.sentence[0] <= d.start < statement.sentence[1]]
        if statement.object_is_entity and statement.date is None and len(within) == 1:
            statement = replace(statement, date=within[0])
        result.append(statement)
    return result
