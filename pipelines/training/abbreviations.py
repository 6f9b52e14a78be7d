"""Abbreviations a trained pipeline's tokenizer keeps whole (with their full stop), per language:
titles and ranks before names in historical and modern texts ("Lt. Janssens", "Kol. Bastin",
"E.H. Peeters"), which spaCy's own exceptions lack. Saved with the model's tokenizer."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokenizer import Tokenizer

ABBREVIATIONS = {
    "nl": [
        "Lt.",
        "lt.",
        "Luit.",
        "luit.",
        "Kol.",
        "kol.",
        "Kapt.",
        "kapt.",
        "Maj.",
        "maj.",
        "Sgt.",
        "sgt.",
        "Serg.",
        "serg.",
        "Cdt.",
        "cdt.",
        "Gen.",
        "Adj.",
        "Korp.",
        "korp.",
        "Sold.",
        "Wachtm.",
        "Burg.",
        "burg.",
        "Wed.",
        "Mej.",
        "mej.",
        "Z.E.H.",
        "E.H.",
        "E.P.",
        "Z.M.",
        "H.M.",
        "H.K.H.",
        "Kan.",
        "Past.",
        "Onderpast.",
        "Ste.",
        "Bvb.",
        "bvb.",
        "Gebr.",
        "Cie.",
        "Pz.",
        "Bd.",
        "Mgr.",
        "mgr.",
        "Kard.",
        "kard.",
        "Jhr.",
        "jhr.",
        "Ir.",
        "ir.",
        "Ing.",
        "ing.",
        "Lic.",
        "lic.",
        "Adv.",
        "adv.",
    ],
}


def add_abbreviations(nlp: Language, language: str) -> None:
    """Keep each abbreviation of `language` one token (lower-case forms only where listed:
    "gen." or "wed." may end a sentence on a word)."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"{nlp.meta['name']}: its tokenizer takes no special cases")
    for word in ABBREVIATIONS.get(language, ()):
        tokenizer.add_special_case(word, [{"ORTH": word}])
