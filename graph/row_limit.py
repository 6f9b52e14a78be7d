"""A row limit pushed into the text of a SPARQL query, so the engine stops after N rows.

``limit_rows(sparql, n)`` returns a SELECT query whose outer LIMIT is at most n: it lowers a
larger outer LIMIT, or adds one (before a trailing VALUES block). Other query forms come back as
they are. A small tokenizer reads the query: it steps over comments, strings, IRIs, variables and
prefixed names and follows the nesting of braces, parentheses and brackets, so only the outer
level (where a SELECT's solution modifiers are) is ever touched.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"""
    (?P<skip>
        \#[^\n]*
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'
      | <[^<>"{}|^`\\\x00-\x20]*>
      | [?$]\w+
      | [\w.-]*:[\w.:%\\-]*
    )
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | (?P<word>[A-Za-z]+)
  | (?P<number>\d+)
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def limit_rows(sparql: str, limit: int) -> str:
    """`sparql` with an outer ``LIMIT`` of at most `limit` if it is a SELECT query."""
    depth, form, after_limit = 0, None, False
    outer_limit: re.Match[str] | None = None
    values_at: int | None = None
    for token in _TOKEN.finditer(sparql):
        kind = token.lastgroup
        if kind == "space":
            continue
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif depth == 0 and kind == "word":
            word = token.group().upper()
            if form is None and word in _FORMS:
                form = word
            elif word == "VALUES" and values_at is None:
                values_at = token.start()
        elif depth == 0 and kind == "number" and after_limit:
            outer_limit = token
        after_limit = depth == 0 and kind == "word" and token.group().upper() == "LIMIT"
    if form != "SELECT":
        return sparql
    if outer_limit is not None:
        if int(outer_limit.group()) <= limit:
            return sparql
        return f"{sparql[: outer_limit.start()]}{limit}{sparql[outer_limit.end() :]}"
    if values_at is not None:
        return f"{sparql[:values_at]}LIMIT {limit}\n{sparql[values_at:]}"
    return f"{sparql}\nLIMIT {limit}\n"
