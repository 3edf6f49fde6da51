"""The word lists and the gazetteer the rules extractor reads (extract/lexicon.py)."""

from __future__ import annotations

import re
import unicodedata

import pycountry
from hypothesis import example, given, settings
from hypothesis import strategies as st

from actorgraph.extract.lexicon import fold, iso3166, knowledge, norm_key


def test_countries_and_subdivisions_read_from_pycountrys_files_are_its_own():
    countries, subdivisions = iso3166()
    assert [dict(c) for c in pycountry.countries] == countries
    theirs = [dict(s) for s in pycountry.subdivisions]
    assert len(theirs) == len(subdivisions) > 4000
    for own, its in zip(subdivisions, theirs):
        assert own["code"] == its["code"] and own["name"] == its["name"] and own["type"] == its["type"]
        assert own["code"].split("-")[0] == its["country_code"]


def test_the_gazetteer_knows_countries_by_their_pycountry_names_and_provinces():
    kb = knowledge()
    assert kb.lookup("Argentine Republic").name == "Argentina"  # pycountry's official name
    assert kb.lookup("Bolivia, Plurinational State of") is None  # a form with a comma is left out
    assert kb.subdivisions["cordoba"] == "Argentina"
    assert "Buenos Aires" in kb.subdivision_names


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=24))
@example("Fernández")
@example("Ｆｅｒｎａｎｄｅｚ \u2013 Kirchner")
@example("Hernán  Lacunza\n")
@example("Claver\u2010Carone")
def test_fold_and_norm_key_are_their_plain_formulas(text):
    # fold returns an ASCII key as it is, without reading it character by character
    key = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    key = re.sub(r"\s+", " ", re.sub(r"[\u2010-\u2015]", "-", key)).strip().casefold()
    assert norm_key(text) == key
    assert fold(text) == "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=24))
@example("Hernán  Lacunza\n".encode("ascii", "ignore").decode())
@example("\x1c Milei\t\x0b Javier ")
def test_norm_key_of_ascii_is_its_plain_formula(text):
    # norm_key reads an ASCII text by str.split, without NFKC and the two searches
    key = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    key = re.sub(r"\s+", " ", re.sub(r"[\u2010-\u2015]", "-", key)).strip().casefold()
    assert norm_key(text) == key
