"""`dataclasses.dataclass`, created faster: the models' import is the largest part of
`ottawa status` (each frozen dataclass costs ~0.45 ms to create on Python 3.11, six generated
methods each compiled by `exec`; the package creates about forty on that path).

On Python 3.11 the class is made by `dataclasses` itself, with the same fields, `__init__`,
parameters, slots and documentation; only four of its method factories are replaced, while the
class is created, by closures that behave as the code they would have compiled: `__repr__`,
`__eq__`, `__hash__` (on the same tuple of fields, so the same hash) and the frozen
`__setattr__`/`__delattr__` (one `exec`, for `__init__`, instead of six). On any other version
(3.12 compares fields one by one; 3.13 compiles each class's methods in one `exec`) this is
`dataclasses.dataclass` unchanged. `tests/law/test_frozen.py` holds the two to the same behaviour.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

_FACTORIES = ("_repr_fn", "_cmp_fn", "_hash_fn", "_frozen_get_del_attr")
FAST = sys.version_info[:2] == (3, 11) and all(hasattr(dataclasses, f) for f in _FACTORIES)
_COMPILED_CMP: Any = getattr(dataclasses, "_cmp_fn", None)


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of fields `(self.a, self.b,)` the generated methods build."""
    if not names:
        return lambda self: ()
    if len(names) == 1:
        (only,) = names
        return lambda self: (getattr(self, only),)
    from operator import attrgetter

    return attrgetter(*names)  # a tuple for two names or more


def _repr_fn(fields: list[Any], globals: dict[str, Any]) -> Callable[[Any], str]:
    names = [f.name for f in fields]

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({inner})"

    return dataclasses._recursive_repr(__repr__)  # type: ignore[attr-defined,no-any-return]


def _names_of(tuple_text: str, owner: str) -> list[str]:
    """The field names in `_tuple_str`'s "(self.a,self.b,)"."""
    inner = tuple_text[1:-1].rstrip(",")
    return [part[len(owner) + 1 :] for part in inner.split(",")] if inner else []


def _cmp_fn(
    name: str, op: str, self_tuple: str, other_tuple: str, globals: dict[str, Any]
) -> Callable[[Any, Any], Any]:
    if name != "__eq__":  # order=True (not used here): compiled as before
        return _COMPILED_CMP(name, op, self_tuple, other_tuple, globals)  # type: ignore[no-any-return]
    values = _getter(_names_of(self_tuple, "self"))

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash_fn(fields: list[Any], globals: dict[str, Any]) -> Callable[[Any], int]:
    values = _getter([f.name for f in fields])

    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _frozen_get_del_attr(cls: type, fields: list[Any], globals: dict[str, Any]) -> tuple[Any, Any]:
    names = tuple(f.name for f in fields)
    frozen_error = dataclasses.FrozenInstanceError

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise frozen_error(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise frozen_error(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    return __setattr__, __delattr__


@contextmanager
def _closures() -> Iterator[None]:
    saved = {name: getattr(dataclasses, name) for name in _FACTORIES}
    mine = {
        "_repr_fn": _repr_fn,
        "_cmp_fn": _cmp_fn,
        "_hash_fn": _hash_fn,
        "_frozen_get_del_attr": _frozen_get_del_attr,
    }
    try:
        for name, factory in mine.items():
            setattr(dataclasses, name, factory)
        yield
    finally:
        for name, factory in saved.items():
            setattr(dataclasses, name, factory)


def _dataclass(cls: Any = None, /, **options: Any) -> Any:
    """`dataclasses.dataclass(cls, **options)`, its methods made by closures (Python 3.11)."""

    def wrap(cls: Any) -> Any:
        with _closures():
            return dataclasses.dataclass(cls, **options)

    return wrap if cls is None else wrap(cls)


if TYPE_CHECKING or not FAST:
    from dataclasses import dataclass as dataclass
else:
    dataclass = _dataclass
