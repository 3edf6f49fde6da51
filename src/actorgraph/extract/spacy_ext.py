"""Optional extractor: the rules plus spaCy's statistical NER (extra ``[nlp]``).

spaCy finds PERSON/ORG/GPE/EVENT/LAW spans the rules may not know; they are added as
entities (a GPE that pycountry knows becomes its country), and the rule-based relation
finders then run over the enlarged mention set. Install with
``pip install "actorgraph[nlp]"`` and a model package such as ``en_core_web_sm``
(set ACTORGRAPH_SPACY_MODEL to use another).
"""

from __future__ import annotations

import os

from ..errors import InputError
from ..model import Graph
from ..ontology import Ontology
from .document import Document
from .entities import Mention
from .lexicon import knowledge
from .relations import find_relations
from .rules import RuleExtractor, to_graph

LABELS = {"PERSON": "Person", "ORG": "Organization", "NORP": None, "GPE": "Country",
          "EVENT": "Event", "LAW": "Agreement"}


class SpacyExtractor(RuleExtractor):
    name = "spacy"

    def __init__(self, model: str | None = None, nlp=None):
        """Load ``model`` (default: ACTORGRAPH_SPACY_MODEL or en_core_web_sm), or use ``nlp``."""
        if nlp is not None:
            self.nlp, self.name = nlp, f"spacy:{nlp.meta.get('name', 'custom')}"
            return
        model = model or os.environ.get("ACTORGRAPH_SPACY_MODEL", "en_core_web_sm")
        try:
            import spacy
        except ImportError:
            raise InputError('the spacy extractor needs spaCy: pip install "actorgraph[nlp]"') from None
        try:
            self.nlp = spacy.load(model, disable=["lemmatizer"])
        except OSError:
            raise InputError(f"spaCy model {model!r} is not installed: install its package "
                             f"(e.g. pip install {model}) or set ACTORGRAPH_SPACY_MODEL") from None
        self.name = f"spacy:{model}"

    def extract(self, doc: Document, ontology: Ontology) -> Graph:
        ents, _ = self.analyse(doc)
        kb = knowledge()
        covered = [(m.start, m.end) for m in ents.mentions]
        parsed = self.nlp(doc.text)
        for span in parsed.ents:
            label = LABELS.get(span.label_)
            if label is None or any(s < span.end_char and span.start_char < e for s, e in covered):
                continue
            known = kb.lookup(span.text)
            if label == "Country":
                if not known or known.label != "Country":
                    continue
            name = known.name if known else span.text.strip()
            label = known.label if known else label
            index = next((i for i, s in enumerate(ents.sentences)
                          if s.start <= span.start_char < s.end), None)
            if index is None:
                continue
            ents.add(name, label, span.text)
            ents.mentions.append(Mention(span.start_char, span.end_char, span.text, name, index))
        ents.mentions.sort(key=lambda m: (m.start, -m.end))
        relations = find_relations(ents, doc.published)
        return to_graph(doc, ents, relations, ontology, self.name)
