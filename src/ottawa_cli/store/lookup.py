"""The one State lookup: by name, alias or ISO 3166 code; case-, accent- and punctuation-blind."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from ottawa_cli.errors import UsageError

TYPE_CHECKING = False  # `typing` is not imported on `ottawa status`'s path
if TYPE_CHECKING:  # `normalize` is read where the models are not loaded (`output.ahead`)
    from ottawa_cli.law.model import NotListed, State

# ASCII that is not a letter or digit becomes a space: the fast path for most names.
_ASCII_SEPARATORS = {c: " " for c in range(128) if not chr(c).isalnum()}


def normalize(text: str) -> str:
    """'Côte d'Ivoire' and "cote d ivoire" meet; so do 'TÜRKIYE' and 'turkiye'."""
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_SEPARATORS).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(
        ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch)
    )
    return " ".join(letters.split())


class UnknownState(UsageError, LookupError):
    def __init__(self, query: str, suggestions: list[str]) -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = suggestions

    def __str__(self) -> str:
        shown = self.query if len(self.query) <= 60 else self.query[:57] + "..."
        text = f"no State called {shown!r} in the data"
        if self.suggestions:
            text += "; did you mean " + " or ".join(self.suggestions) + "?"
        return text


class NotAParticipant(UnknownState):
    """Asked for an entity the registry says is no participant, and why."""

    def __init__(self, query: str, name: str, why: str) -> None:
        super().__init__(query, [])
        self.name = name
        self.why = why

    def __str__(self) -> str:
        return f"{self.name} is not in the data: {self.why}"


class AmbiguousState(UsageError, LookupError):
    def __init__(self, query: str, names: list[str]) -> None:
        super().__init__(f"{query!r} could mean " + " or ".join(names))


def keys_of(state: State) -> list[str]:
    """Every normalized text a State answers to."""
    return [
        normalize(k)
        for k in (state.name, state.iso2, state.iso3, *state.aliases, *state.former_names)
        if k is not None
    ]


class StateIndex:
    def __init__(self, states: Iterable[State], not_listed: Iterable[NotListed] = ()) -> None:
        self._states = list(states)
        self._not_listed = {
            normalize(key): entity
            for entity in not_listed
            for key in (entity.name, *entity.aliases)
        }
        self._by_key: dict[str, list[State]] = {}
        for state in self._states:
            for key in dict.fromkeys(keys_of(state)):
                self._by_key.setdefault(key, []).append(state)

    def find(self, query: str) -> State:
        key = normalize(query)
        found = self._by_key.get(key, [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AmbiguousState(query, [s.name for s in found])
        if (entity := self._not_listed.get(key)) is not None:
            raise NotAParticipant(query, entity.name, entity.why)
        raise UnknownState(query, self.suggest(key))

    def suggest(self, key: str, limit: int = 3) -> list[str]:
        """Closest names, aliases first resolved to the State they belong to."""
        import difflib  # only for a query that found nothing

        names: list[str] = []
        for match in difflib.get_close_matches(key, self._by_key, n=limit, cutoff=0.75):
            for state in self._by_key[match]:
                if state.name not in names:
                    names.append(state.name)
        if not names and len(key) >= 3:
            names = [s.name for s in self._states if key in normalize(s.name)]
        return names[:limit]
