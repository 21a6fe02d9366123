"""The one JSON writer (`render.json_text`) escapes every character a terminal or a log would
act on, whichever path the text takes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ottawa_cli.output import render


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_is_escaped_the_same_whatever_path_it_takes(value: object) -> None:
    """`render.json_text` skips its search for unsafe characters in ASCII text with no DEL
    (JSON escapes every other ASCII control): the text is the one the search gives."""
    for compact in (False, True):
        text = json.dumps(value, ensure_ascii=False, indent=None if compact else 2)
        expected = render.UNSAFE_IN_JSON.sub(render._json_escape, text) + "\n"
        assert render.json_text(value, compact=compact) == expected
    assert "\x7f" not in render.json_text(["\x7f", "\x1b[31m", "\u202e"])
