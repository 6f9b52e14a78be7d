"""Long texts cut into chunks at paragraph, sentence or word boundaries and joined again."""

import spacy

from remembrance.pipelines.chunks import pipe_chunked, split

TEXT = "One two. Three four!\n\nFive six seven. Eight\n\n\nnine ten eleven twelve."


def test_split_prefers_paragraphs_then_sentences_then_spaces() -> None:
    assert split(TEXT, 100) == [TEXT]
    assert split(TEXT, 40) == ["One two. Three four!\n\n", "Five six seven. Eight\n\n\n", TEXT[46:]]
    assert split(TEXT, 20)[:3] == ["One two. ", "Three four!\n\n", "Five six seven. "]
    assert split("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    for limit in range(1, 80):
        chunks = split(TEXT, limit)
        assert "".join(chunks) == TEXT and all(0 < len(c) <= limit for c in chunks)


def test_pipe_joins_the_chunks_of_a_long_text_into_one_doc() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "names"})
    ruler.add_patterns([{"label": "NAME", "pattern": "Dewé"}])
    long = "\n\n".join(f"Paragraph {i}: Dewé was here. So was the archive." for i in range(200))
    nlp.max_length = 1000
    docs = list(pipe_chunked(nlp, ["Dewé.", long, "Short again."]))
    assert [doc.text for doc in docs] == ["Dewé.", long, "Short again."]
    names = docs[1].spans["names"]
    assert len(names) == 200 and all(long[s.start_char : s.end_char] == "Dewé" for s in names)
    assert names[-1].start_char > 9000
    nlp.max_length = 1_000_000
    sentences = [s.text.strip() for s in docs[1].sents if not s.text.isspace()]
    assert sentences == [s.text.strip() for s in nlp(long).sents]
