"""The relation rules as data: ``data/relations.yaml``, loaded once and checked.

A trigger is a named pattern with the relation type it states and the side its subject
stands on. Which triggers can match a sentence is found in one pass: every trigger declares
anchors (words or word parts one of which any match contains), and one Aho–Corasick
automaton over all anchors gives, for a lower-cased sentence, the triggers worth running.
``Rulebook.sharpen`` then drops those whose pattern needs a piece of text the sentence lacks
("loan ... from" needs " from" as well as its anchor "loan"), read from each pattern by
``needed_texts`` and shipped in ``data/trigger_needs.json`` (parsing 190 patterns at start-up
would cost more than it saves). The same table holds the texts each pattern's matches begin with
(``start_texts``): a trigger with such begin texts is tried only where the automaton found one at
the start of a word (``Rulebook.matches``), not searched over the whole sentence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import ahocorasick
import yaml

try:
    from re import _constants as _c, _parser as _p  # what re parses patterns with (Python 3.11+)
except ImportError:  # pragma: no cover - another Python: the shipped table is used as it is
    _c = _p = None

from .. import yamlfile
from ..errors import ConfigError
from ..yamlfile import line_of, load_yaml
from .pattern_cache import kept_data
from .patterns import compile_guarded

ACTORS = ("Person", "Organization", "Country")
LABELS = {"Person", "Organization", "Country", "Agreement", "Event"}
MODES = {"active", "passive", "between", "mutual", "possessed"}
OBJECTS = {"first", "list", "next"}
TRIGGER_KEYS = {"name", "type", "pattern", "anchors", "mode", "targets", "objects", "prefer_agreement"}
WORD_LISTS = {"negations", "hedges", "desires", "cancels", "intents", "pending", "speech_verbs", "negative_cues",
              "positive_cues", "critic_nouns", "supporter_nouns"}
OPTIONAL_WORD_LISTS = {"stance_hedges", "support_cancels", "aspect_nouns",  # ext-stance2: known, not required
                       # ext-precision
                       "meeting_hedges", "talks_cancels", "ended_ties", "denial_verbs", "claim_nouns", "membership_pending",
                       "refusals"}  # ext-deals3
NAME_RE = re.compile(r"[a-z][a-z0-9-]*")
NEEDS_FILE = "trigger_needs.json"  # in the package's data folder: pattern text -> the texts its matches hold
# characters ``re`` matches to an ASCII letter when it ignores case that ``str.lower`` does not turn into
# that letter alone: dotless ı (i), long ſ (s), and the combining dot İ's lower case has after its "i"
CASE_TRAPS = ("\u0131", "\u017f", "\u0307")
CASE_TRAP = re.compile("[" + "".join(CASE_TRAPS) + "]")  # one search, not a generator of three tests
SPACES = re.compile(r"\s+")
MAX_TEXTS, MAX_NEEDS = 8, 3  # a need of many texts seldom fails and costs a test for each: the fewest kept


@dataclass(frozen=True)
class Trigger:
    """One trigger phrase: a relation type, where its ends stand, and what may be its object."""

    name: str
    type: str
    pattern: re.Pattern
    anchors: tuple[str, ...]
    mode: str = "active"
    targets: frozenset = frozenset(ACTORS)
    objects: str = "first"
    prefer_agreement: bool = False
    line: int = 0
    # texts every match holds, lower-cased, a run of whitespace written as one space: one out of each tuple
    needs: tuple[tuple[str, ...], ...] = ()
    # texts, lower-cased, one of which every match begins with at a word start: the pattern is tried only
    # where the automaton finds one (Rulebook.matches); none known: searched everywhere
    begins: tuple[str, ...] = ()
    order: int = -1  # its place in the table (the automaton names triggers by it)

    @property
    def why(self) -> str:
        return f"rule:{self.name}"


@dataclass(frozen=True)
class Rulebook:
    triggers: tuple[Trigger, ...]
    words: dict[str, tuple[str, ...]]
    path: str
    # ahocorasick.Automaton: an anchor or a begin text -> (its length, the orders of the triggers it admits,
    # the orders of those whose matches may begin with it)
    automaton: object

    def candidates(self, lowered: str) -> list[Trigger]:
        """The triggers, in table order, with an anchor at the start of a word of a lower-cased sentence."""
        return self.admitted(lowered)[0]

    def admitted(self, lowered: str, chunk: str | None = None) -> tuple[list[Trigger], list | None]:
        """``candidates``, and where their matches may begin in ``chunk``, the sentence ``lowered``
        lower-cases: ``(start, trigger orders)`` for every begin text (``Trigger.begins``) at the
        start of a word, in the order of the starts. None instead when no ``chunk`` is given or
        ``lowered`` is not ``chunk`` character for character: a length changed, or it holds a
        letter ``re`` matches to an ASCII one ignoring case that ``str.lower`` keeps apart
        (``CASE_TRAPS``)."""
        found: set[int] = set()
        hits = []
        for end, (length, admits, begins) in self.automaton.iter(lowered):
            if end < length or not lowered[end - length].isalpha():  # it begins the text or follows no letter
                found.update(admits)
                if begins:
                    hits.append((end - length + 1, begins))
        if chunk is None or len(lowered) != len(chunk) or not lowered.isascii() and CASE_TRAP.search(lowered):
            return [self.triggers[i] for i in sorted(found)], None
        hits.sort()  # the automaton reports by the end: a longer text may begin before a shorter one found first
        return [self.triggers[i] for i in sorted(found)], hits

    @staticmethod
    def matches(trigger: Trigger, chunk: str, hits: list | None) -> Iterable[re.Match]:
        """``trigger.pattern.finditer(chunk)``, tried only where one of its begin texts
        (``Trigger.begins``) stands at the start of a word, when it has them and ``hits`` (from
        ``admitted``) are known.

        Exact: such a pattern opens with ``\\b`` and texts that each begin with one of them (read
        from the pattern, ``start_texts``), so a match starts where the automaton found one at a
        word start in the lower-cased sentence (no character ``\\w`` refuses lower-cases to a
        letter). ``hits`` come in the order of their starts: each place is tried after the matches
        before it, as ``finditer`` goes on after a match (no match is empty)."""
        pattern = trigger.pattern
        if hits is None or not trigger.begins:
            return pattern.finditer(chunk)
        order, found, after = trigger.order, [], 0
        for start, indices in hits:
            if start >= after and order in indices:
                match = pattern.match(chunk, start)
                if match is not None:
                    found.append(match)
                    after = match.end()
        return found

    @staticmethod
    def sharpen(triggers: list[Trigger], lowered: str) -> list[Trigger]:
        """Of ``triggers``, those whose every need has a text in the lower-cased sentence: the
        others cannot match it, and most admitted triggers do not (their search is tried at every
        word one of the pattern's first letters begins).

        Exact: a match holds one text of each need (ignoring case), so the sentence holds it
        lower-cased once its whitespace runs are written as one space, bar three characters
        ``re`` matches to an ASCII letter that ``str.lower`` keeps apart (``CASE_TRAPS``): a
        sentence with one of them keeps every trigger."""
        if not triggers or not lowered.isascii() and CASE_TRAP.search(lowered):
            return triggers
        if "  " in lowered or not lowered.isprintable():  # other whitespace than single spaces is unprintable
            lowered = SPACES.sub(" ", lowered)
        kept = []
        for t in triggers:  # loops, not all(any(...)): two generators per trigger would cost what a search saves
            for need in t.needs:
                for text in need:
                    if text in lowered:
                        break
                else:
                    break  # no text of this need in the sentence
            else:
                kept.append(t)
        return kept

    def words_re(self, name: str) -> re.Pattern:
        """One case-insensitive pattern for a word list; a trailing ``*`` is any ending.

        The alternatives are written as a trie (``a(?:buse|rrogan\\w*)|b...``), tried in the
        sorted order a flat alternation would try them: the same matches, several times faster
        than a flat list of a hundred words (the engine tests each alternative in turn)."""
        trie: dict = {}
        for word in self.words[name]:
            stem, wild = (word[:-1], True) if word.endswith("*") else (word, False)
            atoms = [r"\s+" if c == " " else re.escape(c) for c in stem] + ([r"\w*"] if wild else [])
            node = trie
            for atom in atoms:
                node = node.setdefault(atom, {})
            node[""] = {}
        # behind a look-ahead for the words' first letters: the cue lists are searched in most sentences
        return compile_guarded(r"\b(?:" + _alternation(trie) + r")\b", re.IGNORECASE)

    def check(self, ontology) -> None:
        """Fail with the file and line when a trigger's type or ends are not the ontology's."""
        for t in self.triggers:
            where = f"{self.path}:{t.line}: trigger {t.name!r}"
            if t.type not in ontology.relations:
                raise ConfigError(f"{where}: unknown relation type {t.type!r} "
                                  f"(graph/ontology.yaml has {', '.join(ontology.relations)})")
            spec = ontology.relations[t.type]
            # the labels a trigger's target may have must be ones the ontology allows at that end
            allowed = set(spec.targets)
            if spec.symmetric:
                allowed |= set(spec.sources) | set(spec.targets)
            wrong = sorted(set(t.targets) - allowed)
            if wrong:
                raise ConfigError(f"{where}: {t.type} cannot end at {', '.join(wrong)} "
                                  f"(graph/ontology.yaml allows {', '.join(sorted(allowed))})")


def _alternation(node: dict) -> str:
    """A trie of regex atoms as one pattern; "" marks the end of a word (tried first, as the
    shorter of two words is first in sorted order)."""
    options = [atom + (_alternation(child) if child else "") for atom, child in sorted(node.items())]
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def needed_texts(source: str, flags: int = re.IGNORECASE) -> tuple[tuple[str, ...], ...]:
    """What text every match of a pattern holds: a tuple of texts for each part of it that must
    match (an alternation gives one text per alternative; the match holds one of them). Texts
    are runs of ASCII literals, lower-cased, with ``\\s`` and ``\\s+`` as one space; parts that
    may be left out (``?``, ``*``, ``{0,n}``), look-behinds and anything else give none."""
    if _p is None:
        return ()
    needs = _needs(_p.parse(source, flags).data)
    unique = {tuple(sorted(need)) for need in needs if min(map(len, need)) >= 3 and len(need) <= MAX_TEXTS}
    return tuple(sorted(unique, key=lambda need: (len(need), -min(map(len, need)), need)))[:MAX_NEEDS]


def _needs(items) -> list[frozenset]:
    """The needs of a parsed sequence (``re._parser`` items), one set of texts per part."""
    needs, run = [], []

    def flush():
        if run:
            needs.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL and av < 128 and not chr(av).isspace():
            run.append(chr(av).lower())  # (?-i:US) holds "US": the lower-cased sentence holds "us"
            continue
        if op is _c.LITERAL and chr(av).isspace() or op is _c.IN and av == [(_c.CATEGORY, _c.CATEGORY_SPACE)] or \
                op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1 and \
                av[2].data == [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_SPACE)])]:
            if run[-1:] != [" "]:  # "\s\s+", " \s": whitespace next to whitespace is one run, one space
                run.append(" ")  # \s, \s+, " ": whitespace, one space once the sentence's runs are made one
            continue
        flush()
        if op is _c.SUBPATTERN:
            needs += _needs(av[3].data)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            needs += _needs(av[2].data)
        elif op is _c.ASSERT and av[0] == 1:  # a look-ahead matches too, inside the sentence searched
            needs += _needs(av[1].data)
        elif op is _c.BRANCH:
            chosen = []
            for alternative in av[1]:
                own = _needs(alternative.data)
                if not own:
                    break  # an alternative that needs nothing: nor does the alternation
                chosen.append(max(own, key=lambda need: (min(map(len, need)), -len(need))))
            else:
                needs.append(frozenset().union(*chosen))
    flush()
    return needs


def start_texts(source: str, flags: int = re.IGNORECASE) -> tuple[str, ...]:
    """The texts, lower-cased, one of which every match of a pattern begins with, at the start of
    a word (the pattern opens with ``\\b``, look-arounds aside, before a letter); none when that
    cannot be read: a part that may be left out, a set of letters, anything else first."""
    if _p is None:
        return ()
    items = _p.parse(source, flags).data
    if not _opens_with_boundary(items):
        return ()
    texts = _starts(items)
    return tuple(sorted(texts)) if texts and all(text[:1].isalpha() and text.isascii() for text in texts) else ()


def _opens_with_boundary(items) -> bool:
    """Does every match of a parsed sequence begin at ``\\b`` (inside groups and alternatives too)?"""
    if not items:
        return False
    op, av = items[0]
    if op is _c.AT:
        return av is _c.AT_BOUNDARY
    if op is _c.SUBPATTERN:
        return _opens_with_boundary(av[3].data)
    if op is _c.BRANCH:
        return all(_opens_with_boundary(alternative.data) for alternative in av[1])
    return False


def _starts(items) -> set[str]:
    """The texts a parsed sequence's matches begin with (``re._parser`` items): literals read up to
    the first part that is not one; zero-width parts before any text are passed over, and a part
    that may be left out before any text begins them with its own texts or those of what follows."""
    texts = {""}
    for at, (op, av) in enumerate(items):
        if op is _c.AT and av is _c.AT_BOUNDARY or op in (_c.ASSERT, _c.ASSERT_NOT):
            if texts == {""}:
                continue  # \b and look-arounds take no text: the match begins where the next part does
            break
        if op is _c.LITERAL:
            texts = {text + chr(av).lower() for text in texts}
            continue
        if op is _c.IN and all(kind is _c.LITERAL for kind, _ in av) and len({chr(c).lower() for _, c in av}) == 1:
            texts = {text + chr(av[0][1]).lower() for text in texts}  # (?-i:[Ss]): "s" in the lower-cased sentence
            continue
        if op is _c.SUBPATTERN:
            return {text + more for text in texts for more in _starts(av[3].data)}
        if op is _c.BRANCH:
            return {text + more for text in texts for alternative in av[1] for more in _starts(alternative.data)}
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0 and texts == {""}:
            # "(?:strong\s+)?critic": "strong" or "critic" (what follows, inside this sequence only: a text
            # left empty there gives the pattern no start texts)
            return _starts(av[2].data) | _starts(items[at + 1:])
        break
    return texts


def needs_table(path: Path | None = None) -> dict[str, dict[str, list]]:
    """What ``data/trigger_needs.json`` holds for a rules file (default: the package's): each
    trigger's pattern, as written, what its matches need (``needed_texts``) and the texts they
    begin with (``start_texts``)."""
    if path is None:
        with resources.as_file(resources.files("actorgraph") / "data" / "relations.yaml") as packaged:
            doc = load_yaml(packaged, trusted=True)
    else:
        doc = load_yaml(path)
    sources = [str(raw["pattern"]) for raw in doc["triggers"]]
    return {source: {"needs": [list(need) for need in needed_texts(source)], "starts": list(start_texts(source))}
            for source in sources}


def _needs_from_table() -> dict[str, tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]]:
    """The shipped table: pattern text -> (needs, start texts); a pattern it does not hold (changed
    since it was written) needs nothing and may begin anywhere."""
    try:
        raw = json.loads((resources.files("actorgraph") / "data" / NEEDS_FILE).read_text(encoding="utf-8"))
        return {source: (tuple(tuple(need) for need in entry["needs"]), tuple(entry["starts"]))
                for source, entry in raw.items()}
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def load_rulebook(path: Path | None = None) -> Rulebook:
    """Read and check a rules file (default: the package's ``data/relations.yaml``).

    Inside ``pattern_cache.kept`` the checked triggers and word lists are kept beside the
    compiled patterns, keyed on the file's bytes and the code that reads and checks it: a warm
    start reads no YAML (composing and building its 6,000 nodes cost some 40 ms)."""
    if path is None:
        with resources.as_file(resources.files("actorgraph") / "data" / "relations.yaml") as packaged:
            return _load(packaged, trusted=True)
    return _load(path, trusted=False)


def _load(path: Path, trusted: bool) -> Rulebook:
    compiled: dict[str, re.Pattern] = {}  # trigger name -> its pattern, compiled while checking

    def checked() -> dict:
        return _parse(load_yaml(path, trusted=trusted), str(path), _needs_from_table(), compiled)

    inputs = _inputs(path, trusted)
    plain = checked() if inputs is None else kept_data("rulebook", inputs, checked)
    return _rulebook(plain, str(path), compiled)


def _inputs(path: Path, trusted: bool) -> bytes | None:
    """What ``_parse``'s result depends on: the file, the needs table, the code that reads and
    checks them, PyYAML's version and parser (None when one cannot be read: nothing kept)."""
    try:
        parts = [Path(path).read_bytes(), (resources.files("actorgraph") / "data" / NEEDS_FILE).read_bytes(),
                 Path(__file__).read_bytes(), Path(yamlfile.__file__).read_bytes()]
    except OSError:
        return None
    parts.append(f"PyYAML {yaml.__version__} {'libyaml' if trusted else 'python'}".encode("utf-8"))
    return b"".join(len(part).to_bytes(8, "little") + part for part in parts)


@lru_cache(maxsize=1)
def rulebook() -> Rulebook:
    """The package's rules, loaded once per process."""
    return load_rulebook()


def _parse(doc, path: str, needs: dict, compiled: dict) -> dict:
    """The rules of a file, checked, as plain data: ``{"triggers": [fields of a Trigger, its
    pattern's text for the pattern], "words": {list name: words}}``. The triggers' patterns,
    compiled to check them, are put in ``compiled`` by trigger name."""
    if not isinstance(doc, dict) or not isinstance(doc.get("triggers"), list) or not doc["triggers"]:
        raise ConfigError(f"{path}:{line_of(doc)}: expected a mapping with a non-empty 'triggers' list")
    triggers, names = [], set()
    for raw in doc["triggers"]:
        triggers.append(_trigger(raw, path, names, needs, compiled))
    words = doc.get("words") or {}
    if not isinstance(words, dict):
        raise ConfigError(f"{path}:{line_of(words)}: 'words' must be a mapping of word lists")
    missing = WORD_LISTS - set(words)
    if missing:
        raise ConfigError(f"{path}:{line_of(words)}: 'words' lacks {', '.join(sorted(missing))}")
    lists = {}
    for key, value in words.items():
        if key not in WORD_LISTS | OPTIONAL_WORD_LISTS:
            raise ConfigError(f"{path}:{line_of(key)}: unknown word list {key!r} "
                              f"(known: {', '.join(sorted(WORD_LISTS | OPTIONAL_WORD_LISTS))})")
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise ConfigError(f"{path}:{line_of(value)}: word list {key!r} must be a list of words")
        lists[str(key)] = tuple(str(w).lower() for w in value)
    return {"triggers": triggers, "words": lists}


def _rulebook(plain: dict, path: str, compiled: dict) -> Rulebook:
    """The Rulebook ``_parse`` checked: its patterns from ``compiled``, else compiled now (they
    compiled when checked; in a ``kept`` block they come from the kept code)."""
    triggers = []
    for order, (name, type_, source, *fields) in enumerate(plain["triggers"]):
        pattern = compiled.get(name) or compile_guarded(source, re.IGNORECASE)
        triggers.append(Trigger(name, type_, pattern, *fields, order=order))
    automaton = ahocorasick.Automaton()
    keys: dict[str, tuple[list[int], list[int]]] = {}  # text -> (triggers it admits, triggers that may begin with it)
    for index, t in enumerate(triggers):
        for anchor in t.anchors:
            keys.setdefault(anchor, ([], []))[0].append(index)
        for text in t.begins:
            keys.setdefault(text, ([], []))[1].append(index)
    for text, (admits, begins) in keys.items():
        automaton.add_word(text, (len(text), tuple(admits), tuple(begins)))
    automaton.make_automaton()
    return Rulebook(tuple(triggers), plain["words"], path, automaton)


def _trigger(raw, path: str, names: set[str], needs: dict, compiled: dict) -> tuple:
    at = f"{path}:{line_of(raw)}"
    if not isinstance(raw, dict):
        raise ConfigError(f"{at}: a trigger must be a mapping")
    for key in raw:
        if key not in TRIGGER_KEYS:
            raise ConfigError(f"{path}:{line_of(key)}: unknown key {key!r} "
                              f"(allowed: {', '.join(sorted(TRIGGER_KEYS))})")
    for key in ("name", "type", "pattern", "anchors"):
        if key not in raw:
            raise ConfigError(f"{at}: trigger needs {key!r}")
    name = raw["name"]
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        raise ConfigError(f"{at}: trigger name {name!r} must be lower-case words joined by '-'")
    if name in names:
        raise ConfigError(f"{at}: trigger name {name!r} is used twice")
    names.add(name)
    where = f"{at}: trigger {name!r}"
    try:
        # behind a look-ahead for the characters a match begins with: the same matches, found
        # without trying every branch of the pattern at every word of a sentence (extract/patterns.py)
        pattern = compile_guarded(str(raw["pattern"]), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{where}: pattern does not compile ({exc})") from None
    anchors = raw["anchors"]
    if not isinstance(anchors, list) or not anchors or not all(
            isinstance(a, str) and a and a == a.lower() and not a.isspace() and " " not in a for a in anchors):
        raise ConfigError(f"{where}: 'anchors' must be a non-empty list of lower-case words")
    mode = raw.get("mode", "active")
    if mode not in MODES:
        raise ConfigError(f"{where}: unknown mode {mode!r} (use one of {', '.join(sorted(MODES))})")
    objects = raw.get("objects", "first")
    if objects not in OBJECTS:
        raise ConfigError(f"{where}: unknown objects {objects!r} (use one of {', '.join(sorted(OBJECTS))})")
    targets = raw.get("targets", list(ACTORS))
    if not isinstance(targets, list) or not targets or not set(targets) <= LABELS:
        raise ConfigError(f"{where}: 'targets' must be a list of labels out of {', '.join(sorted(LABELS))}")
    prefer = raw.get("prefer_agreement", False)
    if not isinstance(prefer, bool):
        raise ConfigError(f"{where}: 'prefer_agreement' must be true or false")
    compiled[str(name)] = pattern
    needed, starts = needs.get(str(raw["pattern"]), ((), ()))
    # Trigger's fields in order, the pattern's text for the pattern (plain data, kept_data keeps it)
    return (str(name), str(raw["type"]), str(raw["pattern"]), tuple(str(a) for a in anchors), str(mode),
            frozenset(str(t) for t in targets), str(objects), prefer, line_of(raw), needed,
            _begins(starts, tuple(str(a) for a in anchors)))


MIN_BEGIN = 3  # shorter begin texts ("a", "an", "of") stand almost everywhere: the automaton would report them all


def _begins(starts: tuple[str, ...], anchors: tuple[str, ...]) -> tuple[str, ...]:
    """A trigger's begin texts (``Trigger.begins``) from its pattern's start texts: those of its
    anchors that begin one when each start text begins with one (no text more for the automaton),
    else the start texts less those that begin with another (a place is tried once); none when
    one is shorter than ``MIN_BEGIN``."""
    if not starts:
        return ()
    if all(any(text.startswith(a) for a in anchors) for text in starts):
        starts = tuple(a for a in anchors if any(text.startswith(a) for text in starts))
    if min(map(len, starts)) < MIN_BEGIN:
        return ()
    return tuple(sorted({text for text in starts if not any(text != other and text.startswith(other) for other in starts)}))
