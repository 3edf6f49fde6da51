"""yamlfile.load_yaml: the values PyYAML's safe loader gives, each knowing its line."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from actorgraph.settings import builtin_path
from actorgraph.yamlfile import LDict, LList, LStr, line_of, load_yaml

TRICKY = """\
plain: text
quoted: "12"
single: 'yes'
tagged: !!str 3.5
number: 12
float: 1.5
flag: yes
nothing: null
empty:
date: 2024-05-01
block: |
  two
  lines
folded: >
  one
  line
anchored: &a [x, "y", 3, {k: v}]
again: *a
"key with spaces": [on, off, ~]
"""


def _files():
    data = resources.files("actorgraph") / "data"
    return [builtin_path("ontology.yaml")] + sorted(p for p in data.iterdir() if p.name.endswith(".yaml"))


@pytest.mark.parametrize("trusted", [False, True])
def test_values_are_the_safe_loaders(tmp_path, trusted):
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY, encoding="utf-8")
    assert load_yaml(path, trusted=trusted) == yaml.safe_load(TRICKY)
    for file in _files():
        text = file.read_text(encoding="utf-8")
        assert load_yaml(file, trusted=trusted) == yaml.safe_load(text), file.name


def test_strings_lists_and_mappings_know_their_line(tmp_path):
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY, encoding="utf-8")
    doc = load_yaml(path)
    assert type(doc) is LDict and type(doc["plain"]) is LStr and type(doc["anchored"]) is LList
    assert [line_of(doc["plain"]), line_of(doc["quoted"]), line_of(doc["tagged"]), line_of(doc["block"])] == [1, 2, 4, 11]
    assert line_of(next(k for k in doc if k == "key with spaces")) == 19
    assert type(doc["number"]) is int and type(doc["flag"]) is bool and doc["nothing"] is None
