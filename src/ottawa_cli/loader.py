"""Reading a data file: bytes → YAML events → plain values with positions → validated `Dataset`.

Problems are returned as findings, not raised, so one run reports every problem it can see.
YAML is read event by event with libyaml (falling back to the pure-Python parser): that keeps
every node's line and column, refuses what the data never needs (tags, aliases, deep nesting,
duplicate keys) before it can cost anything, and never constructs an object from a tag.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple, NoReturn

from ottawa_cli.bundled import StrPath
from ottawa_cli.codes import CODES
from ottawa_cli.errors import DataError, UsageError
from ottawa_cli.findings import Finding, Severity
from ottawa_cli.models import FORMAT_VERSION, Dataset

# Limits on what a data file may cost to read (documented in the README's SECURITY section).
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32

FieldPath = tuple[str | int, ...]
_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML}{t}" for t in ("str", "int", "bool", "null", "timestamp", "float")}


class DataFileError(UsageError):
    """The data file cannot be read at all (missing, unreadable, too large): exit 2."""


class Parsed:
    """A data file's plain values, each value's position, and the problems met on the way."""

    __slots__ = ("file", "findings", "positions", "text", "value")

    def __init__(self, file: str) -> None:
        self.file = file
        # The decoded text, for checks that can rule a problem out by scanning it once.
        self.text = ""
        self.value: Any = None
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.findings: list[Finding] = []

    def position(self, path: FieldPath) -> tuple[int | None, int | None]:
        """The line and column of `path`, or of its nearest ancestor that exists in the file."""
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (None, None)
            path = path[:-1]

    def finding(
        self,
        code: str,
        message: str,
        path: FieldPath = (),
        severity: Severity | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> Finding:
        """A finding about `path`, placed where it stands in the file unless told where; its
        severity is the code's (`codes.CODES`) unless told otherwise."""
        if line is None:
            line, column = self.position(path)
        return Finding(
            code,
            severity or CODES[code].severity,
            message,
            self.file,
            line,
            column,
            dotted(path) or None,
        )

    def add(
        self,
        code: str,
        message: str,
        path: FieldPath = (),
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        """A problem met while reading."""
        self.findings.append(self.finding(code, message, path, None, line, column))


def dotted(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class LoadResult(NamedTuple):
    file: str
    # None when the file does not parse or validate: `findings` says why.
    dataset: Dataset | None
    findings: list[Finding]
    parsed: Parsed


def read_bytes(path: StrPath) -> bytes:
    path = os.fspath(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            raise DataFileError(
                f"{path}: {size:,} bytes is larger than the limit of {MAX_FILE_BYTES:,} bytes"
            )
        with open(path, "rb") as handle:
            # Re-checked on read: the file may be a pipe or may grow between stat and read.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DataFileError(f"{path}: cannot read the data file: {error.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise DataFileError(f"{path}: larger than the limit of {MAX_FILE_BYTES:,} bytes")
    return data


def parse(data: bytes, file: str) -> Parsed:
    """Decode and parse YAML into plain values; every problem becomes a finding."""
    parsed = Parsed(file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        parsed.add(
            "OTT002", f"not valid UTF-8 (byte 0x{data[error.start]:02x})", line=line, column=column
        )
        return parsed
    parsed.text = text
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        parsed.value = _build(loader, parsed)
    except yaml.MarkedYAMLError as error:
        parsed.add("OTT003", _syntax_message(error), line=_line_of(error), column=_col_of(error))
    except yaml.reader.ReaderError as error:
        # A character YAML refuses (NUL, a raw escape): name it and where it stands.
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        parsed.add(
            "OTT003",
            f"character U+{error.character:04X} is not allowed in YAML "
            "(write control characters as escapes, if at all)",
            line=line,
            column=column,
        )
    except yaml.YAMLError as error:
        parsed.add("OTT003", "YAML syntax: " + " ".join(str(error).split()), line=1)
    except _LimitHit:
        pass
    finally:
        loader.dispose()
    if parsed.value is None and not parsed.findings:
        parsed.add("OTT001", "the data file is empty (or holds only a null)", line=1, column=1)
    return parsed


def _syntax_message(error: Any) -> str:
    context, problem = error.context, error.problem
    if context and error.context_mark is not None and error.problem_mark is not None:
        return (
            f"YAML syntax: {context} (line {error.context_mark.line + 1}), {problem} "
            f"(line {error.problem_mark.line + 1})"
        )
    return "YAML syntax: " + " ".join(str(p) for p in (context, problem) if p)


def _mark_of(error: Any) -> Any:
    """Where to point: an unclosed bracket at its opening, anything else where it went wrong."""
    if error.context and "flow" in error.context and error.context_mark is not None:
        return error.context_mark
    return error.problem_mark or error.context_mark


def _line_of(error: Any) -> int | None:
    mark = _mark_of(error)
    return mark.line + 1 if mark is not None else None


def _col_of(error: Any) -> int | None:
    mark = _mark_of(error)
    return mark.column + 1 if mark is not None else None


class _LimitHit(Exception):
    pass


def _build(loader: Any, parsed: Parsed) -> Any:
    """Build dicts, tuples and scalars from the event stream, with an explicit stack.

    The hot loop of reading a large file: each event costs a few attribute reads and one dict
    write for its position, no more.
    """
    import yaml

    # Each frame: [container, path, is_list, pending key]; _NO_KEY as the key: "expect a key".
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    positions = parsed.positions
    resolvers = loader.yaml_implicit_resolvers
    scalar_event, mapping_start, sequence_start = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)

    get_event, stream_end = loader.get_event, yaml.StreamEndEvent
    while True:
        event = get_event()
        kind = type(event)
        if event is None or kind is stream_end:
            break
        if kind is scalar_event or kind is mapping_start or kind is sequence_start:
            is_scalar = kind is scalar_event
            frame = stack[-1] if stack else None
            if frame is not None and not frame[2] and frame[3] is _NO_KEY:
                if is_scalar and event.tag is None and event.value not in frame[0]:
                    frame[3] = event.value  # the common case, without a call
                else:
                    _key(event, is_scalar, frame, parsed)
                continue
            mark = event.start_mark
            position = (mark.line + 1, mark.column + 1)
            if is_scalar:
                value = event.value
                tag = event.tag
                # Quoted, or plain with a first character no implicit type starts with: text,
                # without asking the resolver (the same answer, far faster).
                if (tag is not None and tag != "!") or (
                    event.implicit[0] and value[:1] in resolvers
                ):
                    value = _scalar(loader, event, parsed)
            else:
                is_mapping = kind is mapping_start
                _check_tag(event.tag, "map" if is_mapping else "seq", event, parsed)
                if len(stack) >= MAX_DEPTH:
                    _refuse(
                        parsed,
                        event,
                        "OTT007",
                        f"nested deeper than the limit of {MAX_DEPTH} levels",
                    )
                value = {} if is_mapping else []
            if frame is None:
                root, path = value, ()
            elif frame[2]:
                path = (*frame[1], len(frame[0]))
                frame[0].append(value)
            else:
                path = (*frame[1], frame[3])
                frame[0][frame[3]] = value
                frame[3] = _NO_KEY
            positions[path] = position
            if not is_scalar:
                stack.append([value, path, kind is sequence_start, _NO_KEY])
            elif isinstance(value, _InvalidDate):
                parsed.add("OTT013", value.problem, path, line=position[0], column=position[1])
        elif kind in ends:
            container, path, is_list, _ = stack.pop()
            if is_list:
                # Sequences become tuples once complete: the models are immutable.
                if stack:
                    stack[-1][0][path[-1]] = tuple(container)
                else:
                    root = tuple(container)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                _refuse(parsed, event, "OTT003", "more than one YAML document in the file")
        elif kind is yaml.AliasEvent:
            _refuse(parsed, event, "OTT006", f"YAML aliases are not allowed (*{event.anchor})")
    return root


def _key(event: Any, is_scalar: bool, frame: list[Any], parsed: Parsed) -> None:
    """A mapping key: a field name, whatever YAML would make of it (`no:` is not False)."""
    if not is_scalar:
        _refuse(parsed, event, "OTT003", "a mapping key must be plain text")
    if event.tag not in (None, "!", f"{_YAML}str"):
        _check_tag(event.tag, "str", event, parsed)
    key = event.value
    container, path = frame[0], frame[1]
    if key in container:
        first = parsed.positions.get((*path, key), (None, None))
        line, column = _at(event)
        parsed.add(
            "OTT004",
            f"duplicate key {key!r} (first at line {first[0]})",
            (*path, key),
            line=line,
            column=column,
        )
    frame[3] = key


_NO_KEY = object()


def _at(event: Any) -> tuple[int, int]:
    """An event's 1-based line and column."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _refuse(parsed: Parsed, event: Any, code: str, message: str) -> NoReturn:
    """Report what stops the reading of the file, where the event stands, and stop."""
    line, column = _at(event)
    parsed.add(code, message, line=line, column=column)
    raise _LimitHit


def _check_tag(tag: str | None, kind: str, event: Any, parsed: Parsed) -> None:
    if tag not in (None, "!", f"{_YAML}{kind}"):
        _refuse(
            parsed, event, "OTT005", f"YAML tag {tag!r} is not allowed: the data file is plain data"
        )


def _scalar(loader: Any, event: Any, parsed: Parsed) -> Any:
    import yaml

    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == f"{_YAML}merge":
        _refuse(parsed, event, "OTT006", "YAML merge keys (<<) are not allowed")
    if tag == f"{_YAML}value":
        tag = f"{_YAML}str"  # a lone "=" is text
    if tag not in _SCALAR_TAGS:
        _check_tag(tag, "str", event, parsed)
    value: str = event.value
    if tag == f"{_YAML}null":
        return None
    if tag == f"{_YAML}bool":
        return value.lower() in ("yes", "true", "on", "y")
    if tag == f"{_YAML}int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == f"{_YAML}timestamp":
        from ottawa_cli.dates import DateError, parse_date

        try:
            return parse_date(value)
        except DateError as error:
            return _InvalidDate(value, str(error))
    return value


class _InvalidDate(str):
    """A date-shaped text reported as invalid where it stands: validation must not repeat it."""

    problem: str

    def __new__(cls, text: str, problem: str) -> _InvalidDate:
        self = super().__new__(cls, text)
        self.problem = problem
        return self


def validate(parsed: Parsed) -> Dataset | None:
    """Validate plain values against the models; schema problems become findings."""
    from pydantic import ValidationError

    try:
        dataset: Dataset = _adapter().validate_python(parsed.value)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            path = tuple(problem["loc"])
            if isinstance(problem.get("input"), _InvalidDate):
                continue
            parsed.add(*_describe(problem, path, parsed.value), path)
        return None
    if dataset.format != FORMAT_VERSION:
        parsed.add(
            "OTT014",
            f"data format {dataset.format} is not one this tool reads (format {FORMAT_VERSION})",
            ("format",),
        )
        return None
    return dataset


def _describe(problem: Any, path: FieldPath, root: Any) -> tuple[str, str]:
    kind = problem["type"]
    name = path[-1] if path else "the file"
    where = _state_hint(path, root)
    if kind == "missing" or kind == "missing_keyword_only_argument":
        return "OTT011", f"missing field {name!r}{where}"
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        return "OTT012", f"unknown field {name!r}{where}"
    if kind.startswith("date"):
        return "OTT013", f"{name}: expected a date written {_DATE_HINT} (unquoted){where}"
    if kind == "string_type" and isinstance(problem.get("input"), bool):
        return "OTT010", (
            f"{name}: expected text, but YAML read an unquoted yes/no/on/off as "
            f"{str(problem['input']).lower()}: quote it{where}"
        )
    if kind in ("tuple_type", "list_type"):
        return "OTT010", f"{name}: expected a list{where}"
    if kind in ("dataclass_type", "dict_type", "model_type"):
        return "OTT010", f"{name}: expected a mapping of fields{where}"
    if kind == "string_pattern_mismatch" and name == "annually_on":
        return (
            "OTT010",
            f"{name}: {problem['input']!r} is not a day written MM-DD (e.g. 04-30){where}",
        )
    if kind == "value_error":
        return "OTT010", f"{name}: {problem['ctx']['error']}{where}"
    return "OTT010", f"{name}: {problem['msg']}{where}"


_DATE_HINT = "YYYY-MM-DD"


def _state_hint(path: FieldPath, root: Any) -> str:
    """Name the State a deep path belongs to: 'states[57]' alone helps no one."""
    if len(path) >= 2 and path[0] == "states" and isinstance(path[1], int):
        try:
            name = root["states"][path[1]]["name"]
        except (KeyError, IndexError, TypeError):
            return ""
        if isinstance(name, str):
            return f" (in {name})"
    return ""


_ADAPTER: Any = None


def _adapter() -> Any:
    global _ADAPTER
    if _ADAPTER is None:
        from pydantic import TypeAdapter

        _ADAPTER = TypeAdapter(Dataset)
    return _ADAPTER


def json_schema() -> dict[str, Any]:
    """The data file's JSON Schema, generated from the models."""
    schema: dict[str, Any] = _adapter().json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ottawa data file"
    return schema


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Reading a large file makes hundreds of thousands of dicts, tuples and dataclasses, none in a
    cycle; the collector would walk them again and again for nothing (a quarter of the time at
    20,000 States). Reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(path: StrPath) -> LoadResult:
    """Parse and validate a data file, never from the cache (what `ottawa check` needs)."""
    parsed, dataset = _read(path, read_bytes(path))
    return LoadResult(parsed.file, dataset, sorted(parsed.findings, key=Finding.sort_key), parsed)


def _read(path: StrPath, data: bytes) -> tuple[Parsed, Dataset | None]:
    """Parse, then validate unless parsing failed for good.

    Non-fatal problems (a duplicate key) still let the rest of the file be validated and checked.
    """
    with no_cycle_collection():
        parsed = parse(data, os.fspath(path))
        if parsed.value is None or _fatal(parsed):
            return parsed, None
        return parsed, validate(parsed)


def _fatal(parsed: Parsed) -> bool:
    return any(CODES[f.code].fatal for f in parsed.findings)


# More findings than this before `Error: …` drown the message; `ottawa check` prints them all.
_SHOWN_FINDINGS = 20


class InvalidData(DataError):
    """The data file does not validate; `findings` says where and why: exit 1."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("the data file is invalid")
        self.findings = findings

    def details(self) -> list[str]:
        from ottawa_cli.text import safe

        lines = [
            f"{safe(f.location())}: {f.code}{f' [{safe(f.field)}]' if f.field else ''} "
            f"{safe(f.message)}"
            for f in self.findings[:_SHOWN_FINDINGS]
        ]
        if len(self.findings) > _SHOWN_FINDINGS:
            more = len(self.findings) - _SHOWN_FINDINGS
            lines.append(f"... and {more} more; run `ottawa check` for all")
        return lines


def validated(path: StrPath, data: bytes) -> Dataset:
    """The dataset in `data`, or `InvalidData` with every problem found."""
    parsed, dataset = _read(path, data)
    if parsed.findings or dataset is None:
        raise InvalidData(sorted(parsed.findings, key=Finding.sort_key))
    return dataset
