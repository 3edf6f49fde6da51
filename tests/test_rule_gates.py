"""The relation rules' first tests (perf-rules6) pass every sentence their patterns could match.

Each gate stands in front of a rule's patterns and loops; these tests feed each one sentences it
must keep, compare it with the pattern it stands for over the development and tuning sentences
and made-up text, and run every rule over those articles with the gates opened (the same
relations, in the same order, must come out).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from actorgraph.extract.entities import find_entities
from actorgraph.extract.relations import agreements, find_relations, quotes, reported, roles
from actorgraph.extract.text import split_sentences, tokenize

ROOT = Path(__file__).resolve().parent.parent
# development and tuning articles only: the blind sets are not read here
FOLDERS = (ROOT.parent / "shared" / "corpus", ROOT / "tests" / "fixtures" / "heldout",
           ROOT / "tests" / "fixtures" / "round3" / "tune", ROOT / "tests" / "fixtures" / "round4" / "tune")
MADE_UP = [
    "Praising Milei's reforms, Bessent said the swap would work.",
    "After praising the deal, Caputo left.", "While criticising Kicillof, Milei smiled.",
    "In  attacking the IMF, Grabois spoke.", "PRAISING the accord, Bullrich said so.",
    "Praisıng the swap, Caputo spoke.", "İn praising the deal, X spoke.", "  Backing Milei, Trump said so.",
    "The swap is a mistake, according to Senator Elizabeth Warren.", "According to Bessent, it worked.",
    "Texas Governor Greg Abbott met Mayor of Rosario Pablo Javkin and Santa Fe governor Maximiliano Pullaro.",
    "Senator Ted Cruz (R-Texas) and Rep. María Salazar, a Republican from Florida, spoke.",
    "Cory Booker, a moderate New Jersey Democrat, and Córdoba Mayor Daniel Passerini met the Mayor of Mendoza.",
    "New York Attorney General Letitia James spoke.", "Florida Representative Jones spoke.",
    "Farm-state Republicans, among them Senator Deb Fischer, and his Republican Party spoke.",
    "Javier Milei won the vote in Argentina. He assumed the presidency of Argentina in December.",
    "Economy Minister Luis Caputo signed the accord on behalf of the European Union.",
    "Salta legislator Paz spoke.", "The Mayor of Mendoza spoke.", "Ohio senator Bernie Moreno spoke.",
]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for folder in FOLDERS if folder.is_dir() for p in sorted(folder.glob("*.txt"))]


def _sentences():
    for text in _texts() + MADE_UP:
        for s in split_sentences(text):
            yield text, s


def test_according_to_needs_its_cue_as_written():
    pattern = quotes.ACCORDING_TO
    kept = 0
    for text, s in _sentences():
        for m in re.finditer(r"\S", text[s.start:s.end]):  # a search window ending at every place
            end = s.start + m.start()
            if pattern.search(text, s.start, end):
                assert quotes.ACCORDING_CUE in text[s.start:s.end].lower()
                kept += 1
    assert kept > 3  # the cue is there to be found: the test can fail


@pytest.mark.parametrize("sentence", MADE_UP[:8])
def test_a_participle_first_is_kept(sentence):
    tokens = tokenize(sentence, 0, len(sentence))
    assert reported.PARTICIPLE.match(sentence)
    assert not reported._no_participle_first(tokens)


def test_participle_gate_admits_every_sentence_the_pattern_matches():
    rng = random.Random(7)
    matched = 0
    stems = ["prais", "hail", "back", "criticiz", "blam", "reject"]
    for text, s in _sentences():
        chunk = text[s.start:s.end]
        # the sentence as it is, and with a participle (in odd case and letters) put first
        for variant in (chunk, rng.choice(["", "After ", "while ", "IN "]) + rng.choice(stems) +
                        rng.choice(["ing ", "ING ", "ıng ", "İNG ", "ing-"]) + chunk):
            tokens = tokenize(variant, 0, len(variant))
            if reported.PARTICIPLE.match(variant):
                matched += 1
                assert not reported._no_participle_first(tokens), variant[:60]
    assert matched > 100


def test_subdivision_country_first_test_keeps_every_match():
    roles._subdivision_country("said Texas Governor Greg Abbott")  # compiles the pattern
    pattern = roles._SUBDIVISION_RE["re"]
    offices = re.findall(r"\[(\w)(\w)\](\w+)", pattern.pattern)
    assert {(a.lower() + b) for a, _, b in offices} == set(roles.SUBDIVISION_OFFICES)  # the offices the test names
    found = 0
    for text, s in _sentences():
        for m in re.finditer(r" ", text[s.start:s.end]):
            a = s.start + m.start()
            window = text[max(s.start, a - 60):min(s.end, a + 40)]
            for variant in (window, window.upper(), window.title()):
                expected = pattern.search(variant)
                got = roles._subdivision_country(variant)
                if expected:
                    found += 1
                    assert got == roles.knowledge().subdivisions.get(
                        roles.fold(expected.group("a") or expected.group("b"))), variant
                else:
                    assert got is None
    assert found > 10


def test_token_at_is_the_token_starting_there():
    for text, s in list(_sentences())[:400]:
        tokens = tokenize(text, s.start, s.end)
        starts = {t.start: n for n, t in enumerate(tokens)}
        for at in range(s.start - 1, s.end + 1):
            assert roles._token_at(tokens, at) == starts.get(at)


def test_party_after_reads_in_place_as_on_the_slice():
    class M:  # the mention's end is all _party_after reads of it
        def __init__(self, end):
            self.end = end

    class Ents:
        def __init__(self, text):
            self.text = text

    plain = roles.PARTY_AFTER
    seen = 0
    for text, s in _sentences():
        ents = Ents(text)
        for at in range(s.start, s.end):
            if text[at] in ", (":
                got = roles._party_after(ents, M(at))
                found = plain.match(text[at:at + 40])
                if found:
                    seen += 1
                    word = found.group(1) or {"R": "Republican", "D": "Democratic"}[found.group(2) or found.group(3)]
                    word = {"democrat": "democratic"}.get(word.lower(), word)
                    assert got == roles.knowledge().party_adjectives.get(roles.fold(word))
                else:
                    assert got is None
    assert seen > 10


def _all_relations() -> list[tuple]:
    out = []
    for text in _texts() + [" ".join(MADE_UP)]:
        ents = find_entities(text, split_sentences(text))
        out.append([(r.source, r.target, r.type, r.sentence, r.why, sorted(r.props.items()), r.span)
                    for r in find_relations(ents)])
    return out


class _Everything:
    """Stands for a gate's word set that every sentence shares a word with: the gate opened."""

    def isdisjoint(self, other) -> bool:
        return False


def test_the_rules_find_the_same_with_their_gates_opened(monkeypatch):
    fast = _all_relations()
    monkeypatch.setattr(quotes, "ACCORDING_CUE", "")  # "" is in every text
    monkeypatch.setattr(reported, "_no_participle_first", lambda tokens: False)
    monkeypatch.setattr(agreements, "_names_agreement", lambda ents, mentions: True)
    monkeypatch.setattr(roles, "_names_person", lambda ents, mentions: True)
    monkeypatch.setattr(quotes, "_may_hold_cue", lambda chunk: True)
    monkeypatch.setattr(roles, "MEMBERS_CUES", _Everything())
    monkeypatch.setattr(roles, "OWNER_PRONOUNS", _Everything())
    opened = _all_relations()
    assert fast == opened
    assert sum(map(len, fast)) > 300  # relations are there to be compared


def _appositive_before_plain(before):
    """roles._appositive_before trying every place it used to: the start and the last 25 spaces."""
    for k in [0] + [x.start() for x in re.finditer(r"\s", before)][-25:]:
        candidate = roles.APPOSITIVE_BEFORE.match(before, k)
        if candidate and roles._title_of(candidate)[0]:
            return candidate
    return None


def test_appositive_before_stops_after_the_last_word_that_may_end_an_office():
    from actorgraph.extract.lexicon import TITLE_SET
    rng = random.Random(11)
    titles = sorted(TITLE_SET)
    pieces = ["Argentina's", "the", "The", "his", "former", "acting", "top", "new", "(", "of the Senate",
              "of the Senate budget committee", "(CNEA)", "and", "said", "in Washington", "On Monday", "economist",
              "Dr.", "co-secretaries general", "secretaries", "secretaries-general", "under-secretaries", "Secretaries", "ministers", "deputies", "X", "YPF's"]
    made = []
    for _ in range(3000):
        words = [rng.choice(pieces + titles + [t + "s" for t in titles[:50]]) for _ in range(rng.randint(1, 9))]
        if rng.random() < 0.5:
            words.insert(rng.randint(0, len(words)), ",")
        text = " ".join(words).replace("( ", "(").replace(" ,", ",") + rng.choice([", ", ", Dr. ", ",  economist ", ","])
        made.append(text if rng.random() < 0.8 else text.title())
    made += ["(minister, ", "(Ministers, ", "(economy ministers, ", "(the Treasury secretary, ", "(co-secretaries general, "]
    found = 0
    for before in made:
        expected = _appositive_before_plain(before)
        got = roles._appositive_before(before)
        assert (got and got.span()) == (expected and expected.span()), before
        found += expected is not None
    assert found > 300  # offices are there to be found: the test can fail


def test_appositive_after_a_space_goes_on_with_one_of_its_verbs():
    made_up = ["Luis Caputo, who was named economy minister, spoke.", "X is the economy minister.",
               "X was an adviser to Y.", "X  who  has  been  appointed  envoy, spoke.", "X became the new minister.",
               "X becomes minister.", "X serves as ambassador.", "X served as envoy.", "X took office as governor.",
               "X had been elected senator.", "X is  a  professor at Georgetown."]
    matched = 0
    for text, s in list(_sentences()) + [(t, split_sentences(t)[0]) for t in made_up]:
        for at in range(s.start, s.end):
            if not text[at].isspace():
                continue
            if roles.APPOSITIVE_AFTER.match(text[at:s.end]):
                matched += 1
                assert roles.APPOSITIVE_VERB_NEXT.match(text, at, s.end), text[at:at + 40]
    assert matched >= len(made_up)


def test_every_cue_holds_its_stem_where_the_automaton_looks():
    from actorgraph.extract.relations.base import NEGATIVE_CUES, POSITIVE_CUES, WORDS
    checked = 0
    for words, pattern in ((WORDS["negative_cues"], NEGATIVE_CUES), (WORDS["positive_cues"], POSITIVE_CUES)):
        for word in sorted(words):
            plain = word.rstrip("*") + ("ing" if word.endswith("*") else "")
            odd = plain.upper().replace("S", "ſ").replace("I", "ı").replace("K", "\u212a")
            for sample in (plain, plain.upper(), plain.title(), "a  " + plain.replace(" ", "\n ") + ".", odd,
                           plain.replace("i", "İ")):
                text = f"They said {sample} today"
                if pattern.search(text):
                    checked += 1
                    assert quotes._may_hold_cue(text), (word, sample)
    assert checked > 500


def test_stance_reads_the_same_behind_its_cue_test(monkeypatch):
    chunks = [text[s.start:s.end] for text, s in _sentences()]
    chunks += [c[i:i + 60] for c in chunks for i in range(0, len(c), 30)]
    fast = [quotes._stance(c) for c in chunks]
    monkeypatch.setattr(quotes, "_may_hold_cue", lambda chunk: True)
    assert fast == [quotes._stance(c) for c in chunks]
    assert fast.count("CRITICIZES") > 20 and fast.count("SUPPORTS") > 20


def _person_by_surname_plain(ents, word):
    folded = roles.fold(word)
    found = [name for name, e in ents.entities.items() if e.label == "Person" and roles.fold(name.rsplit(" ", 1)[-1]) == folded]
    if len(found) > 1:
        known = [name for name in found if roles.knowledge().country_of(name)]
        found = known[:1] if known else []
    return found[0] if found else None


def test_people_by_surname_answer_as_the_scan_and_follow_new_people():
    answered = changed = 0
    for text in _texts()[:12]:
        ents = find_entities(text, split_sentences(text))
        words = sorted({w for w in re.findall(r"[A-Z][\w’'-]+", text)})
        for step in range(3):
            named = []
            for word in words:
                expected = _person_by_surname_plain(ents, word)
                assert roles._person_by_surname(ents, word) == expected, word
                if expected is not None:
                    named.append(word)
            answered += len(named)
            # people added by a rule: one more of a surname already answered (two now), one new surname
            ents.add(f"Nueva {named[step % len(named)]}" if named else "Nueva Persona", "Person")
            ents.add(f"Otra Persona{step}", "Person")
            words.append(f"Persona{step}")
            changed += bool(named)
    assert answered > 50 and changed > 5


def test_a_cue_stem_inside_a_word_is_no_cue():
    from actorgraph.extract.relations.base import NEGATIVE_CUES, POSITIVE_CUES
    rng = random.Random(5)
    texts = [text[s.start:s.end] for text, s in _sentences()]
    stems = [key for key in quotes.CUE_STEMS.keys()][:400]
    for _ in range(3000):  # stems glued to letters, digits, "_", "-", "'" on either side, in any case
        stem = rng.choice(stems)
        glue = lambda: rng.choice(["", "", "x", "9", "_", "-", "'", "’", " ", "é", "ſ", "İ", "ı", "K"])  # noqa: E731
        word = glue() + (stem.upper() if rng.random() < 0.3 else stem) + glue() + rng.choice(["", "ing", "s"])
        texts.append(rng.choice(texts)[:40] + " " + word + " " + rng.choice(texts)[:40])
    kept = 0
    for text in texts:
        if NEGATIVE_CUES.search(text) or POSITIVE_CUES.search(text):
            kept += 1
            assert quotes.may_hold_cue(text.lower()), text
    assert kept > 500
