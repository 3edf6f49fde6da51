"""A seeded generator of news-like articles, with the graph each article was written to state.

    python -m benchmarks.corpus OUT_DIR [--articles 1000] [--actors 800] [--relations 10]
                                        [--noise 20] [--seed 7]

writes ``OUT_DIR/articles/00000.txt ...`` with ``OUT_DIR/articles/manifest.json`` (titles and
publication months, as ingest reads them) and ``OUT_DIR/intended.json``: graph JSON of the
actors and relations the generator put into the prose, each edge with its sentence as
evidence. The prose comes only from the templates below; people, organisations,
agreements and events get invented names, countries are real ones.

Each article has a cast drawn from a Zipf-like popularity (so some actors are hubs, as in
real coverage), relation sentences (a template per relation type, several wordings) and
noise sentences (markets and economy filler that names no actor). A person enters an
article with a title ("Chile's Economy Minister Lucia Ferraro", "Rafael Ocampo, chief
executive of the Altamira Development Bank"), which states HOLDS_ROLE or LEADS, and is
called by surname afterwards. Same seed and sizes, byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.ingest import text_hash
from actorgraph.model import Article, Edge, Evidence, Graph, Node, dumps_graph, slugify
from actorgraph.ontology import Ontology

# Real countries: (name, the form before a title: "Chile's Senator", "U.S. Senator").
COUNTRIES = [
    ("Argentina", "Argentina's"), ("United States", "U.S."), ("Brazil", "Brazil's"),
    ("Chile", "Chile's"), ("Uruguay", "Uruguay's"), ("Paraguay", "Paraguay's"), ("Bolivia", "Bolivia's"),
    ("Peru", "Peru's"), ("Mexico", "Mexico's"), ("Canada", "Canada's"), ("Spain", "Spain's"),
    ("China", "China's"), ("Japan", "Japan's"), ("Germany", "Germany's"), ("France", "France's"),
    ("Italy", "Italy's"), ("Colombia", "Colombia's"), ("Ecuador", "Ecuador's"), ("Portugal", "Portugal's"),
    ("India", "India's"), ("Australia", "Australia's"), ("Norway", "Norway's"),
]
CITIES = ["Lima", "Madrid", "Santiago", "Montevideo", "Asuncion", "Brasilia", "Ottawa", "Lisbon",
          "Bogota", "Quito", "Tokyo", "Berlin", "Rome", "Paris", "Geneva", "Panama City"]
FIRST = ["Lucia", "Mateo", "Valeria", "Tomas", "Camila", "Nicolas", "Martina", "Joaquin", "Florencia",
         "Ignacio", "Agustina", "Facundo", "Rocio", "Emiliano", "Julieta", "Santino", "Milagros",
         "Bruno", "Paula", "Gonzalo", "Renata", "Esteban", "Carolina", "Ramiro", "Daniela", "Andres",
         "Beatriz", "Federico", "Graciela", "Hernan", "Isabel", "Leandro", "Marisol", "Octavio",
         "Pilar", "Rodrigo", "Sabrina", "Ulises", "Ximena", "Walter", "Eleanor", "Harold", "Margaret",
         "Douglas", "Priscilla", "Gordon", "Theresa", "Malcolm", "Vivian", "Russell"]
# Surnames and place words are built from syllables so that any number of them exist and
# none is an English word or a name the extractor's knowledge file already holds.
ONSETS = ["b", "br", "c", "d", "f", "g", "l", "m", "n", "p", "qu", "r", "s", "t", "v", "z", "ch", "ll"]
VOWELS = ["a", "e", "i", "o", "u", "ia", "io"]
CODAS = ["", "", "", "n", "r", "s", "l"]
ENDINGS = ["ez", "ini", "ardo", "ella", "oni", "ano", "eti", "urra", "ossa", "ida"]
COUNTRY_TITLES = ["Economy Minister", "Foreign Minister", "Senator", "Deputy", "Governor",
                  "Trade Secretary", "Energy Secretary", "Ambassador"]
ORG_TITLES = ["chairman", "chief executive", "president"]
ORG_KINDS = ["Development Bank", "Energy Fund", "Mining Chamber", "Liberal Party", "Export Council",
             "Investment Bank", "Farmers Federation", "University"]
TOPICS = ["Lithium", "Trade", "Energy", "Investment", "Fisheries", "Railway", "Water", "Copper", "Wheat"]
AGREEMENT_KINDS = ["Accord", "Act", "Treaty"]
EVENT_KINDS = ["Forum", "Summit", "Conference"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

# Relation sentences: {s} subject, {o} object, {date} " on March 3" or "", {city}, {n}.
TEMPLATES: dict[str, list[str]] = {
    "MET_WITH": ["{s} met with {o} in {city}{date}.", "{s} met {o} during a visit to {city}{date}.",
                 "{s} held a meeting with {o} in {city}{date}."],
    "SUPPORTS": ["{s} praised {o}{date}.", "{s} backed {o} in a statement{date}.",
                 "{s} voiced support for {o}."],
    "CRITICIZES": ["{s} criticized {o}{date}.", "{s} sharply criticized {o} in an interview.",
                   "{s} opposed {o}."],
    "ALLIED_WITH": ["{s} is a close ally of {o}.", "{s} has built an alliance with {o}."],
    "NEGOTIATES": ["{s} is negotiating {o}.", "{s} pushed for {o}{date}."],
    "PARTY_TO": ["{s} signed {o}{date}.", "{s} ratified {o} last month."],
    "FUNDS": ["{s} disbursed ${n} million to {o}{date}."],
    "IMPOSES": ["{s} imposed tariffs on {o}{date}.", "{s} imposed sanctions on {o}."],
    "MEMBER_OF": ["{s} is a member of {o}.", "{s} joined {o} last year."],
}
# Which labels may stand on each side of a relation sentence (a subset of the ontology's).
ENDS: dict[str, tuple[set[str], set[str]]] = {
    "MET_WITH": ({"Person"}, {"Person"}),
    "SUPPORTS": ({"Person", "Organization", "Country"}, {"Person", "Agreement", "Event"}),
    "CRITICIZES": ({"Person", "Organization", "Country"}, {"Person", "Agreement"}),
    "ALLIED_WITH": ({"Country"}, {"Country"}),
    "NEGOTIATES": ({"Person", "Country"}, {"Agreement"}),
    "PARTY_TO": ({"Country", "Organization"}, {"Agreement"}),
    "FUNDS": ({"Organization"}, {"Country"}),
    "IMPOSES": ({"Country"}, {"Country"}),
    "MEMBER_OF": ({"Country"}, {"Organization"}),
}
NOISE = [
    "Inflation slowed to {x} percent in {month}, according to official figures.",
    "The peso weakened {x} percent against the dollar on {weekday}.",
    "Analysts expect growth of about {x} percent next year.",
    "Soybean exports rose {x} percent from a year earlier.",
    "Bond spreads narrowed by {n} basis points after the announcement.",
    "Traders said volumes were thin ahead of the long weekend.",
    "Officials declined to comment on the timing of the next review.",
    "Shipping costs through the river ports climbed in recent weeks.",
    "Local economists warned that reserves remain thin.",
    "Retail sales fell {x} percent in {month} as wages lagged prices.",
    "The stock index closed {x} percent higher on {weekday}.",
    "Energy output reached a record of {n} thousand barrels a day.",
    "Unemployment edged down to {x} percent in the third quarter.",
    "Farmers reported a smaller harvest after a dry winter.",
    "Several provinces asked for more time to pay their debts.",
    "The budget surplus widened to {x} percent of output.",
    "Importers said the new rules added weeks to customs checks.",
    "Tourism revenue grew for a fourth month in a row.",
    "Industrial production dropped {x} percent in {month} from a year earlier.",
    "The trade surplus reached {n} million dollars in {month}.",
    "Mortgage lending picked up as rates came down.",
    "Gasoline prices were raised by {x} percent at the start of the month.",
    "Construction activity recovered slowly after a weak first half.",
    "Car sales jumped {x} percent in {month}, dealers said.",
]
HEADLINES = ["{a} and {b} at the centre of {topic} talks", "{topic} dispute tests ties between {a} and {b}",
             "{a} courts {b} as {topic} plans advance", "What {a} wants from {b}"]


@dataclass
class Actor:
    id: str
    name: str
    label: str
    short: str = ""                  # surname of a person
    country: str = ""                # a person's country (name), or "" for an organization role
    org: str = ""                    # a person's organization (name), when the role is there
    title: str = ""


@dataclass
class Corpus:
    """Articles as (file name, title, published, text) and the graph they were written to state."""
    articles: list[tuple[str, str, str, str]] = field(default_factory=list)
    intended: Graph = field(default_factory=Graph)

    @property
    def words(self) -> int:
        return sum(len(text.split()) for _, _, _, text in self.articles)

    def write(self, out_dir: Path) -> Path:
        """Write articles/ (with manifest.json) and intended.json; return the articles folder."""
        folder = Path(out_dir) / "articles"
        folder.mkdir(parents=True, exist_ok=True)
        manifest = {"description": "Generated by benchmarks/corpus.py", "articles": []}
        for name, title, published, text in self.articles:
            (folder / name).write_text(text, encoding="utf-8")
            manifest["articles"].append({"file": name, "title": title, "published": published})
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        (Path(out_dir) / "intended.json").write_text(dumps_graph(self.intended), encoding="utf-8")
        return folder


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                   for _ in range(syllables)).capitalize()


def _unique_words(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    words = []
    while len(words) < count:
        word = _word(rng, rng.choice((1, 2))) + rng.choice(ENDINGS)
        word = word[0] + word[1:].replace("ll", "l") if len(word) > 9 else word
        if word.lower() not in taken:
            taken.add(word.lower())
            words.append(word)
    return words


def make_actors(rng: random.Random, n_actors: int) -> list[Actor]:
    """Countries, then ~70% people, 12% organizations, 12% agreements, 6% events (invented)."""
    taken: set[str] = set()
    countries = [Actor(slugify(name), name, "Country") for name, _ in COUNTRIES]
    n_rest = max(12, n_actors - len(countries))
    n_orgs, n_agreements, n_events = max(3, n_rest * 12 // 100), max(3, n_rest * 12 // 100), max(2, n_rest * 6 // 100)
    n_people = n_rest - n_orgs - n_agreements - n_events
    places = _unique_words(rng, n_orgs + n_agreements + n_events, taken)
    orgs, seen = [], set()
    for place in places[:n_orgs]:
        name = f"{place} {rng.choice(ORG_KINDS)}"
        if name not in seen:
            seen.add(name)
            orgs.append(Actor(slugify(name), name, "Organization"))
    agreements = [Actor(slugify(n), n, "Agreement") for n in
                  (f"{p} {rng.choice(TOPICS)} {rng.choice(AGREEMENT_KINDS)}" for p in places[n_orgs:n_orgs + n_agreements])]
    events = [Actor(slugify(n), n, "Event") for n in
              (f"{p} {rng.choice(TOPICS)} {rng.choice(EVENT_KINDS)}" for p in places[n_orgs + n_agreements:])]
    people = []
    for surname in _unique_words(rng, n_people, taken):  # one person per surname: no clashes across articles
        name = f"{rng.choice(FIRST)} {surname}"
        if orgs and rng.random() < 0.2:
            people.append(Actor(slugify(name), name, "Person", surname, org=rng.choice(orgs).name,
                                title=rng.choice(ORG_TITLES)))
        else:
            country = rng.choice(COUNTRIES)[0]
            people.append(Actor(slugify(name), name, "Person", surname, country=country,
                                title=rng.choice(COUNTRY_TITLES)))
    return countries + people + orgs + agreements + events


class _Writer:
    """One article: sentences appended with their offsets, actors introduced once."""

    def __init__(self, graph: Graph, ontology: Ontology | None, published: str):
        self.graph, self.ontology, self.published = graph, ontology, published
        self.paragraphs: list[list[str]] = [[]]
        self.introduced: set[str] = set()
        self.pending: list[tuple[int, int, str, str, str, dict]] = []  # (paragraph, sentence, src, type, dst, props)
        self.mentions: set[str] = set()

    def mention(self, actor: Actor, subject: bool, start_of_sentence: bool, pending: list) -> str:
        self.mentions.add(actor.id)
        if actor.label == "Country":
            text = f"the {actor.name}" if actor.name == "United States" else actor.name
        elif actor.label in ("Organization", "Agreement", "Event"):
            text = f"the {actor.name}"
        elif actor.id in self.introduced:
            text = actor.short
        elif subject:
            self.introduced.add(actor.id)
            if actor.org:
                text = f"{actor.name}, {actor.title} of the {actor.org},"
                pending.append((actor.id, "LEADS", slugify(actor.org), {"role": actor.title}))
                self.mentions.add(slugify(actor.org))
            else:
                possessive = dict(COUNTRIES)[actor.country]
                text = f"{possessive} {actor.title} {actor.name}"
                pending.append((actor.id, "HOLDS_ROLE", slugify(actor.country), {"role": actor.title}))
                self.mentions.add(slugify(actor.country))
        else:
            self.introduced.add(actor.id)
            text = actor.name
        return text[0].upper() + text[1:] if start_of_sentence else text

    def sentence(self, text: str, edges: list) -> None:
        if len(self.paragraphs[-1]) >= 4:
            self.paragraphs.append([])
        self.paragraphs[-1].append(text)
        for source, rel_type, target, props in edges:
            self.pending.append((len(self.paragraphs) - 1, len(self.paragraphs[-1]) - 1,
                                 source, rel_type, target, props))

    def finish(self, actors: dict[str, Actor], file: str, title: str) -> str:
        text, offsets = "", {}
        for p, paragraph in enumerate(self.paragraphs):
            if text:
                text += "\n\n"
            for s, sentence in enumerate(paragraph):
                if s:
                    text += " "
                offsets[(p, s)] = (len(text), len(text) + len(sentence))
                text += sentence
        text += "\n"
        article_id = text_hash(text)[:16]
        for p, s, source, rel_type, target, props in self.pending:
            start, end = offsets[(p, s)]
            for end_id in (source, target):
                actor = actors[end_id]
                node = Node(actor.id, actor.name, actor.label, [actor.short] if actor.short else [])
                self.graph.add_node(node)
            symmetric = bool(self.ontology and self.ontology.relations[rel_type].symmetric)
            evidence = Evidence(article_id, text[start:end], start, end, self.published)
            self.graph.add_edge(Edge(source, target, rel_type, [evidence], dict(props)), symmetric=symmetric)
        for actor_id in self.mentions:
            actor = actors[actor_id]
            self.graph.add_node(Node(actor.id, actor.name, actor.label, [actor.short] if actor.short else []))
        self.graph.add_article(Article(article_id, title, self.published, file, text_hash(text),
                                       sorted(self.mentions)))
        return text


def generate(n_articles: int, *, n_actors: int = 800, relations: int = 10, noise: int = 20,
             seed: int = 7, ontology: Ontology | None = None) -> Corpus:
    """Generate ``n_articles`` articles; ``relations``/``noise`` are sentences per article (mean)."""
    rng = random.Random(seed)
    actors = make_actors(rng, n_actors)
    by_id = {a.id: a for a in actors}
    by_label: dict[str, list[Actor]] = {}
    for actor in actors:
        by_label.setdefault(actor.label, []).append(actor)
    # Zipf-like popularity within each label: a few actors appear everywhere, most rarely.
    weights = {label: [1 / (i + 1) ** 0.9 for i in range(len(group))] for label, group in by_label.items()}
    corpus = Corpus(intended=Graph(meta={"generator": "benchmarks/corpus.py", "seed": seed}))
    types = list(TEMPLATES)
    for index in range(n_articles):
        published = f"{rng.choice((2025, 2026))}-{rng.randint(1, 12):02d}"
        cast = {label: _pick(rng, group, weights[label], k) for label, group, k in
                ((lbl, by_label[lbl], {"Country": 3, "Person": 5, "Organization": 2,
                                       "Agreement": 2, "Event": 1}[lbl]) for lbl in by_label)}
        writer = _Writer(corpus.intended, ontology, published)
        sentences = [("rel", None)] * max(1, round(rng.gauss(relations, relations / 4))) + \
                    [("noise", None)] * max(0, round(rng.gauss(noise, noise / 4)))
        rng.shuffle(sentences)
        first_pair = None
        fillers = _fillers(rng)
        for kind, _ in sentences:
            if kind == "noise":
                writer.sentence(next(fillers), [])
                continue
            rel_type = rng.choice(types)
            sources, targets = ENDS[rel_type]
            source = rng.choice([a for lbl in sorted(sources) for a in cast[lbl]])
            target_pool = [a for lbl in sorted(targets) for a in cast[lbl] if a.id != source.id]
            if not target_pool:
                writer.sentence(next(fillers), [])
                continue
            target = rng.choice(target_pool)
            first_pair = first_pair or (source, target)
            pending: list = []
            s = writer.mention(source, subject=True, start_of_sentence=True, pending=pending)
            o = writer.mention(target, subject=False, start_of_sentence=False, pending=pending)
            date = f" on {rng.choice(MONTHS)} {rng.randint(1, 28)}" if rng.random() < 0.3 else ""
            template = rng.choice(TEMPLATES[rel_type])
            amount = rng.randrange(50, 2000, 50)
            text = template.format(s=s, o=o, date=date, city=rng.choice(CITIES), n=amount)
            props = {}
            if rel_type == "FUNDS":
                props = {"detail": f"disbursed ${amount} million to {o}"}
            elif rel_type == "IMPOSES":
                props = {"detail": text[text.index("imposed"):].rstrip(".")}
            writer.sentence(text, pending + [(source.id, rel_type, target.id, props)])
        a, b = first_pair or (cast["Country"][0], cast["Country"][-1])
        title = rng.choice(HEADLINES).format(a=a.name, b=b.name, topic=rng.choice(TOPICS).lower())
        file = f"{index:05d}.txt"
        text = writer.finish(by_id, file, title[0].upper() + title[1:])
        corpus.articles.append((file, title[0].upper() + title[1:], published, text))
    return corpus


def _pick(rng: random.Random, group: list[Actor], weights: list[float], k: int) -> list[Actor]:
    chosen: dict[str, Actor] = {}
    for _ in range(k * 4):
        if len(chosen) >= min(k, len(group)):
            break
        actor = rng.choices(group, weights)[0]
        chosen[actor.id] = actor
    return list(chosen.values())


def _fillers(rng: random.Random):
    """Noise sentences for one article: every template once before any repeats."""
    while True:
        for template in rng.sample(NOISE, len(NOISE)):
            yield template.format(x=f"{rng.uniform(0.5, 9.5):.1f}", n=rng.randint(10, 900),
                                  month=rng.choice(MONTHS), weekday=rng.choice(WEEKDAYS))


def compare(intended: Graph, extracted: Graph) -> dict:
    """Precision/recall of the extracted graph against the intended one.

    Entities are matched by id; relations by (source, type, target), ignoring role and
    detail (symmetric types have sorted ends in both graphs).
    """
    def triples(graph: Graph) -> set[tuple[str, str, str]]:
        return {(e.source, e.type, e.target) for e in graph.edges.values()}

    def prf(gold: set, found: set) -> dict:
        hit = len(gold & found)
        p = hit / len(found) if found else 0.0
        r = hit / len(gold) if gold else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3),
                "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "intended": len(gold), "found": len(found)}

    by_type: dict[str, dict] = {}
    gold, found = triples(intended), triples(extracted)
    for rel_type in sorted({t for _, t, _ in gold}):
        by_type[rel_type] = prf({x for x in gold if x[1] == rel_type}, {x for x in found if x[1] == rel_type})
    return {"entities": prf(set(intended.nodes), set(extracted.nodes)), "relations": prf(gold, found),
            "by_type": by_type}


def main(argv: list[str] | None = None) -> None:
    from actorgraph.ontology import load_ontology
    from actorgraph.settings import PROJECT_ROOT

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--actors", type=int, default=800)
    parser.add_argument("--relations", type=int, default=10, help="relation sentences per article (mean)")
    parser.add_argument("--noise", type=int, default=20, help="noise sentences per article (mean)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    ontology = load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml")
    corpus = generate(args.articles, n_actors=args.actors, relations=args.relations, noise=args.noise,
                      seed=args.seed, ontology=ontology)
    folder = corpus.write(args.out_dir)
    graph = corpus.intended
    print(f"{len(corpus.articles)} articles ({corpus.words:,} words) in {folder}; intended graph: "
          f"{len(graph.nodes)} actors, {len(graph.edges)} relations -> {args.out_dir / 'intended.json'}")


if __name__ == "__main__":
    main()
