"""The graph model (labels, relation types, endpoints), loaded from graph/ontology.yaml and checked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .yamlfile import line_of, load_yaml

LABEL_KEYS = {"color", "shape", "description"}
RELATION_KEYS = {"meaning", "source", "target", "symmetric", "properties", "color", "family"}
# Labels, types and property names go into Cypher as names (never as values): they must be
# plain identifiers, the form both Neo4j and FalkorDB take unquoted.
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
SHAPES = {"dot", "square", "diamond", "triangle", "triangleDown", "star", "ellipse", "box", "hexagon"}


@dataclass(frozen=True)
class Label:
    name: str
    color: str
    shape: str
    description: str


@dataclass(frozen=True)
class RelationType:
    name: str
    meaning: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    symmetric: bool
    properties: tuple[str, ...]
    color: str
    family: str

    def allows(self, source_label: str, target_label: str) -> bool:
        if source_label in self.sources and target_label in self.targets:
            return True
        return self.symmetric and target_label in self.sources and source_label in self.targets


@dataclass(frozen=True)
class Ontology:
    labels: dict[str, Label]
    relations: dict[str, RelationType]
    common_label: str = "Entity"
    article_label: str = "Article"
    mention_type: str = "MENTIONS"
    path: Path | None = field(default=None, compare=False)

    def check_label(self, label: str, where: str) -> None:
        if label not in self.labels:
            raise ConfigError(f"{where}: unknown label {label!r} (known: {', '.join(self.labels)})")

    def check_type(self, rel_type: str, where: str) -> None:
        if rel_type not in self.relations:
            raise ConfigError(
                f"{where}: unknown relation type {rel_type!r} (known: {', '.join(self.relations)})"
            )


def load_ontology(path: Path) -> Ontology:
    """Load and validate an ontology file; errors name the file and line."""
    path = Path(path)
    from .settings import builtin_path

    # the package's own copy (where no ./graph has one) is read by libyaml, as the package's
    # other data files are: a fifth of the time; a user's file by PyYAML's guarded parser
    doc = load_yaml(path, trusted=path == builtin_path("ontology.yaml"))
    if not isinstance(doc, dict):
        raise ConfigError(f"{path}:{line_of(doc)}: expected a mapping with 'labels' and 'relations'")
    for key in ("labels", "relations"):
        if not isinstance(doc.get(key), dict) or not doc[key]:
            raise ConfigError(f"{path}:{line_of(doc)}: missing or empty '{key}' mapping")

    special = {}
    for key, default in (("common_label", "Entity"), ("article_label", "Article"), ("mention_type", "MENTIONS")):
        special[key] = doc.get(key, default)
        _check_name(special[key], f"{path}:{line_of(special[key]) or line_of(doc)}", key)

    labels = {}
    for name, spec in doc["labels"].items():
        where = f"{path}:{line_of(name)}"
        _check_name(name, where, "label")
        if name in (special["common_label"], special["article_label"]):
            raise ConfigError(f"{where}: label {name!r} is the name of the common or article label; choose another")
        spec = spec or {}
        _no_unknown_keys(spec, LABEL_KEYS, where, f"label {name!r}")
        shape = spec.get("shape", "dot")
        if shape not in SHAPES:
            raise ConfigError(f"{where}: label {name!r} has unknown shape {shape!r} (use one of {', '.join(sorted(SHAPES))})")
        labels[str(name)] = Label(str(name), str(spec.get("color", "#999999")), str(shape),
                                  str(spec.get("description", "")))

    relations = {}
    for name, spec in doc["relations"].items():
        where = f"{path}:{line_of(name)}"
        _check_name(name, where, "relation type")
        if name == special["mention_type"]:
            raise ConfigError(f"{where}: relation type {name!r} is the mention type's name; choose another")
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: relation {name!r} must be a mapping")
        _no_unknown_keys(spec, RELATION_KEYS, where, f"relation {name!r}")
        ends = {}
        for end in ("source", "target"):
            value = spec.get(end)
            if not isinstance(value, list) or not value:
                raise ConfigError(f"{where}: relation {name!r} needs a non-empty '{end}' list of labels")
            for label in value:
                if label not in labels:
                    raise ConfigError(
                        f"{path}:{line_of(label) or line_of(value)}: relation {name!r} {end} names "
                        f"unknown label {label!r} (declared: {', '.join(labels)})"
                    )
            ends[end] = tuple(str(label) for label in value)
        properties = spec.get("properties", []) or []
        if not isinstance(properties, list):
            raise ConfigError(f"{where}: relation {name!r}: 'properties' must be a list of names")
        for prop in properties:
            _check_name(prop, f"{path}:{line_of(prop) or line_of(name)}", f"property of relation {name!r}")
        symmetric = spec.get("symmetric", False)
        if not isinstance(symmetric, bool):
            raise ConfigError(f"{where}: relation {name!r}: 'symmetric' must be true or false")
        relations[str(name)] = RelationType(
            name=str(name),
            meaning=str(spec.get("meaning", "")),
            sources=ends["source"],
            targets=ends["target"],
            symmetric=symmetric,
            properties=tuple(str(p) for p in properties),
            color=str(spec.get("color", "#999999")),
            family=str(spec.get("family", "other")),
        )
    return Ontology(
        labels=labels,
        relations=relations,
        common_label=str(special["common_label"]),
        article_label=str(special["article_label"]),
        mention_type=str(special["mention_type"]),
        path=path,
    )


def _check_name(name, where: str, what: str) -> None:
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ConfigError(f"{where}: {what} {name!r} is not a valid name: use letters, digits and _, "
                          f"not starting with a digit (e.g. {_suggest(name)!r})")


def _suggest(name) -> str:
    fixed = re.sub(r"\W+", "_", str(name), flags=re.ASCII).strip("_") or "Name"
    return fixed if not fixed[0].isdigit() else f"_{fixed}"


def _no_unknown_keys(spec: dict, allowed: set[str], where: str, what: str) -> None:
    for key in spec:
        if key not in allowed:
            raise ConfigError(
                f"{where[: where.rfind(':')]}:{line_of(key)}: {what} has unknown key {key!r} "
                f"(allowed: {', '.join(sorted(allowed))})"
            )
