"""Part-of-speech tags (Universal Dependencies) that the readers of the parse share."""

#: A verb, or an auxiliary that the parse makes a clause's head ("werd regent").
VERB_TAGS = frozenset({"VERB", "AUX"})
#: What an event trigger may be in a parse: a verb, or a participle read as an adjective ("née à").
PREDICATE_TAGS = VERB_TAGS | {"ADJ"}
