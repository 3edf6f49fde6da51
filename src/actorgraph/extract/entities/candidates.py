"""Name candidates of each sentence: capitalised runs classified by keyword, titles, known names, special shapes."""

from __future__ import annotations

import re
from bisect import bisect_left

from .. import dates
from ..lexicon import (AGREEMENT_KEYWORDS, COMMON, EVENT_KEYWORDS, GEO_WORDS, Knowledge, ORG_CLASS_NOUNS,
                       ORG_FIRST_WORDS, ORG_KEYWORDS, POLITICAL_WORDS, TITLE_SET, entity_words, fold, knowledge)
from ..text import Sentence, Token, quote_spans, tokenize
from ..patterns import guarded
from .model import ArticleEntities, Candidate, _NONE
from .words import (ANALYSTS, CONNECTORS, INSTITUTIONS, METONYM_HEADS, MONTHS, NAME_PARTICLES, ORG_MODIFIERS,
                    PORTFOLIO_TITLES, QUOTE_OPEN, TITLE_EDGE_WORDS)


LIST_ORG_RE = re.compile(
    r"\b(?:Ministry|Department|Secretariat|Office|Commission|Committee) (?:of|for) "
    r"(?:the )?[A-Z][\w-]+(?:, [A-Z][\w-]+)*,? and [A-Z][\w-]+")


DOMAIN_RE = re.compile(r"\b[A-Z][A-Za-z0-9-]+\.(?:org|com|net|gov|io|info)\b")


BRACKET_RE = re.compile(r"\[([A-Z][A-Za-z&.' ]{1,30})\]")


_ACRONYM_HEAD = (r"\s+((?:[a-z]+\s+){0,3}(?:agency|movement|party|group|bloc|union|coalition|fund|"
                 r"bank|office|institute|council|commission|organization|organisation|network|foundation))\b")
ACRONYM_PHRASE_RE = re.compile(r"\b([A-Z]{2,6})" + _ACRONYM_HEAD)


# longest first, then in alphabetical order: the same pattern text in every process (a set's order
# changes from run to run), so the compiled pattern kept between runs is found again
_ORG_HEADS = "|".join(sorted({w.capitalize() for w in ORG_KEYWORDS if w.isalpha() and len(w) > 3},
                             key=lambda w: (-len(w), w)))


_POSSESSIVE_TAIL = r"((?: [A-Z][\w-]+){0,3}) (?:" + _ORG_HEADS + r")\b"  # "'s Bank", "' Beef Association"
POSSESSIVE_ORG_RE = re.compile(
    r"\b(?:(?!The\b|A\b|An\b)[A-Z][\w-]+ ){0,2}(?P<owner>[A-Z][a-z]+)(?:['’]s|(?<=s)['’])" + _POSSESSIVE_TAIL +
    r"(?: (?:of|for) (?:the )?[A-Z][\w-]+(?: [A-Z][\w-]+){0,2})?")


OWNED_TITLE_RE = re.compile(r"\b([A-Z][\w-]+)['’]s (?:new |former |current )?(?:chairman|chairwoman|chief executive|"
                            r"CEO|shareholders|board|subsidiary|founder)\b")


_APOSTROPHE_RE: dict = {}


def _apostrophe_re(kb: Knowledge) -> re.Pattern:
    """Known names with an apostrophe ("Moody's"), which the tokenizer splits."""
    if "re" not in _APOSTROPHE_RE:
        names = [re.escape(n) for n in kb.apostrophe_names] or ["(?!x)x"]
        _APOSTROPHE_RE["re"] = guarded(re.compile(r"(?<![\w-])(?:" + "|".join(names) + r")(?![\w-])"))
    return _APOSTROPHE_RE["re"]


_NAME_WORD = r"[A-Z][\w'’.-]*"


NICKNAME_RE = re.compile(
    rf"\b(?P<first>{_NAME_WORD}(?:\s{_NAME_WORD})?)\s+[“\"‘](?P<nick>{_NAME_WORD}(?:\s{_NAME_WORD})?)[”\"’]\s+"
    rf"(?P<last>(?:(?:de|del|da|van|von|la)\s)?{_NAME_WORD}(?:\s(?:(?:de|del|da|van|von|la)\s)?{_NAME_WORD})?)")


# what every NICKNAME_RE match holds from its opening quotation mark on: the quoted name, then
# the surname's first capital (NICKNAME_RE begins with \b, so it is tried at every position)
_QUOTED_NICKNAME_RE = re.compile(
    rf"[“\"‘]{_NAME_WORD}(?:\s{_NAME_WORD})?[”\"’]\s+(?:(?:de|del|da|van|von|la)\s)?[A-Z]")


CAPS_WORD_BEFORE_RE = re.compile(r"\b[A-Z]{2,}[\s-]+$")


# cheap tests that let a sentence skip a pattern that cannot match it (a pattern that begins
# with \b is tried at every position; one that begins with a character or a set is not)
_DOMAIN_END_RE = re.compile(r"\.(?:org|com|net|gov|io|info)\b")  # the end of every DOMAIN_RE match
# every ACRONYM_PHRASE_RE match but for its "\b": tried only at capitals (a set of first characters
# re steps over the rest with), and it needs the head word, which few sentences with two capitals
# hold ("US", "IMF"), so the pattern itself, tried at every character, runs on few
_ACRONYM_PHRASE_TAIL_RE = re.compile(r"[A-Z][A-Z]{1,5}" + _ACRONYM_HEAD)
_LIST_ORG_HEAD_RE = re.compile(r"(?:Ministry|Department|Secretariat|Office|Commission|Committee) (?:of|for) ")
# the apostrophe and the rest of every POSSESSIVE_ORG_RE match: tried only at an apostrophe (re
# steps over the other characters in C), where " (?:Heads)" was tried at every space
# (both tails are searched from the sentence's first apostrophe, where a match can first begin)
_POSSESSIVE_TAIL_RE = re.compile(r"['’]s?" + _POSSESSIVE_TAIL)
_OWNED_TITLE_TAIL_RE = re.compile(OWNED_TITLE_RE.pattern[OWNED_TITLE_RE.pattern.index("['’]s"):])


def _first_apostrophe(chunk: str) -> int:
    """Where the first apostrophe of ``chunk`` stands (-1: none): the possessive patterns' tails
    begin at one, so they are searched from there."""
    straight = chunk.find("'")
    curly = chunk.find("’", 0, straight if straight >= 0 else len(chunk))
    return curly if curly >= 0 else straight


def _quoted_nickname(chunk: str) -> bool:
    """_QUOTED_NICKNAME_RE.search, its opening mark looked for first by "in" (a C scan): re tests a
    set of characters beyond Latin-1 one character at a time, and most sentences hold none."""
    return ("“" in chunk or '"' in chunk or "‘" in chunk) and _QUOTED_NICKNAME_RE.search(chunk) is not None


NOT_LETTER_RE = re.compile(r"[^A-Za-z]")
_LOWER_LETTER_RE = re.compile(r"[a-z]")


_SENTENCE_OPENERS = QUOTE_OPEN + ":—–;“"  # a token that is part of this text opens a sentence before a run


def find_candidates(result: ArticleEntities) -> None:
    """Tokens and name candidates of every sentence (capitalised runs, titles, known names, shapes)."""
    kb = knowledge()
    for sentence in result.sentences:
        tokens = tokenize(result.text, sentence.start, sentence.end)
        result.tokens.append(tokens)
        result.candidates.append(_candidates(result.text, sentence, tokens, kb))


def register_names(result: ArticleEntities) -> None:
    """What is known or multi-word first, so single words can be linked to it."""
    for cands in result.candidates:
        for cand in cands:
            if cand.label and cand.name:
                result.add(cand.name, cand.label, cand.surface, cand.country)


# --- candidates from capitalised runs --------------------------------------------------

def _candidates(text: str, sentence: Sentence, tokens: list[Token], kb: Knowledge) -> list[Candidate]:
    if sentence.kind == "boilerplate":
        return []  # "Related Topics: Argentina, United States", "Read more: ...": site furniture, no actors
    known_only = sentence.kind != "body"
    out: list[Candidate] = []
    taken: list[tuple[int, int]] = []

    def claim(cand: Candidate) -> None:
        out.append(cand)
        taken.append((cand.start, cand.end))

    chunk = text[sentence.start:sentence.end]
    base = sentence.start
    # " and " is part of every LIST_ORG_RE match and is found by a C loop (absent from half the sentences)
    for m in (LIST_ORG_RE.finditer(chunk) if " and " in chunk and _LIST_ORG_HEAD_RE.search(chunk) else ()):
        last = m.group().rsplit(" ", 1)[1]
        if last.lower() in ORG_KEYWORDS or kb.lookup(last) or re.match(r" (?:of|for|on)\b", chunk[m.end():]):
            continue  # "the Department of Commerce and Department of State": two bodies, not one list
        claim(Candidate(base + m.start(), base + m.end(), m.group(), "Organization", m.group()))
    for m in (DOMAIN_RE.finditer(chunk) if _DOMAIN_END_RE.search(chunk) else ()):
        claim(Candidate(base + m.start(), base + m.end(), m.group(), "Organization", m.group()))
    for m in (BRACKET_RE.finditer(chunk) if "[" in chunk else ()):
        known = kb.lookup(m.group(1))
        name = known.name if known else m.group(1)
        claim(Candidate(base + m.start(1), base + m.end(1), m.group(1), "Organization", name))
    apostrophe = _first_apostrophe(chunk)
    for m in (_apostrophe_re(kb).finditer(chunk) if apostrophe >= 0 or "&" in chunk else ()):
        known = kb.lookup(m.group())
        if known and not any(s <= base + m.start() < e for s, e in taken):
            claim(Candidate(base + m.start(), base + m.end(), m.group(), known.label, known.name, known.country))
    for m in (POSSESSIVE_ORG_RE.finditer(chunk) if apostrophe >= 0 and _POSSESSIVE_TAIL_RE.search(chunk, apostrophe)
              else ()):
        # "People's Bank of China", "National Cattlemen's Beef Association": the possessive is
        # part of the name when the possessor is no actor and an organisation keyword ends it
        owner = m.group("owner")
        if kb.lookup(owner) or kb.lookup("the " + owner) and chunk[max(0, m.start("owner") - 4):m.start("owner")] in (
                "the ", "The ") or fold(owner) in kb.surnames or known_only or \
                any(s <= base + m.start() < e for s, e in taken):
            continue
        surface = m.group().strip()
        known = kb.lookup(surface)
        claim(Candidate(base + m.start(), base + m.start() + len(surface), surface, "Organization",
                        known.name if known else surface))
    for m in (OWNED_TITLE_RE.finditer(chunk) if apostrophe >= 0 and _OWNED_TITLE_TAIL_RE.search(chunk, apostrophe)
              else ()):
        # "Techint's chairman": an unknown word whose chairman or shareholders are named is a firm
        word = m.group(1)
        if kb.lookup(word) or fold(word) in kb.surnames or known_only or _never_a_name(word, kb) or \
                any(s <= base + m.start() < e for s, e in taken):
            continue
        claim(Candidate(base + m.start(1), base + m.end(1), word, "Organization", word))
    for m in NICKNAME_RE.finditer(chunk) if not known_only and _quoted_nickname(chunk) else ():
        # 'Luis "Toto" Caputo': one person, named without the nickname
        if any(s <= base + m.start() < e for s, e in taken):
            continue
        first, last, start = m.group("first"), m.group("last"), m.start()
        if " " in first and not _person_like(tokenize(f"{first} {last}"), kb):
            start += first.index(" ") + 1  # "Minister Luis": the title is no part of the name
            first = first.split(" ", 1)[1]
        known = kb.lookup(f"{first} {last}")
        words = tokenize(f"{first} {last}")
        if known is None and not _person_like(words, kb):
            continue
        name = known.name if known else _person_name(words)
        claim(Candidate(base + start, base + m.end(), chunk[start:m.end()], "Person", name,
                        known.country if known else None))
    for m in ACRONYM_PHRASE_RE.finditer(chunk) if _ACRONYM_PHRASE_TAIL_RE.search(chunk) else ():
        if m.group(1) in kb.acronyms or m.group(2).split()[0] in {"and", "or", "the"} or \
                set(m.group(2).split()) & entity_words().clause_words:
            continue  # "MAGA is a movement": a clause, not a name
        if CAPS_WORD_BEFORE_RE.search(chunk, 0, m.start()) or m.group(1).lower() in COMMON:
            continue  # "MAKE ARGENTINA GREAT AGAIN movement": the end of a slogan, no acronym
        phrase = m.group()
        known = kb.lookup(phrase) or kb.lookup(m.group(1))
        if len(m.group(2).split()) == 1:
            name = known.name if known else phrase
        else:
            name = known.name if known else m.group(2).title()
        cand = Candidate(base + m.start(), base + m.end(), phrase, "Organization", name)
        claim(cand)
        out.append(Candidate(base + m.start(1), base + m.end(1), m.group(1), "Organization", name))

    if sentence.kind != "body" and not _LOWER_LETTER_RE.search(chunk):
        # a line with a lower-case letter is not in capitals (found without copying its letters)
        letters = NOT_LETTER_RE.sub("", chunk)
        if len(letters) >= 4 and letters.isupper():
            return []  # "WHO'S WHO", "THE LEAD": section headings in capitals name nobody
    quotes = _line_quotes(text, sentence.start, sentence.end)
    i, n = 0, len(tokens)
    classed_end = -1
    caps = _capitalised(tokens)  # most tokens are not, and a run begins at one
    capped = set(caps)  # "k in capped" is _capword(tokens[k]), asked without a call below
    while i < n:
        k = bisect_left(caps, i)
        if k == len(caps):
            break
        i = caps[k]
        tok = tokens[i]
        if taken and any(s <= tok.start < e for s, e in taken):
            i += 1
            continue
        j = i + 1
        while j < n:
            t = tokens[j]
            if taken and any(s <= t.start < e for s, e in taken):
                break
            if j in capped:
                j += 1
                continue
            if t.text == "." and len(tokens[j - 1].text) == 1 and j + 1 in capped:
                j += 1  # initial: Donald J. Trump
                continue
            if t.lower in CONNECTORS:
                k = j
                while k < n and tokens[k].lower in CONNECTORS:
                    k += 1
                if k in capped and _joins(tokens, i, j, k):
                    j = k
                    continue
            break
        run = tokens[i:j]
        start_of_sentence = i == 0 or tokens[i - 1].text in _SENTENCE_OPENERS
        quoted = i > 0 and tokens[i - 1].text in "“\"‘" and j < n and tokens[j].text in "”\"’"
        before = tokens[i - 1].lower if i > 0 else ""
        class_word = before in ORG_CLASS_NOUNS or before in ("state-owned", "state-run", "state-backed") or (
            before.endswith("s") and before[:-1] in ORG_CLASS_NOUNS and before[:-1] not in ("union", "group"))
        if i > 1 and before in ("and", ",") and classed_end == i - 1:
            class_word = True  # "the operators Telecom Argentina and Claro"
        if i > 1 and before == "at" and tokens[i - 2].lower in ANALYSTS:
            class_word = True  # "analysts at Itaú BBA"
        classed = i > 0 and class_word and (tokens[i - 1].text.islower() or before == "at") \
            and not known_only and not kb.lookup(_surface(run))
        if class_word and not classed and kb.lookup(_surface(run)):
            classed_end = j  # "the operators Telecom Argentina and Claro": the list goes on
        if classed and not _match_title(run, 0) and not kb.lookup(tokens[i].text) and (
                j - i > 1 or not any(kb.lookup(t.text) for t in run)):
            # "the consultancy Equilibra", "the pipe maker Tenaris": named by what it is
            s_, e_, surface = _span(run)
            out.append(Candidate(s_, e_, surface, "Organization", surface))
            classed_end = j
            i = j
            continue
        if 2 <= j - i <= 3 and j < n and tokens[j].text == "," and not known_only and \
                APPOSITIVE_CLASS_RE.match(text, tokens[j - 1].end) and not kb.lookup(_surface(run)) and \
                not any(kb.lookup(t.text) for t in run) and not _match_title(run, 0) and \
                not re.match(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:group|union|fund)\s+(?:leader|chief|head)",
                             text[tokens[j - 1].end:tokens[j - 1].end + 60]):
            # "Lithium Andino, a Salta-based producer": the whole name, even with a common first word
            s_, e_, surface = _span(run)
            out.append(Candidate(s_, e_, surface, "Organization", surface))
            i = j
            continue
        slogan = j - i > 1 and _in_capitals(run) and not kb.lookup(_surface(run))  # (one word: never)
        # "MAKE ARGENTINA GREAT AGAIN", "ARGENTINA FIRST": a slogan in capitals; only known names count
        for cand in _classified_run(run, kb, start_of_sentence, quoted, known_only or slogan):
            # A candidate is dropped for the words around its run only if it is an unknown untitled
            # person, or an unknown name of another kind in quotation marks: those words are read
            # for such a candidate only (most runs give none; they were read for every run). The
            # checks are pure, so asking them in another order drops the same candidates
            # (tests/test_entity_passes.py compares this with the checks made for every run).
            label = cand.label
            if label == "Person" and not cand.titled and not kb.lookup(cand.surface) and \
                    _placed(tokens, i, j, cand, start_of_sentence):
                continue
            if label not in (None, "Agreement", "Organization") and cand.name == cand.surface and quotes and \
                    any(s < tokens[i].start < e for s, e in quotes) and not kb.lookup(cand.surface):
                continue  # unknown capitalised phrases inside quotations are slogans, not actors
            out.append(cand)
        i = j
    return out


_FACILITY_WORDS = frozenset({"project", "projects", "mine", "deposit", "field", "formation", "basin", "plant",
                             "station", "port", "refinery", "dam"})


def _placed(tokens: list[Token], i: int, j: int, cand: Candidate, start_of_sentence: bool) -> bool:
    """Do the words around the run tokens[i:j] make its unknown, untitled person ``cand`` a site,
    a place or an office's place rather than a person?"""
    n = len(tokens)
    if j < n and tokens[j].lower in _FACILITY_WORDS:
        return True  # "the Tres Quebradas project": a site, not a person
    after_in = i > 0 and tokens[i - 1].lower in ("in", "near", "outside", "at") and not (
        j < n and tokens[j].lower in ("'s",))
    place_start = tokens[i].start
    if not after_in and start_of_sentence and j - i > 2 and tokens[i].lower in ("in", "near", "outside", "at") \
            and not (j < n and tokens[j].lower in ("'s",)):
        after_in, place_start = True, tokens[i + 1].start  # "In Mar del Plata, ...": a place
    if after_in and cand.start == place_start:
        return True  # "a summit in Rio de Janeiro": a place
    qualifier = j + 1 < n and tokens[j].text.islower() and _title_word(tokens[j].lower) and _capword(tokens[j + 1])
    return qualifier and cand.end == tokens[j - 1].end  # "Santa Fe governor Maximiliano Pullaro": the words place the office


# the last line read: the text, where the line begins and ends, its quotations
_LAST_LINE: list = [None, 0, -1, []]


def _line_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quotations of the line that holds text[start:end]. A line's sentences come one after
    another, so the last line is kept: a span inside it (a line holds no newline) is on that
    line, whose ends searching from the span would find again (the searches back to the line's
    start ran over the whole paragraph before each sentence)."""
    last = _LAST_LINE
    if last[0] is text and last[1] <= start and end <= last[2]:
        return last[3]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    quotes = quote_spans(text, line_start, line_end)
    # kept only when the span is one line: a span holding a newline covers several, and a later
    # span inside them has a line of its own
    _LAST_LINE[:] = [text, line_start, line_end, quotes] if text.find("\n", start, end) < 0 else [None, 0, -1, []]
    return quotes


def _in_capitals(run: list[Token]) -> bool:
    """Two or more words, every one in capitals: a slogan or a shouted heading, not a name."""
    first = run[0].text if run else ""
    if len(run) < 2 or first[:1].isalpha() and not first.isupper():
        return False  # most runs: one word, or a first word not in capitals (the answer below, sooner)
    words = [t.text for t in run if t.text[:1].isalpha()]
    return len(words) >= 2 and all(w.isupper() and len(w) >= 2 for w in words)


def _capitalised(tokens: list[Token]) -> list[int]:
    """The indices of the tokens that are _capword, listed at once (a token's text is never
    empty: its first character is read without slicing). A loop, not a comprehension: about a
    fifth faster on Python 3.11, which calls a comprehension as a function of its own."""
    caps = []
    k = -1
    for t in tokens:
        k += 1
        if (initial := t.text[0]).isupper() and initial.isalpha() and t.lower not in _HEADLINE_VERBS:
            caps.append(k)
    return caps


def _capword(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text[0].isalpha() and tok.lower not in _HEADLINE_VERBS


# verbs a headline in title case puts between names ("Trump Is Right Foundation"): a run stops
# there; "Will" and "May" are also first names and months
_HEADLINE_VERBS = entity_words().clause_words - {"will", "may", "can", "must", "shall", "do"}


WEEKDAYS = frozenset(dates.WEEKDAYS)  # ext-roles3


def _joins(tokens: list[Token], i: int, j: int, k: int) -> bool:
    """May the connector words tokens[j:k] join the run tokens[i:j] to the capital at k?"""
    words = [t.lower for t in tokens[j:k]]
    left = tokens[j - 1].lower
    if tokens[k].lower in WEEKDAYS or words == ["on"] and tokens[k].lower in MONTHS:
        return False  # ext-roles3: "the Commerce Department on Monday": a date, no part of the name
    if words == ["and"] and _known_with_and(tokens, i):
        return True  # "Industrial and Commercial Bank of China": a known name with "and" inside
    if words == ["and"]:
        # "Organization for Economic Cooperation and Development", "Agreement on Trade and
        # Investment"; not "Milei and Trump", nor "Bank of America and JPMorgan Chase" (a name of
        # its own, or one that ends like an organisation, follows the "and")
        inside = [tokens[x].lower for x in range(i, j)]
        keyworded = any(w in ORG_KEYWORDS for w in inside) or inside[0] in AGREEMENT_KEYWORDS
        if j - i == 1 and _and_agreement(tokens, i, k):
            return True  # ext-parties: "the Belt and Road Initiative": one name, not "Road Initiative"
        if not (keyworded and any(w in ("for", "of", "on") for w in inside)):
            return False
        r = k
        while r < len(tokens) and _capword(tokens[r]):
            r += 1
        kb = knowledge()
        right = tokens[k:r]
        return not (kb.lookup(_surface(right)) or kb.lookup(right[0].text) or right[-1].lower in ORG_KEYWORDS)
    if "and" in words:
        return False
    if all(w in NAME_PARTICLES for w in words):
        return True
    if words[0] == "in":
        return left in {"embassy", "consulate", "office", "mission", "commerce"}  # "Chamber of Commerce in X"
    if words[0] in {"of", "for", "on"}:
        return (left in ORG_KEYWORDS or left in EVENT_KEYWORDS or left in AGREEMENT_KEYWORDS
                or tokens[i].lower in AGREEMENT_KEYWORDS
                or _title_word(left) or any(tokens[x].lower in ORG_KEYWORDS for x in range(i, j)))
    return False


def _and_agreement(tokens: list[Token], i: int, k: int) -> bool:
    """'Belt and Road Initiative': one unknown word, 'and', one or two capitalised words ending in
    an agreement keyword (ext-parties)."""
    r = k
    while r < len(tokens) and r - k < 3 and _capword(tokens[r]):
        r += 1
    right = tokens[k:r]
    kb = knowledge()
    if "surnames" not in _AND_NAMES:
        _AND_NAMES["surnames"] = frozenset(a.name.split()[-1] for a in kb.actors.values() if a.label == "Person")
    surnames = _AND_NAMES["surnames"]
    return 2 <= len(right) <= 3 and right[-1].lower in AGREEMENT_KEYWORDS and right[-1].lower != "deal" and \
        not kb.lookup(tokens[i].text) and not kb.lookup(right[0].text) and not kb.is_demonym(tokens[i].text) and \
        tokens[i].text not in surnames and right[0].text not in surnames


_AND_NAMES: dict = {}


def _known_with_and(tokens: list[Token], i: int) -> bool:
    """Whether the tokens from ``i`` begin a known name with "and" inside it."""
    if "names" not in _AND_NAMES:
        _AND_NAMES["names"] = tuple(n for n in knowledge().names if " and " in n)
    names = _AND_NAMES["names"]
    if not names:
        return False
    start = fold(" ".join(t.text for t in tokens[i:i + 8]))
    start = start[4:] if start.startswith("the ") else start
    return start.startswith(names)  # any of them (a tuple), in one C call


def _title_word(word: str) -> bool:
    return word in TITLE_EDGE_WORDS


# What _classify_run made of a run, by the run's words, where they stand relative to its first
# one, and the three flags: its answer depends on nothing else (the knowledge tables and word
# lists do not change after loading), and the same names come back again and again, within an
# article and across articles ("President Javier Milei", "the Federal Reserve"). Offsets are
# kept relative to the run's start and each call gets new Candidate objects, so a pass that
# edits a candidate changes no other. Bounded, as Knowledge.lookup's memo is;
# tests/test_entity_passes.py checks the memo's answers against _classify_run's own.
_RUNS: dict = {}


def _classified_run(run: list[Token], kb: Knowledge, start_of_sentence: bool, quoted: bool,
                    known_only: bool) -> list[Candidate]:
    """``_classify_run``, remembered per run of words."""
    if not run:
        return []
    base = run[0].start
    if len(run) == 1:  # most runs (a word alone stands at the run's start): the word is key enough
        key = (run[0].text, start_of_sentence, quoted, known_only)
    else:
        key = (tuple([t.text for t in run]), tuple([t.start - base for t in run]), start_of_sentence, quoted,
               known_only)
    found = _RUNS.get(key)
    if found is None:
        if len(_RUNS) >= 1 << 16:
            _RUNS.clear()
        found = _RUNS[key] = tuple((c.start - base, c.end - base, c.surface, c.label, c.name, c.country, c.titled)
                                   for c in _classify_run(run, kb, start_of_sentence, quoted, known_only))
    if len(found) == 1:  # most runs give one candidate or none: no comprehension called for them
        s, e, surface, label, name, country, titled = found[0]
        return [Candidate(base + s, base + e, surface, label, name, country, titled)]
    return [Candidate(base + s, base + e, surface, label, name, country, titled)
            for s, e, surface, label, name, country, titled in found] if found else []


def _classify_run(run: list[Token], kb: Knowledge, start_of_sentence: bool, quoted: bool,
                  known_only: bool) -> list[Candidate]:
    out: list[Candidate] = []
    if not run:
        return out
    whole = _whole_run(run, kb, known_only)
    if whole:
        return [whole]
    if len(run) == 1 and "-" in run[0].text and not kb.lookup(run[0].text):
        parts, offset = [], run[0].start
        for piece in run[0].text.split("-"):
            parts.append(Token(piece, offset, offset + len(piece)))
            offset += len(piece) + 1
        known = [kb.lookup(p.text) for p in parts]
        if all(known):
            return [Candidate(p.start, p.end, p.text, k.label, k.name, k.country) for p, k in zip(parts, known)]
    spanish = _spanish_body_of_country(run, kb) if not known_only and len(run) >= 4 else None
    if spanish:
        return [spanish]
    # _gazetteer's answer at each word, asked once: the loop below asks again at the word where the
    # last chunk stopped (and the office check at the chunk's first); it reads only the run and
    # the knowledge tables, and a candidate it made is kept once at most (pos only rises)
    known_at: dict[int, tuple[int, Candidate] | None] = {}

    def gazetteer(at: int) -> tuple[int, Candidate] | None:
        if at not in known_at:
            known_at[at] = _gazetteer(run, at, kb)
        return known_at[at]

    pos, n = 0, len(run)
    while pos < n:
        found = gazetteer(pos)
        if found:
            end, cand = found
            out.append(cand)
            pos = end
            continue
        title_end = _match_title(run, pos)
        if title_end:
            pos = title_end  # the title itself is no actor; relations.py reads it as a role
            continue
        k = pos + 1
        while k < n and not gazetteer(k) and not _match_title(run, k):
            k += 1
        chunk = run[pos:k]
        titled = pos > 0 and _match_title_ending(run, pos)
        if k < n and len(chunk) <= 2 and run[k].lower in PORTFOLIO_TITLES and k + 1 < n and \
                not gazetteer(pos) and not kb.lookup(_surface(chunk)):
            pos = k  # "Human Capital Minister Sandra Pettovello": the office, not an organisation
            continue
        cand = _classify_chunk(chunk, kb, start_of_sentence and pos == 0, quoted, known_only, titled)
        if cand:
            out.append(cand)
        pos = k
    return out


SPANISH_OF = frozenset({"de", "del", "la", "los", "las", "of"})
NOT_A_BODY_OF_PLACE = frozenset({"province", "state", "city", "governor", "governorship", "people", "provincia"})
SPANISH_BODY_WORDS = frozenset({"central", "centrales", "trabajadores", "comercio", "industria", "industriales",
                                "productores", "exportadores", "empresarios"})  # ext-roles3


def _spanish_body_of_country(run: list[Token], kb: Knowledge) -> Candidate | None:
    """'Central de Trabajadores de la Argentina', 'Cámara de Comercio de los Estados Unidos' (ext-roles3):
    a body named in Spanish 'of' a country is one organisation, not a body and a country."""
    if not any(t.lower in SPANISH_OF for t in run[1:-1]):
        return None  # most runs have no Spanish "de" inside
    if run[0].lower == "the":
        run = run[1:]  # a sentence's first word
    for p in range(2, len(run)):
        if run[p - 1].lower not in SPANISH_OF:
            continue
        place = _surface(run[p:])
        country = kb.lookup(place)
        if country is not None and country.label == "Country":
            country = country.name
        elif fold(place) in kb.subdivisions and run[p - 1].lower == "of":
            country = kb.subdivisions[fold(place)]  # "the National University of San Juan"
        else:
            continue
        body = {t.lower for t in run[:p]}
        if run[0].lower in SPANISH_OF or not body & (ORG_FIRST_WORDS | ORG_KEYWORDS | SPANISH_BODY_WORDS) or \
                body & (METONYM_HEADS | NOT_A_BODY_OF_PLACE):
            return None
        s_, e_, surface = _span(run)
        known = kb.lookup(surface)
        return Candidate(s_, e_, surface, "Organization", known.name if known else surface, country)
    return None


def _surface(tokens: list[Token]) -> str:
    """The tokens as written, one space where the text has any."""
    if len(tokens) == 1:
        return tokens[0].text.strip()
    parts, prev_end = [], None
    for t in tokens:
        if prev_end is not None and t.start > prev_end:
            parts.append(" ")
        parts.append(t.text)
        prev_end = t.end
    return "".join(parts).strip()


def _span(tokens: list[Token], text_surface: str | None = None) -> tuple[int, int, str]:
    return tokens[0].start, tokens[-1].end, text_surface or _surface(tokens)


def _whole_run(run: list[Token], kb: Knowledge, known_only: bool) -> Candidate | None:
    """A run that names one thing as a whole: known, an Act, an org with a place inside."""
    words = [t.lower for t in run]
    start = 0
    while start < len(run) - 1 and words[start] in {"the", "a", "an"}:
        start += 1
    body = run[start:]
    if len(body) < 2:
        return None
    s, e, surface = _span(body)
    known = kb.lookup(surface)
    if known:
        return Candidate(s, e, surface, known.label, known.name, known.country)
    last = body[-1].lower
    # "US Department of State", "State Department Office of the Spokesperson"
    for cut in range(1, len(body)):
        head = kb.lookup(_surface(body[cut:]))
        before = _surface(body[:cut])
        prefix = kb.lookup(before)
        if head and head.label == "Organization" and (prefix or fold(before) in kb.demonyms):
            return Candidate(s, e, surface, "Organization", head.name, head.country)
        if prefix and prefix.label == "Organization" and body[cut].lower in ORG_KEYWORDS and \
                not any(_match_title(body, k) for k in range(cut + 1, len(body))):
            return Candidate(s, e, surface, "Organization", prefix.name, prefix.country)
    if known_only:
        return None
    placed = _placed_org(body, kb)
    if placed:
        return Candidate(s, e, surface, "Organization", surface)
    if words[start] in ORG_FIRST_WORDS and len(body) >= 2 and not any(_match_title(body, k)
                                                                      for k in range(len(body))):
        return Candidate(s, e, surface, "Organization", surface)  # "Unión Industrial Argentina"
    if len(body) >= 3 and words[start] in ORG_KEYWORDS and words[start + 1] in ("of", "for"):
        return Candidate(s, e, surface, "Organization", surface)  # "University of Buenos Aires"
    if last in EVENT_KEYWORDS and (fold(_surface(body[:-1])) in kb.places or fold(_surface(body[:-1])) in
                                   kb.seats or (kb.lookup(_surface(body[:-1])) or _NONE).label == "Country"):
        return Candidate(s, e, surface, "Event", surface)  # "Falklands War"
    if last in AGREEMENT_KEYWORDS and last != "deal":
        return Candidate(s, e, surface, "Agreement", surface)
    if words[start] in AGREEMENT_KEYWORDS and len(body) >= 3 and body[1].lower in ("on", "of", "for", "between"):
        return Candidate(s, e, surface, "Agreement", surface)  # "Agreement on Reciprocal Trade and Investment"
    has_place = any(kb.lookup(t.text) and kb.lookup(t.text).label == "Country" for t in body) or (
        kb.is_demonym(body[0].text) and len(body) >= 3 and (last in ORG_KEYWORDS or any(
            w in ORG_KEYWORDS for w in words[start + 1:]) and words[-2] in ("in", "of")))
    # "American Farm Bureau Federation", "American Chamber of Commerce in Argentina"
    place_after_in = any(words[k] in ("in", "of") and kb.lookup(body[k - start + 1].text) is not None
                         and any(w in ORG_KEYWORDS for w in words[start:k])
                         for k in range(start + 1, len(words) - 1))
    # "US Department of Agriculture": a country, then a body's keyword head with its "of" part
    keyword_of = (kb.is_demonym(body[0].text) or (kb.lookup(body[0].text) or _NONE).label == "Country") and any(
        words[k] in ORG_KEYWORDS and words[k + 1] in ("of", "for") for k in range(start + 1, len(words) - 1))
    if has_place and (last in ORG_KEYWORDS or place_after_in or keyword_of) and last not in METONYM_HEADS \
            and not any(_match_title(body, k) for k in range(len(body))):
        # "U.S. Embassy in Argentina" -> "United States Embassy in Argentina"
        parts = []
        for t in body:
            known = kb.lookup(t.text)
            parts.append(known.name if known and known.label == "Country" else t.text)
        return Candidate(s, e, surface, "Organization", " ".join(parts))
    return None


def _placed_org(body: list[Token], kb: Knowledge) -> bool:
    """A city, state or capital, then an organisation: 'London School of Economics', 'Buenos
    Aires Stock Exchange'. Legislatures ('Texas Senate') and metonyms keep their own rules."""
    words = [t.lower for t in body]
    for cut in range(1, min(len(body), 4)):
        key = fold(_surface(body[:cut]))
        if key not in kb.seats and key not in kb.subdivisions and key not in kb.places:
            continue
        rest = words[cut:]
        if len(rest) < 2 or any(_match_title(body, k) for k in range(cut, len(body))):
            return False
        org_words = ORG_KEYWORDS | entity_words().org_last_words
        ends = rest[-1] in org_words and rest[-1] not in METONYM_HEADS | {"senate", "congress", "parliament"}
        heads = any(w in ORG_KEYWORDS and nxt in ("of", "for") for w, nxt in zip(rest, rest[1:]))
        return (ends or heads) and not any(kb.lookup(t.text) for t in body[cut:])
    return False


def _gazetteer(run: list[Token], pos: int, kb: Knowledge):
    """Longest known name starting at run[pos]: (end index, Candidate) or None."""
    for end in range(min(len(run), pos + 8), pos, -1):
        piece = run[pos:end]
        surface = _surface(piece)
        key = fold(surface)
        s, e = piece[0].start, piece[-1].end
        known = kb.lookup(surface)
        if known and any(_match_title(run, k) > end for k in range(pos + 1, end)):
            continue  # "US Treasury | Secretary Scott Bessent": the title wins
        if known:
            if end == pos + 1 and known.label == "Person":
                continue  # single known words of people go through surname resolution
            return end, Candidate(s, e, surface, known.label, known.name, known.country)
        if key in kb.seats:
            country = kb.seats[key]
            return end, Candidate(s, e, surface, "Country", country, country)
        if key in kb.places:
            return end, Candidate(s, e, surface, None, "")
        if end == pos + 1 and (kb.is_demonym(surface) or _origin_word(surface, kb)):
            return end, Candidate(s, e, surface, None, "")
        if end == len(run) and key in kb.subdivisions:
            return end, Candidate(s, e, surface, None, "")  # a state or province: a place
    return None


# the first and last words of the titles: a run that starts (or ends) with no such word holds none
_TITLE_FIRST = {t.split(" ")[0] for t in TITLE_SET}
_TITLE_LAST = {t.split(" ")[-1] for t in TITLE_SET}


def _match_title(run: list[Token], pos: int) -> int:
    """End index of the longest title starting at run[pos], or 0."""
    best = 0
    if pos >= len(run):
        return best
    first = run[pos].lower
    if first not in _TITLE_FIRST:
        # "Governors X and Y": a title in the plural is no part of the first name either
        return pos + 1 if first.endswith("s") and (first[:-1] in TITLE_SET or first[:-3] + "y" in TITLE_SET) else 0
    for end in range(pos + 1, min(len(run), pos + 5) + 1):
        words = " ".join(t.lower for t in run[pos:end])
        if words in TITLE_SET or words.endswith("s") and (words[:-1] in TITLE_SET or words[:-3] + "y" in TITLE_SET):
            best = end
    return best


def _match_title_ending(run: list[Token], pos: int) -> bool:
    if pos < 1 or run[pos - 1].lower not in _TITLE_LAST:
        return False
    for start in range(max(0, pos - 4), pos):
        if " ".join(t.lower for t in run[start:pos]) in TITLE_SET:
            return True
    return False


def _classify_chunk(chunk: list[Token], kb: Knowledge, sentence_start: bool, quoted: bool,
                    known_only: bool, titled: bool) -> Candidate | None:
    if len(chunk) == 1 and chunk[0].text in INSTITUTIONS:
        return Candidate(chunk[0].start, chunk[0].end, chunk[0].text, None, None)
    while chunk and chunk[-1].lower in CONNECTORS:
        chunk = chunk[:-1]
    org_named = not sentence_start and len(chunk) >= 2 and chunk[-1].lower in ORG_KEYWORDS
    dropped = None
    while chunk and (chunk[0].text in CONNECTORS or (chunk[0].lower in COMMON and
                                                     chunk[0].lower not in ORG_MODIFIERS and not org_named)
                     or (chunk[0].lower in entity_words().role_nouns and len(chunk) >= 3 and not org_named)):
        dropped = chunk[0]
        chunk = chunk[1:]  # "Van Hollen" keeps its capitalised particle; "Senate Banking Committee" its first word
    if not chunk:
        return None
    if len(chunk) == 1 and dropped is not None and dropped.lower in entity_words().given_name_words and \
            chunk[0].start - dropped.end == 1 and _surname_after_given_name(chunk[0], kb, sentence_start):
        s, e, surface = _span([dropped, chunk[0]])
        return Candidate(s, e, surface, "Person", surface, titled=titled)  # "its chief executive, Bill Bullard"
    if titled and len(chunk) >= 3 and chunk[0].lower in ("state", "the", "defense", "defence", "commerce",
                                                          "labor", "labour", "energy", "agriculture"):
        rest = chunk[1:] if chunk[0].lower != "the" else chunk[2:]
        if 2 <= len(rest) <= 4 and _person_like(rest, kb):
            chunk = rest  # "Deputy Secretary of State Christopher Landau"
    s, e, surface = _span(chunk)
    known = kb.lookup(surface)
    if known:
        return Candidate(s, e, surface, known.label, known.name, known.country)
    if fold(surface) in kb.surnames and " " in surface:
        return Candidate(s, e, surface, "Person", kb.surnames[fold(surface)], titled=titled)
    words = [t.lower for t in chunk]
    if len(chunk) == 1:
        if sentence_start and not titled and words[0] in COMMON:
            return None
        return Candidate(s, e, surface, None, None, titled=titled)
    if known_only:
        return None
    last = words[-1]
    if words[0] in ORG_FIRST_WORDS or words[0] in entity_words().outlet_first_words or (
            len(chunk) >= 3 and words[0] in ORG_KEYWORDS and words[1] in ("of", "for")) \
            or (len(chunk) >= 2 and any(fold(w) in POLITICAL_WORDS or w in POLITICAL_WORDS for w in words)):
        return Candidate(s, e, surface, "Organization", surface)  # "Grupo Financiero Galicia", "Chamber of Deputies"
    content = [w for w in words[:-1] if w not in CONNECTORS]
    # "Stock Exchange", "Energy Bank": head words alone name no body ("Central Bank" has a modifier)
    distinctive = [w for w in content if (w not in COMMON and w not in entity_words().not_name_words)
                   or w in ORG_MODIFIERS]
    head = next((k for k in range(1, len(words) - 2) if words[k] in ORG_KEYWORDS and words[k + 1] in ("of", "for", "on")
                 and words[k] not in METONYM_HEADS), None)
    if head is not None and not titled and (any(w not in COMMON and w not in CONNECTORS for w in words[:head]) or
                                            all(w in ORG_MODIFIERS for w in words[:head])):
        # "Lowell Institute for Economic Policy"; ext-roles3: "National Confederation of Industry",
        # "General Federation of Labour": only modifiers before the keyword, a name after "of"
        return Candidate(s, e, surface, "Organization", surface)
    if (last in ORG_KEYWORDS or last in entity_words().org_last_words) and distinctive and \
            last not in METONYM_HEADS | {"alliance", "group"}:
        return Candidate(s, e, surface, "Organization", surface)
    if last in EVENT_KEYWORDS and distinctive and last != "war":
        return Candidate(s, e, surface, "Event", surface)
    if last in AGREEMENT_KEYWORDS and distinctive and last != "deal":
        return Candidate(s, e, surface, "Agreement", surface)
    if quoted and not titled:
        return None
    if len(chunk) == 2 and chunk[0].lower in entity_words().given_name_words and \
            _surname_after_given_name(chunk[1], kb, sentence_start):
        return Candidate(s, e, surface, "Person", surface, titled=titled)  # "Bill Bullard": "bill" is a keyword
    if 2 <= len(chunk) <= 7 and _person_like(chunk, kb):  # ext-entities2: up to 4 names and their particles
        name = _person_name(chunk)
        return Candidate(s, e, surface, "Person", name, titled=titled)
    return None


def _person_like(chunk: list[Token], kb: Knowledge) -> bool:
    names = [t for t in chunk if t.lower not in NAME_PARTICLES]
    if not 2 <= len(names) <= 4 or len(names[-1].text) == 1:
        return False  # "Gen Z": a name ends in a surname, not an initial
    words = entity_words()
    for t in names:
        w = t.lower
        if (w in COMMON or w in GEO_WORDS or w in ORG_KEYWORDS or w in EVENT_KEYWORDS
                or w in AGREEMENT_KEYWORDS or kb.is_demonym(t.text) or w in TITLE_SET
                or w in ORG_FIRST_WORDS or w in words.not_name_words or w in words.org_last_words
                or w in words.local_demonyms
                or fold(w) in kb.party_adjectives or _origin_word(t.text, kb)):
            return False
        if t.text.isupper() and len(t.text) > 1:
            return False
        known = kb.lookup(t.text)
        if known and known.label != "Person":
            return False
    if fold(names[0].text) in kb.subdivisions:
        return False  # "Kentucky Republican", "Texas Democrat": a place and a party
    if chunk[0].lower in words.place_first_words:
        return False  # ext-entities2: "Puerto Madero", "Mar del Plata": a place
    return True


def _surname_after_given_name(token: Token, kb: Knowledge, sentence_start: bool) -> bool:
    """'Bill Bullard': a capitalised word after a first name that is also a common word is its
    surname when it is no common word, keyword or known actor; at a sentence's start ('Will
    Milei ...?', 'Mark Argentina's ...') not a surname the article or the knowledge file knows either."""
    word = token.text
    if not (word[:1].isupper() and word[1:].isalpha() and word[1:].islower() and len(word) > 2):
        return False
    if _never_a_name(word, kb) or word.lower() in TITLE_SET or kb.lookup(word) is not None:
        return False
    return not (sentence_start and fold(word) in kb.surnames)


def _never_a_name(word: str, kb: Knowledge) -> bool:
    """A single capitalised word that names no person: a common noun, a keyword, a demonym."""
    low = word.lower()
    words = entity_words()
    return (low in COMMON or low in ORG_KEYWORDS or low in GEO_WORDS or low in words.not_name_words
            or low in words.org_last_words or low in EVENT_KEYWORDS or low in AGREEMENT_KEYWORDS
            or kb.is_demonym(word) or _origin_word(word, kb) or low in words.local_demonyms
            or low.endswith(tuple(words.group_suffixes)))


def _origin_word(word: str, kb: Knowledge) -> bool:
    """'Argentine-born', 'Chinese-American', 'Salta-based': where someone is from, no name."""
    parts = word.split("-")
    if len(parts) < 2:
        return False
    suffixes = entity_words().origin_suffixes
    return all(kb.is_demonym(p) or p.lower() in suffixes or (k == 0 and (kb.lookup(p) or fold(p) in kb.subdivisions
                                                                         or fold(p) in kb.seats))
               for k, p in enumerate(parts)) and (parts[-1].lower() in suffixes or kb.is_demonym(parts[-1]))


def _person_name(chunk: list[Token]) -> str:
    """Canonical person name: middle initials dropped, first letters upper-cased."""
    parts = [t.text for t in chunk if not (len(t.text) == 1 and t.text.isupper()) and t.text != "."]
    return " ".join(p if p.lower() in NAME_PARTICLES else p[:1].upper() + p[1:] for p in parts)


APPOSITIVE_CLASS_RE = re.compile(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(sorted(ORG_CLASS_NOUNS))
                                 + r")\b(?!['’]s)")  # "X, the central bank's governor" is no bank
