"""Finding a State in the data (`store.lookup`): codes that are ISO 3166's, keys that are unique,
every State reachable by name, alias and either code, common names finding the UNTC spelling;
and the packaged data files being the repository's."""

from __future__ import annotations

import unicodedata

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ottawa_cli.law.model import Dataset
from ottawa_cli.store.lookup import StateIndex, normalize
from tests.support import REGISTRY, ROOT, TREATIES


def test_codes_are_iso_3166_and_agree_with_each_other(real: Dataset) -> None:
    for state in real.states:
        country = pycountry.countries.get(alpha_2=state.iso2)
        assert country is not None, state.name
        assert country.alpha_3 == state.iso3, state.name


def test_names_codes_and_aliases_are_unique(real: Dataset) -> None:
    seen: dict[str, str] = {}
    for state in real.states:
        for key in {normalize(k) for k in (state.name, state.iso2, state.iso3, *state.aliases)}:
            assert key not in seen, f"{key!r}: {seen.get(key)} and {state.name}"
            seen[key] = state.name


def test_every_state_is_reachable_by_name_alias_and_both_codes(real: Dataset) -> None:
    index = StateIndex(real.states)
    for state in real.states:
        for key in (state.name, state.iso2, state.iso3, *state.aliases):
            assert index.find(key) is state


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Turkey", "Türkiye"),
        ("Czechia", "Czech Republic"),
        ("Swaziland", "Eswatini"),
        ("Macedonia", "North Macedonia"),
        ("Holland", "Netherlands (Kingdom of the)"),
        ("Cape Verde", "Cabo Verde"),
        ("Ivory Coast", "Côte d'Ivoire"),
        ("Vatican", "Holy See"),
        ("Palestine", "State of Palestine"),
        ("Bolivia", "Bolivia (Plurinational State of)"),
    ],
)
def test_common_names_find_the_untc_spelling(real: Dataset, alias: str, name: str) -> None:
    assert StateIndex(real.states).find(alias).name == name


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fast_path_normalizes_like_the_unicode_path(text: str) -> None:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    slow = " ".join("".join(c if c.isalnum() else " " for c in decomposed).split())
    assert normalize(text) == slow


def test_the_packaged_data_files_are_the_repository_ones() -> None:
    from pathlib import Path

    import ottawa_cli

    packaged = Path(ottawa_cli.__file__).parent / "data"
    for path in (REGISTRY, *TREATIES.values()):
        relative = path.relative_to(ROOT / "data")
        assert (packaged / relative).read_bytes() == path.read_bytes(), relative
