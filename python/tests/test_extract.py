"""extract: the same entities as the command line, offsets that slice to the
entity text for any Unicode input, and the core's errors as exceptions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ner_highlight
from conftest import ROOT, TEXTS, cli_extract


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_same_entities_and_groups_as_the_command_line(name, ner_command):
    text = TEXTS[name]
    assert ner_highlight.extract(text) == cli_extract(ner_command, [text])[0]


@pytest.mark.parametrize("model", ["conll", "news-lg"])
def test_other_models_match_the_command_line_too(model, ner_command):
    texts = [TEXTS["sample.txt"], TEXTS["astral"], TEXTS["crlf"]]
    assert [ner_highlight.extract(t, model=model) for t in texts] == cli_extract(ner_command, texts, model=model)


def test_a_long_text_across_the_core_s_pieces_matches_the_command_line(ner_command):
    # Over 64 KB, so the core splits it into pieces; astral characters all along.
    text = "\n\n".join(f"{TEXTS['astral']} {TEXTS['sample.txt']}" for _ in range(200))
    assert len(text.encode("utf-8")) > 200_000
    result = ner_highlight.extract(text)
    assert result == cli_extract(ner_command, [text])[0]
    assert all(text[e["start"] : e["end"]] == e["text"] for e in result["entities"])


def test_errors_pickle_with_their_message():
    import pickle

    with pytest.raises(ner_highlight.NerError) as raised:
        ner_highlight.extract("x", labels=["FOO"])
    again = pickle.loads(pickle.dumps(raised.value))
    assert type(again) is ner_highlight.NerError and str(again) == str(raised.value)


def test_utf16_and_utf8_offsets_match_the_command_line(ner_command):
    text = TEXTS["astral"]
    for unit in ["utf16", "utf8"]:
        assert ner_highlight.extract(text, offsets=unit) == cli_extract(ner_command, [text], offsets=unit)[0]


# Names, numbers and dates among arbitrary characters: astral ones, combining
# marks, line ends, and lone surrogates (which Python strings may hold).
PIECES = st.sampled_from(
    ["Angela Merkel", " visited ", "Paris", " on Tuesday", "$4.5 billion", "U.S.", "😀", "𝐏", "é", "e\u0301",
     "\r\n", "\n\n", " ", "\ud800", "\udfff", "NATO", "'s", "Reuters"]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_code_point_offsets_slice_to_the_entity_text(text):
    result = ner_highlight.extract(text)
    for entity in result["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
        assert 0 <= entity["start"] < entity["end"] <= len(text)
    for group in result["groups"]:
        assert all(result["entities"][m]["group"] == group["id"] for m in group["mentions"])


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_utf16_and_utf8_offsets_index_the_encoded_text(text):
    utf16 = text.encode("utf-16-le", "surrogatepass")
    utf8 = text.encode("utf-8", "surrogatepass")
    by_code_point = ner_highlight.extract(text)["entities"]
    for unit, encoded, width in [("utf16", utf16, 2), ("utf8", utf8, 1)]:
        entities = ner_highlight.extract(text, offsets=unit)["entities"]
        assert len(entities) == len(by_code_point)
        for entity, same in zip(entities, by_code_point):
            piece = encoded[entity["start"] * width : entity["end"] * width]
            assert piece == same["text"].encode("utf-16-le" if unit == "utf16" else "utf-8", "surrogatepass")


def test_options_filter_as_in_the_core():
    text = TEXTS["sample.txt"]
    people = ner_highlight.extract(text, labels=["PERSON"])["entities"]
    assert people and all(e["label"] == "PERSON" for e in people)
    sure = ner_highlight.extract(text, min_score=0.9)["entities"]
    assert all(e["score"] >= 0.9 for e in sure)
    terms = ner_highlight.extract("Acme Widgets hired Jo.", terms=[{"text": "Acme Widgets", "label": "ORG"}], deny=["Jo"])
    assert [(e["text"], e["label"], e["source"]) for e in terms["entities"]] == [("Acme Widgets", "ORG", "terms")]


@pytest.mark.parametrize(
    "options, message",
    [
        ({"labels": ["FOO"]}, 'invalid options: unknown entity label "FOO"'),
        ({"labels": "PERSON"}, "invalid options: expected a list, got str"),
        ({"min_score": 1.5}, "invalid options: min_score must be a number from 0 to 1, got 1.5"),
        ({"offsets": "bytes"}, "invalid options: "),
        ({"deny": ["\ud800"]}, "invalid options: deny must be a list of str"),
        ({"terms": [{"text": "", "label": "ORG"}]}, "invalid options: a term has empty text"),
        ({"terms": [{"text": "Acme"}]}, "invalid options: terms must be a list of"),
    ],
)
def test_bad_options_raise_the_core_s_message(options, message):
    with pytest.raises(ner_highlight.NerError) as raised:
        ner_highlight.extract("Angela Merkel", **options)
    assert str(raised.value).startswith(message)
    assert isinstance(raised.value, ValueError)


def test_a_text_that_is_not_a_str_is_an_error():
    with pytest.raises(ner_highlight.NerError, match="a text must be a str, got bytes"):
        ner_highlight.extract(b"Angela Merkel")


def test_models_by_name_path_and_bytes():
    conll = ner_highlight.load_model(ROOT / "models" / "conll.nermodel")
    assert conll.name == "conll" and "PER" in conll.labels
    same = ner_highlight.load_model((ROOT / "models" / "conll.nermodel").read_bytes())
    text = TEXTS["sample.txt"]
    assert ner_highlight.extract(text, model=conll) == ner_highlight.extract(text, model=same)
    assert ner_highlight.extract(text, model=conll) == ner_highlight.extract(text, model="conll")
    neural = ner_highlight.load_model(ROOT / "models" / "news-lg.nermodel")
    assert ner_highlight.extract(text, model=neural) == ner_highlight.extract(text, model="news-lg")
    assert set(ner_highlight.BUILT_IN) == {"news", "conll", "news-lg"}


def test_bad_model_files_and_names_raise_model_error():
    with pytest.raises(ner_highlight.ModelError, match="invalid model file: not a model file"):
        ner_highlight.load_model(b"not a model at all")
    damaged = bytearray((ROOT / "models" / "conll.nermodel").read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    with pytest.raises(ner_highlight.ModelError, match="invalid model file"):
        ner_highlight.load_model(bytes(damaged))
    with pytest.raises(ner_highlight.ModelError, match='no built-in model "nope"'):
        ner_highlight.extract("x", model="nope")
    with pytest.raises(OSError):
        ner_highlight.load_model(ROOT / "no-such-file.nermodel")
