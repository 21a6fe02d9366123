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

The one `exec` left, `__init__`'s, is mostly the compiling of its text (~0.15 ms a class, ~5 ms
on `ottawa status`'s path). The wheel carries those texts compiled (`frozen.codes`, written when
the package is built: `python -m ottawa_cli.frozen FILE`), as the interpreter's own `.pyc` files
carry the modules': a text found there is not compiled again; any other (a checkout being
edited, another interpreter) is compiled as `dataclasses` does. A text is its own key, so a
compiled text can only be the code of that text.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import CodeType
from typing import TYPE_CHECKING, Any

_FACTORIES = ("_repr_fn", "_cmp_fn", "_hash_fn", "_frozen_get_del_attr", "_create_fn")
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


# The compiled texts the wheel carries, beside this module.
CODES_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "frozen.codes")
# Every text a class of this process was made with, and its code (what the build writes).
USED: dict[str, CodeType] = {}
_compiled: dict[str, bytes] | None = None


def _magic() -> bytes:
    """The interpreter's bytecode version, as its `.pyc` files record it (`importlib.util`'s
    MAGIC_NUMBER, read where the interpreter's start-up already loaded it: importing
    `importlib.util` costs ~4 ms)."""
    external = sys.modules.get("_frozen_importlib_external")
    magic = getattr(external, "MAGIC_NUMBER", None)
    if isinstance(magic, bytes):
        return magic
    from importlib.util import MAGIC_NUMBER

    return MAGIC_NUMBER


def read_codes(path: str) -> dict[str, bytes]:
    """Each text in `path` with its code, marshalled (read only when its class is made); none
    where the file is missing, unreadable, or written by another interpreter (its bytecode is
    not this one's)."""
    try:
        with open(path, "rb") as file:
            magic, codes = marshal.load(file)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return codes if magic == _magic() and isinstance(codes, dict) else {}


def write_codes(path: str, codes: dict[str, CodeType]) -> None:
    table = {text: marshal.dumps(code) for text, code in codes.items()}
    with open(path, "wb") as file:
        marshal.dump((_magic(), table), file)


def _code(text: str) -> CodeType:
    """The code of a method's text: from the wheel's table, else compiled as `exec(text)` in
    `dataclasses` would (no `__future__` flag of this module's: the return annotation stays an
    object, not a string)."""
    global _compiled
    if _compiled is None:
        _compiled = read_codes(CODES_FILE)
    code: object = None
    if isinstance(stored := _compiled.get(text), bytes):
        try:
            code = marshal.loads(stored)
        except (EOFError, ValueError, TypeError):
            code = None
    if not isinstance(code, CodeType):
        code = compile(text, "<string>", "exec", dont_inherit=True)
    USED[text] = code
    return code


def _create_fn(
    name: str,
    args: list[str],
    body: list[str],
    *,
    globals: dict[str, Any] | None = None,
    locals: dict[str, Any] | None = None,
    return_type: Any = dataclasses.MISSING,
) -> Any:
    """`dataclasses._create_fn` of Python 3.11, the text's code taken from `_code`."""
    if locals is None:
        locals = {}
    return_annotation = ""
    if return_type is not dataclasses.MISSING:
        locals["_return_type"] = return_type
        return_annotation = "->_return_type"
    joined = ",".join(args)
    lines = "\n".join(f"  {b}" for b in body)
    text = f" def {name}({joined}){return_annotation}:\n{lines}"
    local_vars = ", ".join(locals.keys())
    text = f"def __create_fn__({local_vars}):\n{text}\n return {name}"
    ns: dict[str, Any] = {}
    exec(_code(text), globals, ns)
    return ns["__create_fn__"](**locals)


@contextmanager
def _closures() -> Iterator[None]:
    saved = {name: getattr(dataclasses, name) for name in _FACTORIES}
    mine = {
        "_repr_fn": _repr_fn,
        "_cmp_fn": _cmp_fn,
        "_hash_fn": _hash_fn,
        "_frozen_get_del_attr": _frozen_get_del_attr,
        "_create_fn": _create_fn,
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


def _write_table(path: str) -> int:
    """Every package module imported, so that each class is made once; their texts written."""
    import importlib
    import pkgutil

    import ottawa_cli

    for module in pkgutil.walk_packages(ottawa_cli.__path__, "ottawa_cli."):
        if module.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(module.name)
        except ModuleNotFoundError as error:
            # The build's environment holds the build requirements, not Typer or rich: a module
            # that imports them at once is not on a path answered without them.
            if (error.name or "").startswith("ottawa_cli"):
                raise
    from ottawa_cli import frozen  # the module the classes were made with, not `__main__`

    write_codes(path, frozen.USED)
    return len(frozen.USED)


if __name__ == "__main__":
    print(f"{_write_table(sys.argv[1])} compiled methods written to {sys.argv[1]}")
