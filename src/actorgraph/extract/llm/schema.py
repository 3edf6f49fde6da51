"""The prompt and the answer's JSON schema, both generated from the ontology.

Labels (with their descriptions), relation types (with their meanings, allowed endpoints
and properties) come from ``graph/ontology.yaml``: change the ontology and the prompt,
the schema and the prompt version (so the cache key) follow. Each relation type is one
branch of an ``anyOf``, so a server that enforces the schema can only produce the
properties that type declares (``role`` for HOLDS_ROLE and LEADS, ``detail`` for FUNDS
and IMPOSES in the shipped ontology).
"""

from __future__ import annotations

import hashlib
import json

from ...ontology import Ontology, RelationType
from ..document import Document

# Raise when the wording below changes; the ontology's part is hashed in automatically.
PROMPT_REVISION = 1
SCHEMA_NAME = "actor_graph"

PROPERTY_HELP = {
    "role": "the office or position, worded as the excerpt words it",
    "detail": "what it is (see the meaning), worded from the excerpt",
}


def system_prompt(ontology: Ontology) -> str:
    """Instructions sent with every chunk: the task, the labels, the relation types."""
    labels = "\n".join(f"- {name}: {label.description}" for name, label in ontology.labels.items())
    relations = "\n".join(f"- {_relation_line(spec)}" for spec in ontology.relations.values())
    return f"""You extract an actor-relationship graph from an excerpt of a news article.
Answer with one JSON object {{"entities": [...], "relations": [...]}} and nothing else.

entities: every actor the excerpt names, once each:
- name: the fullest name the excerpt gives for it
- type: one of the labels below
- aliases: the other forms the excerpt uses for the same actor, copied as written (may be empty)

Labels:
{labels}

relations: only what the excerpt itself states, each with
- source, target: names from your entities list
- type: one of the relation types below, running from a source of the listed labels to a target of the listed labels
- quote: the sentence (or shortest part of it) that states the relation, copied character for character from the excerpt
- only the properties the type lists (role, detail), worded from the excerpt

Relation types:
{relations}

A relation whose quote is not in the excerpt word for word, whose type is not listed, whose
ends are not in your entities list, or whose ends have labels the type does not allow, is
discarded. Do not report relations the excerpt only suggests, denies or speculates about."""


def _relation_line(spec: RelationType) -> str:
    ends = f"{' | '.join(spec.sources)} -> {' | '.join(spec.targets)}"
    if spec.symmetric:
        ends += ", either direction"
    props = "".join(f"; {p}: {PROPERTY_HELP.get(p, p)}" for p in spec.properties)
    return f"{spec.name} ({ends}{props}): {spec.meaning}"


def user_message(doc: Document, excerpt: str, part: int, parts: int) -> str:
    """The message for one chunk: title, publication date, then the excerpt itself."""
    lines = [f"Title: {doc.title}" if doc.title else "Title: (none)",
             f"Published: {doc.published or 'unknown'}"]
    if parts > 1:
        lines.append(f"Part {part} of {parts} of the article.")
    return "\n".join(lines) + "\n\nExcerpt:\n" + excerpt


def answer_schema(ontology: Ontology) -> dict:
    """JSON Schema of the answer: strict-mode compatible (every property required, no extras)."""
    labels = list(ontology.labels)
    entity = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "type", "aliases"],
        "properties": {
            "name": {"type": "string", "description": "the fullest name the excerpt gives"},
            "type": {"type": "string", "enum": labels,
                     "description": "; ".join(f"{n}: {l.description}" for n, l in ontology.labels.items())},
            "aliases": {"type": "array", "items": {"type": "string"},
                        "description": "other forms the excerpt uses for it, as written"},
        },
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["entities", "relations"],
        "properties": {
            "entities": {"type": "array", "items": entity},
            "relations": {"type": "array",
                          "items": {"anyOf": [_relation_branch(s) for s in ontology.relations.values()]}},
        },
    }


def _relation_branch(spec: RelationType) -> dict:
    direction = " (either direction)" if spec.symmetric else ""
    properties = {
        "source": {"type": "string",
                   "description": f"name of a {' or '.join(spec.sources)} from the entities list"},
        "type": {"type": "string", "enum": [spec.name]},
        "target": {"type": "string",
                   "description": f"name of a {' or '.join(spec.targets)} from the entities list"},
        "quote": {"type": "string",
                  "description": "the words of the excerpt that state it, copied exactly"},
    }
    for prop in spec.properties:
        properties[prop] = {"type": "string", "description": PROPERTY_HELP.get(prop, prop)}
    return {"type": "object", "description": f"{spec.name}{direction}: {spec.meaning}",
            "additionalProperties": False, "required": list(properties), "properties": properties}


def response_format(ontology: Ontology) -> dict:
    """The chat-completions ``response_format`` carrying the schema."""
    return {"type": "json_schema",
            "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": answer_schema(ontology)}}


def prompt_version(ontology: Ontology) -> str:
    """Names the prompt and schema an answer was given to: part of every cache key."""
    body = json.dumps([system_prompt(ontology), response_format(ontology)], sort_keys=True)
    return f"r{PROMPT_REVISION}-{hashlib.sha256(body.encode('utf-8')).hexdigest()[:12]}"


def describe(ontology: Ontology) -> str:
    """What every request carries, for `actorgraph extract --print-llm-schema`."""
    sample = Document("", "", "", "", title="<the article's title>", published="<its publication date>")
    return "\n".join([
        f"# prompt version {prompt_version(ontology)} (part of every cache key)",
        "", "# system message", system_prompt(ontology),
        "", "# user message, one per chunk of an article",
        user_message(sample, "<the chunk: whole paragraphs of the article, as they are written>", 1, 1),
        "", "# response_format (temperature 0)", json.dumps(response_format(ontology), indent=2), ""])
