"""`ottawa_cli.frozen.dataclass` is `dataclasses.dataclass`, created faster: the same class,
the same methods' behaviour, on every class the package makes with it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import marshal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ottawa_cli import frozen
from ottawa_cli.api import load
from ottawa_cli.law import model, position
from ottawa_cli.store.bundled import treaty_ids, treaty_path


def _both(**options: object) -> tuple[type, type]:
    """One class body made by each decorator."""

    def body() -> type:
        class Sample:  # no docstring: dataclasses writes one from the signature
            name: str
            day: dt.date | None = None
            tags: tuple[str, ...] = ()
            extra: dict[str, str] = dataclasses.field(default_factory=dict, compare=False)
            hidden: int = dataclasses.field(default=0, repr=False)

        return Sample

    return frozen.dataclass(**options)(body()), dataclasses.dataclass(**options)(body())  # type: ignore[call-overload]


def _less(a: Any, b: Any) -> object:
    """`a < b`, or the error it raises."""
    try:
        return bool(a < b)
    except TypeError as error:
        return type(error)


OPTIONS = (
    {"frozen": True, "kw_only": True, "slots": True},
    {"frozen": True, "kw_only": True},
    {"frozen": True},
    {},
    {"eq": False},
    {"order": True},
    {"unsafe_hash": True},
)


def test_fast_creation_is_used_where_it_is_exact() -> None:
    assert (sys.version_info[:2] == (3, 11)) == frozen.FAST
    # The models and the rules' values are made with it; the methods are closures there.
    for cls in (model.Dataset, model.Event, model.State, position.Position):
        where = cls.__eq__.__code__.co_filename  # type: ignore[attr-defined]
        assert (where == frozen.__file__) == frozen.FAST, cls
    # Only while a class is made: dataclasses' own factories are left as they were.
    assert dataclasses._repr_fn.__module__ == "dataclasses"  # type: ignore[attr-defined]


@pytest.mark.parametrize("options", OPTIONS)
def test_a_class_made_faster_behaves_as_the_one_dataclasses_makes(options: dict[str, bool]) -> None:
    fast, slow = _both(**options)
    assert fast.__dataclass_params__.__repr__() == slow.__dataclass_params__.__repr__()  # type: ignore[attr-defined]
    assert [
        (f.name, f.type, f.default, f.compare, f.repr, f.kw_only) for f in dataclasses.fields(fast)
    ] == [
        (f.name, f.type, f.default, f.compare, f.repr, f.kw_only) for f in dataclasses.fields(slow)
    ]
    assert str(inspect.signature(fast)) == str(inspect.signature(slow))
    assert fast.__doc__ == slow.__doc__
    assert getattr(fast, "__slots__", None) == getattr(slow, "__slots__", None)
    assert fast.__match_args__ == slow.__match_args__  # type: ignore[attr-defined]
    assert fast.__hash__ is None if slow.__hash__ is None else fast.__hash__ is not None
    for name in ("__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        if name in vars(slow):
            made, reference = vars(fast)[name], vars(slow)[name]
            assert getattr(made, "__qualname__", made) == getattr(reference, "__qualname__", made)

    values = (
        {"name": "a"},
        {"name": "a", "day": dt.date(2020, 1, 2), "tags": ("x", "y"), "hidden": 3},
        {"name": "a", "extra": {"k": "v"}},
        {"name": "b"},
    )
    made = [(fast(**v), slow(**v)) for v in values]
    for f, s in made:
        assert repr(f).replace("<locals>.", "") == repr(s).replace("<locals>.", "")
        if vars(slow).get("__hash__") is not None:  # a hash of the fields, not the identity
            assert hash(f) == hash(s)
        for g, t in made:
            assert (f == g) == (s == t)
            assert (f != g) == (s != t)
            if options.get("order"):
                assert _less(f, g) == _less(s, t)
        assert f != s  # another class: never equal
        assert f.__eq__(object()) is NotImplemented
        if options.get("frozen"):
            for target in (f, s):
                with pytest.raises(
                    dataclasses.FrozenInstanceError, match="cannot assign to field 'name'"
                ):
                    target.name = "c"  # type: ignore[misc]
                with pytest.raises(
                    dataclasses.FrozenInstanceError, match="cannot delete field 'name'"
                ):
                    del target.name  # type: ignore[misc]


def test_a_recursive_repr_says_so_as_dataclasses_does() -> None:
    fast, slow = _both(frozen=True)
    for cls in (fast, slow):
        tags: list[object] = []
        value = cls(name="a", tags=tags)
        tags.append(value)
        assert "..." in repr(value)


def _every_object(value: object) -> list[object]:
    found: list[object] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            found.append(item)
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (tuple, list)):
            stack.extend(item)
    return found


def test_the_models_repr_eq_and_hash_are_those_dataclasses_generates() -> None:
    # What 3.11's generated methods compute, written out: every model object of every bundled
    # treaty (and each answer's position) is held to it.
    seen: set[type] = set()
    for treaty in treaty_ids():
        dataset = load(treaty_path(treaty))
        objects = _every_object(dataset)
        state = dataset.states[0]
        objects += _every_object(position.position(dataset.treaty, state, dt.date(2026, 1, 1)))
        for item in objects:
            cls = type(item)
            fields = [f for f in dataclasses.fields(item)]
            shown = ", ".join(f"{f.name}={getattr(item, f.name)!r}" for f in fields if f.repr)
            assert repr(item) == f"{cls.__qualname__}({shown})"
            values = tuple(getattr(item, f.name) for f in fields if f.compare)
            try:
                expected = hash(values)
            except TypeError:
                with pytest.raises(TypeError):
                    hash(item)
            else:
                assert hash(item) == expected
            assert item == dataclasses.replace(item)
            assert item.__eq__(object()) is NotImplemented
            if cls not in seen and dataclasses.fields(item):
                seen.add(cls)
                first = dataclasses.fields(item)[0].name
                with pytest.raises(dataclasses.FrozenInstanceError):
                    setattr(item, first, getattr(item, first))
    assert model.Dataset in seen and model.Event in seen and position.Position in seen


# The compiled `__init__` texts the wheel carries (`frozen.codes`, `python -m ottawa_cli.frozen`).


def test_an_init_compiled_ahead_is_the_code_dataclasses_compiles(tmp_path: Path) -> None:
    fast, slow = _both(frozen=True, kw_only=True, slots=True)
    table = tmp_path / "frozen.codes"
    frozen.write_codes(str(table), frozen.USED)
    stored = frozen.read_codes(str(table))
    assert stored and set(stored) == set(frozen.USED)
    for text, code in stored.items():
        assert marshal.loads(code) == compile(text, "<string>", "exec", dont_inherit=True)
    assert fast.__init__.__code__ == slow.__init__.__code__  # type: ignore[misc]
    # Compiled without this module's `from __future__ import annotations`: objects, not texts.
    assert fast.__init__.__annotations__ == slow.__init__.__annotations__  # type: ignore[misc]


@pytest.mark.skipif(not frozen.FAST, reason="dataclasses' own creation on this Python")
def test_a_text_in_the_table_is_read_from_it_and_never_compiled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _both(frozen=True)  # its `__init__` text is now among those used
    table = {text: marshal.dumps(code) for text, code in frozen.USED.items()}
    monkeypatch.setattr(frozen, "_compiled", table)
    compiled: list[str] = []
    monkeypatch.setattr(
        frozen, "compile", lambda *args, **kw: compiled.append(args[0]), raising=False
    )
    fast, slow = _both(frozen=True)
    assert compiled == []
    made, reference = fast(name="a", hidden=2), slow(name="a", hidden=2)
    assert (made.name, made.hidden, made.extra) == (reference.name, reference.hidden, {})


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal",
        marshal.dumps((b"\x00\x00\r\n", {"def f(): pass": b""})),  # another interpreter's
        marshal.dumps(["a", "list"]),
    ],
    ids=["empty", "not-marshal", "other-interpreter", "wrong-shape"],
)
def test_a_table_that_is_not_this_interpreters_is_not_read(tmp_path: Path, content: bytes) -> None:
    table = tmp_path / "frozen.codes"
    table.write_bytes(content)
    assert frozen.read_codes(str(table)) == {}
    assert frozen.read_codes(str(tmp_path / "missing.codes")) == {}


@pytest.mark.skipif(not frozen.FAST, reason="dataclasses' own creation on this Python")
def test_the_built_table_holds_every_init_the_answers_paths_make(tmp_path: Path) -> None:
    table = tmp_path / "frozen.codes"
    subprocess.run(
        [sys.executable, "-m", "ottawa_cli.frozen", str(table)], check=True, capture_output=True
    )
    probe = f"""
import ottawa_cli.frozen as frozen
frozen._compiled = frozen.read_codes({str(table)!r})
compiled = []
real = compile
frozen.compile = lambda *args, **kw: (compiled.append(args[0]), real(*args, **kw))[1]
import ottawa_cli.api.status, ottawa_cli.api.states, ottawa_cli.api.treaties
import ottawa_cli.api.history, ottawa_cli.api.across, ottawa_cli.output.views, ottawa_cli.cli.fast
print(len(compiled), len(frozen.USED))
"""
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    compiled, used = map(int, out.stdout.split())
    assert compiled == 0 and used > 20
