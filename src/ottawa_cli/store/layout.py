"""The bundled layout's two kinds of file: the State registry, shared by every treaty, and a
treaty's own file, whose participants name States of the registry.

Who a State is (its name, ISO 3166 codes, aliases, former names, and the curated armed-conflict
assertions that withdrawal clauses read) is one fact, curated once in `data/states.yaml`. What a
State did under a treaty (its signature, instruments, withdrawals, notices) lives in the treaty's
file under `data/treaties/`. The loader joins the two into the `models.Dataset` the rules read,
the same shape a self-contained data file (`--data`) has. Only the loader and the checks need
these classes: the commands read the joined dataset from the cache.
"""

from dataclasses import dataclass
from typing import Any, Literal

from ottawa_cli.law.model import (
    ArmedConflict,
    Bool,
    Completion,
    Event,
    Extension,
    Int,
    Line,
    NotListed,
    Source,
    State,
    Treaty,
    Verification,
)

_FORBID_EXTRA: Any = {"extra": "forbid"}

# The fields of a `models.State` that say who the State is: the registry's, not a treaty's.
IDENTITY_FIELDS = ("name", "iso2", "iso3", "aliases", "former_names", "armed_conflicts")


@dataclass(frozen=True, kw_only=True, slots=True)
class RegistryState:
    """One State as every treaty knows it."""

    __pydantic_config__ = _FORBID_EXTRA
    name: Line
    iso2: Line
    # None only for a participant that is not a State and has no alpha-3 code (the European
    # Union: ISO 3166 reserves "EU" exceptionally, and no alpha-3).
    iso3: Line | None = None
    aliases: tuple[Line, ...] = ()
    former_names: tuple[Line, ...] = ()
    # A Member of the United Nations (False for observer States and others).
    un_member: Bool | None = None
    # A participant that is not a State (the European Union, a regional economic integration
    # organization): its codes are not ISO 3166 country codes.
    kind: Literal["state", "organization"] = "state"
    # Other States a person typing this one's name may mean (the Republic of the Congo and the
    # Democratic Republic of the Congo): every answer names them.
    not_to_be_confused_with: tuple[Line, ...] = ()
    armed_conflicts: tuple[ArmedConflict, ...] = ()
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Registry:
    """`data/states.yaml`: every State a user may ask about, under any treaty."""

    __pydantic_config__ = _FORBID_EXTRA
    format: Int
    # The sources of the armed-conflict assertions.
    sources: dict[str, Source]
    states: tuple[RegistryState, ...]
    not_listed: tuple[NotListed, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Participant:
    """A State's history under the treaty; `state` is its name in the registry."""

    __pydantic_config__ = _FORBID_EXTRA
    state: Line
    events: tuple[Event, ...] = ()
    extensions: tuple[Extension, ...] = ()
    completions: tuple[Completion, ...] = ()
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class TreatyFile:
    """`data/treaties/<id>.yaml`: the treaty's rules as data, its sources and its participants."""

    __pydantic_config__ = _FORBID_EXTRA
    format: Int
    treaty: Treaty
    verified: Verification
    sources: dict[str, Source]
    participants: tuple[Participant, ...]


def as_state(who: RegistryState, did: Participant | None = None) -> State:
    """A State as the rules read it: who it is, from the registry, and what it did under one
    treaty (nothing, for a State that never took part)."""
    return State(
        name=who.name,
        iso2=who.iso2,
        iso3=who.iso3,
        kind=who.kind,
        not_to_be_confused_with=who.not_to_be_confused_with,
        aliases=who.aliases,
        former_names=who.former_names,
        armed_conflicts=who.armed_conflicts,
        events=did.events if did else (),
        extensions=did.extensions if did else (),
        completions=did.completions if did else (),
        note=(did.note if did else None) or who.note,
    )
