"""Text from a data file, made safe to show: the one definition of an unsafe character."""

from __future__ import annotations

import re

# C0 and C1 controls (tab and newline aside), DEL, and the bidirectional and format characters
# that can make a terminal show something other than what the file says.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Text as a reader may see it: every unsafe character made visible, never executed."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
