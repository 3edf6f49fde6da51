"""Find the actors an article names, and resolve their mentions to canonical entities.

One article's ``ArticleEntities`` goes through ``PASSES`` in order; each pass is a function of
it, kept in the module of its kind: ``candidates`` (capitalised runs classified by keyword,
titles, known names from the curated knowledge file and pycountry, special shapes), ``single``
(candidates become mentions; single words resolve to surnames, acronyms, institutions),
``outlets``, ``case``, ``metonyms`` ("Washington", "the Trump administration"), ``bodies``,
``agreements`` ("a $20 billion swap line with Argentina's central bank"), ``events``,
``countries`` and ``tidy``. ``model`` holds the shared data; the word lists are
``extract/lexicon.py``, ``data/knowledge.yaml`` and ``data/entity_words.yaml``.
"""

from __future__ import annotations

from ..text import Sentence
from .agreements import (agreement_phrases, amount_anaphors, merge_facilities, merge_named_trade, merge_partyless,
                         merge_subset_agreements)
from .bodies import body_anaphors, chambers, lower_case_bodies, merge_short_orgs, national_bodies, quoted_bills
from .candidates import find_candidates, register_names
from .case import SurfaceFinder, case_errors
from .countries import drop_location_only_countries, home_countries, origin_countries
from .events import events, merge_elections, merge_elections_in_article, org_events
from .headings import recase_headings
from .metonyms import bare_central_bank, metonyms
from .model import ArticleEntities, Candidate, Entity, Mention, MentionEditor, mentions_by_sentence
from .outlets import bylines, outlets
from .single import PersonIndex, merge_person_variants, resolve_words
from .tidy import drop_overlaps, mark_possessives, prune
from .words import AGREEMENT_KINDS


def find_entities(text: str, sentences: list[Sentence], year: str | None = None) -> ArticleEntities:
    """Run every pass of ``PASSES`` over the article, in order (capital headings that name an
    actor are read in ordinary case: ``headings.recase_headings``)."""
    text, sentences = recase_headings(text, sentences)
    result = ArticleEntities(text, sentences)
    result.year = year
    for step in PASSES:
        step(result)
    return result


# The passes, in the order they run; each reads and changes one article's ArticleEntities.
PASSES = [
    find_candidates,               # tokens; capitalised runs, titles, known names, special shapes
    register_names,                # known and multi-word names, so single words can link to them
    resolve_words,                 # candidates -> mentions; surnames, acronyms, bare institutions
    merge_person_variants,         # "Miguel Ángel Broda" / "Miguel Broda", accents, nicknames: one person
    outlets,                       # the publication of a byline or footer
    bylines,                       # the author of a byline
    case_errors,                   # names and aliases written in another case
    metonyms,                      # "the Trump administration", "Democratic senators", central banks
    home_countries,                # the article's main and second country
    bare_central_bank,             # "the central bank": the main country's
    quoted_bills,                  # a "fiscal responsibility" bill
    body_anaphors,                 # "the coalition", "the bloc" named last
    chambers,                      # "the upper house", "the chamber"
    lower_case_bodies,             # ext-entities2: "the Western Hemisphere subcommittee"
    agreement_phrases,             # lower-case agreements named by their parties, and anaphors
    merge_partyless,               # a loan with no parties is the article's one loan with them
    merge_facilities,              # "Extended Fund Facility", "the $20 billion facility"
    merge_named_trade,             # a named trade agreement is the article's one trade agreement
    merge_subset_agreements,       # fewer named sides of one agreement of the same kind
    merge_short_orgs,              # "Southern Command" after "US Southern Command"
    amount_anaphors,               # "$20 billion" after "a $20 billion swap line"
    events,                        # inaugurations and elections
    merge_elections_in_article,    # an election named by year alone joins the one of a kind
    org_events,                    # "the G20 summit"
    drop_overlaps,                 # the longest of overlapping mentions
    mark_possessives,              # "Milei's"
    home_countries,                # again, over the final mentions
    origin_countries,              # "Brazil's finance minister, X": X's country
    national_bodies,               # ext-roles3: "the Economy Ministry" -> "Ministry of Economy of Argentina"
    drop_location_only_countries,  # a capital named only as a place
    prune,                         # entities nothing mentions
]


__all__ = ["AGREEMENT_KINDS", "PASSES", "ArticleEntities", "Candidate", "Entity", "Mention", "MentionEditor",
           "PersonIndex", "SurfaceFinder", "find_entities", "merge_elections", "mentions_by_sentence"]
