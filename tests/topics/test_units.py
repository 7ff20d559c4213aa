"""Units of analysis: paragraph chunks, ids, shards and lemma attachment."""

import pandas as pd

from civicscope.topics.tables import period_of, topics_by_class_table
from civicscope.topics.units import attach_lemmas, build_units, chunk_id, paragraph_chunks, shard_of


def test_chunks_pack_paragraphs_and_split_long_ones():
    text = "one two three\n\nfour five\n\n  \n\n" + " ".join(f"w{i}" for i in range(12))
    chunks = paragraph_chunks(text, 5)
    words = [text[c.start : c.end].split() for c in chunks]
    assert words[0] == ["one", "two", "three", "four", "five"]  # two short paragraphs packed together
    assert [len(w) for w in words[1:]] == [5, 5, 2]  # a long paragraph cut into windows
    assert sum(c.n_words for c in chunks) == len(text.split())
    assert paragraph_chunks("   \n\n ", 5) == []


def test_chunk_ids_sort_in_reading_order():
    ids = [chunk_id("abcd", k) for k in (0, 2, 10, 100)]
    assert sorted(ids) == ids
    assert shard_of("00000000000000ff", 4) == 255 % 4


def test_lemmas_follow_their_chunk():
    docs = pd.DataFrame({"doc_id": ["d1"], "text": ["Le chat dort.\n\nLe chien court vite."]})
    sents = pd.DataFrame(
        {"doc_id": ["d1", "d1"], "i": [0, 1], "text": ["Le chat dort.", "Le chien court vite."], "lemmas": ["le chat dormir", "le chien courir vite"]}
    )
    units = attach_lemmas(build_units(docs, "chunk", 4), docs, sents)
    assert units["unit_id"].tolist() == ["d1#c0000", "d1#c0001"]
    assert units["lemmas"].tolist() == ["le chat dormir", "le chien courir vite"]
    whole = attach_lemmas(build_units(docs, "document", 3), docs, sents)
    assert whole["lemmas"].tolist() == ["le chat dormir le chien courir vite"]


def test_a_sentence_cut_between_two_windows_shares_its_lemmas():
    """A long paragraph cut into word windows: the window holding a sentence's end gets its share."""
    text = "Le maire signe un accord avec la plateforme de mobilité. Elle partage ses données."
    docs = pd.DataFrame({"doc_id": ["d1"], "text": [text]})
    first, second = text.split(". ")
    sents = pd.DataFrame({"doc_id": ["d1", "d1"], "i": [0, 1], "text": [first + ".", second],
                          "lemmas": ["maire signer accord plateforme mobilité", "partager donnée"]})
    units = attach_lemmas(build_units(docs, "chunk", 6), docs, sents)
    # windows: "Le maire signe un accord avec" | "la plateforme de mobilité. Elle partage" | "ses données."
    assert units["lemmas"].tolist() == ["maire signer accord", "plateforme mobilité partager", "donnée"]
    assert " ".join(units["lemmas"]).split() == "maire signer accord plateforme mobilité partager donnée".split()


def test_periods_and_classes():
    assert period_of("2021-08-03", 2021, "quarter") == "2021-Q3"
    assert period_of(None, 2019, "year") == "2019"
    assert period_of(None, 2019, "quarter") is None
    doc_topics = pd.DataFrame({"doc_id": ["a", "b", "c"], "topic": [0, 0, 1]})
    classes = pd.DataFrame({"doc_id": ["a", "b", "c"], "lang": ["fr", "fr", "en"], "stance": ["coop", "", "conf"]})
    table = topics_by_class_table(doc_topics, classes)
    fr = table[(table.class_type == "lang") & (table["class"] == "fr")]
    assert fr[["topic", "count", "share"]].values.tolist() == [[0, 2, 1.0]]
    assert set(table[table.class_type == "stance"]["class"]) == {"coop", "conf"}  # empty values skipped


def test_lemmas_read_shard_by_shard_match_the_whole_table(corpus, tmp_path):
    from civicscope.topics.units import _split_documents, load_documents, read_sentences, unit_lemmas

    docs = load_documents(corpus["documents"])
    sents = read_sentences(corpus["sentences"])
    # a third shard that holds the second half of one document's sentences: spread over two files
    first = pd.read_parquet(corpus["sentences"][0])
    is_tail = (first["doc_id"] == first["doc_id"].iloc[0]) & (first["i"] >= 4)
    paths = [tmp_path / "a.parquet", *corpus["sentences"][1:], tmp_path / "b.parquet"]
    first[~is_tail].to_parquet(paths[0])
    first[is_tail].to_parquet(paths[-1])
    assert _split_documents(paths) == {first["doc_id"].iloc[0]}
    for unit, words in (("chunk", 25), ("document", 120)):
        expected = attach_lemmas(build_units(docs, unit, words), docs, sents)["lemmas"].tolist()
        units = build_units(docs, unit, words, with_text=False)
        assert "text" not in units.columns
        assert unit_lemmas(units, docs, paths) == expected
