"""Request-field rules of ``POST /v1/responses`` (the OpenAI Responses API), closed-world: every
declared text field is masked, protocol tokens pass as validated tokens, anything undeclared is
refused (see :mod:`.fields` and :mod:`.fields_strict`)."""

from __future__ import annotations

from .fields import (
    ENUM_TOKEN,
    FILENAME,
    FREE,
    IDENT_TOKEN,
    JSON,
    MODEL_TOKEN,
    NAME_TOKEN,
    OPAQUE,
    PSEUDONYM,
    SCALAR,
    SCHEMA,
    URL,
    Endpoint,
    Gate,
    ListOf,
    Shapes,
    register_endpoint,
)
from .fields_strict import Tagged, strict

_TYPE = ENUM_TOKEN

PART = Tagged(
    "type",
    {
        "input_text": strict(type=_TYPE, text=FREE),
        "output_text": strict(type=_TYPE, text=FREE, annotations=ListOf(FREE),
                              logprobs=ListOf(FREE)),
        "refusal": strict(type=_TYPE, refusal=FREE),
        "input_image": Gate(
            "image", "an input_image content part",
            strict(type=_TYPE, image_url=URL, detail=ENUM_TOKEN, file_id=IDENT_TOKEN),
        ),
        "input_file": Gate(
            "file", "an input_file content part",
            strict(type=_TYPE, file_data=OPAQUE, file_id=IDENT_TOKEN, filename=FILENAME,
                   file_url=URL),
        ),
    },
    what="content part",
)
_CONTENT = Shapes(str_rule=FREE, list_rule=ListOf(PART))
_MESSAGE = strict(type=_TYPE, id=IDENT_TOKEN, role=ENUM_TOKEN, content=_CONTENT,
                  status=ENUM_TOKEN)
#: A tool result is usually JSON: masked leaf by leaf like the arguments that produced it.
_RESULT_PART = Tagged("type", {"input_text": strict(type=_TYPE, text=JSON)}, what="output part")
ITEM = Tagged(
    "type",
    {
        "message": _MESSAGE,
        "function_call": strict(type=_TYPE, id=IDENT_TOKEN, call_id=IDENT_TOKEN,
                                name=NAME_TOKEN, arguments=JSON, status=ENUM_TOKEN),
        "function_call_output": strict(
            type=_TYPE, id=IDENT_TOKEN, call_id=IDENT_TOKEN, status=ENUM_TOKEN,
            output=Shapes(str_rule=JSON, list_rule=ListOf(_RESULT_PART)),
        ),
        # Reasoning the upstream produced: its summary is text; encrypted_content is the
        # upstream's own ciphertext (base64 passes, anything else is masked).
        "reasoning": strict(type=_TYPE, id=IDENT_TOKEN, status=ENUM_TOKEN,
                            summary=ListOf(strict(type=_TYPE, text=FREE)),
                            content=ListOf(strict(type=_TYPE, text=FREE)),
                            encrypted_content=OPAQUE),
        "item_reference": strict(type=_TYPE, id=IDENT_TOKEN),
    },
    missing=_MESSAGE,
    what="input item",
)
TOOL = Tagged(
    "type",
    {"function": strict(type=_TYPE, name=NAME_TOKEN, description=FREE, parameters=SCHEMA,
                        strict=SCALAR)},
    what="tool",
)
_FORMAT = Tagged(
    "type",
    {
        "text": strict(type=_TYPE),
        "json_object": strict(type=_TYPE),
        "json_schema": strict(type=_TYPE, name=NAME_TOKEN, description=FREE, schema=SCHEMA,
                              strict=SCALAR),
    },
    what="text format",
)

RESPONSES = strict(
    model=MODEL_TOKEN,
    input=Shapes(str_rule=FREE, list_rule=ListOf(ITEM)),
    instructions=FREE,
    tools=ListOf(TOOL),
    tool_choice=Shapes(str_rule=ENUM_TOKEN, dict_rule=strict(type=_TYPE, name=NAME_TOKEN)),
    text=strict(format=_FORMAT, verbosity=ENUM_TOKEN),
    reasoning=strict(effort=ENUM_TOKEN, summary=ENUM_TOKEN, generate_summary=ENUM_TOKEN),
    metadata=FREE,
    include=ListOf(IDENT_TOKEN),
    stream_options=strict(include_obfuscation=SCALAR),
    previous_response_id=IDENT_TOKEN,
    truncation=ENUM_TOKEN,
    service_tier=ENUM_TOKEN,
    user=PSEUDONYM,
    safety_identifier=PSEUDONYM,
    prompt_cache_key=PSEUDONYM,
    **{k: SCALAR for k in ("stream", "store", "temperature", "top_p", "max_output_tokens",
                           "parallel_tool_calls", "top_logprobs", "max_tool_calls",
                           "background")},
)

register_endpoint(
    Endpoint("responses", RESPONSES, user_fields=("user", "safety_identifier"))
)

__all__ = ["ITEM", "PART", "RESPONSES", "TOOL"]
