"""Attack 9: values the detector only knows by their label, and text in payload encodings the
walker did not read.

- A JSON value was masked without its key: ``{"ssn": "219-09-9999"}``, ``{"phone":
  5558675309}``, ``{"passport": "C03005988"}`` in ``metadata``, tool-call arguments, tool
  results, Anthropic ``tool_use.input`` or an unknown field went up as sent (the detector
  decides these by the words before them, and in JSON those words are the key).
- A payload of text in UTF-16 without a byte-order mark, or in UTF-32, and a gzip, zlib,
  bzip2 or xz stream of text, was taken for binary: it passed unmasked as an allowed file
  (``file_data``, ``input_file``, an image data URL) and, with no policy switch at all, as a
  base64 note in ``metadata``, as Responses ``encrypted_content`` and as Anthropic
  ``redacted_thinking`` / thinking ``signature``.
- Over-blocking: an Anthropic ``document`` with a ``text`` source (plain text, which Veil
  reads whole) was refused unless the tenant allowed unscannable files.

Before the fixes (probe run of session 71): 23 of 106 places leaked and 3 were over-blocked.
"""

from __future__ import annotations

import base64
import bz2
import contextlib
import gzip
import json
import lzma
import os
import tempfile
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.errors import UnscannableContentError
from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app, hash_api_key
from veil.gateway.privacy import Conversation
from veil.gateway.tenants import Tenant
from veil.wire.responses import response_from_chat

KEY, MEDIA_KEY = "sk-s71-alice", "sk-s71-media"
EMAIL = "odile.verhoeven@brackwater-s71.example"
SSN = "219-09-9999"  # read as an SSN only after a label
PHONE = "5558675309"
PASSPORT = "C03005988"
CARD = "5555555555554444"
LABELLED = {"ssn": SSN, "phone": PHONE, "passport": PASSPORT}
DOC = f"Tenant: Odile Verhoeven\nE-mail: {EMAIL}\nSSN: {SSN}\nCard: {CARD}\n"
VALUES = (EMAIL, SSN, PHONE, PASSPORT, CARD)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _chat(content: str) -> dict[str, Any]:
    return {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


class Recorder:
    """The upstream: records every body, answers chat and native Responses with "ok"."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else {}
        self.bodies.append(body)
        if request.url.path.endswith("/responses"):
            return httpx.Response(200, json=response_from_chat(body, _chat("ok"), id="resp_1"))
        return httpx.Response(200, json=_chat("ok"))

    def sent(self) -> str:
        return json.dumps(self.bodies, ensure_ascii=False)


def readable(text: str) -> str:
    """``text`` plus every base64 run in it decoded, inflated and read in every encoding."""
    import re

    out = [text]
    for m in re.finditer(r"[A-Za-z0-9+/]{12,}={0,2}", text):
        raw = base64.b64decode(m.group() + "=" * (-len(m.group()) % 4))
        for blob in [raw, *_inflations(raw)]:
            for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32"):
                with contextlib.suppress(UnicodeDecodeError):
                    out.append(blob.decode(enc))
    return "\n".join(out)


def _inflations(raw: bytes) -> list[bytes]:
    out = []
    for fn in (gzip.decompress, zlib.decompress, bz2.decompress, lzma.decompress):
        with contextlib.suppress(Exception):  # not that format
            out.append(fn(raw))
    return out


def leaked(sent: Any, values: tuple[str, ...] = VALUES) -> list[str]:
    text = readable(sent if isinstance(sent, str) else json.dumps(sent, ensure_ascii=False))
    return [v for v in values if v in text]


@pytest.fixture(scope="module")
def core() -> Iterator[Veil]:
    with tempfile.TemporaryDirectory() as home:
        v = Veil(Settings(home=Path(home), master_key=base64.b64encode(os.urandom(32)).decode(),
                          vault_backend="sqlite"))
        v.set_policy("acme", Policy(languages=["en"]))
        v.set_policy("media", Policy(languages=["en"],
                                     allow_unscannable=["image", "audio", "file"]))
        yield v


def _gateway(core: Veil, rec: Recorder, *, native: bool = False) -> httpx.AsyncClient:
    upstream = OpenAIUpstream("http://upstream.test/v1", api_key="sk-up",
                              transport=httpx.MockTransport(rec.handler))
    upstream.responses_api = native
    tenants = TenantRegistry(
        [Tenant("acme", policy=core.policy("acme")), Tenant("media", policy=core.policy("media"))],
        {hash_api_key(KEY): "acme", hash_api_key(MEDIA_KEY): "media"})
    app = create_app(GatewayState(core=core, upstream=upstream, tenants=tenants))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://veil.test",
                             headers={"Authorization": f"Bearer {KEY}"}, timeout=120)


@pytest.fixture
async def gw(core: Veil) -> AsyncIterator[tuple[httpx.AsyncClient, Recorder]]:
    rec = Recorder()
    async with _gateway(core, rec) as http:
        yield http, rec


def _sdk(http: httpx.AsyncClient, key: str = KEY) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url="http://veil.test/v1", api_key=key, http_client=http,  # type: ignore[arg-type]
                              max_retries=0)


# --- a JSON value read after its key -------------------------------------------------------------


async def test_labelled_values_in_metadata_tool_arguments_and_results_are_masked(
    gw: tuple[httpx.AsyncClient, Recorder],
) -> None:
    http, rec = gw
    r = await _sdk(http).chat.completions.create(
        model="m", metadata={k: str(v) for k, v in LABELLED.items()},
        messages=[{"role": "user", "content": "look the customer up"},
                  {"role": "assistant", "content": None, "tool_calls": [{
                      "id": "call_1", "type": "function",
                      "function": {"name": "lookup", "arguments": json.dumps(LABELLED)}}]},
                  {"role": "tool", "tool_call_id": "call_1", "content": json.dumps(
                      {"customer": {**LABELLED, "phones": [PHONE]}})}],
        extra_body={"customer_ssn": SSN})
    assert r.choices[0].message.content == "ok"
    assert leaked(rec.sent()) == []
    up = rec.bodies[-1]
    assert set(up["metadata"]) == set(LABELLED) and "customer_ssn" in up  # keys kept
    args = json.loads(up["messages"][1]["tool_calls"][0]["function"]["arguments"])
    assert args["ssn"].startswith("[US_SSN_") and args["phone"].startswith("[PHONE_")


@pytest.mark.parametrize("number", [5558675309, 5558675309.0])
async def test_a_labelled_number_is_masked(
    gw: tuple[httpx.AsyncClient, Recorder], number: float
) -> None:
    http, rec = gw
    r = await http.post("/v1/chat/completions", json={
        "model": "m", "messages": [{"role": "user", "content": "hi"}],
        "metadata": {"phone": number}})
    assert r.status_code == 200, r.text
    assert PHONE not in rec.sent()


def test_labelled_values_in_anthropic_and_responses_tool_input_are_masked(core: Veil) -> None:
    from veil.gateway import fields_messages, fields_responses  # noqa: F401 - register rules

    conv = Conversation(core, "acme", "s")
    sent = conv.protect_request("messages", {"model": "m", "max_tokens": 8, "messages": [
        {"role": "user", "content": "pay"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "pay",
                                           "input": LABELLED}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1",
                                      "content": json.dumps(LABELLED)}]}]})
    assert leaked(sent) == []
    sent = conv.protect_request("responses", {"model": "m", "input": [
        {"type": "function_call", "call_id": "c1", "name": "f",
         "arguments": json.dumps(LABELLED)},
        {"type": "function_call_output", "call_id": "c1", "output": json.dumps(LABELLED)}]})
    assert leaked(sent) == []


def test_a_key_that_is_itself_a_value_still_has_its_value_read(core: Veil) -> None:
    conv = Conversation(core, "acme", "s")
    sent = conv.protect_request("chat.completions", {
        "model": "m", "messages": [{"role": "user", "content": "hi"}],
        "metadata": {EMAIL: f"card {CARD}", "note": "see you at nine", "n": 12}})
    assert leaked(sent) == []
    assert sent["metadata"]["note"] == "see you at nine" and sent["metadata"]["n"] == 12


# --- text in wide or compressed payloads ----------------------------------------------------------

#: (label, the payload's bytes, how the upstream decodes them)
ENCODED: list[tuple[str, bytes, Callable[[bytes], str]]] = [
    ("utf-16-le, no BOM", DOC.encode("utf-16-le"), lambda b: b.decode("utf-16-le")),
    ("utf-16-be, no BOM", DOC.encode("utf-16-be"), lambda b: b.decode("utf-16-be")),
    ("utf-32 with BOM", DOC.encode("utf-32"), lambda b: b.decode("utf-32")),
    ("utf-32-le, no BOM", DOC.encode("utf-32-le"), lambda b: b.decode("utf-32-le")),
    ("gzip", gzip.compress(DOC.encode()), lambda b: gzip.decompress(b).decode()),
    ("gzip, two members", gzip.compress(DOC[:20].encode()) + gzip.compress(DOC[20:].encode()),
     lambda b: gzip.decompress(b).decode()),
    ("zlib", zlib.compress(DOC.encode()), lambda b: zlib.decompress(b).decode()),
    ("bzip2", bz2.compress(DOC.encode()), lambda b: bz2.decompress(b).decode()),
    ("xz", lzma.compress(DOC.encode()), lambda b: lzma.decompress(b).decode()),
    ("gzip of utf-16 with BOM", gzip.compress(DOC.encode("utf-16")),
     lambda b: gzip.decompress(b).decode("utf-16")),
]


@pytest.mark.parametrize(("label", "data", "decode"), ENCODED, ids=[e[0] for e in ENCODED])
async def test_an_allowed_file_of_encoded_text_is_masked_and_kept_in_its_encoding(
    gw: tuple[httpx.AsyncClient, Recorder], label: str, data: bytes,
    decode: Callable[[bytes], str],
) -> None:
    http, rec = gw
    r = await _sdk(http, MEDIA_KEY).chat.completions.create(model="m", messages=[
        {"role": "user", "content": [
            {"type": "text", "text": "Summarise the file."},
            {"type": "file", "file": {"filename": "lease.txt", "file_data": b64(data)}},
            {"type": "image_url", "image_url": {"url": "data:text/plain;base64," + b64(data)}}]}])
    assert r.choices[0].message.content == "ok"
    parts = rec.bodies[-1]["messages"][0]["content"]
    for sent in (parts[1]["file"]["file_data"], parts[2]["image_url"]["url"].split(",", 1)[1]):
        text = decode(base64.b64decode(sent))  # still the same encoding
        assert [v for v in VALUES if v in text] == [], label
        assert "[EMAIL_" in text and "[US_SSN_" in text


async def test_a_responses_input_file_of_utf16_text_is_masked(core: Veil) -> None:
    rec = Recorder()
    async with _gateway(core, rec, native=True) as http:
        await _sdk(http, MEDIA_KEY).responses.create(model="m", input=[{
            "role": "user", "content": [{
                "type": "input_file", "filename": "lease.txt",
                "file_data": "data:text/plain;base64," + b64(DOC.encode("utf-16-le"))}]}])
    assert rec.bodies and leaked(rec.sent()) == []


NO_SWITCH = [e for e in ENCODED if e[0] in ("utf-16-le, no BOM", "gzip", "zlib", "xz")]


@pytest.mark.parametrize(("label", "data", "decode"), NO_SWITCH, ids=[e[0] for e in NO_SWITCH])
async def test_encoded_text_in_ciphertext_fields_and_metadata_is_masked_without_a_switch(
    core: Veil, label: str, data: bytes, decode: Callable[[bytes], str],
) -> None:
    from veil.gateway import fields_messages  # noqa: F401 - registers the Messages rules

    rec = Recorder()
    async with _gateway(core, rec, native=True) as http:
        r = await http.post("/v1/responses", json={"model": "m", "input": [
            {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": b64(data)},
            {"role": "user", "content": "hi"}]})
        assert r.status_code == 200, r.text
        r = await http.post("/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": "hi"}],
            "metadata": {"blob": b64(data)}})
        assert r.status_code == 200, r.text
    assert len(rec.bodies) == 2 and leaked(rec.sent()) == [], label
    cipher = rec.bodies[0]["input"][0]["encrypted_content"]
    assert "[US_SSN_" in decode(base64.b64decode(cipher))
    sent = Conversation(core, "acme", "s").protect_request("messages", {
        "model": "m", "max_tokens": 8, "messages": [
            {"role": "user", "content": "hi"},
            {"role": "assistant", "content": [
                {"type": "redacted_thinking", "data": b64(data)},
                {"type": "thinking", "thinking": "ok", "signature": b64(data)}]},
            {"role": "user", "content": "go on"}]})
    assert leaked(sent) == [], label


def test_binary_payloads_and_ciphertext_pass_unchanged(core: Veil) -> None:
    from veil.gateway import fields_responses  # noqa: F401 - registers the Responses rules

    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(64)
    blobs = [os.urandom(300), b"\x1f\x8b" + os.urandom(200), b"\x78\x9c" + os.urandom(200),
             b"\x80" + os.urandom(88), png, gzip.compress(png), bytes(400),
             b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(64)]
    conv = Conversation(core, "media", "s")
    for blob in blobs:
        body = {"model": "m", "input": [
            {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": b64(blob)},
            {"role": "user", "content": [{"type": "input_file", "filename": "a.bin",
                                          "file_data": b64(blob)}]}]}
        assert conv.protect_request("responses", body) == body


def test_a_compression_bomb_is_refused_not_inflated_whole(core: Veil) -> None:
    from veil.gateway import fields_responses  # noqa: F401 - registers the Responses rules

    bomb = gzip.compress(bytes(17 * 1024 * 1024))
    with pytest.raises(UnscannableContentError, match="uncompressed"):
        Conversation(core, "acme", "s").protect_request("responses", {"model": "m", "input": [
            {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": b64(bomb)},
            {"role": "user", "content": "hi"}]})


def test_a_stream_inside_a_stream_is_masked_and_a_deeper_one_refused(core: Veil) -> None:
    from veil.gateway import fields_responses  # noqa: F401 - registers the Responses rules

    def reasoning(blob: bytes) -> dict[str, Any]:
        return {"model": "m", "input": [
            {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": b64(blob)},
            {"role": "user", "content": "hi"}]}

    twice = gzip.compress(gzip.compress(DOC.encode()))  # the outer stream alone holds no text
    sent = Conversation(core, "acme", "s").protect_request("responses", reasoning(twice))
    inner = gzip.decompress(gzip.decompress(base64.b64decode(
        sent["input"][0]["encrypted_content"]))).decode()
    assert leaked(inner) == [] and "Tenant:" in inner
    four = DOC.encode()
    for _ in range(4):
        four = gzip.compress(four)
    with pytest.raises(UnscannableContentError, match="inside another"):
        Conversation(core, "acme", "s").protect_request("responses", reasoning(four))


def test_a_gzip_stream_that_does_not_inflate_is_refused_not_passed_as_binary(core: Veil) -> None:
    from veil.gateway import fields_responses  # noqa: F401 - registers the Responses rules

    # a damaged checksum at the end: zlib refuses the whole stream, whose text a lenient reader
    # upstream would still read
    damaged = bytearray(gzip.compress(DOC.encode()))
    damaged[-6] ^= 0xFF
    with pytest.raises(UnscannableContentError, match="does not inflate"):
        Conversation(core, "acme", "s").protect_request("responses", {"model": "m", "input": [
            {"type": "reasoning", "id": "rs_1", "summary": [],
             "encrypted_content": b64(bytes(damaged))},
            {"role": "user", "content": "hi"}]})


# --- Anthropic text documents need no switch ------------------------------------------------------


def test_an_anthropic_text_document_needs_no_switch_and_is_masked(core: Veil) -> None:
    from veil.gateway import fields_messages  # noqa: F401 - registers the Messages rules

    conv = Conversation(core, "acme", "s")
    for source in ({"type": "text", "media_type": "text/plain", "data": DOC},
                   {"type": "base64", "media_type": "text/plain", "data": b64(DOC.encode())},
                   {"type": "content", "content": [{"type": "text", "text": DOC}]}):
        sent = conv.protect_request("messages", {"model": "m", "max_tokens": 8, "messages": [
            {"role": "user", "content": [{"type": "document", "title": "lease.txt",
                                          "source": source},
                                         {"type": "text", "text": "Summarise."}]}]})
        assert leaked(sent) == [], source["type"]
        assert sent["messages"][0]["content"][0]["source"]["type"] == source["type"]


def test_a_pdf_or_url_document_still_needs_the_file_switch(core: Veil) -> None:
    from veil.gateway import fields_messages  # noqa: F401 - registers the Messages rules

    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n\x00\x01"
    for source in ({"type": "base64", "media_type": "application/pdf", "data": b64(pdf)},
                   {"type": "url", "url": "https://files.example/lease.pdf"}):
        with pytest.raises(UnscannableContentError, match="allow_unscannable"):
            Conversation(core, "acme", "s").protect_request("messages", {
                "model": "m", "max_tokens": 8, "messages": [{"role": "user", "content": [
                    {"type": "document", "source": source}]}]})
