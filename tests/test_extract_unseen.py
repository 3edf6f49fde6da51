"""The extractor on articles written for this project, not the development ones.

Two sets live in ``tests/fixtures/``, each with gold annotations in the format of
``../shared/eval/dev`` (see its README.md); most of their actors are not in the knowledge file.

- ``heldout``: ten articles in several outlet styles (wire report, analysis, newsletter with
  "Also Read" links and a footer, a GlobalSecurity-style backgrounder, an HTML page with scripts
  and navigation, a text with missing spaces after full stops and lower-cased names, box-drawing
  tables). docs/extraction.md, "Held-out evaluation".
- ``blind2``: four articles (a wire report on a swap drawdown, an analysis of a budget vote and
  the governors, a backgrounder on US–China competition in Argentina, a newsletter on an IMF
  review), committed before the extractor first ran on them. docs/extraction.md, "Blind round 2".
- ``round3/tune`` and ``round3/blind``: twenty articles in ten styles unlike the development ones
  (wire, op-ed, translation from the Spanish-language press, live blog, interview, market
  report, think-tank brief, regional item, profile, analysis), one of each style per half,
  committed before the extractor first ran on them. Rules may be tuned on ``tune``; ``blind``
  is only scored. docs/extraction.md, "Round 3: before any rule was written for it".
- ``round4/tune`` and ``round4/blind``: twenty more, in twenty further styles (newsletter digest,
  translated Brazilian and Chilean editorials, Senate hearing, letters page, ministry release,
  provincial paper, timeline, reactions roundup, union communiqué, factbox; explainer, podcast
  transcript, fact-check, markets flash, long-sentence translation, deal story, opposition
  statement, think-tank commentary, "what to know"), committed before the extractor first ran
  on them. docs/extraction.md, "Round 4: before any rule was written for it".
- ``round5``: twenty ordinary news excerpts in the manner of twenty outlets (wire, business
  papers, US papers and sites, the Argentine press in English and in translation, Latin American
  and Spanish outlets, analysis, an interview, a live blog, dispatches with bylines), committed
  before the extractor first ran on them; the whole set is blind (only scored, never tuned to).
  docs/extraction.md, "Round 5: before any rule was written for it". Run the other sets with
  ``-k "not /blind and not round5"``.

The floors sit a little under the scores measured at the last extraction change, so a change
that loses ground on unseen text fails here.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from actorgraph.extract.scoring import load_gold, score
from actorgraph.pipeline import extract_paths

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(FIXTURES / "round4"))

from check_gold import problems  # noqa: E402


@dataclass(frozen=True)
class FixtureSet:
    name: str
    floors: dict[str, float]
    not_stated: tuple[tuple[str, str, str], ...]  # sentences that deny or only hedge a relation


SETS = {
    s.name: s for s in (
        # measured: entities 0.966, relations_lenient 0.837, pairs 0.861; after the stance, deals and
        # actors rules (ext-stance, ext-deals, ext-actors, merged) 0.968, 0.920, 0.934
        FixtureSet("heldout", {"entities": 0.95, "relations_lenient": 0.90, "pairs": 0.91}, (
            ("Fernando Haddad", "CRITICIZES", "United States–Argentina currency swap"),  # stopped short of
            ("Rand Paul", "SUPPORTS", "American Ranchers Protection Act"),               # stopped short of
            ("Luiz Inácio Lula da Silva", "CRITICIZES", "Mercosur"),                     # governments that treat
            ("Javier Milei", "MET_WITH", "Xi Jinping"),                                   # has not met
            ("Argentina", "IMPOSES", "China"),                                            # has not imposed
        )),
        # blind baseline 0.902 / 0.464 / 0.486; after the fixes it prompted 0.961 / 0.833 / 0.849;
        # after the stance, deals and actors rules (merged) 0.964 / 0.866 / 0.882; after ext-entities2
        # (alone) 0.968 / 0.871 / 0.887
        FixtureSet("blind2", {"entities": 0.95, "relations_lenient": 0.85, "pairs": 0.87}, (
            ("Mark Kelly", "SUPPORTS", "Argentina Accountability Act"),       # did not support the bill
            ("Mauricio Macri", "MET_WITH", "Javier Milei"),                    # denied reports that he had met
            ("Rolando Figueroa", "CRITICIZES", "2027 budget"),                 # "not against the budget"
            ("Lilia Lemoine", "CRITICIZES", "2027 budget"),                    # did not vote against the bill
            ("National Congress of Argentina", "SUPPORTS", "Argentina–IMF agreement"),  # should have been approved
        )),
        # round 3 baseline, before any rule was written for it (main at 7a1940b):
        # entities 0.866, relations_lenient 0.444, pairs 0.482; after the relation rules tuned on it
        # (ext-relations, merged with the entity passes): 0.895, 0.582, 0.606; after the stance, deals
        # and actors rules (ext-stance, ext-deals, ext-actors, merged): 0.947, 0.717, 0.735; after the
        # agreements, parties and members rules (ext-parties): 0.949, 0.730, 0.748; ext-stance2
        # alone: 0.947, 0.725, 0.744; ext-entities2's actors and roles alone: 0.956, 0.787, 0.807
        FixtureSet("round3/tune", {"entities": 0.94, "relations_lenient": 0.80, "pairs": 0.82}, (
            ("Álvaro García", "CRITICIZES", "United States"),                      # stopped short of
            ("Scott Bessent", "NEGOTIATES", "United States–Argentina currency swap"),  # talks "have not started"
            ("Axel Kicillof", "CRITICIZES", "Defense Cooperation Framework"),     # has so far said nothing
            ("Martín Llaryora", "SUPPORTS", "Labour modernisation bill"),         # left open the possibility
            ("Alec Oxenford", "NEGOTIATES", "United States"),                     # "we are not negotiating"
            ("China", "FUNDS", "Argentina"),                                      # had offered to lend
            ("International Monetary Fund", "LEADS", "Argentina"),                # "Nobody at the Fund is running"
        )),
        # round 3 blind baseline (main at 7a1940b): entities 0.855, relations_lenient 0.330,
        # pairs 0.374; only reported, never tuned to. Scored once after the extraction work
        # (7f5adc0): 0.876, 0.376, 0.416; once more after the stance, deals and actors rules
        # (6b64603): 0.881, 0.433, 0.469; after relations v4 (113390f): 0.886, 0.454, 0.487; and
        # after round 5's rules (c0d29f0): 0.891, 0.457, 0.498.
        # The floors keep that ground, they are no tuning target.
        FixtureSet("round3/blind", {"entities": 0.87, "relations_lenient": 0.44, "pairs": 0.47}, (
            ("Javier Milei", "MET_WITH", "Luiz Inácio Lula da Silva"),   # will not attend; seated near
            ("International Monetary Fund", "FUNDS", "Argentina"),       # "far too early to talk about"
            ("Brooke Rollins", "CRITICIZES", "Argentina"),               # declined to criticise
            ("Javier Milei", "CRITICIZES", "Mercosur"),                  # has not said he wants to leave
            ("Jamieson Greer", "NEGOTIATES", "Mercosur"),                # "open to a conversation"
            ("Argentina", "MEMBER_OF", "NATO"),                          # a request; should not press to join
            ("Citi", "FUNDS", "YPF"),                                    # "very advanced"; not confirmed
        )),
        # round 4 baseline, before any rule was written for it (main's extractor at 8414931):
        # entities 0.837, relations_lenient 0.432, pairs 0.468; after relations v4, which nobody
        # tuned on it (113390f): 0.846, 0.435, 0.484; tuned on in round 5 (ext-stance3 alone:
        # 0.846, 0.456, 0.500; ext-deals3 alone: 0.846, 0.525, 0.564; ext-roles3 alone: 0.916, 0.590, 0.609;
        # the three merged (c0d29f0): 0.923, 0.685, 0.702)
        FixtureSet("round4/tune", {"entities": 0.91, "relations_lenient": 0.66, "pairs": 0.68}, (
            # "is weighing a $400 million credit line"
            ("United States International Development Finance Corporation", "FUNDS", "Argentina"),
            ("Paraguay", "NEGOTIATES", "United States"),               # "no talks scheduled"
            ("Tina Morales", "CRITICIZES", "Argentina"),               # "not opposed to helping Argentina"
            ("Luiz Inácio Lula da Silva", "CRITICIZES", "Argentina"),  # has not threatened to suspend
            ("Unión Obrera Metalúrgica", "MET_WITH", "Ministry of Human Capital"),  # no one has met
            ("Peter Lamelas", "MET_WITH", "Hugo Bustos"),              # would "gladly" meet them next time
            ("Donald Trump", "FUNDS", "Argentina"),                    # "If he loses, we are not going to
                                                                       # be generous"
        )),
        # round 4 blind baseline (main's extractor at 8414931): entities 0.839, relations_lenient
        # 0.447, pairs 0.457; only reported, never tuned to; after relations v4 (113390f): 0.857,
        # 0.468, 0.478; after round 5's rules (c0d29f0): 0.864, 0.484, 0.493
        FixtureSet("round4/blind", {"entities": 0.84, "relations_lenient": 0.45, "pairs": 0.46}, (
            ("Argentina", "MEMBER_OF", "NATO"),                              # has not asked to join
            ("Luiz Inácio Lula da Silva", "SUPPORTS", "Axel Kicillof"),      # careful not to endorse
            ("Luiz Inácio Lula da Silva", "MET_WITH", "Javier Milei"),       # never had a proper bilateral
            ("Victoria Villarruel", "MET_WITH", "Donald Trump"),             # was not invited
            ("Yamandú Orsi", "SUPPORTS", "Gabriel Oddone"),                  # has not endorsed that view
            ("Ganfeng Lithium", "FUNDS", "Puna Minerals"),                   # had offered to buy a stake
            ("Brazil", "NEGOTIATES", "United States"),                       # refused to discuss
        )),
        # round 5 baseline, before any rule was written for it (main's extractor at 538acad):
        # entities 0.910, relations_lenient 0.449, pairs 0.499; blind, only reported, never tuned to.
        # Scored once after round 5's rules were merged (c0d29f0): 0.913, 0.463, 0.508
        FixtureSet("round5", {"entities": 0.90, "relations_lenient": 0.44, "pairs": 0.49}, (
            ("Bank of America", "FUNDS", "Central Bank of Argentina"),     # "is not in the group"
            ("Santiago Bausili", "NEGOTIATES", "China"),                   # had not discussed it yet
            ("Deb Fischer", "CRITICIZES", "Donald Trump"),                 # stopped short of opposing
            ("Marco Rubio", "MET_WITH", "José Antonio Kast"),              # is scheduled to meet
            ("Peter Lamelas", "MET_WITH", "CGT"),                          # has so far not met
            ("Luiz Inácio Lula da Silva", "MET_WITH", "Javier Milei"),     # did not greet each other
            # avoided public statements on the subject
            ("Mauro Vieira", "CRITICIZES", "United States–Argentina trade agreement"),
            ("World Bank", "FUNDS", "Paraguay"),                           # said it would co-finance
        )),
    )
}


@pytest.fixture(scope="module", params=sorted(SETS))
def fixture_set(request, ontology):
    """(set, extraction result, (scores, per-article error report)) for one fixture folder."""
    spec = SETS[request.param]
    folder = FIXTURES / spec.name
    result = extract_paths([folder], ontology)
    predictions = {stem: g.to_dict() for stem, g in result.per_article.items()}
    return spec, result, score(load_gold(folder), predictions)


def test_scores_stay_above_their_floors(fixture_set):
    spec, _, (scores, report) = fixture_set
    errors = "\n".join(f"{stem}\n" + "\n".join(lines) for stem, lines in report)
    for key, floor in spec.floors.items():
        assert scores[key]["f1"] >= floor, f"{spec.name} {key}: {scores[key]}\n{errors}"


def test_every_article_is_read_and_scored(fixture_set):
    spec, result, (scores, report) = fixture_set
    manifest = json.loads((FIXTURES / spec.name / "manifest.json").read_text(encoding="utf-8"))
    files = {a["file"] for a in manifest["articles"]}
    assert {a.file for a in result.graph.articles.values()} == files
    assert result.problems == []
    assert scores["articles"] == len(files) == len(report)
    assert all("no prediction" not in "".join(lines) for _, lines in report)


@pytest.mark.parametrize("name", sorted(SETS))
def test_gold_is_verbatim_and_consistent(name):
    """Every alias and quote of the gold files occurs in its article; relations name entities of
    the file, with a role, detail or date where the README asks for one (round4/check_gold.py)."""
    assert problems(FIXTURES / name) == []


def test_negated_and_hedged_sentences_give_no_edges(fixture_set):
    spec, result, _ = fixture_set
    names = {n.id: n.name for n in result.graph.nodes.values()}
    edges = {(names[e.source], e.type, names[e.target]) for e in result.graph.edges.values()}
    edges |= {(b, kind, a) for a, kind, b in edges if kind in ("MET_WITH", "ALLIED_WITH")}  # undirected
    for triple in spec.not_stated:
        assert triple not in edges, triple
