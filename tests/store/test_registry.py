"""data/states.yaml, the State registry: every State a user may ask about, each with keys of its
own, found by what users type under every treaty."""

from __future__ import annotations

import json
from typing import Any

import pycountry
import pytest
import yaml

from ottawa_cli.law.model import Dataset
from ottawa_cli.store.lookup import normalize
from tests.support import REGISTRY

WORLD = REGISTRY

# The UN Members that neither signed nor joined the Mine Ban Convention (none is in states.yaml).
OUTSIDE_THE_CONVENTION = {
    "Armenia",
    "Azerbaijan",
    "Bahrain",
    "China",
    "Cuba",
    "Democratic People's Republic of Korea",
    "Egypt",
    "Georgia",
    "India",
    "Iran (Islamic Republic of)",
    "Israel",
    "Kazakhstan",
    "Kyrgyzstan",
    "Lao People's Democratic Republic",
    "Lebanon",
    "Libya",
    "Micronesia (Federated States of)",
    "Mongolia",
    "Morocco",
    "Myanmar",
    "Nepal",
    "Pakistan",
    "Republic of Korea",
    "Russian Federation",
    "Saudi Arabia",
    "Singapore",
    "Syrian Arab Republic",
    "United Arab Emirates",
    "United States of America",
    "Uzbekistan",
    "Viet Nam",
}

# What users type, and the State each must find (ambiguous ones, "America", "Korea", are left out).
ALIASES = {
    "USA": "USA",
    "US": "USA",
    "United States": "USA",
    "UK": "GBR",
    "United Kingdom": "GBR",
    "Britain": "GBR",
    "Great Britain": "GBR",
    "Russia": "RUS",
    "China": "CHN",
    "Burma": "MMR",
    "UAE": "ARE",
    "North Korea": "PRK",
    "DPRK": "PRK",
    "South Korea": "KOR",
    "Republic of Korea": "KOR",
    "Ivory Coast": "CIV",
    "Czech Republic": "CZE",
    "Czechia": "CZE",
    "Holland": "NLD",
    "Netherlands": "NLD",
    "Vatican": "VAT",
    "Vatican City": "VAT",
    "Swaziland": "SWZ",
    "Macedonia": "MKD",
    "Cape Verde": "CPV",
    "East Timor": "TLS",
    "Laos": "LAO",
    "Vietnam": "VNM",
    "Syria": "SYR",
    "Iran": "IRN",
    "Tanzania": "TZA",
    "Moldova": "MDA",
    "Bolivia": "BOL",
    "Venezuela": "VEN",
    "Micronesia": "FSM",
    "Congo-Brazzaville": "COG",
    "DRC": "COD",
    "DR Congo": "COD",
    "Brunei": "BRN",
    "Palestine": "PSE",
    "Turkey": "TUR",
    "Zaire": "COD",
    "Ceylon": "LKA",
    "The former Yugoslav Republic of Macedonia": "MKD",
}

# Former names that are also aliases: inherited from data/states.yaml, which lists them as aliases.
FORMER_AND_ALIAS = {
    "Swaziland",
    "Turkey",
    "Cape Verde",
    "The former Yugoslav Republic of Macedonia",
}


@pytest.fixture(scope="module")
def world() -> list[dict[str, Any]]:
    with WORLD.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    assert list(data) == ["format", "sources", "states", "not_listed"]
    states: list[dict[str, Any]] = [s for s in data["states"] if "kind" not in s]
    return states


def test_the_european_union_is_the_one_participant_that_is_not_a_state() -> None:
    with WORLD.open(encoding="utf-8") as f:
        entries = yaml.safe_load(f)["states"]
    others = [s for s in entries if "kind" in s]
    assert [(s["name"], s["kind"], s["iso2"], "iso3" in s) for s in others] == [
        ("European Union", "organization", "EU", False)
    ]


def keys(state: dict[str, Any]) -> set[str]:
    texts = (state["name"], state["iso2"], state["iso3"], *state["aliases"], *state["former_names"])
    return {normalize(t) for t in texts}


def test_every_entry_has_the_fields_and_nothing_else(world: list[dict[str, Any]]) -> None:
    for state in world:
        fields = ["name", "iso2", "iso3", "aliases", "former_names", "un_member"]
        assert list(state)[:6] == fields
        assert set(list(state)[6:]) <= {"armed_conflicts", "note", "not_to_be_confused_with"}
        assert all(isinstance(state[k], str) and state[k] for k in ("name", "iso2", "iso3"))
        assert isinstance(state["aliases"], list) and isinstance(state["former_names"], list)
        assert all(isinstance(t, str) and t.strip() == t and t for t in state["aliases"])
        assert all(isinstance(t, str) and t.strip() == t and t for t in state["former_names"])
        assert isinstance(state["un_member"], bool)


def test_197_states_193_of_them_un_members(world: list[dict[str, Any]]) -> None:
    assert len(world) == 197
    others = {s["name"] for s in world if not s["un_member"]}
    assert others == {"Holy See", "State of Palestine", "Cook Islands", "Niue"}
    assert sum(s["un_member"] for s in world) == 193


def test_no_key_answers_to_two_states(world: list[dict[str, Any]]) -> None:
    owner: dict[str, str] = {}
    for state in world:
        for key in keys(state):
            assert key, state["name"]
            assert owner.setdefault(key, state["name"]) == state["name"], key


def test_every_code_pair_is_one_iso_3166_entry(world: list[dict[str, Any]]) -> None:
    pairs = {(c.alpha_2, c.alpha_3) for c in pycountry.countries}
    for state in world:
        assert (state["iso2"], state["iso3"]) in pairs, state["name"]


def test_the_un_members_outside_the_convention(world: list[dict[str, Any]], real: Dataset) -> None:
    joined = {s.name for s in real.states if s.events}
    outside = {s["name"] for s in world if s["un_member"] and s["name"] not in joined}
    assert outside == OUTSIDE_THE_CONVENTION
    assert len(outside) == 31


@pytest.mark.parametrize(("query", "iso3"), ALIASES.items())
def test_what_users_type_finds_the_state(
    world: list[dict[str, Any]], query: str, iso3: str
) -> None:
    found = [s["iso3"] for s in world if normalize(query) in keys(s)]
    assert found == [iso3]


def test_ambiguous_names_answer_to_no_state(world: list[dict[str, Any]]) -> None:
    for query in ("America", "Korea", "England", "Soviet Union", "Yugoslavia"):
        assert not [s["name"] for s in world if normalize(query) in keys(s)], query


def test_former_names_are_not_repeated_as_aliases(world: list[dict[str, Any]]) -> None:
    for state in world:
        aliases = {normalize(t) for t in state["aliases"]}
        repeated = {t for t in state["former_names"] if normalize(t) in aliases}
        assert repeated <= FORMER_AND_ALIAS, state["name"]
        assert normalize(state["name"]) not in {normalize(t) for t in state["former_names"]}


@pytest.mark.parametrize(
    "query",
    ["United States", "USA", "Russia", "Burma", "UAE", "Iran", "North Korea", "Republic of Korea"],
)
def test_a_state_that_never_joined_is_not_a_party_with_its_code(query: str) -> None:
    from typer.testing import CliRunner

    from ottawa_cli.cli.app import app

    for treaty in ("apmbc", "ccm"):
        result = CliRunner().invoke(app, ["status", query, "--treaty", treaty, "--json"])
        assert result.exit_code == 0, result.stderr
        got = json.loads(result.stdout)
        assert got["status"] == "not-a-party"
        assert got["iso3"] == ALIASES.get(query) or ALIASES.get(query) is None


def test_list_shows_every_un_member_outside_the_convention_as_not_a_party() -> None:
    from typer.testing import CliRunner

    from ottawa_cli.cli.app import app

    result = CliRunner().invoke(app, ["list", "--status", "not-a-party", "--json"])
    shown = {s["name"] for s in json.loads(result.stdout)["states"]}
    assert shown >= OUTSIDE_THE_CONVENTION


@pytest.mark.parametrize(
    ("typed", "state", "other"),
    [
        ("Congo", "Congo", "Democratic Republic of the Congo"),
        ("DRC", "Democratic Republic of the Congo", "Congo"),
        ("Sudan", "Sudan", "South Sudan"),
        ("Niger", "Niger", "Nigeria"),
        ("Guinea", "Guinea", "Equatorial Guinea"),
    ],
)
def test_a_name_that_fits_two_states_says_which_and_names_the_other(
    typed: str, state: str, other: str
) -> None:
    from typer.testing import CliRunner

    from ottawa_cli.cli.app import app

    result = CliRunner().invoke(app, ["status", typed, "--treaty", "att", "--json"])
    got = json.loads(result.stdout)
    assert got["name"] == state and other in got["not_to_be_confused_with"]
    text = CliRunner().invoke(app, ["status", typed, "--treaty", "att"]).stdout
    assert f"This is {state}; not" in text and other in text


@pytest.mark.parametrize("typed", ["Kosovo", "Taiwan", "Western Sahara", "Chinese Taipei"])
def test_an_entity_that_is_no_participant_is_said_to_be_one_not_guessed(typed: str) -> None:
    from typer.testing import CliRunner

    from ottawa_cli.cli.app import app

    result = CliRunner().invoke(app, ["status", typed])
    assert result.exit_code == 2
    assert "is not in the data: not a Member of the United Nations" in result.stderr
    assert "did you mean" not in result.stderr
