"""Word lists the rule-based extractor reads: titles, keywords, common words
(``actorgraph/data/lexicon.yaml``), the entity passes' lists (``data/entity_words.yaml``), and the
curated knowledge file (``actorgraph/data/knowledge.yaml``) with pycountry's country names.

All lists are lower-case; lookups casefold and turn curly apostrophes straight.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from dataclasses import astuple, dataclass, field, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .pattern_cache import kept_data

# libyaml's parser when PyYAML was built with it: the same values, read about ten times faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_lists(text: str):
    """The values of a word-list file (flat mappings of lists; nothing nested to guard)."""
    return yaml.load(text, Loader=_LOADER)


LEXICON_FILE = "data/lexicon.yaml"
LEXICON_LISTS = ("titles", "head_of_state", "head_of_org", "occupations", "temporal", "not_sitting", "org_keywords",
                 "org_first_words", "political_words", "org_class_nouns", "event_keywords", "agreement_keywords",
                 "agreement_heads", "agreement_modifiers", "agreement_topics", "party_members", "geo_words", "common")


def parse_lexicon(text: str, where: str = LEXICON_FILE) -> dict[str, list[str]]:
    """The word lists of ``data/lexicon.yaml``, checked: every list present, lower case, no repeats."""
    from ..errors import ConfigError

    raw = _read_lists(text)
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of word lists")
    unknown, missing = sorted(map(str, set(raw) - set(LEXICON_LISTS))), sorted(set(LEXICON_LISTS) - set(raw))
    if unknown or missing:
        raise ConfigError(f"{where}: " + "; ".join(([f"unknown list {', '.join(unknown)}"] if unknown else []) +
                                                    ([f"missing list {', '.join(missing)}"] if missing else [])))
    for key, words in raw.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w and w == w.lower() for w in words):
            raise ConfigError(f"{where}: {key} must be a list of lower-case words")
        if len(set(words)) < len(words):  # counted only then: list.count per word is quadratic (7 ms a start)
            repeated = sorted({w for w in words if words.count(w) > 1})
            raise ConfigError(f"{where}: {key} lists {', '.join(repeated)} more than once")
    return raw


_LISTS = parse_lexicon(resources.files("actorgraph").joinpath(LEXICON_FILE).read_text("utf-8"))
TITLES: list[str] = _LISTS["titles"]   # offices; abbreviations as two tokens ("sen .")
TITLE_SET = set(TITLES)
HEAD_OF_STATE = set(_LISTS["head_of_state"])   # a sitting one LEADS the country
HEAD_OF_ORG = set(_LISTS["head_of_org"])       # a sitting one LEADS the organisation
OCCUPATIONS = set(_LISTS["occupations"])       # a person, but no HOLDS_ROLE by itself
TEMPORAL = set(_LISTS["temporal"])             # words that make a title past, future or not yet held
NOT_SITTING = set(_LISTS["not_sitting"])
ORG_KEYWORDS = set(_LISTS["org_keywords"])
ORG_FIRST_WORDS = set(_LISTS["org_first_words"])
POLITICAL_WORDS = set(_LISTS["political_words"])
ORG_CLASS_NOUNS = set(_LISTS["org_class_nouns"])
EVENT_KEYWORDS = set(_LISTS["event_keywords"])
AGREEMENT_KEYWORDS = set(_LISTS["agreement_keywords"])
AGREEMENT_HEADS = set(_LISTS["agreement_heads"])
AGREEMENT_MODIFIERS = set(_LISTS["agreement_modifiers"])
AGREEMENT_TOPICS = set(_LISTS["agreement_topics"])
PARTY_MEMBERS = set(_LISTS["party_members"])
GEO_WORDS = set(_LISTS["geo_words"])
COMMON = set(_LISTS["common"])


@dataclass(frozen=True)
class EntityWords:
    """The word lists of ``data/entity_words.yaml``; see the comments there."""

    not_name_words: frozenset[str]
    outlet_first_words: frozenset[str]
    org_last_words: frozenset[str]
    outlet_nouns: frozenset[str]
    group_suffixes: frozenset[str]
    local_demonyms: frozenset[str]
    role_nouns: frozenset[str]
    firm_titles: frozenset[str]
    measure_acronyms: frozenset[str]
    clause_words: frozenset[str]
    origin_suffixes: frozenset[str]
    given_name_words: frozenset[str]
    company_suffixes: frozenset[str]
    place_first_words: frozenset[str]
    election_kinds: dict[str, str]
    org_only_titles: frozenset[str]  # ext-roles3
    family_first_names: frozenset[str]  # ext-roles3


ENTITY_WORDS_FILE = "data/entity_words.yaml"


@lru_cache(maxsize=1)
def entity_words() -> EntityWords:
    """Read and check ``data/entity_words.yaml`` once per process (ConfigError when malformed)."""
    return parse_entity_words(resources.files("actorgraph").joinpath(ENTITY_WORDS_FILE).read_text("utf-8"))


def parse_entity_words(text: str, where: str = ENTITY_WORDS_FILE) -> EntityWords:
    from ..errors import ConfigError

    raw = _read_lists(text)
    fields = {f.name: f for f in EntityWords.__dataclass_fields__.values()}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of word lists")
    unknown, missing = sorted(set(raw) - set(fields)), sorted(set(fields) - set(raw))
    if unknown or missing:
        raise ConfigError(f"{where}: " + "; ".join(
            ([f"unknown list {', '.join(map(str, unknown))}"] if unknown else []) +
            ([f"missing list {', '.join(missing)}"] if missing else [])))
    values = {}
    for key, value in raw.items():
        words = list(value) if isinstance(value, (list, dict)) else None
        if words is None or not all(isinstance(w, str) and w and w == w.lower() for w in words):
            raise ConfigError(f"{where}: {key} must be a list of lower-case words")
        if key == "election_kinds":
            if not all(isinstance(v, str) and v == v.lower() for v in value.values()):
                raise ConfigError(f"{where}: election_kinds must map words to lower-case kinds")
            values[key] = dict(value)
        else:
            values[key] = frozenset(words)
    return EntityWords(**values)


_DASHES_RE = re.compile(r"[\u2010-\u2015]")
_SPACES_RE = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def norm_key(text: str) -> str:
    """Key for looking names up: NFKC, casefolded, straight apostrophes, single spaces."""
    if text.isascii():
        # NFKC, the quotation marks and the dashes leave ASCII as it is, and str.split's spaces
        # are the pattern's \s: the same key, without the normalisation and the two searches
        # (tests/test_lexicon.py checks both against the plain formula)
        return " ".join(text.split()).casefold()
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = _DASHES_RE.sub("-", text)
    return _SPACES_RE.sub(" ", text).strip().casefold()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """norm_key without accents: 'Fernández' and 'Fernandez' meet."""
    text = unicodedata.normalize("NFKD", norm_key(text))
    if text.isascii():
        return text  # no combining mark is ASCII: most names, kept without reading each character
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass
class KnownActor:
    name: str
    label: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    adjective: str | None = None


@dataclass
class Knowledge:
    """Gazetteer of the curated file plus pycountry: key -> (canonical name, label)."""

    actors: dict[str, KnownActor]             # canonical name -> actor
    names: dict[str, str]                     # folded surface -> canonical name
    acronyms: dict[str, str]                  # exact-case acronym -> canonical name
    surnames: dict[str, str]                  # folded surname -> canonical person name
    demonyms: dict[str, str]                  # folded demonym -> country
    seats: dict[str, str]                     # folded seat/capital -> country
    places: set[str]                          # folded non-actor places
    party_adjectives: dict[str, str]          # folded adjective -> party canonical name
    adjective_of: dict[str, str] = field(default_factory=dict)  # country -> its first demonym
    demonym_forms: set[str] = field(default_factory=set)        # norm_key of every demonym
    apostrophe_names: list[str] = field(default_factory=list)   # "Moody's": names the tokenizer splits
    subdivisions: dict[str, str] = field(default_factory=dict)  # folded state/province -> country
    _subdivision_surfaces: set[str] = field(default_factory=set)  # the same names as written
    heads_of_state: dict[str, str] = field(default_factory=dict)  # country -> its sitting head (known actor)
    # surface -> what lookup() found: the rules look the same few thousand surfaces up again and
    # again (150,000 times over 300,000 words); the tables above are not changed after loading
    _found: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def subdivision_names(self) -> list[str]:
        return sorted(self._subdivision_surfaces)

    def is_demonym(self, surface: str) -> bool:
        """A demonym as written, singular or plural: 'Germán' (a name) is not 'German'."""
        if fold(surface) in self.demonyms and norm_key(surface) in self.demonym_forms:
            return True
        return surface.endswith("s") and len(surface) > 4 and self.is_demonym(surface[:-1])  # "Argentines"

    def lookup(self, surface: str) -> KnownActor | None:
        found = self._found.get(surface, _UNSEEN)  # not try/except: raising KeyError for each new surface is slow
        if found is not _UNSEEN:
            return found
        if len(self._found) >= 1 << 17:
            self._found.clear()  # bounded, as fold's cache is
        found = self._found[surface] = self._lookup(surface)
        return found

    def _lookup(self, surface: str) -> KnownActor | None:
        if surface in self.acronyms:
            return self.actors[self.acronyms[surface]]
        if surface.isupper() and len(surface.replace(".", "")) <= 4:
            return None  # "WHO" must be written WHO; "Who" is not the organization
        name = self.names.get(fold(surface))
        return self.actors[name] if name else None

    def country_of(self, name: str) -> str | None:
        actor = self.actors.get(name)
        if actor is None:
            return None
        return actor.name if actor.label == "Country" else actor.country


_UNSEEN = object()  # Knowledge.lookup: a surface not looked up yet (None is a name not known)


def _is_acronym(text: str) -> bool:
    bare = text.replace(".", "").replace("-", "")
    return bare.isupper() and len(bare) <= 6 and bare.isalnum()


def iso3166() -> tuple[list[dict], list[dict]]:
    """pycountry's ISO 3166-1 countries and ISO 3166-2 subdivisions, as the records of its data files.

    Read from the JSON files pycountry ships, without importing it: importing pycountry (it asks
    the package metadata for its version) and building its objects and indexes take about 0.1
    CPU-s per process, reading the two files a tenth of that. ``tests/test_lexicon.py``
    checks the records against pycountry's own API; were the files ever moved, the API is used.
    """
    spec = importlib.util.find_spec("pycountry")
    folder = Path(next(iter(spec.submodule_search_locations or [])) if spec else ".") / "databases"
    try:
        countries = json.loads((folder / "iso3166-1.json").read_text(encoding="utf-8"))["3166-1"]
        subdivisions = json.loads((folder / "iso3166-2.json").read_text(encoding="utf-8"))["3166-2"]
    except (OSError, ValueError, KeyError, TypeError):
        import pycountry

        return [dict(c) for c in pycountry.countries], [dict(s) for s in pycountry.subdivisions]
    return countries, subdivisions


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """Load the curated knowledge file and pycountry's countries once per process.

    Inside ``pattern_cache.kept`` the tables are kept beside the compiled patterns, keyed on
    the files they are made from and this module's code: a warm start reads no YAML or JSON
    and folds no name (some 35 ms)."""
    inputs = _knowledge_inputs()
    if inputs is None:
        return _make_knowledge()
    return _knowledge_of(kept_data("knowledge", inputs, lambda: _plain_knowledge(_make_knowledge())))


KNOWLEDGE_FILE = "data/knowledge.yaml"


def _knowledge_inputs() -> bytes | None:
    """What ``_make_knowledge`` depends on: the knowledge file and this module's code, the
    size and time of change of pycountry's files (as Python tells a stale .pyc), PyYAML's
    version (None when one cannot be read: nothing kept)."""
    spec = importlib.util.find_spec("pycountry")
    folder = Path(next(iter(spec.submodule_search_locations or [])) if spec else ".") / "databases"
    try:
        parts = [resources.files("actorgraph").joinpath(KNOWLEDGE_FILE).read_bytes(), Path(__file__).read_bytes()]
        for name in ("iso3166-1.json", "iso3166-2.json"):
            found = (folder / name).stat()
            parts.append(f"{folder / name} {found.st_size} {found.st_mtime_ns}".encode("utf-8"))
    except OSError:
        return None
    parts.append(f"PyYAML {yaml.__version__} {_LOADER.__name__}".encode("utf-8"))
    return b"".join(len(part).to_bytes(8, "little") + part for part in parts)


def _plain_knowledge(kb: Knowledge) -> dict:
    """``kb``'s tables as plain data (its lookup memo left out: it starts empty)."""
    values = {f.name: getattr(kb, f.name) for f in fields(Knowledge) if f.init and f.compare}
    values["actors"] = {key: astuple(actor) for key, actor in kb.actors.items()}
    return values


def _knowledge_of(plain: dict) -> Knowledge:
    """The Knowledge ``_plain_knowledge`` describes."""
    values = dict(plain)
    values["actors"] = {key: KnownActor(*actor) for key, actor in plain["actors"].items()}
    return Knowledge(**values)


def _make_knowledge() -> Knowledge:
    countries, subdivision_records = iso3166()
    raw = _read_lists(resources.files("actorgraph").joinpath(KNOWLEDGE_FILE).read_text("utf-8"))
    actors: dict[str, KnownActor] = {}
    names: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    territories = set(raw.get("territories") or [])
    extra_countries = raw.get("countries") or {}
    prefer = {}
    for preferred, extra in extra_countries.items():
        for surface in [preferred, *(extra or [])]:
            prefer[fold(surface)] = preferred
    def canonical_of(country: dict) -> str:
        """The name the graph uses: the knowledge file's preferred form, else the common name."""
        common = country.get("common_name") or country["name"]
        return prefer.get(fold(common)) or prefer.get(fold(country["name"])) or common

    for country in countries:
        if country["alpha_2"] in territories:
            continue
        canonical = canonical_of(country)
        forms = {country["name"], canonical, country.get("official_name") or canonical}
        forms = {f for f in forms if "," not in f and "(" not in f}  # "Korea, Republic of"
        actors[canonical] = KnownActor(canonical, "Country", canonical, sorted(forms))
    for canonical, extra in extra_countries.items():
        actor = actors.setdefault(canonical, KnownActor(canonical, "Country", canonical, []))
        actor.aliases.extend(extra or [])
    for entry in raw.get("actors") or []:
        actors[entry["name"]] = KnownActor(entry["name"], entry["label"], entry.get("country"),
                                           list(entry.get("aliases") or []), entry.get("adjective"))
    for actor in actors.values():
        for surface in [actor.name, *actor.aliases]:
            if _is_acronym(surface):
                acronyms.setdefault(surface, actor.name)
            else:
                names.setdefault(fold(surface), actor.name)
    surnames: dict[str, str] = {}
    for actor in actors.values():
        if actor.label == "Person":
            parts = actor.name.split()
            if len(parts) > 1:
                surnames.setdefault(fold(parts[-1]), actor.name)
            if len(parts) > 2 and parts[-2].lower() in {"van", "von", "de", "del", "da", "di", "le", "la"}:
                surnames.setdefault(fold(" ".join(parts[-2:])), actor.name)
    demonyms = {}
    adjective_of = {}
    for country, words in (raw.get("demonyms") or {}).items():
        adjective_of[country] = words[0]
        for word in words:
            demonyms[fold(word)] = country
    for actor in actors.values():  # regular demonyms: Cuba -> Cuban, Russia -> Russian
        if actor.label == "Country" and " " not in actor.name:
            n = actor.name
            form = n + "n" if n.endswith("a") else n + "ian" if n.endswith(("n", "l", "r")) else None
            if form and actor.name not in adjective_of:
                demonyms.setdefault(fold(form), n)
                adjective_of.setdefault(n, form)
    seats = {fold(w): country for country, ws in (raw.get("seats") or {}).items() for w in ws}
    places = {fold(p) for p in raw.get("places") or []}
    adjectives = {fold(a.adjective): a.name for a in actors.values() if a.adjective}
    places |= {fold(d) for d in ("Latin American", "South American", "North American", "Central American")}
    forms = {norm_key(w) for words in (raw.get("demonyms") or {}).values() for w in words}
    forms |= {norm_key(adj) for adj in adjective_of.values()}
    apostrophes = sorted({s for a in actors.values() for s in [a.name, *a.aliases]
                          if re.search(r"\w['’]s\b|\w&\w", s)}, key=len, reverse=True)
    subdivisions = {}
    surfaces: set[str] = set()
    wanted = set(raw.get("subdivision_countries") or [])
    by_code = {c["alpha_2"]: c for c in countries}
    for sub in subdivision_records:
        code = sub["code"].split("-")[0]
        if code in wanted and sub["type"] in ("State", "Province", "City", "District"):
            subdivisions.setdefault(fold(sub["name"]), canonical_of(by_code[code]))
            surfaces.add(sub["name"])
    heads = {actors[n].country: n for n in raw.get("heads_of_state") or [] if n in actors and actors[n].country}
    return Knowledge(actors, names, acronyms, surnames, demonyms, seats, places, adjectives, adjective_of,
                     forms, apostrophes, subdivisions, surfaces, heads)
