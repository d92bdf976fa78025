"""The spaCy component (only where spaCy is installed: `make test-spark` installs
it; `make test` reports these as skipped)."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

import ner_highlight  # noqa: E402
from conftest import TEXTS  # noqa: E402


def test_the_component_sets_doc_ents_from_our_entities():
    nlp = spacy.blank("en")
    nlp.add_pipe("ner_highlight")  # through the package's entry point, no import
    text = TEXTS["sample.txt"]
    doc = nlp(text)
    ours = ner_highlight.extract(text)["entities"]
    assert len(doc.ents) > 10
    spans = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    aligned = [e for e in ours if doc.char_span(e["start"], e["end"]) is not None]
    assert {(e["start"], e["end"], e["label"]) for e in aligned} <= spans


def test_config_and_displacy():
    nlp = spacy.blank("en")
    nlp.add_pipe("ner_highlight", config={"labels": ["PERSON"], "model": "news"})
    doc = nlp("Angela Merkel visited Paris on Tuesday.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Angela Merkel", "PERSON")]
    html = spacy.displacy.render(doc, style="ent")
    assert "Angela Merkel" in html and "PERSON" in html


def test_pipe_labels_meta_and_a_round_trip_through_disk(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("ner_highlight", config={"model": "conll"})
    assert {"PER", "ORG", "LOC", "MISC", "DATE"} <= set(nlp.pipe_labels["ner_highlight"])
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    doc = again("Angela Merkel visited Paris.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Angela Merkel", "PER"), ("Paris", "LOC")]


def test_a_bad_config_is_an_error_when_the_pipe_is_added():
    nlp = spacy.blank("en")
    with pytest.raises(ner_highlight.NerError, match='unknown entity label "PEOPLE"'):
        nlp.add_pipe("ner_highlight", config={"labels": ["PEOPLE"]})
    with pytest.raises(ner_highlight.ModelError, match='no built-in model "large"'):
        nlp.add_pipe("ner_highlight", name="other", config={"model": "large"})
