"""Text from a data file, made safe to show: the one definition of an unsafe character."""

from __future__ import annotations

import re

# C0 and C1 controls (tab and newline aside), DEL, and the bidirectional and format characters
# that can make a terminal show something other than what the file says.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
    "\U000e0000-\U000e007f]"
)
# What ends a line, or passes for its end, in a terminal or a CI log.
BREAKS = re.compile("[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def safe(text: str) -> str:
    """Text as a reader may see it: every unsafe character made visible, never executed."""
    return UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """`safe`, and every line break or tab made visible too: text that must stay one line (a
    finding, a path, a table's cell) can then never forge another line of output."""
    return safe(BREAKS.sub(_escape, text))


def no_command(line: str) -> str:
    """A line of output that begins with `::` would be read by GitHub Actions as a workflow
    command (`::error`, `::add-mask::`, `::stop-commands::`): only `--format github` writes
    those; anywhere else the first colon is made visible."""
    return "\\u003a" + line[1:] if line.startswith("::") else line
