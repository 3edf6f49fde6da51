"""The relation rules as data: ``data/relations.yaml``, loaded once and checked.

A trigger is a named pattern with the relation type it states and the side its subject
stands on. Which triggers can match a sentence is found in one pass: every trigger declares
anchors (words or word parts one of which any match contains), and one Aho–Corasick
automaton over all anchors gives, for a lower-cased sentence, the triggers worth running.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick

from ..errors import ConfigError
from ..yamlfile import line_of, load_yaml
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

    @property
    def why(self) -> str:
        return f"rule:{self.name}"


@dataclass(frozen=True)
class Rulebook:
    triggers: tuple[Trigger, ...]
    words: dict[str, tuple[str, ...]]
    path: str
    automaton: object  # ahocorasick.Automaton: anchor -> (its length, indices of the triggers it admits)

    def candidates(self, lowered: str) -> list[Trigger]:
        """The triggers, in table order, with an anchor at the start of a word of a lower-cased sentence."""
        found: set[int] = set()
        for end, (length, indices) in self.automaton.iter(lowered):
            start = end - length + 1
            if start == 0 or not lowered[start - 1].isalpha():
                found.update(indices)
        return [self.triggers[i] for i in sorted(found)]

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


def load_rulebook(path: Path | None = None) -> Rulebook:
    """Read and check a rules file (default: the package's ``data/relations.yaml``)."""
    if path is None:
        with resources.as_file(resources.files("actorgraph") / "data" / "relations.yaml") as packaged:
            return _parse(load_yaml(packaged, trusted=True), str(packaged))
    return _parse(load_yaml(path), str(path))


@lru_cache(maxsize=1)
def rulebook() -> Rulebook:
    """The package's rules, loaded once per process."""
    return load_rulebook()


def _parse(doc, path: str) -> Rulebook:
    if not isinstance(doc, dict) or not isinstance(doc.get("triggers"), list) or not doc["triggers"]:
        raise ConfigError(f"{path}:{line_of(doc)}: expected a mapping with a non-empty 'triggers' list")
    triggers, names = [], set()
    for raw in doc["triggers"]:
        triggers.append(_trigger(raw, path, names))
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
    automaton = ahocorasick.Automaton()
    admits: dict[str, list[int]] = {}
    for index, t in enumerate(triggers):
        for anchor in t.anchors:
            admits.setdefault(anchor, []).append(index)
    for anchor, indices in admits.items():
        automaton.add_word(anchor, (len(anchor), tuple(indices)))
    automaton.make_automaton()
    return Rulebook(tuple(triggers), lists, path, automaton)


def _trigger(raw, path: str, names: set[str]) -> Trigger:
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
    return Trigger(str(name), str(raw["type"]), pattern, tuple(str(a) for a in anchors), str(mode),
                   frozenset(str(t) for t in targets), str(objects), prefer, line_of(raw))
