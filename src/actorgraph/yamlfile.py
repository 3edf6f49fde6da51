"""Read YAML keeping line numbers, so errors in maintained files can say where."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError


class Located:
    """Mixin carrying the 1-based line a YAML value started on."""

    line: int = 0


class LDict(dict, Located):
    pass


class LList(list, Located):
    pass


class LStr(str, Located):
    pass


def _build(node: yaml.Node) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        value: Any = LDict()
        for key_node, value_node in node.value:
            key = _build(key_node)
            if key in value:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            value[key] = _build(value_node)
    elif isinstance(node, yaml.SequenceNode):
        value = LList(_build(item) for item in node.value)
    else:
        scalar = _construct_scalar(node)
        if not isinstance(scalar, str):
            return scalar
        value = LStr(scalar)
    value.line = line
    return value


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int):
        self.key, self.line = key, line


def _construct_scalar(node: yaml.ScalarNode) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def load_yaml(path: Path) -> Any:
    """Parse a YAML file into dicts/lists/strs that know their line (``.line``)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    if node is None:
        return LDict()
    try:
        return _build(node)
    except _DuplicateKey as exc:
        raise ConfigError(f"{path}:{exc.line}: duplicate key {exc.key!r}") from None


def line_of(value: Any) -> int:
    return getattr(value, "line", 0)
