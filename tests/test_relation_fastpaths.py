"""The relation rules' shortcuts answer as the plain code they stand in front of (perf-rel4)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from actorgraph.extract.lexicon import TITLE_SET
from actorgraph.extract.relations import roles, triggers
from actorgraph.extract.text import split_sentences, tokenize

ROOT = Path(__file__).resolve().parent.parent
# development and tuning articles only: the blind sets are not read here
FOLDERS = (ROOT.parent / "shared" / "corpus", ROOT / "tests" / "fixtures" / "heldout",
           ROOT / "tests" / "fixtures" / "round3" / "tune", ROOT / "tests" / "fixtures" / "round4" / "tune")
MADE_UP = ("Former ex-President Macri met Senators Warren and Cruz, the Treasury Secretaries, Deputy Chief of "
           "Staff X and ex-senator Y; the Economy Minister and Foreign Ministers Z and W, SECRETARY OF STATE V, "
           "under Secretary U, Vice-President T, co-chairs S and Under Secretary R spoke.")


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for folder in FOLDERS if folder.is_dir() for p in sorted(folder.glob("*.txt"))]
    return texts + [MADE_UP]


def _sentence_tokens():
    for text in _texts():
        for s in split_sentences(text):
            yield text[s.start:s.end], tokenize(text, s.start, s.end)


def _title_before_plain(tokens, i, plural=False):
    """roles.title_before without its first-word test: the loop as it was."""
    for n in range(min(roles.MAX_TITLE_WORDS, i), 0, -1):
        words = " ".join(t.lower for t in tokens[i - n:i])
        if words.startswith("under ") and tokens[i - n].text == "under":
            continue
        if words in TITLE_SET:
            return words, i - n
        if words.startswith("ex-") and words[3:] in TITLE_SET:
            return words, i - n
        if plural and words.endswith("s") and roles.singular_title(words):
            return roles.singular_title(words), i - n
    return None


def test_title_before_answers_as_the_plain_loop():
    found = 0
    for _, tokens in _sentence_tokens():
        for i in range(len(tokens) + 1):
            for plural in (False, True):
                expected = _title_before_plain(tokens, i, plural)
                assert roles.title_before(tokens, i, plural) == expected, (tokens[max(0, i - 4):i], plural)
                found += expected is not None
    assert found > 100  # the titles are there to be found: the test can fail


def test_title_before_finds_every_title_and_its_plural_and_ex_forms():
    for title in sorted(TITLE_SET):
        for words in (title, "ex-" + title, title + "s", title[:-1] + "ies" if title.endswith("y") else title + "s"):
            text = f"the {words} Smith"
            tokens = tokenize(text, 0, len(text))
            i = next(k for k, t in enumerate(tokens) if t.text == "Smith")
            assert roles.title_before(tokens, i, True) == _title_before_plain(tokens, i, True), words
            assert roles.title_before(tokens, i) == _title_before_plain(tokens, i), words


def test_tokens_begin_at_increasing_offsets():
    """``_roles`` finds a name's first token by a binary search over the tokens' starts."""
    for _, tokens in _sentence_tokens():
        starts = [t.start for t in tokens]
        assert starts == sorted(set(starts))


CLAUSE_BREAK_PLAIN = re.compile(r";|\s[–—]\s|:\s|,\s+(?:but|while|whereas|although|though|yet)\b|"
                                r"\bw(?:hile\b|ithout\s+\w+ing\b)")


def test_clause_breaks_are_the_plain_patterns():
    assert triggers.CLAUSE_BREAK.pattern.endswith(CLAUSE_BREAK_PLAIN.pattern)  # the same pattern behind its guard
    sentences = [chunk for chunk, _ in _sentence_tokens()]
    rnd = random.Random(15)
    letters = " ;:,–—\n\u00a0wWhileithoutngbuyaſKİı"
    sentences += ["".join(rnd.choice(letters) for _ in range(rnd.randint(0, 30))) for _ in range(20000)]
    broken = 0
    for chunk in sentences:
        expected = [m.span() for m in CLAUSE_BREAK_PLAIN.finditer(chunk)]
        assert [m.span() for m in triggers.CLAUSE_BREAK.finditer(chunk)] == expected, chunk
        if "–" not in chunk and "—" not in chunk:
            assert [m.span() for m in triggers.CLAUSE_BREAK_NO_DASH.finditer(chunk)] == expected, chunk
        broken += bool(expected)
    assert broken > 100
    # the pattern without a dash is CLAUSE_BREAK's less its dash alternative, behind its guard
    assert triggers.CLAUSE_BREAK_NO_DASH.pattern.endswith(CLAUSE_BREAK_PLAIN.pattern.replace(r"|\s[–—]\s", "", 1))
    assert "–" not in triggers.CLAUSE_BREAK_NO_DASH.pattern


@pytest.mark.parametrize("after,party", [(", a Republican from Texas,", "Republican"), (" (D-Mass.)", "D"),
                                         (", R-Fla., said", "R"), (", who said", None)])
def test_party_after_pattern(after, party):
    found = roles.PARTY_AFTER.match(after)
    assert (found and (found.group(1) or found.group(2) or found.group(3))) == party


def _appositive_before_plain(before):
    """roles._appositive_before trying every place it used to: the start and the last 25 spaces."""
    for k in [0] + [x.start() for x in re.finditer(r"\s", before)][-25:]:
        candidate = roles.APPOSITIVE_BEFORE.match(before, k)
        if candidate and roles._title_of(candidate)[0]:
            return candidate
    return None


def test_appositive_before_tries_only_after_the_comma_before_the_last():
    found = tried = 0
    for chunk, tokens in _sentence_tokens():
        for t in tokens:
            before = chunk[:t.start - tokens[0].start]
            if not t.text[:1].isupper() or not roles.COMMA_BEFORE.search(before):
                continue
            tried += 1
            expected = _appositive_before_plain(before)
            got = roles._appositive_before(before)
            assert (got and got.span()) == (expected and expected.span()), before
            found += expected is not None
    made_up = ["Argentina's economy minister, ", "He met, on Monday, the foreign minister of Chile, ",
               "the president of YPF, the state oil company, ", "(the Treasury secretary, ", ", , , the envoy, Dr. "]
    for before in made_up:
        expected = _appositive_before_plain(before)
        assert (roles._appositive_before(before) or expected) is expected or \
            roles._appositive_before(before).span() == expected.span()
    assert tried > 200 and found > 20


def test_subdivision_country_searches_only_windows_with_an_office():
    from actorgraph.extract.lexicon import fold, knowledge

    assert roles._subdivision_country("said Texas Governor Greg Abbott") == "United States"  # compiles the pattern
    pattern, kb = roles._SUBDIVISION_RE["re"], knowledge()

    def plain(window):
        found = pattern.search(window)
        return kb.subdivisions.get(fold(found.group("a") or found.group("b"))) if found else None

    windows = [chunk[k:k + 100] for chunk, _ in _sentence_tokens() for k in range(0, len(chunk), 20)]
    windows += ["the GOVERNOR of Jujuy", "Santa Fe governor", "Mendoza Senator", "the Mayor of Córdoba",
                "Buenos Aires attorney general", "the governor of Texas", "Jujuy Legislator X"]
    placed = 0
    for window in windows:
        expected = plain(window)
        assert roles._subdivision_country(window) == expected, window
        placed += expected is not None
    assert placed >= 4


@pytest.mark.parametrize("words,title", [("co-secretaries general", "co-secretary general"), ("Secretaries of State", None),
                                         ("the secretary of state", None),
                                         ("secretaries", "secretary"), ("secretary", "secretary")])
def test_longest_title_reads_secretaries_as_before(words, title):
    # "secretaries" is read as "secretary" whether or not the test in front of the substitution admits it
    assert roles._longest_title(words) == roles._longest_title(re.sub(r"\bsecretaries\b", "secretary", words)) == title


def test_the_shipped_needs_table_is_current():
    import json
    from importlib import resources

    from actorgraph.extract.rulebook import NEEDS_FILE, needs_table

    shipped = json.loads((resources.files("actorgraph") / "data" / NEEDS_FILE).read_text(encoding="utf-8"))
    assert shipped == needs_table(), "run: .venv/bin/python tests/fixtures/trigger_needs.py"


def test_sharpen_never_drops_a_trigger_that_matches():
    """Every match of every trigger, in the development and tuning articles and in random text
    full of case traps and odd whitespace, keeps its trigger through Rulebook.sharpen."""
    from actorgraph.extract.rulebook import Rulebook, rulebook

    book = rulebook()
    assert sum(bool(t.needs) for t in book.triggers) > 100
    rnd = random.Random(7)
    pieces = sorted({text for t in book.triggers for need in t.needs for text in need})
    noise = [" ", "  ", "\n", "\u00a0", "\t", "ſ", "ı", "İ", "K", "’", ",", ".", "$5 billion ", "Argentina ", "the "]
    chunks = [chunk for chunk, _ in _sentence_tokens()]
    for _ in range(3000):  # the texts the triggers need, upper-cased and spaced oddly, among noise
        words = [rnd.choice(pieces) if rnd.random() < 0.6 else rnd.choice(noise) for _ in range(rnd.randint(1, 12))]
        chunk = "".join(w.upper() if rnd.random() < 0.2 else w.title() if rnd.random() < 0.2 else w for w in words)
        if rnd.random() < 0.3:  # letters re matches ignoring case that lower-case to something else
            chunk = chunk.replace(*rnd.choice([("s", "ſ"), ("i", "ı"), ("i", "İ"), ("I", "İ"), ("k", "K")]))
        chunks.append(chunk.replace(" ", rnd.choice([" ", "  ", "\n", "\u00a0"])) if rnd.random() < 0.3 else chunk)
    matched = dropped = 0
    for chunk in chunks:
        lowered = chunk.lower()
        kept = {id(t) for t in Rulebook.sharpen(list(book.triggers), lowered)}
        dropped += len(book.triggers) - len(kept)
        for t in book.triggers:
            if t.pattern.search(chunk):
                matched += 1
                assert id(t) in kept, f"{t.name}: {chunk!r} matches but needs {t.needs}"
    assert matched > 300 and dropped > len(chunks)  # triggers matched, and many were dropped: the test can fail


def test_needed_texts_read_from_patterns():
    from actorgraph.extract.rulebook import needed_texts

    assert needed_texts(r"\bloans?\s+from\b") == ((" from",), ("loan",))  # "s?" may be left out: two texts
    assert needed_texts(r"\b(?:praised|lauded)\s+by\b") == ((" by",), ("lauded", "praised"))  # one of them
    assert needed_texts(r"(?-i:US)\s+Tariffs?") == ((" tariff",),)  # \s+ as one space, lower-cased; a group ends a text
    assert needed_texts(r"\b(?:talks|x)\s+between") == ((" between",),)  # "x" too short: no need of the alternation
    assert needed_texts(r"loan\s\s+from") == needed_texts(r"loan \n from") == (("loan from",),)  # whitespace: one space
    assert needed_texts(r"(?<=from\s)\w+") == ()  # look-behinds give none
    assert needed_texts(r"(?:support)?\s*of") == ()  # optional parts give none; "of" is too short


def test_a_pattern_not_in_the_table_needs_nothing(tmp_path):
    from actorgraph.extract.rulebook import load_rulebook

    rules = tmp_path / "relations.yaml"
    words = ("words: {negations: [not], hedges: [may], desires: [seek], cancels: [lifted], intents: [plans], "
             "pending: [yet to], speech_verbs: [said], negative_cues: [wrong], positive_cues: [great], "
             "critic_nouns: [critics], supporter_nouns: [allies]}\n")
    rules.write_text("triggers:\n- name: sits-on-board\n  type: MEMBER_OF\n  pattern: '\\bsits\\s+on\\s+the\\s+board'\n"
                     "  anchors: [sits]\n  targets: [Organization]\n" + words, encoding="utf-8")
    (trigger,) = load_rulebook(rules).triggers
    assert trigger.needs == ()  # a stale table costs a search, never a match


def test_every_during_match_holds_one_of_its_words():
    """The trigger rule searches DURING per actor only where one of DURING_WORDS follows the trigger."""
    from actorgraph.extract.relations.clauses import DURING, DURING_WORDS

    texts = [chunk for chunk, _ in _sentence_tokens()] + [
        "a deal negotiated during the presidency of Mauricio Macri", "signed under the government of former X",
        "the debt taken on since the Macri administration of ", "the IMF program agreed after the term of then "]
    found = 0
    for text in texts:
        for end in range(len(text) + 1):
            match = DURING.search(text, 0, end)
            if match:
                found += 1
                assert any(word in match.group() for word in DURING_WORDS), match.group()
    assert found >= 4


def test_comma_before_answers_as_the_search_over_the_slice():
    made_up = ["He met, on Monday, the minister, ", "a, b,  c\n", "x,\t", "no comma here ", ", Dr. ", "a, b. ", ","]
    spans = [(text, s.start, t.start) for text in _texts() for s in split_sentences(text)
             for t in tokenize(text, s.start, s.end)] + [(t, 0, len(t)) for t in made_up]
    hits = 0
    for text, start, end in spans:
        expected = roles.COMMA_BEFORE.search(text[start:end]) is not None
        assert roles._comma_before(text, start, end) == expected, text[start:end]
        hits += expected
    assert hits > 100


def test_appositive_after_matches_only_after_a_comma_or_a_space():
    # roles._appositive_role tries APPOSITIVE_AFTER only where the next character is one of them
    tried = 0
    for text in _texts() + [", who was named economy minister, ", "\u00a0is a senator of Chile."]:
        for p in range(len(text)):
            if text[p] != "," and not text[p].isspace():
                tried += 1
                assert roles.APPOSITIVE_AFTER.match(text[p:p + 200]) is None, text[p:p + 80]
    assert tried > 1000


GUARD = re.compile(r"\(\?=\[(?:\\.|[^\]\\])*\]\)")  # the look-ahead patterns.guarded puts before a pattern


def _guarded_rule_patterns():
    from actorgraph.extract import relations
    from actorgraph.extract.relations import (agreements, clauses, meetings, members, pronouns, quotes, reported,
                                              stance)
    for module in (relations, agreements, clauses, meetings, members, pronouns, quotes, reported, roles, stance,
                   triggers):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and GUARD.match(value.pattern):
                yield f"{module.__name__}.{name}", value


def test_guarded_rule_patterns_find_what_their_plain_patterns_find():
    """Every module-level pattern of the rules behind a guard (patterns.guarded) finds, in whole
    sentences and in the windows the rules search (from a position, up to one), what the pattern
    without the guard finds."""
    texts = [chunk for chunk, _ in _sentence_tokens()]
    rnd = random.Random(16)
    letters = " ,;:'’”\"\n\u00a0aeinorstdhlwAEITHSWſKİı-"
    texts += ["".join(rnd.choice(letters) for _ in range(rnd.randint(0, 40))) for _ in range(300)]
    patterns = list(_guarded_rule_patterns())
    assert len(patterns) > 60
    for name, pattern in patterns:
        plain = re.compile(GUARD.sub("", pattern.pattern, count=1), pattern.flags)
        for text in texts:
            expected = [m.span() for m in plain.finditer(text)]
            assert [m.span() for m in pattern.finditer(text)] == expected, (name, text)
            for _ in range(2):
                pos = rnd.randint(0, len(text))
                end = rnd.randint(pos, len(text))
                hit, got = plain.search(text, pos, end), pattern.search(text, pos, end)
                assert (got and got.span()) == (hit and hit.span()), (name, text, pos, end)


def test_start_texts_read_from_patterns():
    from actorgraph.extract.rulebook import start_texts

    assert start_texts(r"\b(?:met|meets)\s+with") == ("meets", "met")  # the alternation's texts, up to the space
    assert start_texts(r"(?-i:\b(?:[Ss]upport(?:s|ed)?|[Bb]acking))") == ("backing", "support")  # one letter either case
    assert start_texts(r"\b(?<!\bin\s)(?=[mt])(?:met|talks)") == ("met", "talks")  # look-arounds take no text
    assert start_texts(r"(?<=['’]s\s)ally") == ()  # no \b first: the match may begin inside a word
    assert start_texts(r"\b(?:loan|)") == ()  # an alternative that may be empty
    assert start_texts(r"\b[a-z]+\s+loan") == start_texts(r"\b(?:\$5|loan)") == ()  # a set; a text not begun by a letter


def test_begin_texts_of_a_trigger():
    from actorgraph.extract.rulebook import _begins

    assert _begins(("meets", "met"), ("meet", "met", "talk")) == ("meet", "met")  # each begins with an anchor: those anchors
    assert _begins(("criticism", "critics"), ("criti", "critic")) == ("criti",)  # one place, tried once
    assert _begins(("phone call", "talks"), ("call", "talk")) == ("phone call", "talks")  # else the texts
    assert _begins(("backed", "backing", "back"), ("x",)) == ("back",)  # less those that begin with another
    assert _begins(("to", "met"), ("met",)) == _begins((), ("met",)) == ()  # "to" too short; nothing known


def test_triggers_searched_from_their_begin_texts_find_what_finditer_finds():
    """Rulebook.matches tries a trigger with begin texts only where the automaton found one at a
    word start: the same matches as its finditer over the sentence, over the development and
    tuning sentences and random text with case traps and odd letters."""
    from actorgraph.extract.rulebook import rulebook

    book = rulebook()
    assert sum(bool(t.begins) for t in book.triggers) > 120
    rnd = random.Random(11)
    starts = sorted({a for t in book.triggers if t.begins for a in t.begins + t.anchors})
    noise = [" ", "  ", "\n", "-", "’s ", "ſ", "ı", "İ", "K", "é", "x", "4", "_", "(", "“", "Argentina ", "the ", "with "]
    chunks = [chunk for chunk, _ in _sentence_tokens()]
    for _ in range(3000):  # anchors (inside words too) and their endings among noise, in either case
        words = [rnd.choice(starts) + rnd.choice(["", "s", "ed", "ing", " with ", " to ", " by ", " of "])
                 if rnd.random() < 0.5 else rnd.choice(noise) for _ in range(rnd.randint(1, 10))]
        chunks.append("".join(w.upper() if rnd.random() < 0.15 else w.title() if rnd.random() < 0.2 else w
                              for w in words))
    fast = 0
    for chunk in chunks:
        lowered = chunk.lower()
        admitted, hits = book.admitted(lowered, chunk)
        assert admitted == book.candidates(lowered)
        for t in admitted:
            found = [m.span() for m in book.matches(t, chunk, hits)]
            assert found == [m.span() for m in t.pattern.finditer(chunk)], (t.name, chunk)
            fast += bool(found) and bool(t.begins) and hits is not None
    assert fast > 300  # matches found from the anchors: the test can fail


def test_described_before_answers_as_its_search():
    """find_subjects searches _DESCRIBED_BEFORE only in a text that begins with "a" or holds a comma."""
    from actorgraph.extract.relations.clauses import _DESCRIBED_BEFORE, _described

    texts = [chunk[max(0, end - 30):end] for chunk, _ in _sentence_tokens() for end in range(1, len(chunk) + 1)
             if chunk[end - 1] == " "]  # the 30 characters before every word
    texts += ["a Peronist ", "said, an ", "an Argentine Senator ", "a\u00a0", ", a\n", "x, a Y Z ", "and a "]
    found = 0
    for text in texts:
        assert _described(text) == bool(_DESCRIBED_BEFORE.search(text)), text
        found += _described(text)
    assert found >= 5


def test_start_texts_pass_over_a_part_that_may_be_left_out():
    from actorgraph.extract.rulebook import start_texts

    assert start_texts(r"\b(?:(?:strong|key)\s+)?partner") == ("key", "partner", "strong")  # the part, or what follows
    assert start_texts(r"\b(?:talks|(?:video\s+)?call)\s+with") == ("call", "talks", "video")
    assert start_texts(r"\b(?:\w+\s+)?loan") == start_texts(r"\b((?:the\s+)?)loan") == ()  # unknown; empty in its group
