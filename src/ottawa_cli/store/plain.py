"""The validated dataset as plain JSON values and back: how the cache (`store.cache`) and the
index (`api.index`) keep it. Strict on the way back: a cached value of the wrong shape or type is
`CacheDamaged`, and the file is validated again; nothing is believed because it was written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, Literal


def to_plain(value: Any) -> Any:
    """The dataset as JSON-ready values (dates as ISO strings), for the cache and exports."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class CacheDamaged(ValueError):
    """A cached value is not what the model holds: the cache is damaged or forged, never trusted."""


def from_plain(cls: type[Any], value: Any) -> Any:
    """Rebuild dataclasses from `to_plain` output (the cache's fast path).

    Strict: a value of the wrong shape or type raises `CacheDamaged` (the store then validates
    the file again), and a field type no converter knows is a `TypeError` when the plan is made:
    a bug in this module fails the tests instead of passing as a silent cache miss.
    """
    return _converter(cls)(value)


Convert = Callable[[Any], Any]
_CONVERTERS: dict[Any, Convert] = {}


def _converter(tp: Any) -> Convert:
    """A function turning plain values into `tp`, worked out once per type, not once per value."""
    convert = _CONVERTERS.get(tp)
    if convert is None:
        convert = _CONVERTERS[tp] = _make_converter(tp)
    return convert


def _damaged(expected: str, value: Any) -> CacheDamaged:
    return CacheDamaged(f"expected {expected}, found {type(value).__name__}")


def _exactly(kind: type) -> Convert:
    def convert(value: Any) -> Any:
        # bool is an int to isinstance; a cached int is never a bool, nor the reverse.
        if type(value) is not kind:
            raise _damaged(kind.__name__, value)
        return value

    return convert


def _date(value: Any) -> dt.date:
    if type(value) is not str:
        raise _damaged("an ISO date", value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CacheDamaged(f"{value!r} is not an ISO date") from None


def _make_converter(tp: Any) -> Convert:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Annotated:
        inner = _converter(args[0])
        # A cached row is re-checked as the file was: a forged one is a miss, never believed.
        checks = [m.check for m in typing.get_args(tp)[1:] if hasattr(m, "check")]
        if not checks:
            return inner

        def checked(value: Any) -> Any:
            value = inner(value)
            try:
                for check in checks:
                    check(value)
            except ValueError as error:
                raise CacheDamaged(str(error)) from None
            return value

        return checked
    if origin in (typing.Union, types.UnionType):
        options = [_converter(a) for a in args if a is not type(None)]
        if len(options) == 1:
            (convert,) = options
            return lambda v: None if v is None else convert(v)

        def either(value: Any) -> Any:
            # A word or a record (`open_for_signature_until`): the first reading that fits.
            if value is None and type(None) in args:
                return None
            for option in options:
                try:
                    return option(value)
                except CacheDamaged:
                    continue
            raise _damaged(" or ".join(map(str, args)), value)

        return either
    if origin is Literal:
        allowed = frozenset(args)

        def literal(value: Any) -> Any:
            if type(value) is not str or value not in allowed:
                raise CacheDamaged(f"{value!r} is not one of {sorted(allowed)}")
            return value

        return literal
    if origin is tuple:
        item = _converter(args[0])

        def sequence(value: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _damaged("a list", value)
            return tuple(item(x) for x in value)

        return sequence
    if origin is dict:
        key, item = _converter(args[0]), _converter(args[1])

        def mapping(value: Any) -> dict[Any, Any]:
            if type(value) is not dict:
                raise _damaged("a mapping", value)
            return {key(k): item(x) for k, x in value.items()}

        return mapping
    if tp is dt.date:
        return _date
    if tp in (str, int, bool):
        return _exactly(tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        # Annotations here are objects, not strings (no `from __future__ import annotations`).
        plan = {f.name: _converter(f.type) for f in dataclasses.fields(tp)}
        fields = plan.keys()

        def record(value: Any) -> Any:
            if type(value) is not dict or not value.keys() <= fields:
                raise _damaged(f"the fields of {tp.__name__}", value)
            try:
                return tp(**{k: plan[k](x) for k, x in value.items()})
            except (TypeError, ValueError) as error:  # a field missing, or two that clash
                raise CacheDamaged(str(error)) from None

        return record
    raise TypeError(f"from_plain has no converter for {tp!r}")
