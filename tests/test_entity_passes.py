"""The entity passes one by one: each is run on a short sentence written for the test after the
passes before it, and its own effect is checked (extract/entities/__init__.py lists them)."""

from __future__ import annotations

import pytest

from actorgraph.extract import entities as E
from actorgraph.extract.entities import PASSES, ArticleEntities
from actorgraph.extract.text import split_sentences

from .conftest import CORPUS


def run_until(text: str, last, year: str = "2025") -> ArticleEntities:
    """The article's state right after the pass ``last``."""
    result = ArticleEntities(text, split_sentences(text))
    result.year = year
    for step in PASSES:
        step(result)
        if step is last:
            return result
    raise AssertionError(f"{last.__name__} is not in PASSES")


def names(result: ArticleEntities) -> set[str]:
    return {m.entity for m in result.mentions}


def test_passes_are_functions_of_the_article_listed_once_bar_the_home_country():
    assert len(PASSES) == len(set(PASSES)) + 1  # home_countries runs twice: before and after the merges
    assert [p for p in PASSES if PASSES.count(p) > 1] == [E.home_countries, E.home_countries]
    assert PASSES[:3] == [E.find_candidates, E.register_names, E.resolve_words]
    assert PASSES[-1] is E.prune


def test_find_candidates_keeps_tokens_and_named_candidates_per_sentence():
    result = run_until("Treasury Secretary Scott Bessent met Teodoro Vasconcelos. Vasconcelos smiled.", E.find_candidates)
    assert len(result.tokens) == len(result.candidates) == 2
    assert [(c.name, c.label) for c in result.candidates[0]] == [("Scott Bessent", "Person"),
                                                                 ("Teodoro Vasconcelos", "Person")]
    assert [(c.surface, c.name) for c in result.candidates[1]] == [("Vasconcelos", None)]  # resolved later


def test_resolve_words_links_a_surname_to_the_full_name():
    result = run_until("Teodoro Vasconcelos met bankers. Vasconcelos smiled.", E.resolve_words)
    assert [(m.surface, m.entity) for m in result.mentions] == [("Teodoro Vasconcelos", "Teodoro Vasconcelos"),
                                                               ("Vasconcelos", "Teodoro Vasconcelos")]


def test_bylines_make_the_author_a_person():
    result = run_until("Swap talks resume\nBy Marta Quiroga, economics correspondent\n\nThe talks resumed.", E.bylines)
    assert result.entities["Marta Quiroga"].label == "Person"


def test_case_errors_find_a_name_written_in_lower_case():
    result = run_until("Teodoro Vasconcelos met bankers. Later vasconcelos left.", E.case_errors)
    assert "vasconcelos" in {m.surface for m in result.mentions}


def test_metonyms_read_a_government_as_its_country():
    result = run_until("The Milei government met bankers.", E.metonyms)
    assert "Argentina" in names(result)


def test_agreement_phrases_name_an_agreement_by_its_parties():
    result = run_until("The US Treasury agreed a $20 billion swap line with Argentina's central bank.",
                       E.agreement_phrases)
    assert "United States–Argentina currency swap" in names(result)


def test_events_name_an_election_by_year_and_country_and_the_merge_joins_its_wordings():
    text = "Argentina's 2025 midterm elections were calm. The 2025 elections in Argentina mattered."
    before = run_until(text, E.events)
    assert {e for e in names(before) if "election" in e} == {"2025 Argentine legislative election",
                                                            "2025 Argentine elections"}
    after = run_until(text, E.merge_elections_in_article)
    assert {e for e in names(after) if "election" in e} == {"2025 Argentine legislative election"}


def test_drop_overlaps_keeps_the_longest_mention():
    result = run_until("The Central Bank of Argentina raised rates.", E.drop_overlaps)
    assert [m.surface for m in result.mentions] == ["Central Bank of Argentina"]


def test_mark_possessives_marks_an_owner():
    result = run_until("Milei's adviser left.", E.mark_possessives)
    assert [m.possessive for m in result.mentions] == [True]


def test_origin_countries_give_a_foreign_official_his_country():
    result = run_until("Milei praised Argentina. The Chinese ambassador, Wu Zhenhai, welcomed it.", E.origin_countries)
    assert result.entities["Wu Zhenhai"].country == "China"


def test_prune_drops_entities_nothing_mentions_and_self_aliases():
    result = run_until("Teodoro Vasconcelos met bankers.", E.prune)
    assert set(result.entities) == {"Teodoro Vasconcelos"}
    assert "Teodoro Vasconcelos" not in result.entities["Teodoro Vasconcelos"].aliases


# ext-parties: events a reader would name
def test_midterms_placed_by_a_month_or_a_country_are_an_election_and_a_sentence_opening_summit_is_one():
    from actorgraph.extract.entities import find_entities
    from actorgraph.extract.text import split_sentences

    def events(text):
        found = find_entities(text, split_sentences(text), "2025")
        return {e.name for e in found.entities.values() if e.label == "Event"}

    assert events("Argentina's October midterms handed the government a win.") == {"2025 Argentine legislative election"}
    assert events("Argentina voted. The midterms were close.") == set()
    assert events("The Mercosur summit in Montevideo ended without a deal.") == {"Mercosur summit"}


def test_an_initiative_named_with_and_is_one_agreement_but_two_actors_joined_by_and_are_not():
    from actorgraph.extract.entities import find_entities
    from actorgraph.extract.text import split_sentences

    def agreements(text):
        found = find_entities(text, split_sentences(text), "2025")
        return {e.name for e in found.entities.values() if e.label == "Agreement"}

    assert agreements("Uruguay joined the Belt and Road Initiative in 2018.") == {"Belt and Road Initiative"}
    assert "Milei and Trump Accord" not in agreements("Milei and Trump Accord talks continued.")


# ext-entities2: the main country of a local paper
def test_a_local_paper_s_country_is_named_by_its_provinces_and_demonyms():
    text = ("Mendoza winemakers cheered on Friday. The United States cut its tariff on Argentine wine, "
            "and US buyers, the US embassy and the United States Senate took note. Growers in Mendoza and "
            "San Juan said Argentine bottles would now compete with the Chileans. Mayor Ana Quiroga agreed.")
    assert run_until(text, E.home_countries).home == "Argentina"
    from actorgraph.extract.document import Document
    from actorgraph.extract.rules import RuleExtractor
    ents, rels = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    assert ("Ana Quiroga", "HOLDS_ROLE", "Argentina") in {(r.source, r.type, r.target) for r in rels}


@pytest.mark.parametrize("text", [
    "The United States Senate voted on Friday. US senators from Texas and Ohio said the United States "
    "would not lift the tariff, which Argentine exporters and Mexican growers oppose.",
    # its states weigh more than the demonyms of what it imports
    "Texas ranchers are angry. The United States will let in more Argentine beef, a senator from Nebraska "
    "said, and Argentine exporters cheered. Governor Ana Quiroga said Texas would fight Argentine imports.",
])
def test_an_article_about_the_united_states_stays_its_own(text):
    assert run_until(text, E.home_countries).home == "United States"


def test_lower_case_bodies_name_a_committee_with_a_lower_case_head():
    result = run_until("Milei spoke in Argentina. On Monday the Senate budget committee met, and the Andean Trade "
                       "subcommittee did not.", E.lower_case_bodies)
    assert {"Argentine Senate budget committee", "Andean Trade subcommittee"} <= names(result)
    # a person's committee is no body of its own
    result = run_until("Tomás Weiland praised the Weiland campaign committee.", E.lower_case_bodies)
    assert not any("committee" in n for n in names(result))


# ext-roles3: mastheads, bylines and signatures that name a publication or a person
@pytest.mark.parametrize("text, outlet", [
    ("THE RIVER LEDGER | Monday, May 4, 2026\nPeru cut rates on Monday.", "River Ledger"),
    ("The Andes Courier, Sunday, June 7, 2026\nPeru cut rates on Monday.", "Andes Courier"),
    ("Noticias del Valle — Salta, Tuesday 3 March 2026\nPeru cut rates on Monday.", "Noticias del Valle"),
    ("Rates fall\nBy Marta Quiroga, Andes Courier\nPeru cut rates on Monday.", "Andes Courier"),
    ("OPINION — Jornal do Sertão (Recife), translated from Portuguese\nPeru cut rates.", "Jornal do Sertão"),
    ("The minister told Radio 7 that Peru cut rates.", "Radio 7"),
])
def test_mastheads_and_bylines_name_their_publication(text, outlet):
    result = run_until(text, E.outlets)
    assert result.entities[outlet].label == "Organization"


@pytest.mark.parametrize("text", [
    "LIMA, May 4, 2026 (Andes Wire) - Peru cut rates on Monday.",   # a dateline: a place and no weekday
    "Rates fall\nBy Marta Quiroga, Staff Writer\nPeru cut rates on Monday.",  # her post
    "Lima, Monday, May 4, 2026\nPeru cut rates on Monday.",          # a place before the weekday
    "Markets | Monday, May 4, 2026\nPeru cut rates on Monday.",      # a section, not a publication
    "World News, Sunday, June 7, 2026\nPeru cut rates on Monday.",
])
def test_datelines_and_posts_name_no_publication(text):
    result = run_until(text, E.outlets)
    assert not any(e.label == "Organization" for e in result.entities.values())


def test_signatures_under_a_letter_or_a_communique_are_people():
    text = ("We reject the tariff and will strike.\n— Marta Quiroga, Rosario\n"
            "The union stands firm.\nTomás Weiland, Secretary General\nBuenos Aires, Argentina\n")
    result = run_until(text, E.bylines)
    assert result.entities["Marta Quiroga"].label == "Person"
    assert result.entities["Tomás Weiland"].label == "Person"
    assert "Buenos Aires" not in {n for n, e in result.entities.items() if e.label == "Person"}


def test_a_local_paper_places_itself_by_a_province_of_two_words():
    # ext-roles3: "San Juan" names Argentina's province; "San" and "Juan" one by one do not
    text = ("The United States ambassador visited San Juan on Monday. The governor of San Juan asked the "
            "United States for buyers. San Juan exports copper to the United States.")
    assert run_until(text, E.home_countries).home == "Argentina"
    text = ("The United States ambassador visited New York on Monday. The United States and Peru talked in the "
            "United States.")
    assert run_until(text, E.home_countries).home == "United States"


def test_a_seat_of_government_named_as_a_building_is_no_person():
    # ext-roles3: "Casa" starts a place ("the Casa de Gobierno"), not a name; "Bloque" a bloc
    result = run_until("The governor received the envoy at the Casa de Gobierno on Monday.", E.prune)
    assert not any(e.label == "Person" for e in result.entities.values())
    result = run_until("The deputies of the Bloque Renovador walked out on Monday.", E.prune)
    assert result.entities["Bloque Renovador"].label == "Organization"


def test_a_family_name_written_first_names_the_person_alone():
    # ext-roles3: "Mao Ning ... Mao said": the family name comes first; other first names do not
    result = run_until("Spokeswoman Mao Ning spoke in Beijing. Mao said China opposed it.", E.prune)
    assert [m.entity for m in result.mentions if m.surface == "Mao"] == ["Mao Ning"]
    result = run_until("Tomás Weiland spoke in Lima. Tomás said Peru opposed it.", E.prune)
    assert "Tomás Weiland" not in [m.entity for m in result.mentions if m.surface == "Tomás"]


@pytest.mark.parametrize("text, name", [
    # ext-roles3: a ministry or department named by a portfolio every government has is one country's
    ("Peru cut spending, the Economy Ministry said on Monday.", "Ministry of Economy of Peru"),
    ("The Chinese Foreign Ministry criticised Peru on Monday.", "Ministry of Foreign Affairs of China"),
    ("Peru signed a memorandum with the Department of Energy of the United States on Monday.",
     "United States Department of Energy"),
    ("Peru met the US Commerce Department on Monday.", "United States Department of Commerce"),
])
def test_a_ministry_named_by_its_portfolio_is_named_with_its_country(text, name):
    assert name in names(run_until(text, E.national_bodies))


@pytest.mark.parametrize("text, name", [
    ("Peru opened a Ministry of Human Capital on Monday.", "Ministry of Human Capital"),  # a name of its own
    ("Peru met the Department of Energy on Monday.", "Department of Energy"),             # whose, not said
])
def test_a_ministry_with_a_name_of_its_own_or_no_country_is_left_as_written(text, name):
    assert name in names(run_until(text, E.national_bodies))


def test_a_body_named_in_spanish_of_a_country_is_one_organisation():
    # ext-roles3: "Central de Trabajadores de la Argentina" is a union, not a union and a country
    result = run_until("The Central de Trabajadores de la Argentina joined the strike.", E.prune)
    assert names(result) == {"Central de Trabajadores de la Argentina"}
    result = run_until("Ana Paz de la Argentina spoke on Monday.", E.prune)  # a person, and no body
    assert "Ana Paz" in names(result) and not any(e.label == "Organization" for e in result.entities.values())


def test_runs_classified_from_the_memo_are_those_classify_run_makes(monkeypatch):
    """candidates._classified_run keeps _classify_run's answers per run of words: on every run of the
    development and held-out articles the memo (asked again at another offset, so from memory)
    gives _classify_run's candidates, and editing one it gave changes no later answer."""
    from dataclasses import astuple
    from pathlib import Path

    from actorgraph.extract.entities import candidates as C
    from actorgraph.extract.text import Token

    fixtures = Path(__file__).parent / "fixtures"
    folders = [fixtures / "heldout", fixtures / "round3" / "tune", CORPUS]
    texts = [p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))]
    assert texts
    remembered = C._classified_run
    seen = []

    def checked(run, kb, *flags):
        shifted = [Token(t.text, t.start + 1000, t.end + 1000, t.lower) for t in run]
        got = remembered(run, kb, *flags)
        again = remembered(shifted, kb, *flags)
        plain = C._classify_run(run, kb, *flags)
        assert [astuple(c) for c in got] == [astuple(c) for c in plain], [t.text for t in run]
        assert [(c.start - 1000, c.end - 1000) for c in again] == [(c.start, c.end) for c in plain]
        for cand in got:
            cand.label, cand.name = "Edited", "Edited"  # the memo must not hand these out again
        seen.append(run)
        return C._classify_run(run, kb, *flags)

    C._RUNS.clear()
    monkeypatch.setattr(C, "_classified_run", checked)
    for text in texts:
        run_until(text, E.find_candidates)
    assert len(seen) > 500
    C._RUNS.clear()


def test_tokens_before_and_after_an_offset_are_those_a_scan_of_the_sentence_finds():
    """single._before and single._after (binary searches) give what reading every token of the
    sentence gave, at every offset of two held-out articles' first sentences."""
    from pathlib import Path

    from actorgraph.extract.entities.single import _after, _before
    from actorgraph.extract.text import tokenize

    heldout = Path(__file__).parent / "fixtures" / "heldout"
    texts = [p.read_text(encoding="utf-8") for p in sorted(heldout.glob("*.txt"))][:2]
    assert texts
    checked = 0
    for text in texts:
        for sentence in split_sentences(text)[:40]:
            tokens = tokenize(text, sentence.start, sentence.end)
            for at in range(sentence.start - 1, sentence.end + 2):
                for n in (1, 2):
                    assert _before(tokens, at, n) == [t for t in tokens if t.end <= at][-n:]
                    assert _after(tokens, at, n) == [t for t in tokens if t.start >= at][:n]
                checked += 1
    assert checked > 1000


def _development_texts() -> list[str]:
    """The development, held-out and tuning articles (no blind set)."""
    from pathlib import Path

    fixtures = Path(__file__).parent / "fixtures"
    folders = [CORPUS, fixtures / "heldout", fixtures / "round3" / "tune", fixtures / "round4" / "tune"]
    texts = [p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))]
    assert len(texts) > 20
    return texts


def test_bylines_line_matches_are_finditers():
    """outlets._line_matches (a pattern tried only at line starts) finds what finditer finds, for
    both patterns it is used with, on the articles and on made-up lines (a match over two lines,
    a line that begins inside the last match, the end of the text)."""
    import importlib
    import random

    O = importlib.import_module("actorgraph.extract.entities.outlets")  # the package exports the pass by that name

    texts = _development_texts() + [
        "By Ana Ruiz\nand Tom Lee\nBy\nMarta Gil, Rosario\n— Marta Ibarguren, Rosario\nAbel Furlán, Secretary General\n",
        "By Ana Ruiz, energy\n\nBy Ana\nRuiz | The Review\n", "", "\n", "By Ana Ruiz"]
    rng = random.Random(5)
    pieces = ["By ", "Ana ", "Ruiz", "\n", ", ", "— ", "Marta Gil", " and ", "Secretary General", "x", " "]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(3000)]
    found = 0
    for pattern in (O.BYLINE_RE, O.SIGNATURE_RE):
        for text in texts:
            expected = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in O._line_matches(pattern, text)] == expected, text
            found += len(expected)
    assert found > 100


def test_outlet_patterns_tried_at_line_starts_find_what_finditer_finds():
    """outlets() tries the outlet and masthead patterns that begin with "^" only at line starts
    (outlets._line_matches); on the articles and made-up bylines, mastheads and footers, the same
    matches as finditer's, and every such pattern is among them."""
    import importlib
    import random

    O = importlib.import_module("actorgraph.extract.entities.outlets")
    assert O._AT_LINE_START == {p for p in O.OUTLET_RES if p.pattern.startswith("^")}
    texts = _development_texts() + [
        "By Southern Wire Service staff\nPampas Monitor is published every Monday\n",
        "By Ana Ruiz | The Pampas Review | May 2026\nPampas Herald live desk | Updated 18:42\n",
        "LA GACETA (Tucumán) — Staff report\nBy Ana Ruiz, Capitol Report\nTHE PLATA BRIEF | Friday, March 20, 2026",
        "EDITORIAL — Gazeta do Planalto (Brasília)\nDiario Cuyano — San Juan, Thursday 9 April 2026", "", "\n"]
    rng = random.Random(11)
    pieces = ["By ", "Ana Ruiz", " | ", "The Pampas Review", "\n", " staff", " is published", " live desk",
              " — ", "Staff report", ", ", "Friday", "EDITORIAL", "Gazeta do Planalto", "LA GACETA", " ", "x"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(3000)]
    found = 0
    for pattern in O._AT_LINE_START:
        for text in texts:
            expected = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in O._line_matches(pattern, text)] == expected, (pattern.pattern, text)
            found += len(expected)
    assert found > 100


def test_metonyms_skips_only_sentences_it_would_leave_alone(monkeypatch):
    """metonyms() passes over a sentence without one of its head words but "and"; with that test
    made to admit every sentence, every article gets the same mentions and entities."""
    import importlib

    M = importlib.import_module("actorgraph.extract.entities.metonyms")  # the package exports the pass by that name

    class Everything:
        def isdisjoint(self, other):
            return False

    def run(text):
        result = ArticleEntities(text, split_sentences(text))
        for step in PASSES[:PASSES.index(M.metonyms) + 1]:
            step(result)
        return ([(m.start, m.end, m.surface, m.entity, m.inert) for m in result.mentions],
                sorted((e.name, e.label) for e in result.entities.values()))

    texts = _development_texts() + ["Democratic and Republican senators met the Argentine government."]
    fast = [run(text) for text in texts]
    monkeypatch.setattr(M, "_ACTING_HEADS", Everything())
    assert [run(text) for text in texts] == fast


def test_mention_editor_groups_the_mentions_it_was_given_though_it_groups_them_later():
    """MentionEditor groups the mentions by sentence only when first asked: the groups are those
    of the moment it was made (a mention appended to the article afterwards is not in them), and
    a mention added through it before that is in its sentence once."""
    from actorgraph.extract.entities import Mention, MentionEditor, mentions_by_sentence

    result = ArticleEntities("Milei met Trump. Caputo spoke.", split_sentences("Milei met Trump. Caputo spoke."))
    result.mentions = [Mention(10, 15, "Trump", "Donald Trump", 0), Mention(0, 5, "Milei", "Javier Milei", 0)]
    eager = mentions_by_sentence(result.mentions)
    with MentionEditor(result) as edit:
        result.mentions.append(Mention(17, 23, "Caputo", "Luis Caputo", 1))  # not through the editor
        assert edit.in_sentence(0) == eager[0] and edit.in_sentence(1) == []
    with MentionEditor(result) as edit:
        added = edit.add(Mention(24, 29, "spoke", "x", 1))
        assert edit.in_sentence(1) == [result.mentions[2], added]
        edit.drop(0, lambda m: m.surface == "Trump")
        assert [m.surface for m in edit.in_sentence(0)] == ["Milei"]
    assert [m.surface for m in result.mentions] == ["Milei", "Caputo", "spoke"]


def test_line_quotes_are_those_of_the_line_found_again():
    """candidates._line_quotes keeps the last line's quotations: for every sentence, in order and
    shuffled, of the articles and of lines made to hold several sentences and quotations, they
    are the quotations of the line found by searching from the sentence."""
    import random

    from actorgraph.extract.entities import candidates as C
    from actorgraph.extract.text import quote_spans

    texts = _development_texts() + ['He said "no. Never." Then "yes". \nShe: "a" b "c.\nD" e.', "x", "\n\n"]
    rng = random.Random(3)
    checked = 0
    for text in texts:
        spans = [(s.start, s.end) for s in split_sentences(text)] + [(0, 0), (len(text), len(text))]
        for order in (spans, rng.sample(spans, len(spans))):
            for start, end in order:
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", end)
                plain = quote_spans(text, line_start, len(text) if line_end < 0 else line_end)
                assert C._line_quotes(text, start, end) == plain, (text[:40], start, end)
                checked += bool(plain)
    assert checked > 100


def test_guarded_entity_patterns_find_what_the_plain_patterns_find():
    """The entity patterns searched over whole articles or sentences sit behind patterns.guarded
    (tried only where a match can begin): on the articles and made-up sentences they find what
    the pattern without the look-ahead finds."""
    import importlib
    import re

    B = importlib.import_module("actorgraph.extract.entities.bodies")
    E = importlib.import_module("actorgraph.extract.entities.events")
    texts = _development_texts() + [
        "The coalition and the bloc; the committee's chair. The upper house, the lower house, the chamber of",
        "the Senate Western Hemisphere subcommittee; The Budget caucus; the G20 summit, a Mercosur  meeting",
        "Xthe chamber, _the bloc, éThe committee, the\nchamber"]
    checked = 0
    for pattern in (B.BODY_ANAPHOR_RE, B.CHAMBER_RE, B._ANY_CHAMBER_RE, B.LOWER_BODY_RE, E.ORG_EVENT_RE):
        assert pattern.pattern.startswith("(?=[")  # guarded
        plain = re.compile(pattern.pattern[pattern.pattern.index("])") + 2:], pattern.flags)
        for text in texts:
            found = [m.span() for m in pattern.finditer(text)]
            assert found == [m.span() for m in plain.finditer(text)], (pattern.pattern, text)
            checked += len(found)
    assert checked > 25


def test_candidates_read_the_words_around_a_run_only_for_candidates_they_can_drop(monkeypatch):
    """_candidates drops an unknown untitled person for the words around its run (candidates._placed)
    and an unknown name in quotation marks, reading those words only for such candidates: on
    every run of the development and tuning articles, the same candidates are dropped as by the
    checks made for every run (written out here as they were)."""
    import importlib

    C = importlib.import_module("actorgraph.extract.entities.candidates")
    kb = C.knowledge()
    seen = []
    plain = C._classified_run

    def recording(run, kb_, start_of_sentence, quoted, known_only):
        cands = plain(run, kb_, start_of_sentence, quoted, known_only)
        seen.append((run, start_of_sentence, [C.Candidate(c.start, c.end, c.surface, c.label, c.name, c.country,
                                                          c.titled) for c in cands]))
        return cands

    monkeypatch.setattr(C, "_classified_run", recording)
    checked = dropped = 0
    for text in _development_texts() + ['In Mar del Plata, Ana Sosa met "Luis Perez" at the Tres Quebradas project.',
                                        "A summit in Rio de Janeiro; Santa Fe governor Maximiliano Pullaro spoke."]:
        for sentence in split_sentences(text):
            tokens = C.tokenize(text, sentence.start, sentence.end)
            seen.clear()
            C._candidates(text, sentence, tokens, kb)
            quotes = C._line_quotes(text, sentence.start, sentence.end)
            for run, start_of_sentence, cands in seen:
                i = next(k for k, t in enumerate(tokens) if t is run[0])
                j, n = i + len(run), len(tokens)
                # the checks as _candidates made them for every run before
                qualifier = j + 1 < n and tokens[j].text.islower() and C._title_word(tokens[j].lower) \
                    and C._capword(tokens[j + 1])
                after_in = i > 0 and tokens[i - 1].lower in ("in", "near", "outside", "at") and not (
                    j < n and tokens[j].lower in ("'s",))
                place_start = tokens[i].start
                if not after_in and start_of_sentence and j - i > 2 and \
                        tokens[i].lower in ("in", "near", "outside", "at") and not (j < n and tokens[j].lower in ("'s",)):
                    after_in, place_start = True, tokens[i + 1].start
                facility = j < n and tokens[j].lower in ("project", "projects", "mine", "deposit", "field", "formation",
                                                          "basin", "plant", "station", "port", "refinery", "dam")
                in_quote = bool(quotes) and any(s < tokens[i].start < e for s, e in quotes)
                for cand in cands:
                    person = cand.label == "Person" and not cand.titled and not kb.lookup(cand.surface)
                    before = (facility and person) or (
                        in_quote and cand.label not in (None, "Agreement", "Organization") and
                        cand.name == cand.surface and not kb.lookup(cand.surface)) or (
                        after_in and person and cand.start == place_start) or (
                        qualifier and person and cand.end == tokens[j - 1].end)
                    now = (person and C._placed(tokens, i, j, cand, start_of_sentence)) or (
                        cand.label not in (None, "Agreement", "Organization") and cand.name == cand.surface and
                        bool(quotes) and any(s < tokens[i].start < e for s, e in quotes) and
                        not kb.lookup(cand.surface))
                    assert bool(now) == bool(before), (text[sentence.start:sentence.end], cand)
                    checked += 1
                    dropped += bool(before)
    assert checked > 1000 and dropped >= 4


def test_capitalised_tokens_listed_at_once_are_the_capwords():
    """_candidates reads the capitalised words from one list (candidates._capitalised) and a set
    of it, where it asked _capword token by token: the same tokens, on the articles and on text
    with letters whose case is odd (a Roman numeral, a title-case digraph, headline verbs)."""
    import importlib
    import random

    C = importlib.import_module("actorgraph.extract.entities.candidates")
    rng = random.Random(4)
    pieces = ["Ⅻ", "ǅ", "Is", "Will", "IS", "ARE", "Milei", "the", "É", "ß", "’s", "3", "U.S.", "İ", " ", "-"]
    texts = _development_texts() + ["".join(rng.choice(pieces) + " " for _ in range(12)) for _ in range(2000)]
    listed = 0
    for text in texts:
        for sentence in split_sentences(text):
            tokens = C.tokenize(text, sentence.start, sentence.end)
            expected = [k for k, t in enumerate(tokens) if C._capword(t)]
            assert C._capitalised(tokens) == expected
            listed += len(expected)
    assert listed > 10_000


def test_classify_run_asks_the_gazetteer_once_per_word_and_gets_what_asking_again_gives(monkeypatch):
    """_classify_run keeps _gazetteer's answer at each word of a run (its loop asked again at the
    word where a chunk stopped): _gazetteer reads only the run and the tables, so asking again
    gives the same answer, and with the answers kept each word is asked once."""
    import importlib
    from collections import Counter

    C = importlib.import_module("actorgraph.extract.entities.candidates")
    kb = C.knowledge()
    runs = []
    plain_classified = C._classified_run
    monkeypatch.setattr(C, "_classified_run", lambda run, *rest: runs.append((run, rest)) or plain_classified(run, *rest))
    for text in _development_texts():
        for sentence in split_sentences(text):
            C._candidates(text, sentence, C.tokenize(text, sentence.start, sentence.end), kb)
    monkeypatch.undo()
    plain_gazetteer = C._gazetteer
    asked = Counter()

    def counting(run, pos, kb_):
        asked[id(run), pos] += 1
        return plain_gazetteer(run, pos, kb_)

    monkeypatch.setattr(C, "_gazetteer", counting)
    long_runs = 0
    for run, (_, start_of_sentence, quoted, known_only) in runs:
        for pos in range(len(run)):
            assert plain_gazetteer(run, pos, kb) == plain_gazetteer(run, pos, kb)
        asked.clear()
        C._classify_run(run, kb, start_of_sentence, quoted, known_only)
        assert all(n == 1 for n in asked.values())
        long_runs += len(run) > 2
    assert long_runs > 100


def test_surface_finder_by_sentence_is_its_search_sentence_by_sentence():
    """SurfaceFinder.by_sentence finds the first words in the whole article at once: the same
    spans as iter() asked sentence by sentence, on the articles (with the surfaces case_errors
    builds from their entities) and on made-up text whose sentences end inside words."""
    import random

    from actorgraph.extract.entities import SurfaceFinder, case_errors
    from actorgraph.extract.text import Sentence

    checked = 0
    for text in _development_texts():
        result = ArticleEntities(text, split_sentences(text))
        for step in PASSES[:PASSES.index(case_errors)]:
            step(result)
        surfaces = {f.lower(): e.name for e in result.entities.values() for f in [e.name, *e.aliases] if len(f) >= 4}
        if not surfaces:
            continue
        finder = SurfaceFinder(surfaces)
        expected = [list(finder.iter(result.text, s.start, s.end)) for s in result.sentences]
        assert finder.by_sentence(result.text, result.sentences) == expected
        checked += sum(map(len, expected))
    rng = random.Random(6)
    words = ["milei", "Milei", "MILEI", "casa rosada", "Casa", "rosada", "x", "-", "_", " ", ".", "mileis", "ü"]
    finder = SurfaceFinder({"milei": "Javier Milei", "casa rosada": "Casa Rosada", "rosada": "Rosada"})
    for _ in range(3000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
        cuts = sorted({rng.randint(0, len(text)) for _ in range(4)} | {0, len(text)})
        sentences = [Sentence(a, b, "body", 1) for a, b in zip(cuts, cuts[1:])]
        expected = [list(finder.iter(text, s.start, s.end)) for s in sentences]
        assert finder.by_sentence(text, sentences) == expected, (text, cuts)
        checked += sum(map(len, expected))
    assert checked > 1000


@pytest.mark.parametrize("text, surface, entity", [
    ("Brazil's central bank raised rates on Monday, the bank said in a statement.", "Brazil's central bank",
     "Central Bank of Brazil"),
    ("Milei flew to the G20 summit in Rio de Janeiro, where he met Lula.", "G20 summit", "G20 summit"),
    ("Argentina signed a $20 billion swap line with the US Treasury. The $20 billion will back the peso.",
     "$20 billion", "United States–Argentina currency swap"),
    ("Argentina held its 2025 legislative elections in October, and Milei won.", "2025 legislative elections",
     "2025 Argentine legislative election"),
    ("The central bank of Argentina held rates; central bank president Santiago Bausili spoke.", "central bank",
     "Central Bank of Argentina"),
])
def test_passes_that_skip_an_article_without_their_word_still_read_one_with_it(text, surface, entity):
    """_central_banks, org_events, amount_anaphors, events and bare_central_bank skip an article
    that lacks the word each pattern needs (no sentence of it can hold the word); an article that
    has it is read as before."""
    result = E.find_entities(text, split_sentences(text), "2025")
    assert (surface, entity) in {(m.surface, m.entity) for m in result.mentions}


@pytest.mark.parametrize("text, kept", [
    ("Milei met investors in Washington and London on Monday.", set()),  # capitals named only as places
    ("Milei met President Trump in Washington on Monday.", {"Washington"}),  # the place of someone named
    ("Washington and Buenos Aires signed a deal.", {"Washington", "Buenos Aires"}),  # capitals as actors
])
def test_a_capital_named_only_as_a_place_is_dropped(text, kept):
    """drop_location_only_countries (its two read-only checks asked in either order)."""
    result = E.find_entities(text, split_sentences(text))
    assert {m.surface for m in result.mentions if result.entities[m.entity].label == "Country"} == kept


def test_line_quotes_after_a_span_over_two_lines_reads_the_later_span_s_own_line():
    """The kept line of candidates._line_quotes serves only spans on one line: after a span
    holding a newline, a span inside it gets the quotations of its own line, as when asked alone."""
    from actorgraph.extract.entities import candidates
    from actorgraph.extract.text import quote_spans

    text = 'He said "no deal\nat all" and left. "Fine," she said later.'
    candidates._line_quotes(text, 0, 34)  # the first sentence, over both lines
    start = text.index('"Fine')
    line_start = text.rfind("\n", 0, start) + 1
    assert candidates._line_quotes(text, start, len(text)) == quote_spans(text, line_start, len(text))
