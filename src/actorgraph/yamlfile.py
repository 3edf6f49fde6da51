"""Read YAML keeping line numbers, so errors in maintained files can say where."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    import yaml


# The maintained files need four or five levels; deeper is a mistake, or an attack on the
# recursion of whatever walks the values next.
MAX_DEPTH = 64


class Located:
    """Mixin carrying the 1-based line a YAML value started on."""

    line: int = 0


class LDict(dict, Located):
    pass


class LList(list, Located):
    pass


class LStr(str, Located):
    pass


_STR_TAG = "tag:yaml.org,2002:str"


def _build(node: yaml.Node, constructor: yaml.constructor.SafeConstructor) -> Any:
    line = node.start_mark.line + 1
    if node.id == "mapping":  # PyYAML's node kinds, told without importing it here
        value: Any = LDict()
        for key_node, value_node in node.value:
            key = _build(key_node, constructor)
            if key in value:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            value[key] = _build(value_node, constructor)
    elif node.id == "sequence":
        value = LList(_build(item, constructor) for item in node.value)
    elif node.tag == _STR_TAG:
        value = LStr(node.value)  # what the constructor gives a str scalar (construct_scalar), without its machinery
    else:
        scalar = constructor.construct_object(node, deep=True)
        if not isinstance(scalar, str):
            return scalar
        value = LStr(scalar)
    value.line = line
    return value


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int):
        self.key, self.line = key, line


def load_yaml(path: Path, *, trusted: bool = False) -> Any:
    """Parse a YAML file into dicts/lists/strs that know their line (``.line``).

    ``trusted``: a file of the package's own (``data/relations.yaml``), read with libyaml's
    parser when PyYAML has it (about ten times faster; the same nodes and lines). Its
    composer recurses in C, with no guard against deep nesting, so files a user supplies
    are read by PyYAML's own."""
    # PyYAML imported at first use, not with this module: the CLI imports this module before
    # ``actorgraph extract`` opens its block of kept patterns (extract/pattern_cache.py), and
    # importing PyYAML compiles some 15 ms of patterns, then kept with the rules' own
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    try:
        fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        node = yaml.compose(text, Loader=fast if trusted else yaml.SafeLoader)
    except RecursionError:  # PyYAML's composer recurses once per level; nothing is half-built
        raise ConfigError(f"{path}: nested too deeply (more than {MAX_DEPTH} levels)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    if node is None:
        return LDict()
    if _depth_over(node, MAX_DEPTH):
        raise ConfigError(f"{path}: nested too deeply (more than {MAX_DEPTH} levels)")
    try:
        return _build(node, yaml.constructor.SafeConstructor())  # scalars: one constructor per file
    except _DuplicateKey as exc:
        raise ConfigError(f"{path}:{exc.line}: duplicate key {exc.key!r}") from None


def _depth_over(root: yaml.Node, limit: int) -> bool:
    """Whether the composed tree nests deeper than ``limit``, walked without recursion."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if node.id == "mapping":
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif node.id == "sequence":
            stack.extend((child, depth + 1) for child in node.value)
    return False


def line_of(value: Any) -> int:
    return getattr(value, "line", 0)
