"""Reading a data file: bytes → YAML events → plain values with positions → validated `Dataset`.

Problems are returned as findings, not raised, so one run reports every problem it can see.
YAML is read event by event with libyaml (falling back to the pure-Python parser): that keeps
every node's line and column, refuses what the data never needs (tags, aliases, deep nesting,
duplicate keys) before it can cost anything, and never constructs an object from a tag.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from typing import Any, Literal, NamedTuple, NoReturn

from ottawa_cli.codes import CODES
from ottawa_cli.dates import DateError, parse_date
from ottawa_cli.errors import DataError
from ottawa_cli.findings import Finding, Findings, Severity
from ottawa_cli.law.model import FORMAT_VERSION, Dataset, State
from ottawa_cli.store.bundled import StrPath, registry_for
from ottawa_cli.store.data_bytes import (
    no_cycle_collection,
    read_bytes,
)

# Limits on what a data file may cost to read (documented in the README's SECURITY section).
MAX_DEPTH = 32
# Schema problems described one by one; the rest are counted in one more finding.
MAX_FINDINGS = 1000
# Scalars of one list given a position each; later ones are placed at the list.
_PLACED_ITEMS = 1000

FieldPath = tuple[str | int, ...]
_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML}{t}" for t in ("str", "int", "bool", "null", "timestamp", "float")}


class Parsed:
    """A data file's plain values, each value's position, and the problems met on the way."""

    __slots__ = ("file", "findings", "positions", "text", "value")

    def __init__(self, file: str) -> None:
        self.file = file
        # The decoded text, for checks that can rule a problem out by scanning it once.
        self.text = ""
        self.value: Any = None
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.findings = Findings()

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
    kind: Kind
    # The dataset the commands read (for a treaty's file, joined with the registry); None when
    # the file does not parse or validate, or is the registry: `findings` says why.
    dataset: Dataset | None
    # The State registry: the file itself, or the one a treaty's file is read with.
    registry: Any
    findings: list[Finding]
    parsed: Parsed
    registry_parsed: Parsed | None
    # Where a field of the dataset stands in the files.
    locate: Locate
    # Entries that did not validate are left out of `dataset` (see `validate_partly`).
    partial: bool = False


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
    loader = None
    try:
        # The pure-Python reader checks every character as it is made: inside the try.
        loader = loader_class(text)
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
        if loader is not None:
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
                    # A plain YYYY-MM-DD on the calendar (most of a file's resolved scalars) is
                    # the date YAML resolves it to, without the resolver's patterns; any other
                    # text, or a day not on the calendar, is read as before.
                    day = _plain_date(value) if tag is None else None
                    value = day if day is not None else _scalar(loader, event, parsed)
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
                index = len(frame[0])
                frame[0].append(value)
                if is_scalar and index >= _PLACED_ITEMS:
                    # A long list of scalars is never data (aliases are a few): its items are
                    # placed at the list, so that `[0, 0, ...]` costs bytes, not a dict entry.
                    if isinstance(value, _InvalidDate):
                        where = (*frame[1], index)
                        parsed.add("OTT013", value.problem, where, *position)
                    continue
                path = (*frame[1], index)
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
        try:
            return parse_date(value)
        except DateError as error:
            return _InvalidDate(value, str(error))
    return value


def _plain_date(value: str) -> dt.date | None:
    """`value` as a date if it is exactly YYYY-MM-DD in ASCII digits and on the calendar (the
    one date parser's reading; YAML resolves no other digits to a date)."""
    if len(value) != 10 or value[4] != "-" or not value.isascii():
        return None
    try:
        return parse_date(value)
    except DateError:
        return None


class _InvalidDate(str):
    """A date-shaped text reported as invalid where it stands: validation must not repeat it."""

    problem: str

    def __new__(cls, text: str, problem: str) -> _InvalidDate:
        self = super().__new__(cls, text)
        self.problem = problem
        return self


Kind = Literal["dataset", "treaty", "registry"]


def kind_of(value: Any) -> Kind:
    """Which of the three kinds of data file a parsed file is, by its top-level keys: a treaty's
    file lists `participants`, the registry lists `states` and no treaty, and anything else is
    read as a self-contained data file (whose schema then says what is wrong with it)."""
    if isinstance(value, dict):
        if "participants" in value:
            return "treaty"
        if "states" in value and "treaty" not in value:
            return "registry"
    return "dataset"


def validate(parsed: Parsed, kind: Kind = "dataset") -> Any:
    """Validate plain values against the models of their kind of file; schema problems become
    findings. Returns a `Dataset`, a `TreatyFile` or a `Registry`, or None."""
    from pydantic import ValidationError

    if not _entries_are_mappings(parsed, kind):
        return None
    try:
        value = _adapter(kind).validate_python(parsed.value)
    except ValidationError as error:
        problems = error.errors(include_url=False)
        for problem in problems[:MAX_FINDINGS]:
            path = tuple(problem["loc"])
            if isinstance(problem.get("input"), _InvalidDate):
                continue
            parsed.add(*_describe(problem, path, parsed.value), path)
        if len(problems) > MAX_FINDINGS:
            parsed.add(
                "OTT010",
                f"... and {len(problems) - MAX_FINDINGS:,} more problems of the schema, not "
                f"listed (the first {MAX_FINDINGS:,} are)",
            )
        return None
    if value.format != FORMAT_VERSION:
        parsed.add(
            "OTT014",
            f"data format {value.format} is not one this tool reads (format {FORMAT_VERSION})",
            ("format",),
        )
        return None
    return value


_ENTRIES: dict[Kind, str] = {"dataset": "states", "treaty": "participants", "registry": "states"}


# Lists of records in every kind of file: each item must be a mapping of fields.
_RECORD_LISTS = frozenset(
    {"states", "participants", "events", "extensions", "completions", "armed_conflicts", "duties"}
)


def _entries_are_mappings(parsed: Parsed, kind: Kind) -> bool:
    """A list of records (States, events, ...) whose items are not mappings is refused before
    validation, in a few findings: validating `states: [0, 0, ...]` would describe each item,
    a second and a gigabyte a mebibyte."""
    shown: list[FieldPath] = []
    wrong = 0
    # Depth first, in the file's order, so that the first items named are the first written.
    stack: list[tuple[Any, FieldPath]] = [(parsed.value, ())]
    while stack:
        value, path = stack.pop()
        if not isinstance(value, dict):
            continue
        later: list[tuple[Any, FieldPath]] = []
        for key, item in value.items():
            if key in _RECORD_LISTS and isinstance(item, tuple):
                for i, entry in enumerate(item):
                    if isinstance(entry, dict):
                        later.append((entry, (*path, key, i)))
                    else:
                        wrong += 1
                        if len(shown) < _SHOWN_WRONG:
                            shown.append((*path, key, i))
            elif isinstance(item, dict):
                later.append((item, (*path, key)))
        stack.extend(reversed(later))
    if not wrong:
        return True
    for where in shown:
        parsed.add("OTT010", f"{dotted(where)}: expected a mapping of fields", where)
    if wrong > len(shown):
        parsed.add(
            "OTT010",
            f"... and {wrong - len(shown):,} more items of lists of records that are not mappings",
        )
    return False


def _holds_wrong_records(value: dict[str, Any]) -> bool:
    """Whether a record holds a list of records with an item that is not a mapping."""
    return any(
        key in _RECORD_LISTS
        and isinstance(item, tuple)
        and any(not isinstance(entry, dict) or _holds_wrong_records(entry) for entry in item)
        for key, item in value.items()
    )


# How many non-mapping entries are each named before the rest are counted.
_SHOWN_WRONG = 20


def validate_partly(parsed: Parsed, kind: Kind) -> tuple[Any, tuple[int, ...] | None]:
    """`validate`, and where the whole does not validate, the header and each entry alone: what
    passes is kept, so that the checks still run over the other States (one State's bad date
    hides nothing in another's). Returns the value and, when entries were left out, the index
    in the file of each entry kept; the findings are those of the whole, each reported once."""
    from pydantic import ValidationError

    value = validate(parsed, kind)
    root = parsed.value
    key = _ENTRIES[kind]
    if value is not None or not isinstance(root, dict) or not isinstance(root.get(key), tuple):
        return value, None
    try:
        head = _adapter(kind).validate_python({**root, key: ()})
    except ValidationError:
        return None, None
    if head.format != FORMAT_VERSION:
        return None, None
    entry = _entry_adapter(kind)
    kept, entries = [], []
    for index, item in enumerate(root[key]):
        if not isinstance(item, dict) or _holds_wrong_records(item):
            continue  # reported already, with the others like it
        try:
            entries.append(entry.validate_python(item))
        except ValidationError:
            continue
        kept.append(index)
    import dataclasses

    return dataclasses.replace(head, **{key: tuple(entries)}), tuple(kept)


def _entry_adapter(kind: Kind) -> Any:
    adapter = _ADAPTERS.get(f"{kind}-entry")
    if adapter is None:
        from pydantic import TypeAdapter

        from ottawa_cli.store.layout import Participant, RegistryState

        model = {"dataset": State, "treaty": Participant, "registry": RegistryState}[kind]
        adapter = _ADAPTERS[f"{kind}-entry"] = TypeAdapter(model)
    return adapter


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
    if len(path) >= 2 and path[0] in ("states", "participants") and isinstance(path[1], int):
        try:
            entry = root[path[0]][path[1]]
            name = entry["name"] if path[0] == "states" else entry["state"]
        except (KeyError, IndexError, TypeError):
            return ""
        if isinstance(name, str):
            return f" (in {name})"
    return ""


_ADAPTERS: dict[str, Any] = {}


def _adapter(kind: Kind) -> Any:
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        from pydantic import TypeAdapter

        from ottawa_cli.store.layout import Registry, TreatyFile

        model = {"dataset": Dataset, "treaty": TreatyFile, "registry": Registry}[kind]
        adapter = _ADAPTERS[kind] = TypeAdapter(model)
    return adapter


SCHEMAS: dict[Kind, str] = {
    "dataset": "a self-contained ottawa data file: a treaty, its sources and States in one file",
    "treaty": "an ottawa treaty file (data/treaties/ID.yaml): a treaty and its participants",
    "registry": "the ottawa State registry (data/states.yaml): every State, shared by treaties",
}


def json_schema(kind: Kind = "dataset") -> dict[str, Any]:
    """The JSON Schema of one kind of data file, generated from the models."""
    schema: dict[str, Any] = _adapter(kind).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = SCHEMAS[kind]
    return schema


def load(path: StrPath) -> LoadResult:
    """Parse and validate a data file (a treaty's file with its registry), never from the cache:
    what `ottawa check` needs."""
    file = os.fspath(path)
    data = read_bytes(file)
    with no_cycle_collection():
        parsed = parse(data, file)
        kind = kind_of(parsed.value)
        if kind != "treaty":
            value, kept = _validated_value(parsed, kind, partly=True)
            return LoadResult(
                file=file,
                kind=kind,
                dataset=value if kind == "dataset" else None,
                registry=value if kind == "registry" else None,
                findings=sorted(parsed.findings, key=Finding.sort_key),
                parsed=parsed,
                registry_parsed=None,
                locate=_kept(parsed, kept),
                partial=kept is not None,
            )
        registry_file = registry_for(file)
        registry_parsed = parse(read_bytes(registry_file), registry_file)
        registry, registry_kept = _validated_value(
            registry_parsed, "registry", expected="registry", partly=True
        )
        treaty, treaty_kept = _validated_value(parsed, "treaty", partly=True)
        dataset, participant_of = (
            (None, {})
            if treaty is None or registry is None
            else join(treaty, registry, parsed, treaty_kept)
        )
        if registry_kept is not None:
            participant_of = {registry_kept[i]: k for i, k in participant_of.items()}
    findings = sorted([*parsed.findings, *registry_parsed.findings], key=Finding.sort_key)
    return LoadResult(
        file=file,
        kind=kind,
        dataset=dataset,
        registry=registry,
        findings=findings,
        parsed=parsed,
        registry_parsed=registry_parsed,
        locate=_joined(parsed, registry_parsed, participant_of, registry_kept),
        partial=treaty_kept is not None or registry_kept is not None,
    )


def _validated_value(
    parsed: Parsed, kind: Kind, expected: Kind | None = None, *, partly: bool = False
) -> Any:
    """Validate unless parsing failed for good; a file of another kind than expected is one
    problem, not a list of every field that does not belong. With `partly`, also keep what
    validates of a file that does not (`validate_partly`): the value and the entries kept."""
    if parsed.value is None or _fatal(parsed):
        return (None, None) if partly else None
    if expected is not None and kind_of(parsed.value) != expected:
        parsed.add("OTT015", f"{parsed.file} is not a State registry (a list of `states`)")
        return (None, None) if partly else None
    return validate_partly(parsed, kind) if partly else validate(parsed, kind)


Locate = Callable[[FieldPath], tuple[Parsed, FieldPath]]


def _kept(parsed: Parsed, kept: tuple[int, ...] | None) -> Locate:
    """Where a field of the dataset stands in its file: `states[i]` is the i-th State kept."""
    if kept is None:
        return lambda path: (parsed, path)

    def locate(path: FieldPath) -> tuple[Parsed, FieldPath]:
        if len(path) >= 2 and path[0] == "states" and isinstance(path[1], int):
            return parsed, ("states", kept[path[1]], *path[2:])
        return parsed, path

    return locate


def _joined(
    treaty: Parsed,
    registry: Parsed,
    participant_of: dict[int, int],
    registry_kept: tuple[int, ...] | None = None,
) -> Locate:
    """Where a field of the joined dataset stands: who a State is in the registry, what it did
    in the treaty's file (`states[i].events` is `participants[k].events` there)."""
    from ottawa_cli.store.layout import IDENTITY_FIELDS

    def locate(path: FieldPath) -> tuple[Parsed, FieldPath]:
        if len(path) >= 2 and path[0] == "states" and isinstance(path[1], int):
            if len(path) == 2 or path[2] in IDENTITY_FIELDS:
                at = registry_kept[path[1]] if registry_kept is not None else path[1]
                return registry, ("states", at, *path[2:])
            k = participant_of.get(path[1])
            return treaty, (("participants", k, *path[2:]) if k is not None else ())
        if (
            path[:1] == ("sources",)
            and len(path) > 1
            and path[1] not in (treaty.value or {}).get("sources", {})
        ):
            return registry, path
        return treaty, path

    return locate


def join(
    treaty: Any, registry: Any, parsed: Parsed, kept: tuple[int, ...] | None = None
) -> tuple[Dataset, dict[int, int]]:
    """A treaty's file and the State registry as one dataset: every State of the registry, with
    its history under the treaty (none for a State that never took part). Participants that
    name no State of the registry, or one twice, and sources defined in both files are findings
    in the treaty's file. Also returns which participant each State's history came from."""
    from ottawa_cli.store.layout import Participant, Registry, TreatyFile, as_state

    assert isinstance(treaty, TreatyFile) and isinstance(registry, Registry)
    by_name = {s.name: i for i, s in enumerate(registry.states)}
    folded = {s.name.casefold(): s.name for s in registry.states}
    for s in registry.states:
        for other in (*s.aliases, *s.former_names, s.iso2, s.iso3 or s.iso2):
            folded.setdefault(other.casefold(), s.name)
    history: dict[int, Participant] = {}
    participant_of: dict[int, int] = {}
    for n, participant in enumerate(treaty.participants):
        # Its index in the file (participants that do not validate are left out of `treaty`).
        k = kept[n] if kept is not None else n
        where: FieldPath = ("participants", k, "state")
        index = by_name.get(participant.state)
        if index is None:
            known = folded.get(participant.state.casefold())
            hint = f": the registry calls it {known!r}" if known else ""
            parsed.add(
                "OTT106",
                f"participant {participant.state!r} is not the name of a State in the "
                f"registry{hint}",
                where,
            )
            continue
        if index in history:
            first = participant_of[index]
            parsed.add(
                "OTT107",
                f"{participant.state} is a participant twice (first as participants[{first}])",
                where,
            )
            continue
        history[index] = participant
        participant_of[index] = k
    for key in treaty.sources.keys() & registry.sources.keys():
        parsed.add(
            "OTT112", f"source {key!r} is defined both here and in the registry", ("sources", key)
        )
    # Every State; a participant that is not a State (the European Union) only where it took
    # part: no treaty that admits only States lists it among those outside.
    shown = [
        index
        for index, who in enumerate(registry.states)
        if who.kind == "state" or index in history
    ]
    states = [as_state(registry.states[index], history.get(index)) for index in shown]
    # Keyed by the State's place in the dataset, which skips the participants left out above.
    participant_of = {n: participant_of[index] for n, index in enumerate(shown) if index in history}
    dataset = Dataset(
        format=treaty.format,
        treaty=treaty.treaty,
        verified=treaty.verified,
        sources={**registry.sources, **treaty.sources},
        states=tuple(states),
        not_listed=registry.not_listed,
    )
    return dataset, participant_of


def _fatal(parsed: Parsed) -> bool:
    return any(CODES[f.code].fatal for f in parsed.findings)


# More findings than this before `Error: …` drown the message; `ottawa check` prints them all.
_SHOWN_FINDINGS = 20


class InvalidData(DataError):
    """The data file does not validate; `findings` says where and why: exit 1."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        super().__init__("the data file is invalid")
        self.findings = list(findings)

    def details(self) -> list[str]:
        from ottawa_cli.safe_text import no_command, one_line

        lines = [
            no_command(
                f"{one_line(f.location())}: {f.code}{f' [{one_line(f.field)}]' if f.field else ''}"
                f" {one_line(f.message)}"
            )
            for f in self.findings[:_SHOWN_FINDINGS]
        ]
        if len(self.findings) > _SHOWN_FINDINGS:
            more = len(self.findings) - _SHOWN_FINDINGS
            lines.append(f"... and {more} more; run `ottawa check` for all")
        return lines


def validated(path: StrPath, data: bytes, registry: tuple[str, bytes] | None = None) -> Dataset:
    """The dataset in `data` (joined with the registry's name and bytes for a treaty's file,
    see `is_treaty_file`), or `InvalidData` with every problem found."""
    file = os.fspath(path)
    with no_cycle_collection():
        parsed = parse(data, file)
        kind = kind_of(parsed.value)
        if kind == "registry":
            parsed.add(
                "OTT015", f"{file} is the State registry, not a treaty: name a treaty's file"
            )
            raise InvalidData(parsed.findings)
        if kind == "dataset":
            dataset = _validated_value(parsed, "dataset")
            if parsed.findings or dataset is None:
                raise InvalidData(sorted(parsed.findings, key=Finding.sort_key))
            assert isinstance(dataset, Dataset)
            return dataset
        if registry is None:
            # The caller keys its cache by the files it read: it must have read the registry.
            parsed.add(
                "OTT015",
                "a treaty's file must begin its list of participants with `participants:` at the "
                "start of a line",
                ("participants",),
            )
            raise InvalidData(parsed.findings)
        registry_file, registry_data = registry
        registry_parsed = parse(registry_data, registry_file)
        treaty = _validated_value(parsed, "treaty")
        states = _validated_value(registry_parsed, "registry", expected="registry")
        joined = None if treaty is None or states is None else join(treaty, states, parsed)[0]
    findings = sorted([*parsed.findings, *registry_parsed.findings], key=Finding.sort_key)
    if findings or joined is None:
        raise InvalidData(findings)
    return joined
