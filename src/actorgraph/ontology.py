"""The graph model (labels, relation types, endpoints), loaded from graph/ontology.yaml and checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .yamlfile import line_of, load_yaml

LABEL_KEYS = {"color", "shape", "description"}
RELATION_KEYS = {"meaning", "source", "target", "symmetric", "properties", "color", "family"}
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
    doc = load_yaml(path)
    if not isinstance(doc, dict):
        raise ConfigError(f"{path}:{line_of(doc)}: expected a mapping with 'labels' and 'relations'")
    for key in ("labels", "relations"):
        if not isinstance(doc.get(key), dict) or not doc[key]:
            raise ConfigError(f"{path}:{line_of(doc)}: missing or empty '{key}' mapping")

    labels = {}
    for name, spec in doc["labels"].items():
        where = f"{path}:{line_of(name)}"
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
        symmetric = spec.get("symmetric", False)
        if not isinstance(symmetric, bool):
            raise ConfigError(f"{where}: relation {name!r}: 'symmetric' must be true or false")
        relations[str(name)] = RelationType(
            name=str(name),
            meaning=str(spec.get("meaning", "")),
            sources=ends["source"],
            targets=ends["target"],
            symmetric=symmetric,
            properties=tuple(str(p) for p in spec.get("properties", []) or []),
            color=str(spec.get("color", "#999999")),
            family=str(spec.get("family", "other")),
        )
    return Ontology(
        labels=labels,
        relations=relations,
        common_label=str(doc.get("common_label", "Entity")),
        article_label=str(doc.get("article_label", "Article")),
        mention_type=str(doc.get("mention_type", "MENTIONS")),
        path=path,
    )


def _no_unknown_keys(spec: dict, allowed: set[str], where: str, what: str) -> None:
    for key in spec:
        if key not in allowed:
            raise ConfigError(
                f"{where[: where.rfind(':')]}:{line_of(key)}: {what} has unknown key {key!r} "
                f"(allowed: {', '.join(sorted(allowed))})"
            )
