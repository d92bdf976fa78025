"""A spaCy pipeline component that sets ``doc.ents`` from ner-highlight's
entities, so a spaCy pipeline can swap its NER for this one and keep
displaCy, ``doc.ents`` and everything built on them. spaCy is needed only
here (``pip install ner-highlight[spacy]``):

    import spacy
    nlp = spacy.blank("en")             # or spacy.load(...) without its "ner"
    nlp.add_pipe("ner_highlight")       # found through the package's entry point
    doc = nlp("Angela Merkel visited Paris on Tuesday.")
    [(ent.text, ent.label_) for ent in doc.ents]

Config: ``model`` ("news", "conll", "news-lg"), ``labels`` (a list, or None
for all), ``min_score`` (0 to 1). An entity that does not fall on spaCy's
token boundaries ("$4.5" inside one spaCy token "$4.5bn") is widened to the
tokens around it; overlaps left after that keep the longer span.
"""

# No `from __future__ import annotations`: spaCy reads the factory's annotations
# at run time to check its config, and string annotations break that.
from typing import List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from . import Model, extract


class NerHighlightComponent:
    """Sets ``doc.ents`` to the entities ner-highlight finds in ``doc.text``."""

    def __init__(self, model: str = "news", labels: Optional[List[str]] = None, min_score: float = 0.0):
        self.model = model
        self.wanted = labels
        self.min_score = min_score
        # A bad model name, label or score is an error here, in add_pipe, not on the first doc.
        extract("", labels=labels, min_score=min_score, model=model)

    @property
    def labels(self) -> Tuple[str, ...]:
        """The labels this component can set (spaCy's pipe_labels and meta read this)."""
        if self.wanted is not None:
            return tuple(self.wanted)
        return tuple(dict.fromkeys(Model.built_in(self.model).labels + list(RULE_LABELS)))

    def __call__(self, doc: Doc) -> Doc:
        found = extract(doc.text, labels=self.wanted, min_score=self.min_score, model=self.model)
        spans = []
        for entity in found["entities"]:
            span = doc.char_span(entity["start"], entity["end"], label=entity["label"], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


#: The labels the rule recognisers add to any model's.
RULE_LABELS = ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL")


@Language.factory(
    "ner_highlight",
    default_config={"model": "news", "labels": None, "min_score": 0.0},
)
def make_component(nlp: Language, name: str, model: str, labels: Optional[List[str]], min_score: float):
    """The ``ner_highlight`` factory (``nlp.add_pipe("ner_highlight", config={...})``)."""
    return NerHighlightComponent(model=model, labels=labels, min_score=min_score)
