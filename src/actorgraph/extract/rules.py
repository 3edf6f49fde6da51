"""The default extractor: rules over sentences, no statistical model.

One article in, one graph out: a node per entity (id = slug of its canonical name,
aliases = every other form the article uses), an edge per relation with the sentence
that states it as evidence (verbatim quote, character offsets into the article text,
date from the sentence or the publication date).
"""

from __future__ import annotations

from ..model import Article, Edge, Evidence, Graph, Node, slugify
from ..ontology import Ontology
from .dates import sentence_date
from .document import Document
from .entities import ArticleEntities, find_entities
from .relations import Relation, find_relations
from .rulebook import rulebook
from .text import split_sentences


class RuleExtractor:
    """Titles, name sequences, keywords, trigger phrases; see docs/extraction.md."""

    name = "rules"
    _checked = None  # the ontology the rulebook was last checked against (held, so its id is not reused)

    def analyse(self, doc: Document) -> tuple[ArticleEntities, list[Relation]]:
        sentences = split_sentences(doc.text)
        year = doc.published[:4] if doc.published else None
        ents = find_entities(doc.text, sentences, year)
        return ents, find_relations(ents, doc.published)

    def extract(self, doc: Document, ontology: Ontology) -> Graph:
        if ontology is not self._checked:
            rulebook().check(ontology)  # a trigger whose type or ends the ontology lacks fails here, named
            self._checked = ontology  # once per ontology, not once per article
        ents, relations = self.analyse(doc)
        return to_graph(doc, ents, relations, ontology, self.name)


def to_graph(doc: Document, ents: ArticleEntities, relations: list[Relation], ontology: Ontology,
             extractor: str) -> Graph:
    graph = Graph(meta={"extractor": extractor})
    ids: dict[str, str] = {}
    for entity in sorted(ents.entities.values(), key=lambda e: e.name):
        node = Node(slugify(entity.name), entity.name, entity.label, sorted(entity.aliases))
        if entity.label == "Agreement" and entity.parties:
            node.props["parties"] = sorted(entity.parties)
        node = graph.add_node(node)
        ids[entity.name] = node.id
    text = doc.text
    # evidence span -> its quote and date: a sentence often states several relations (sliced and dated once)
    spans: dict[tuple[int, int], tuple[str, str | None]] = {}
    for rel in relations:
        source, target = ents.entities.get(rel.source), ents.entities.get(rel.target)
        if source is None or target is None or rel.type not in ontology.relations:
            continue
        spec = ontology.relations[rel.type]
        if not spec.allows(source.label, target.label):
            continue
        sentence = ents.sentences[rel.sentence]
        start, end = rel.span or (sentence.start, sentence.end)  # a quotation: its attribution too
        found = spans.get((start, end))
        if found is None:
            quote = text[start:end]
            found = spans[start, end] = (quote, sentence_date(quote, doc.published))
        quote, date = found
        date_source = "text" if date else "article" if doc.published else None
        # rel.why is the rule's own "rule:<name>" (data/relations.yaml or the rule's code)
        evidence = Evidence(doc.id, quote, start, end, date or doc.published, date_source, rel.why)
        props = {k: v for k, v in rel.props.items() if k in spec.properties and v}
        graph.add_edge(Edge(ids[rel.source], ids[rel.target], rel.type, [evidence], props),
                       symmetric=spec.symmetric)
    named = {m.entity for m in ents.mentions}  # (each entity once: mentions repeat them)
    named.update(m.entity for m in ents.inert)
    mentions = sorted({ids[name] for name in named if name in ids})
    graph.add_article(Article(doc.id, doc.title, doc.published, doc.file, doc.sha256, mentions,
                              doc.props()))
    return graph
