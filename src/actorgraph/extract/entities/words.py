"""Small word sets the entity passes share (the larger lists are lexicon.py and data/*.yaml)."""

from __future__ import annotations

from .. import dates
from ..lexicon import TITLE_SET
from ..rulebook import rulebook


CONNECTORS = {"of", "for", "the", "de", "del", "da", "do", "dos", "das", "la", "las", "los", "y",
              "van", "von", "der", "bin", "al", "on", "and", "in", "por", "para", "el", "di", "du", "le"}


NAME_PARTICLES = {"de", "del", "da", "do", "dos", "das", "la", "van", "von", "der", "bin", "al", "y",
                  "por", "para", "el", "di", "du", "le"}


ORG_MODIFIERS = {"foreign", "economy", "finance", "interior", "defense", "defence", "justice",
                 "security", "health", "labor", "labour", "national", "federal", "central",
                 "supreme", "general", "state", "public", "world", "international", "united",
                 "european", "american", "democratic", "republican", "trade", "development",
                 "economic", "political", "monetary"}


METONYM_HEADS = {"administration", "government", "cabinet", "side", "delegation", "authorities"}


SPEECH_VERBS = frozenset(rulebook().words["speech_verbs"])  # one list, data/relations.yaml


ANAPHORS = {"deal", "program", "programme", "agreement", "legislation", "bill", "act", "swap", "framework",
            "measure", "budget",
            "loan", "bailout", "package", "assistance", "aid", "rescue", "plan", "accord", "treaty",
            # money and deals: "criticised the arrangement", "the lifeline expires", "the memorandum"
            "arrangement", "lifeline", "backstop", "memorandum"}


FINANCIAL_KINDS = {"currency swap", "loan", "credit line", "bailout", "financing program", "rescue"}


# What _agreement_kind names; an agreement's canonical name ends with its kind. Longest first.
AGREEMENT_KINDS = ("financing program", "trade agreement", "nuclear agreement", "climate agreement",
                   "defense agreement", "defence agreement", "security agreement", "investment agreement",
                   "debt agreement", "currency swap", "credit line", "assistance", "agreement", "rescue", "loan",
                   "memorandum")  # ext-parties


ANAPHOR_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "whole", "entire", "same",
                       "new", "proposed", "planned", "latest", "controversial", "rescue", "bailout",
                       "trade", "swap", "loan", "financial", "economic", "legislative", "spending",
                       "framework"}  # ext-parties: "the framework agreement signed in November"


FINANCIAL = {"swap", "loan", "bailout", "rescue", "credit", "package", "assistance", "aid", "lifeline", "backstop"}


QUOTE_OPEN = "“\"‘'«("


MONTHS = frozenset(dates.MONTH_NAMES)


TITLE_EDGE_WORDS = {t.split()[0] for t in TITLE_SET} | {t.split()[-1] for t in TITLE_SET}


PORTFOLIO_TITLES = {"minister", "secretary", "director", "commissioner", "envoy", "undersecretary"}


INSTITUTIONS = {"Congress", "Senate", "Parliament", "Treasury", "House"}
US_ONLY_INSTITUTIONS = {"Treasury", "House"}  # ext-entities2: bare, the US ones where the sentence or article is about the US


ANALYSTS = {"analyst", "analysts", "economist", "economists", "strategist", "strategists", "researcher",
            "researchers", "traders", "bankers"}
