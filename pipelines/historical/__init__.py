"""Historical text: OCR and print conventions the models were not trained on.

`normalise` makes the text the models see (words hyphenated at line ends joined, soft hyphens
dropped, long s and ligatures replaced, ALL-CAPS runs recased) with an offset map back to the
original, which every recorded offset points into. `titles` finds the titles and ranks before a
person's name ("M.", "Mgr", "dhr.", "le général"), which the Person mention leaves out and keeps
as its title. The tables of each language are data: ``pipelines/historical/<language>.toml``.
"""
