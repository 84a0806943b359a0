"""What a streamed upstream event must look like before anything in it is restored.

A restorer keeps one URL guard per text the client builds (a choice's content, a content
block, a content part), found by the event's indices, and frames typed events by their
``type``. A hostile upstream can aim at the gap between how the gateway reads an event and how
the client's SDK reads it: an index ``"0"`` or a choice the request never asked for gets a
fresh restorer here while the client appends it to the text it shows (most clients read
``choices[0]`` of every chunk), and a ``type`` with a line break in it would frame events of
the upstream's choosing. Such an event stops the stream with an upstream protocol error
(fail closed); no real upstream sends one.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import UpstreamProtocolError

#: An event name of the typed streams (``content_block_delta``,
#: ``response.reasoning_summary_text.delta``): what ``event:`` lines may carry.
_EVENT_TYPE = re.compile(r"[a-z][a-z0-9_.]{0,127}")
#: More parts than any answer has; a larger index is no part of one.
MAX_INDEX = 4096


def event_type(event: dict[str, Any]) -> str:
    """The event's ``type``, when it is an event name; else the stream stops."""
    typ = event.get("type")
    if not isinstance(typ, str) or not _EVENT_TYPE.fullmatch(typ):
        raise UpstreamProtocolError(
            "the upstream LLM sent a stream event whose type is not an event name; the "
            "stream was stopped"
        )
    return typ


def event_index(event: dict[str, Any], key: str, *, below: int = MAX_INDEX) -> int:
    """``event[key]`` (0 when absent), when it is an integer from 0 to ``below - 1``; else
    the stream stops (a client would read another part than the gateway restored)."""
    value = event.get(key, 0)
    if type(value) is not int or not 0 <= value < below:
        raise UpstreamProtocolError(
            f"the upstream LLM sent a stream event whose {key} is not an index of this "
            "answer; the stream was stopped"
        )
    return value


__all__ = ["MAX_INDEX", "event_index", "event_type"]
