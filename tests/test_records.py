"""`ottawa_cli.records.Record` makes the class `typing.NamedTuple` makes, without `typing`."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from ottawa_cli.output.document import Column, Line
from ottawa_cli.records import Record


def _made(base: type) -> type:
    class Sample(base):  # type: ignore[valid-type,misc]
        """A record."""

        text: str
        style: str = "plain"
        link: str | None = None

        def shout(self) -> str:
            return str(self.text).upper()

    return Sample


@pytest.mark.parametrize("args", [("a",), ("a", "bold"), ("a", "bold", "https://x")])
def test_a_record_behaves_as_the_named_tuple_typing_makes(args: tuple[str, ...]) -> None:
    ours, theirs = _made(Record), _made(NamedTuple)  # type: ignore[arg-type]
    assert ours._fields == theirs._fields
    assert ours._field_defaults == theirs._field_defaults
    assert ours.__doc__ == theirs.__doc__ == "A record."
    assert ours.__qualname__ == theirs.__qualname__
    made, reference = ours(*args), theirs(*args)
    assert repr(made) == repr(reference)
    assert tuple(made) == tuple(reference) and made == reference  # tuples alike
    assert made._replace(text="b") == reference._replace(text="b")
    assert made.shout() == reference.shout() == "A"
    assert made._asdict() == reference._asdict()
    with pytest.raises(AttributeError):
        made.text = "c"


def test_the_documents_records_are_tuples_with_their_defaults() -> None:
    assert Line("x") == ("x", "plain", None, False)
    assert Column("Due", keep=True) == ("Due", "left", True)
    with pytest.raises(TypeError):
        Line()  # type: ignore[call-arg]
