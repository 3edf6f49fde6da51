"""Typed, directed relations from what a sentence states: a list of rules, run in order.

Every rule is a function over one body sentence (``SentenceView``: the article's entities,
the sentence's tokens and its actors with pronouns resolved) that returns ``Relation``s, each
naming the rule that read it in ``why``; ``ARTICLE_RULES`` read a whole article (a quotation
runs over several sentences). Trigger phrases and the word lists the rules share live in
``data/relations.yaml``; docs/extraction.md describes each rule.
"""

from __future__ import annotations

import re

from ..entities import ArticleEntities, mentions_by_sentence
from ..patterns import guarded
from ..rulebook import rulebook
from ..text import tokenize
from .agreements import agreement_parties, led_negotiations, votes_for_bills
from .base import _LOWER, Relation, SentenceView, entity_label, mention_label
from .meetings import meetings_in_passing
from .deals import deal_shapes
from .members import member_nouns
from .pronouns import with_pronouns
from .quotes import according_to, labelled_as, quoted_stance
from .reported import named_stance, participial_stance, reported_speech, stance_groups
from .roles import government_of, offices, own_party, party_members, possessive_government
from .stance import noun_from, shared_stance, stance_shapes, support_of_for
from .triggers import trigger_phrases

__all__ = ["ARTICLE_RULES", "RULES", "Relation", "SentenceView", "find_relations"]

RULES = [
    offices,                # titles and appositives: HOLDS_ROLE / LEADS / MEMBER_OF
    possessive_government,  # "Javier Milei's government": LEADS
    government_of,          # ext-entities2: "the government of X", "the Milei government": LEADS / HOLDS_ROLE
    trigger_phrases,        # data/relations.yaml: verbs and nouns of every relation type
    agreement_parties,      # loans, swaps, accords: FUNDS and PARTY_TO
    own_party,              # "her Unión por la Patria bloc": MEMBER_OF
    party_members,          # "Republicans, among them Senator X": MEMBER_OF
    member_nouns,           # ext-parties: "PRO lawmaker X", "Mercosur members A and B": MEMBER_OF
    deal_shapes,            # ext-deals3 (relations/deals.py): "Democratic senators led by X", "Tenaris, a unit of
                            # Techint", "X, a leading figure in the Y Party", "Mercosur, which groups A, B and C",
                            # "talks between X and Y on the swap", "the accord, to which X adhered"
    votes_for_bills,        # "approved ... with votes from X": SUPPORTS
    labelled_as,            # 'called X "a disgrace"': CRITICIZES / SUPPORTS
    according_to,           # "..., according to X": X's stance on what the sentence names
    led_negotiations,       # "X, who took over the negotiations": NEGOTIATES the agreement named last
    # stance from reported speech and nominal shapes (docs/extraction.md, "Stance from adjectives, ...")
    reported_speech,        # "X said Y was a disaster", "Y is a disaster, X said": CRITICIZES / SUPPORTS
    stance_groups,          # "Y's critics, including X", "X drew praise from Z"
    participial_stance,     # "Praising Y's reforms, X said ...": CRITICIZES / SUPPORTS
    named_stance,           # "X, a Trump ally,", "a Milei critic": ALLIED_WITH / CRITICIZES / SUPPORTS
    meetings_in_passing,    # ext-money: "during their meeting", "X's visit to Y, where Z ...": MET_WITH
    # ext-stance2: stance in fronted phrases, camps and prefixes
    stance_shapes,          # "With the backing of X, Y ...", "in X's camp", "a pro-X senator": SUPPORTS / CRITICIZES
    # ext-stance3: a stance noun whose holder and object both follow it
    support_of_for,         # "the support of President X for Y": SUPPORTS
    noun_from,              # "criticism of President X from Governor Y": CRITICIZES / SUPPORTS
]
ARTICLE_RULES = [
    quoted_stance,          # a speaker's quoted praise or attack: SUPPORTS / CRITICIZES
]

# "BUENOS AIRES, March 12 (Reuters) -": the place and agency of a dateline are no participants
DATELINE_RE = re.compile(r"[A-Z][A-Z .'’-]+,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?)?\s*(?:\([^)]{1,40}\)\s*)?"
                         r"[-–—]\s")


def find_relations(ents: ArticleEntities, published: str | None = None) -> list[Relation]:
    """All relations the article's body sentences state, by every rule in order."""
    out: list[Relation] = []
    by_sentence = mentions_by_sentence(ents.mentions)
    inert = mentions_by_sentence(ents.inert)  # grouped once: a scan per sentence grew with the square
    previous_people: list[str] = []
    for index, sentence in enumerate(ents.sentences):
        if sentence.kind != "body":
            continue
        view = read_sentence(ents, index, by_sentence.get(index, []), inert.get(index, []), previous_people)
        found: list[Relation] = []
        for rule in RULES:
            found.extend(rule(view))
        if found:
            found.extend(shared_stance(view, found))  # ext-stance2: "..., and so has Y", "..., as did Y"
        out.extend(found)
        people = [m.entity for m in view.mentions if mention_label(ents, m) == "Person" and not m.anaphor]
        if people:
            previous_people = people
    for article_rule in ARTICLE_RULES:
        out.extend(article_rule(ents, by_sentence))
    return _valid(ents, out)


def read_sentence(ents: ArticleEntities, index: int, mentions: list, inert: list,
                  previous_people: list[str]) -> SentenceView:
    """One body sentence as the rules read it: dateline dropped, pronouns resolved."""
    text, sentence = ents.text, ents.sentences[index]
    tokens = ents.tokens[index] if ents.tokens else tokenize(text, sentence.start, sentence.end)
    dateline = DATELINE_RE.match(text, sentence.start)
    if dateline:
        mentions = [m for m in mentions if m.start >= dateline.end()]
    words = frozenset(map(_LOWER, tokens))  # read by with_pronouns and by most rules (SentenceView.words)
    mentions = with_pronouns(ents, tokens, mentions, previous_people, index, words)
    people = [m for m in inert if mention_label(ents, m) == "Person"]
    view = SentenceView(ents, index, tokens, mentions, people)
    view.words = words
    return view


PERSON_MEETS_BODY = {"met-group", "met-officials-of"}  # ext-roles3: met-officials-of
SUPPORT_VERBS = {"support-verb"}  # ext-money: "approved", "backed": dropped where the same sentence pays the object  # ext-money: triggers whose person meets the body whose people he met


def _valid(ents: ArticleEntities, relations: list[Relation]) -> list[Relation]:
    seen, out = set(), []
    met = {(r.sentence, frozenset((r.source, r.target))) for r in relations if r.type == "MET_WITH" and
           (entity_label(ents, r.source) == "Person") == (entity_label(ents, r.target) == "Person")}
    # money and deals: a lender approving its own program pays out, it does not back it
    released = {(r.sentence, r.source) for r in relations if r.type == "FUNDS" and r.why in (
        "rule:lender-release", "rule:loan-funds", "rule:loan-to-home")}
    # ext-money: "approved $500 million in financing for Argentina" pays the country, it does not back it
    paid = {(r.sentence, r.source, r.target) for r in relations if r.type == "FUNDS"}
    refused = _refused_offers(ents, relations)  # ext-deals3
    for r in relations:
        if r.type == "NEGOTIATES" and (r.sentence, frozenset((r.source, r.target))) in met:
            continue  # "held talks with Petri": a meeting; negotiations have an agreement or a counterpart body
        if r.type == "SUPPORTS" and (r.sentence, r.source) in released and entity_label(ents, r.target) == "Agreement":
            continue
        if r.type == "SUPPORTS" and r.why.partition(":")[2] in SUPPORT_VERBS and (
                (r.sentence, r.source, r.target) in paid or (r.sentence, r.target, r.source) in paid):
            continue  # ext-deals3: "Argentina secured loans from China and Russia": Russia lends, nobody backs it
        if r.source == r.target:
            continue
        if r.sentence in refused and r.type in ("FUNDS", "PARTY_TO"):
            continue  # ext-deals3: "China offered a loan, but Milei said no": nothing was lent or signed
        if r.type == "MET_WITH" and (entity_label(ents, r.source) == "Person") != (entity_label(ents, r.target) == "Person") \
                and r.why.partition(":")[2] not in PERSON_MEETS_BODY:
            continue  # a person meets people; a government meets governments and bodies (ext-money: or their members)
        key = (r.source, r.type, r.target, r.sentence)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


OFFER_RE = guarded(re.compile(r"\boffer(?:s|ed|ing)?\b", re.IGNORECASE))
_REFUSAL_RE: list = []  # the refusals pattern and its words, made at first use
# right after a refusal: the money refused ("rejected a $5 billion loan from China")
REFUSED_MONEY = re.compile(r"\s+(?:[\w$.,'’-]+\s+){0,5}?(?:loans?|credit|credit\s+lines?|swaps?|swap\s+lines?|financing|"
                           r"bailout|rescue|aid|package|lifeline|funds|funding|money)\b", re.IGNORECASE)


def _refused_offers(ents: ArticleEntities, relations: list[Relation]) -> set[int]:
    """ext-deals3: the sentences (among those with money or a party) where an offer or the money is turned down."""
    out = set()
    for index in {r.sentence for r in relations if r.type in ("FUNDS", "PARTY_TO")}:
        sentence = ents.sentences[index]
        chunk = ents.text[sentence.start:sentence.end]
        if not _REFUSAL_RE:
            _REFUSAL_RE.append(rulebook().words_re("refusals"))
            _REFUSAL_RE.append(tuple(rulebook().words["refusals"]))
        low = chunk.lower()
        if not any(word in low for word in _REFUSAL_RE[1]):
            continue  # cheap gate: no refusal word in the sentence (a substring test, no pattern)
        refusal = _REFUSAL_RE[0].search(chunk)
        if refusal is None:
            continue
        if OFFER_RE.search(chunk) or REFUSED_MONEY.match(chunk, refusal.end()):
            out.add(index)  # "China offered a loan, but Milei said no"; "Milei rejected a loan from China"
    return out
