"""OpenAI-shaped error bodies, events, and reading an upstream's error back."""

from __future__ import annotations

import pytest

from veil.wire.errors import MAX_MESSAGE_CHARS, error_body, error_event, parse_error
from veil.wire.sse import parse_sse


def test_error_body_has_all_four_fields() -> None:
    assert error_body("bad model", "invalid_request_error", code="model_not_found") == {
        "error": {
            "message": "bad model",
            "type": "invalid_request_error",
            "param": None,
            "code": "model_not_found",
        }
    }


def test_error_event_is_a_data_event_with_the_body() -> None:
    events, done = parse_sse(error_event("gone", "server_error", code="x", param="p"))
    assert events == [error_body("gone", "server_error", code="x", param="p")] and not done


def test_parse_error_keeps_identifiers_and_cuts_the_message() -> None:
    detail = parse_error(
        {
            "error": {
                "message": "m" * (MAX_MESSAGE_CHARS + 50),
                "type": "invalid_request_error",
                "param": "messages[0].content",
                "code": "context_length_exceeded",
            }
        }
    )
    assert detail is not None
    assert len(detail.message) == MAX_MESSAGE_CHARS and detail.message.endswith("…")
    assert (detail.type, detail.param, detail.code) == (
        "invalid_request_error",
        "messages[0].content",
        "context_length_exceeded",
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"error": "plain string"}, ("plain string", "upstream_error", None, None)),
        ({"error": {"message": "x", "code": 429}}, ("x", "upstream_error", None, "429")),
        (
            {"error": {"message": "x", "type": "a b {c}", "code": "<script>", "param": "a b"}},
            ("x", "upstream_error", None, None),
        ),
        ({"error": {"code": True}}, ("", "upstream_error", None, None)),
    ],
)
def test_parse_error_tolerates_real_world_shapes(
    body: object, expected: tuple[str, str, str | None, str | None]
) -> None:
    detail = parse_error(body)
    assert detail is not None
    assert (detail.message, detail.type, detail.param, detail.code) == expected


@pytest.mark.parametrize("body", [None, [], {"choices": []}, {"error": 3}])
def test_parse_error_is_none_for_non_errors(body: object) -> None:
    assert parse_error(body) is None
