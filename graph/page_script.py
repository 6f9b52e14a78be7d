"""The JavaScript helpers that the map and the timeline pages share.

`page_script(data_id, body)` wraps a page's own script in one function scope that first reads the
page's data (a JSON script element) and defines the helpers: ``el`` (an element with a class and
text, never HTML), ``styleOf``/``glyph`` (a category's colour, symbol and glyph), ``categoryChecks``
(one checkbox per category present) and ``evidence`` (a fact's sources, sentences and conflicts).
"""

from __future__ import annotations

_HELPERS = r"""
  var styles = data.styles;
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function styleOf(category) { return styles[category] || styles.other; }
  function glyph(category) {
    var node = el("span", "glyph", styleOf(category).glyph);
    node.style.color = styleOf(category).color;
    return node;
  }
  // "Show:" and a ticked checkbox per category for which present(category) holds.
  function categoryChecks(form, present) {
    var checks = {};
    form.appendChild(el("span", null, "Show:"));
    Object.keys(styles).forEach(function (category) {
      if (!present(category)) return;
      var label = el("label"), box = el("input");
      box.type = "checkbox"; box.checked = true; box.name = category; checks[category] = box;
      label.appendChild(box); label.appendChild(glyph(category));
      label.appendChild(document.createTextNode(" " + category));
      form.appendChild(label);
    });
    return checks;
  }
  // A fact's sources with their sentences, then its conflicting claims, appended to box.
  function evidence(box, item) {
    item.sources.forEach(function (source) {
      box.appendChild(el("div", "fact-source", "Source: " + source[0]));
      if (source[1]) box.appendChild(el("div", "fact-sentence", "“" + source[1] + "”"));
    });
    item.conflicts.forEach(function (note) {
      box.appendChild(el("div", "fact-conflict", "⚠ Conflicting claim: " + note));
    });
  }
"""

EVIDENCE_CSS = """
.fact-source { margin-left: 0.8em; color: #333; }
.fact-sentence { margin-left: 1.6em; font-style: italic; color: #333; }
.fact-conflict { margin-left: 0.8em; color: #a40000; }
.glyph { margin-right: 0.3em; }
"""


def page_script(data_id: str, body: str) -> str:
    """The page's script: its data from the element `data_id`, the shared helpers, then `body`."""
    return (
        "\n(function () {\n"
        f'  var data = JSON.parse(document.getElementById("{data_id}").textContent);'
        f"{_HELPERS}{body}}})();\n"
    )
