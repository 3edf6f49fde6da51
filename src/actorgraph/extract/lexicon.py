"""Word lists the rule-based extractor reads: titles, keywords, common words, and the
curated knowledge file (``actorgraph/data/knowledge.yaml``) with pycountry's country names.

All lists are lower-case; lookups casefold and turn curly apostrophes straight.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

# Offices, longest first when matched. A title before a name makes the name a person.
TITLES = [
    "presidential chief-of-staff", "presidential chief of staff", "chief-of-staff", "chief of staff",
    "chief of cabinet", "cabinet chief", "deputy secretary of state", "assistant secretary of state",
    "secretary of state", "secretary of the treasury", "treasury secretary", "commerce secretary",
    "defense secretary", "defence secretary", "homeland security secretary", "secretary of defense",
    "secretary-general", "secretary general", "co-secretary general", "co-secretary-general",
    "foreign secretary", "home secretary",
    "vice president", "vice-president", "prime minister", "deputy prime minister",
    "foreign minister", "economy minister", "finance minister", "defense minister", "defence minister",
    "interior minister", "security minister", "trade minister", "health minister", "labor minister",
    "minister of foreign affairs", "minister of economy", "minister of the economy", "minister of finance",
    "minister of defense", "minister of security", "minister",
    "secretary", "finance secretary", "economy secretary", "trade secretary", "undersecretary",
    "under secretary", "deputy secretary", "commissioner", "trade commissioner", "deputy minister",
    "trade representative", "special envoy", "envoy", "ambassador", "consul", "attorney general", "solicitor general",
    "president-elect", "president", "senator", "sen.", "representative", "rep.", "congressman",
    "congresswoman", "lawmaker", "legislator", "deputy", "governor", "gov.", "mayor", "speaker",
    "chancellor", "premier", "king", "queen", "prince", "crown prince", "pope", "emperor", "sheikh",
    "general", "gen.", "admiral", "commander", "judge", "justice", "chief justice", "prosecutor",
    "chairman", "chairwoman", "chair", "ceo", "chief executive", "managing director", "director",
    "director-general", "head", "leader", "spokesperson", "spokesman", "spokeswoman", "press secretary",
    "adviser", "advisor", "economic adviser", "economic advisor", "chief economist", "economist", "professor", "analyst",
    "businessman", "businesswoman", "tycoon", "billionaire", "candidate", "dictator", "founder",
    "scientist", "political scientist", "researcher", "fellow", "senior fellow", "lecturer", "scholar",
]
# Abbreviated titles arrive as two tokens ("Sen", "."): match them that way too.
TITLES += ["sen .", "rep .", "gov .", "gen .", "mr .", "mrs .", "ms .", "dr .", "pres ."]
TITLE_SET = set(TITLES)
# Heads of state or government: a sitting one LEADS the country.
HEAD_OF_STATE = {"president", "pres .", "prime minister", "premier", "king", "queen", "emperor", "chancellor",
                 "leader", "head", "dictator", "sheikh"}
# Heads of an organization: a sitting one LEADS it.
HEAD_OF_ORG = {"president", "chairman", "chairwoman", "chair", "ceo", "chief executive", "head",
               "leader", "managing director", "director", "director-general", "secretary-general",
               "secretary general", "co-secretary general", "co-secretary-general", "founder"}
# Titles that only describe an occupation: they make a person but no HOLDS_ROLE edge by themselves.
OCCUPATIONS = {"economist", "analyst", "businessman", "businesswoman", "tycoon", "billionaire",
               "candidate", "founder", "mr .", "mrs .", "ms .", "dr .", "scientist", "political scientist",
               "researcher", "fellow", "senior fellow", "lecturer", "scholar", "professor"}
# Words in front of a title that make it past, future or not yet held.
TEMPORAL = {"former", "ex", "ex-", "future", "designated", "incoming", "outgoing", "then", "late",
            "acting", "interim", "elected", "nominated", "new", "current", "sitting", "newly",
            "appointed", "previous", "past", "opposition", "deputy", "party", "rebel"}
NOT_SITTING = {"former", "ex", "ex-", "future", "designated", "incoming", "outgoing", "then", "late",
               "elected", "nominated", "previous", "past", "opposition", "deputy", "party", "rebel"}

ORG_KEYWORDS = {
    "fund", "bank", "ministry", "department", "party", "organization", "organisation", "agency",
    "office", "council", "commission", "university", "institute", "institution", "association",
    "union", "movement", "embassy", "senate", "congress", "parliament", "court", "group",
    "corporation", "company", "inc", "ltd", "corp", "times", "post", "journal", "quarterly",
    "news", "herald", "review", "magazine", "tribune", "gazette", "daily", "network", "foundation",
    "federation", "confederation", "coalition", "alliance", "bloc", "authority", "administration",
    "bureau", "board", "committee", "service", "services", "forces", "army", "navy", "police",
    "treasury", "reserve", "secretariat", "chamber", "assembly", "center", "centre", "school",
    "college", "academy", "club", "front", "league", "consortium", "holdings", "airlines",
    "energy", "petroleum", "oil", "motors", "capital", "partners", "fed", "cabinet",
    "directorate", "society", "guard", "command", "watch", "international", "trust", "observatory",
    "institution", "program", "programme", "mission", "ministries", "court", "tribunal",
    # company and service names ("Ganfeng Lithium", "Zijin Mining", "US Air Force")
    "mining", "lithium", "force", "ratings", "industries", "resources", "media", "steel",
    "pharmaceuticals", "securities", "investments", "technologies", "systems", "airways",
}
# First words of organisation names in Spanish and Portuguese ("Grupo Financiero Galicia",
# "Banco Central do Brasil", "Unión Industrial Argentina"): the keyword comes first.
ORG_FIRST_WORDS = {"grupo", "banco", "unión", "union", "frente", "partido", "fundación", "fundação",
                   "universidad", "universidade", "confederación", "federación", "asociación",
                   "instituto", "ministerio", "cámara", "sociedad", "compañía", "empresa",
                   "corporación", "consejo", "comisión", "agencia", "movimiento"}
# Words of Spanish and Portuguese party and coalition names ("Provincias Unidas", "Fuerza
# Patria", "Juntos por el Cambio"): a capitalised sequence with one of them is no person.
POLITICAL_WORDS = {"unidas", "unidos", "unida", "unido", "patria", "libertad", "avanza", "fuerza", "frente",
                   "juntos", "cambio", "todos", "nacional", "popular", "radical", "cívica", "civica",
                   "socialista", "obrero", "trabajadores", "partido", "movimiento", "coalición", "alianza",
                   "provincias", "nueva", "nuevo", "renovación", "renovacion", "justicialista", "peronista",
                   "libertario", "republicano", "republicana", "democrático", "democrática"}
# Lower-case nouns that name what the capitalised words after them are ("the consultancy
# Equilibra", "the pipe maker Tenaris"): an organisation.
ORG_CLASS_NOUNS = {"consultancy", "firm", "company", "bank", "lender", "insurer", "producer", "maker",
                   "agency", "newspaper", "outlet", "broadcaster", "pollster", "miner", "exporter",
                   "conglomerate", "startup", "retailer", "carrier", "airline", "group", "fund",
                   "think-tank", "tank", "union", "federation", "confederation", "chain", "developer",
                   "manufacturer", "operator", "automaker", "steelmaker", "giant", "multinational"}
EVENT_KEYWORDS = {"conference", "summit", "forum", "ball", "gala", "election", "elections", "inauguration",
                  "olympics", "games", "cup", "festival", "convention", "expo", "fair", "meeting",
                  "talks", "war", "referendum", "primaries", "primary", "debate", "assembly"}
AGREEMENT_KEYWORDS = {"act", "agreement", "accord", "treaty", "pact", "deal", "protocol", "bill",
                      "law", "memorandum", "initiative", "framework", "charter", "convention", "facility"}
# Lower-case heads of agreement phrases ("a $20 billion swap line with ...").
AGREEMENT_HEADS = {"agreement", "agreements", "deal", "accord", "treaty", "pact", "swap", "loan",
                   "bailout", "rescue", "credit", "programme", "program", "package", "facility"}
AGREEMENT_MODIFIERS = {"fresh", "new", "possible", "free", "bilateral", "proposed", "comprehensive",
                       "historic", "landmark", "potential", "nuclear", "currency", "trade", "swap",
                       "credit", "bailout", "rescue", "financial", "economic", "climate", "defense",
                       "defence", "security", "investment", "tariff", "reciprocal", "preliminary",
                       "formal", "line", "stabilization", "support", "aid", "loan", "debt",
                       "multibillion-dollar", "multi-billion-dollar", "billion-dollar", "record",
                       "initial", "broader", "major", "final", "first", "commercial", "strategic",
                       "financing", "extended", "fund", "current", "existing", "latest", "previous",
                       "repo", "syndicated", "bridge", "standby"}
# Group nouns after a party adjective: "Democratic senators" stand for the party.
PARTY_MEMBERS = {"lawmakers", "senators", "legislators", "members", "congressmen", "congresswomen",
                 "representatives", "leaders", "lawmaker", "senator", "deputies", "officials",
                 "governors", "politicians", "colleagues", "voters", "bloc", "caucus"}
GEO_WORDS = {"north", "south", "east", "west", "western", "eastern", "southern", "northern",
             "central", "middle", "island", "islands", "valley", "river", "sea", "ocean",
             "hemisphere", "cone", "office", "house", "street", "avenue", "square", "palace",
             "tower", "hall", "plaza", "park", "city", "province", "county", "coast", "bay",
             "mountains", "region", "lake", "gulf", "peninsula", "strait", "canal", "airport",
             "station", "port", "residence", "building", "bridge", "road"}

# Frequent English words: a capitalised sequence made of them is a heading or a phrase, not a name.
COMMON = set("""
a about above according across actually add added after again against agenda ago ahead aim aims all
allow almost alone along already also although always am among amid amidst an analysis and announced
announces announcement another any anyone anything apart are area areas around article as aside ask
at away back bad based be became because become becomes been before began begin behind being below
beneath beside besides best better between beyond big both bring brings broad broader but by call
called calls came can cannot case cause certain challenge challenges change changes chapter clear
close come comes coming conclusion conflict context could country countries current currently day
days deal despite details did different do does doing done down due during each early economic
economy either else end enough even ever every exactly example except fact facts far few finally
first following for former forward free from full further furthermore future gave get gets given
gives global go goes going good got great group growth had has have having he her here hers herself
him himself his historic history how however i if impact implications important in including
indeed inside instead into is issue issues it its itself just key known last later latest least
leaders less let like likely little long look looking looks made main major make makes making many
may me meanwhile might more moreover most much must my near nearly need needs never new news next
no none nor not nothing now of off often on once one only onto open or other others otherwise our
ours out outside over overview own part past per perhaps plan plans point points political possible
potential power president previous priority priorities probably public put quite rather read real
really recent regional related relations relationship report reports right role rules said same
say says second see seems seen several shall she should show shows side since so some something
soon special still strategic strong such summary support table take takes taken takeaways than
that the their theirs them themselves then there therefore these they thing things third this
those though three through throughout thus time times to today together too top toward towards
trade two under unlike until up upon us use used very via view views vision was way ways we well
were what whatever when where whether which while who whole whom whose why will with within without
world would yet you your yours aspect aspects glance dynamics reality realities challenges
opportunities opportunity outlook looking prospects conclusion insights background timeline
nearby elsewhere separately overall yesterday earlier afterwards instead likewise
introduction summary takeaway highlights contents dual interpretation symbolic partnership
balancing act beyond latin american americans argentine argentines sources analysts critics
supporters markets consultants experts officials investors farmers ranchers compatriots
ideological differences era alliance unprecedented forge forges geopolitical priorities realities
surplus guarantees agenda lithium gas stakes balancing roadblocks connection engagement focus
policy economic international domestic foreign national federal local state states government
governments administration official officials minister ministry senate congress election
elections campaign campaigns vote votes voters party parties leader leadership deputy deputies
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december spring summer autumn fall winter
""".split())


@dataclass(frozen=True)
class EntityWords:
    """The word lists of ``data/entity_words.yaml``; see the comments there."""

    not_name_words: frozenset[str]
    outlet_first_words: frozenset[str]
    org_last_words: frozenset[str]
    clause_words: frozenset[str]
    origin_suffixes: frozenset[str]
    election_kinds: dict[str, str]


ENTITY_WORDS_FILE = "data/entity_words.yaml"


@lru_cache(maxsize=1)
def entity_words() -> EntityWords:
    """Read and check ``data/entity_words.yaml`` once per process (ConfigError when malformed)."""
    return parse_entity_words(resources.files("actorgraph").joinpath(ENTITY_WORDS_FILE).read_text("utf-8"))


def parse_entity_words(text: str, where: str = ENTITY_WORDS_FILE) -> EntityWords:
    from ..errors import ConfigError

    raw = yaml.safe_load(text)
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


@lru_cache(maxsize=1 << 16)
def norm_key(text: str) -> str:
    """Key for looking names up: NFKC, casefolded, straight apostrophes, single spaces."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """norm_key without accents: 'Fernández' and 'Fernandez' meet."""
    text = unicodedata.normalize("NFKD", norm_key(text))
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

    @property
    def subdivision_names(self) -> list[str]:
        return sorted(self._subdivision_surfaces)

    def is_demonym(self, surface: str) -> bool:
        """A demonym as written, singular or plural: 'Germán' (a name) is not 'German'."""
        if fold(surface) in self.demonyms and norm_key(surface) in self.demonym_forms:
            return True
        return surface.endswith("s") and len(surface) > 4 and self.is_demonym(surface[:-1])  # "Argentines"

    def lookup(self, surface: str) -> KnownActor | None:
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


def _is_acronym(text: str) -> bool:
    bare = text.replace(".", "").replace("-", "")
    return bare.isupper() and len(bare) <= 6 and bare.isalnum()


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """Load the curated knowledge file and pycountry once per process."""
    import pycountry

    raw = yaml.safe_load(resources.files("actorgraph").joinpath("data/knowledge.yaml").read_text("utf-8"))
    actors: dict[str, KnownActor] = {}
    names: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    territories = set(raw.get("territories") or [])
    extra_countries = raw.get("countries") or {}
    prefer = {}
    for preferred, extra in extra_countries.items():
        for surface in [preferred, *(extra or [])]:
            prefer[fold(surface)] = preferred
    for country in pycountry.countries:
        if country.alpha_2 in territories:
            continue
        canonical = getattr(country, "common_name", None) or country.name
        canonical = prefer.get(fold(canonical)) or prefer.get(fold(country.name)) or canonical
        forms = {country.name, canonical, getattr(country, "official_name", None) or canonical}
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
    for sub in pycountry.subdivisions:
        if sub.country_code in wanted and sub.type in ("State", "Province", "City", "District"):
            country = pycountry.countries.get(alpha_2=sub.country_code)
            canonical = getattr(country, "common_name", None) or country.name
            canonical = prefer.get(fold(canonical)) or prefer.get(fold(country.name)) or canonical
            subdivisions.setdefault(fold(sub.name), canonical)
            surfaces.add(sub.name)
    return Knowledge(actors, names, acronyms, surnames, demonyms, seats, places, adjectives, adjective_of,
                     forms, apostrophes, subdivisions, surfaces)
