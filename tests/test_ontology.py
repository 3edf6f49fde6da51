from pathlib import Path

import pytest

from actorgraph.errors import ConfigError
from actorgraph.ontology import load_ontology

from .conftest import GRAPH_DIR

VALID = (GRAPH_DIR / "ontology.yaml").read_text()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ontology.yaml"
    path.write_text(text)
    return path


def test_committed_ontology_declares_the_model(ontology):
    assert set(ontology.labels) == {"Person", "Organization", "Country", "Agreement", "Event"}
    assert set(ontology.relations) == {
        "MET_WITH", "HOLDS_ROLE", "LEADS", "MEMBER_OF", "SUPPORTS", "CRITICIZES",
        "ALLIED_WITH", "NEGOTIATES", "PARTY_TO", "FUNDS", "IMPOSES"}
    symmetric = {name for name, rel in ontology.relations.items() if rel.symmetric}
    assert symmetric == {"MET_WITH", "ALLIED_WITH"}
    assert ontology.common_label == "Entity"
    assert ontology.relations["HOLDS_ROLE"].allows("Person", "Country")
    assert not ontology.relations["HOLDS_ROLE"].allows("Country", "Person")
    assert ontology.relations["MET_WITH"].allows("Organization", "Person")


def test_unknown_label_in_relation_names_file_and_line(tmp_path):
    text = VALID.replace("target: [Organization]\n", "target: [Organisation]\n", 1)
    path = write(tmp_path, text)
    line = text.splitlines().index("    target: [Organisation]") + 1
    with pytest.raises(ConfigError) as exc:
        load_ontology(path)
    assert str(exc.value).startswith(f"{path}:{line}: relation 'MEMBER_OF' target names unknown label 'Organisation'")


def test_unknown_key_names_its_line(tmp_path):
    text = VALID.replace("    symmetric: true\n", "    symetric: true\n", 1)
    path = write(tmp_path, text)
    line = text.splitlines().index("    symetric: true") + 1
    with pytest.raises(ConfigError, match=rf"^{path}:{line}: relation 'MET_WITH' has unknown key 'symetric'"):
        load_ontology(path)


def test_yaml_syntax_error_names_line(tmp_path):
    path = write(tmp_path, "labels:\n  Person: {color: '#fff'\nrelations: {}\n")
    with pytest.raises(ConfigError, match=rf"^{path}:3: invalid YAML"):
        load_ontology(path)


def test_duplicate_key_is_an_error(tmp_path):
    text = VALID.replace("  Event:\n", "  Person:\n", 1)
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match="duplicate key 'Person'"):
        load_ontology(path)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_ontology(tmp_path / "nope.yaml")


def test_bad_symmetric_flag(tmp_path):
    path = write(tmp_path, VALID.replace("symmetric: true", "symmetric: maybe", 1))
    with pytest.raises(ConfigError, match="'symmetric' must be true or false"):
        load_ontology(path)


@pytest.mark.parametrize("old, new, what", [
    ("  Person:\n", "  Per son:\n", "label 'Per son'"),
    ("  Person:\n", "  \"Person`) DETACH DELETE n //\":\n", "label 'Person`) DETACH DELETE n //'"),
    ("  Event:\n", "  1Event:\n", "label '1Event'"),
    ("  FUNDS:\n", "  FUNDS-WITH:\n", "relation type 'FUNDS-WITH'"),
    ("    properties: [role]\n", "    properties: [the role]\n", "property of relation 'HOLDS_ROLE' 'the role'"),
    ("common_label: Entity ", "common_label: Ent ity ", "common_label 'Ent ity'"),
    ("mention_type: MENTIONS ", "mention_type: \"MENTIONS\\n\" ", "mention_type 'MENTIONS\\n'"),
])
def test_a_name_that_is_not_an_identifier_names_file_line_and_entry(tmp_path, old, new, what):
    """Names go into Cypher unquoted: 'Per son' was a traceback from cypher.fill."""
    text = VALID.replace(old, new, 1)
    assert text != VALID
    path = write(tmp_path, text)
    line = text[: text.index(new)].count("\n") + 1
    with pytest.raises(ConfigError) as exc:
        load_ontology(path)
    assert str(exc.value).startswith(f"{path}:{line}: {what} is not a valid name: use letters, digits and _")


def test_a_label_named_like_the_common_label_is_an_error(tmp_path):
    path = write(tmp_path, VALID.replace("  Event:\n", "  Entity:\n", 1))
    with pytest.raises(ConfigError, match="label 'Entity' is the name of the common or article label"):
        load_ontology(path)


def test_a_bad_label_is_one_error_line_from_the_cli(tmp_path):
    from click.testing import CliRunner

    from actorgraph.cli import main

    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "ontology.yaml").write_text(VALID.replace("  Person:\n", "  Per son:\n", 1))
    (tmp_path / "a.txt").write_text("President Javier Milei met Donald Trump.")
    result = CliRunner().invoke(main, ["--graph-dir", str(tmp_path / "graph"), "extract", str(tmp_path / "a.txt"),
                                       "-o", str(tmp_path / "g.json")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "label 'Per son' is not a valid name" in result.output
    assert len(result.output.splitlines()) == 1
