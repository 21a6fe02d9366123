"""`typing.NamedTuple`, made without importing `typing`: `ottawa status` draws its answer from a
sheet (`output.ahead`) with the standard library's lightest modules, and `typing` (~3 ms of
start-up, a tenth of the command) would be imported for the few records on that path alone.

A module declares `class Line(Record)` with annotated fields and defaults, as with NamedTuple,
importing `Record` as `typing.NamedTuple` for the type checker and from here at run time:

    TYPE_CHECKING = False
    if TYPE_CHECKING:
        from typing import NamedTuple as Record
    else:
        from ottawa_cli.records import Record

The class made is `collections.namedtuple`'s (the class `typing.NamedTuple` makes too), with the
fields in their order, their defaults, the docstring and the methods the body defines.
tests/test_records.py holds the two to the same behaviour.
"""

from __future__ import annotations

from collections import namedtuple


class _RecordMeta(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, object]) -> type:
        if not bases:
            return super().__new__(mcls, name, bases, namespace)
        annotations = namespace.get("__annotations__", {})
        assert isinstance(annotations, dict)
        fields = list(annotations)
        defaults = [namespace[f] for f in fields if f in namespace]
        module, given = str(namespace["__module__"]), tuple(defaults)
        # The fields and defaults are known at run time only (typed by NamedTuple for mypy).
        made = namedtuple(name, fields, defaults=given, module=module)  # type: ignore[misc]
        made.__qualname__ = str(namespace.get("__qualname__", name))
        made.__annotations__ = dict(annotations)
        for key, value in namespace.items():
            if key not in fields and key not in _KEPT:
                setattr(made, key, value)
        return made


# What namedtuple itself sets, never taken from the class body.
_KEPT = frozenset({"__module__", "__qualname__", "__annotations__", "__dict__", "__weakref__"})


class Record(metaclass=_RecordMeta):
    """The base a record's class names at run time (`typing.NamedTuple` for the type checker)."""
