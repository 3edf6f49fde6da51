"""What the relation rules share: the Relation they produce, the sentence they read, word lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from ..entities import ArticleEntities, Mention
from ..rulebook import rulebook
from ..text import Token

_LOWER = attrgetter("lower")
ACTOR = {"Person", "Organization", "Country"}
WORDS = {name: frozenset(words) for name, words in rulebook().words.items()}
NEGATIONS, HEDGES, DESIRES, CANCELS = WORDS["negations"], WORDS["hedges"], WORDS["desires"], WORDS["cancels"]
SPEECH_VERBS = WORDS["speech_verbs"]
INTENTS = WORDS["intents"]  # ext-money: "plans to impose", "threatened to lend"
TIME_WORDS = {"last", "next", "this", "yesterday", "today", "tomorrow", "earlier", "later", "again",
              "recently", "now", "instead", "too", "once", "twice", "directly", "publicly", "privately",
              "repeatedly", "already", "also", "still", "first", "before", "after", "during", "amid"}
PREPOSITIONS = {"with", "to", "for", "of", "from", "in", "at", "by", "on", "against", "between",
                "toward", "towards", "into", "over", "under", "about", "like", "than", "among"}
FUNCTION_AFTER = {"and", "or", "to", "in", "on", "at", "for", "with", "as", "is", "was", "has", "have",
                  "had", "will", "would", "could", "can", "which", "that", "who", "over", "from", "by",
                  "since", "after", "before", "under", "are", "were", "may", "might", "must", "should",
                  "remains", "says", "said", "also", "itself", "himself", "herself", "did", "does"}
PRONOUNS_PERSON = {"he", "his", "him", "himself", "she", "her", "herself"}
PRONOUNS_PLURAL = {"they", "their", "them", "both"}
LOCATIVE = {"in", "at", "from", "into", "across", "around", "near", "inside", "within"}


@dataclass
class Relation:
    """A typed, directed relation one sentence states, with the rule that read it."""

    source: str
    target: str
    type: str
    sentence: int
    props: dict = field(default_factory=dict)
    why: str = field(kw_only=True)   # the rule that produced it ("rule:<name>"), the edge's `why`
    span: tuple[int, int] | None = field(default=None, kw_only=True)  # evidence beyond the sentence (a quote and its attribution)


NEGATIVE_CUES = rulebook().words_re("negative_cues")
POSITIVE_CUES = rulebook().words_re("positive_cues")
SPEECH = "(?:" + "|".join(sorted(SPEECH_VERBS)) + ")"


def entity_label(ents: ArticleEntities, name: str) -> str | None:
    entity = ents.entities.get(name)
    return entity.label if entity else None


def mention_label(ents: ArticleEntities, m: Mention) -> str | None:
    entity = ents.entities.get(m.entity)
    return entity.label if entity else None


ROLE_NOUNS = {"leader", "president", "counterpart", "head"}
# ext-entities2: "the company's general manager": the organisation named before it in the sentence
BODY_ANAPHORS = frozenset({"company", "firm", "group", "bank", "lender", "plant", "fund", "union", "chamber",
                           "association", "institute", "organisation", "organization", "agency"})
PRONOUN_WORDS = PRONOUNS_PERSON | PRONOUNS_PLURAL | ROLE_NOUNS | {"two", "its", "governments"}


class _made_once:
    """functools.cached_property without its lock (in Python 3.11 every first read takes it): a
    view is read by one thread, and the rules read ``words`` of some 12,000 views per 300,000 words."""

    def __init__(self, func):
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)  # read from the instance from now on
        return value


@dataclass
class SentenceView:
    """What every sentence rule reads: one body sentence of an article and its actors.

    ``mentions`` are the sentence's named actors with pronouns and role phrases resolved
    ("he", "the Argentine leader"); ``inert_people`` are people named inside another name
    ("President Javier Milei's government"), who still hold their titles."""

    ents: ArticleEntities
    index: int
    tokens: list[Token]
    mentions: list[Mention]
    inert_people: list[Mention]

    @property
    def text(self) -> str:
        return self.ents.text

    @_made_once
    def words(self) -> frozenset[str]:
        """The sentence's lower-cased tokens: a cheap test before a rule's patterns run."""
        return frozenset(map(_LOWER, self.tokens))

    @property
    def sentence(self):
        return self.ents.sentences[self.index]

    @_made_once
    def lowered(self) -> str:
        """The sentence's text lower-cased, made once for the rules' substring tests."""
        sentence = self.ents.sentences[self.index]
        return self.ents.text[sentence.start:sentence.end].lower()
