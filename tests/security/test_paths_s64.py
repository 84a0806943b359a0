"""Attack 7: text smuggled inside payloads the gateway treated as opaque bytes.

A tenant that allows images, audio or files (``allow_unscannable``) lets base64 payloads pass
unscanned. But base64 says nothing about what the bytes are, and the upstream reads text in any
of them:

- ``image_url.url`` as ``data:text/plain;base64,...`` or an SVG (``data:image/svg+xml``) with a
  name in a ``<text>``; a percent-encoded ``data:text/plain,...``; the same through the
  Responses API's ``input_image`` and Anthropic ``image`` blocks (official SDKs).
- ``file.file_data`` (chat) and ``input_file.file_data`` (Responses) of a text file, raw base64
  or a data URL; ``input_audio.data`` holding text.
- ``filename`` / document ``title`` / a data URL's ``name=`` holding a name or SSN joined by
  ``_`` (``jane_doe_078-05-1120.txt``), which the detector does not read as text.
- With no policy switch at all: Responses ``reasoning.encrypted_content``, Anthropic
  ``thinking.signature`` and ``redacted_thinking.data`` (the upstream's ciphertext, passed as
  base64), and an Anthropic ``document`` whose base64 ``source`` is ``text/plain``.
- A whole field that is base64 of a note (``metadata``) naming someone only the NER model
  knows: the detector's encoded-text reader uses patterns and name lists, not the NER model.

Before the fix (this file against the previous walker): 18 of the 21 places below reached the
upstream with the SSN, the e-mail address or the name readable after decoding (the other three:
a line-broken and a base64url payload were not base64 to the walker and went to the detector as
text, and the detector read the SSN in a document title).
After: each payload of text goes up masked and encoded the way it came; binary payloads, texts
without values and http(s) image URLs go up byte for byte as sent.
"""

from __future__ import annotations

import base64
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import anthropic
import openai
import pytest

from tests.e2e.conftest import VEIL, Proc, Upstream, gateway_env, stop
from veil import Veil
from veil.config import Policy, Settings
from veil.gateway import hash_api_key
from veil.gateway.privacy import Conversation

from .conftest import PLANTED, plant, raw, start_server

MEDIA_KEY = "sk-media-tenant-key"
NAME = "Zbigniew Brzezinski"
SSN = "078-05-1120"
EMAIL = "zb.s64@plant-example.com"
SECRET = f"Patient {NAME}, SSN {SSN}, e-mail {EMAIL}, asked for a refill."
#: What must not be readable upstream, even after decoding every payload.
NEEDLES = ("Brzezinski", SSN, "078 05 1120", EMAIL)
HARMLESS = "The weather report for tomorrow says light rain in the afternoon."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2


def b64(data: str | bytes, *, encoding: str = "utf-8") -> str:
    raw_bytes = data.encode(encoding) if isinstance(data, str) else data
    return base64.b64encode(raw_bytes).decode()


_RUN = re.compile(r"[A-Za-z0-9+/_-]{8,}={0,2}")


def readable(sent: str) -> str:
    """``sent`` with every base64 run and percent escape decoded beside it (what an upstream
    that decodes payloads can read)."""
    out = [sent, unquote(sent)]
    for m in _RUN.finditer(sent):
        token = m.group()
        try:
            data = base64.b64decode(token.replace("-", "+").replace("_", "/")
                                    + "=" * (-len(token) % 4))
        except ValueError:
            continue
        for enc in ("utf-8", "utf-16", "latin-1"):
            try:
                out.append(data.decode(enc))
            except UnicodeDecodeError:
                continue
    return "\n".join(out)


def leaked(sent: Any, needles: tuple[str, ...] = NEEDLES) -> list[str]:
    text = readable(sent if isinstance(sent, str) else json.dumps(sent, ensure_ascii=False))
    return [n for n in needles if n in text]


# --- a gateway whose tenant allows images, audio and files ----------------------------------------


@pytest.fixture(scope="module")
def media_gateway(
    attack_upstream: Upstream, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Proc]:
    d = tmp_path_factory.mktemp("media-gateway")
    cfg = d / "gateway.yaml"
    cfg.write_text(json.dumps({
        "session_secret": "s64-secret",
        "tenants": [{"name": "media", "api_key_sha256": [hash_api_key(MEDIA_KEY)],
                     "policy": {"allow_unscannable": ["image", "audio", "file"]}}],
    }))
    p = start_server(
        [VEIL, "serve", "--upstream-base-url", attack_upstream.url, "--config", str(cfg)],
        env=gateway_env(d / "home", "sqlite", None), log=d / "gateway.log", timeout=240,
    )
    try:
        yield p
    finally:
        stop(p.proc)
        log = p.log_text()
        bad = sorted(v for v in PLANTED if v in log)
        assert not bad, f"{len(bad)} planted value(s) appear in the media gateway's log"


def _openai(gw: Proc) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.url + "/v1", api_key=MEDIA_KEY, max_retries=0, timeout=120)


def _anthropic(gw: Proc) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=gw.url, api_key=MEDIA_KEY, max_retries=0, timeout=120)


def _image(url: str) -> list[dict[str, Any]]:
    return [{"role": "user", "content": [
        {"type": "text", "text": "What does this say?"},
        {"type": "image_url", "image_url": {"url": url}}]}]


def _file(**file: str) -> list[dict[str, Any]]:
    return [{"role": "user", "content": [
        {"type": "text", "text": "Summarize the file."}, {"type": "file", "file": file}]}]


SVG = f'<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="9">{SECRET}</text></svg>'

#: (place, chat messages): each carries SECRET inside a payload.
CHAT_PLACES: list[tuple[str, list[dict[str, Any]]]] = [
    ("image data:text/plain;base64", _image("data:text/plain;base64," + b64(SECRET))),
    ("image data:image/svg+xml;base64", _image("data:image/svg+xml;base64," + b64(SVG))),
    ("image data:text/plain percent-encoded", _image("data:text/plain," + quote(SECRET))),
    ("image data URL, MIME line breaks", _image(
        "data:text/plain;base64," + "\n".join(re.findall(".{1,8}", b64(SECRET))))),
    ("file_data raw base64", _file(file_data=b64(SECRET), filename="notes.txt")),
    ("file_data data URL csv", _file(file_data="data:text/csv;base64," + b64(
        f"name,ssn,email\n{NAME},{SSN},{EMAIL}\n"), filename="export.csv")),
    ("file_data UTF-16 with BOM", _file(
        file_data="data:text/plain;base64," + b64(b"\xff\xfe" + SECRET.encode("utf-16-le")),
        filename="notes.txt")),
    ("file_data base64url unpadded", _file(
        file_data=base64.urlsafe_b64encode(SECRET.encode()).decode().rstrip("="))),
    ("filename", _file(file_data=b64(PNG), filename=f"zbigniew_brzezinski_{SSN}.txt")),
    ("data URL name= parameter", _file(
        file_data=f"data:image/png;name=brzezinski_{SSN}.png;base64," + b64(PNG))),
    ("input_audio text", [{"role": "user", "content": [
        {"type": "input_audio", "input_audio": {"data": b64(SECRET), "format": "wav"}}]}]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("place", "messages"), CHAT_PLACES, ids=[p[0] for p in CHAT_PLACES])
def test_text_inside_chat_payloads_is_masked(
    media_gateway: Proc, attack_upstream: Upstream, place: str, messages: list[dict[str, Any]]
) -> None:
    plant(NAME, SSN, EMAIL)
    n = len(attack_upstream.bodies())
    out = _openai(media_gateway).chat.completions.create(model="echo", messages=messages)  # type: ignore[arg-type]
    assert out.choices[0].message.content is not None
    sent = attack_upstream.bodies()[n:]
    assert len(sent) == 1
    assert not leaked(sent), f"the text inside the {place} payload reached the upstream"
    assert "[" in readable(json.dumps(sent)), "the payload was not masked in place"


@pytest.mark.slow
def test_masked_payload_keeps_its_encoding(media_gateway: Proc, attack_upstream: Upstream) -> None:
    """The upstream gets the same kind of payload back: a base64 data URL of the media type
    sent, whose text is the original with placeholders."""
    plant(NAME, SSN, EMAIL)
    n = len(attack_upstream.bodies())
    _openai(media_gateway).chat.completions.create(
        model="echo", messages=_image("data:text/plain;charset=utf-8;base64," + b64(SECRET)))  # type: ignore[arg-type]
    url = attack_upstream.bodies()[n]["messages"][0]["content"][1]["image_url"]["url"]
    prefix = "data:text/plain;charset=utf-8;base64,"
    assert url.startswith(prefix)
    text = base64.b64decode(url[len(prefix):]).decode()
    assert text.startswith("Patient [PERSON_") and "asked for a refill." in text
    assert not leaked(text)


@pytest.mark.slow
def test_responses_input_file_and_image_are_masked(
    media_gateway: Proc, attack_upstream: Upstream
) -> None:
    plant(NAME, SSN, EMAIL)
    n = len(attack_upstream.bodies())
    _openai(media_gateway).responses.create(model="echo", input=[{"role": "user", "content": [
        {"type": "input_text", "text": "Read both."},
        {"type": "input_file", "filename": f"{NAME.replace(' ', '_')}.txt",
         "file_data": "data:text/plain;base64," + b64(SECRET)},
        {"type": "input_image", "detail": "auto",
         "image_url": "data:image/svg+xml;base64," + b64(SVG)}]}])
    sent = attack_upstream.bodies()[n:]
    assert len(sent) == 1
    assert not leaked(sent)


@pytest.mark.slow
def test_anthropic_svg_image_block_is_masked(
    media_gateway: Proc, attack_upstream: Upstream
) -> None:
    plant(NAME, SSN, EMAIL)
    n = len(attack_upstream.bodies())
    _anthropic(media_gateway).messages.create(model="echo", max_tokens=64, messages=[
        {"role": "user", "content": [
            {"type": "image", "source": {"type": "base64", "media_type": "image/svg+xml",  # type: ignore[typeddict-item]
                                         "data": b64(SVG)}},
            {"type": "text", "text": "Describe it."}]}])
    sent = attack_upstream.bodies()[n:]
    assert len(sent) == 1
    assert not leaked(sent)


@pytest.mark.slow
def test_a_base64_note_in_metadata_is_masked_by_the_whole_detector(
    media_gateway: Proc, attack_upstream: Upstream
) -> None:
    """A name only the NER model knows, base64-encoded as a whole field."""
    plant(NAME)
    n = len(attack_upstream.bodies())
    note = b64(f"Our client {NAME} signed the lease.")
    with raw(media_gateway, None) as http:
        resp = http.post("/v1/chat/completions", headers={"Authorization": f"Bearer {MEDIA_KEY}"},
                         json={"model": "echo", "messages": [{"role": "user", "content": "hi"}],
                               "metadata": {"note": note}})
    assert resp.status_code == 200, resp.text[:300]
    sent = attack_upstream.bodies()[n]["metadata"]["note"]
    assert "Brzezinski" not in readable(sent)
    assert base64.b64decode(sent).decode().startswith("Our client [PERSON_")


# --- negatives: legitimate payloads go up byte for byte -------------------------------------------


@pytest.mark.slow
def test_binary_and_harmless_payloads_pass_unchanged(
    media_gateway: Proc, attack_upstream: Upstream
) -> None:
    png_url = "data:image/png;base64," + b64(PNG)
    text_url = "data:text/plain;base64," + b64(HARMLESS)
    http_url = "https://images.example.org/photos/2024/sunset.png?size=large"
    messages = [{"role": "user", "content": [
        {"type": "text", "text": "Compare these."},
        {"type": "image_url", "image_url": {"url": png_url, "detail": "low"}},
        {"type": "image_url", "image_url": {"url": text_url}},
        {"type": "image_url", "image_url": {"url": http_url}},
        {"type": "input_audio", "input_audio": {"data": b64(b"RIFF\x00\x01\x00\x00WAVEfmt "
                                                            + bytes(range(64))), "format": "wav"}},
        {"type": "file", "file": {"file_data": "data:application/pdf;base64," + b64(
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00" + bytes(range(200))),
            "filename": "report_2024_q3.pdf"}}]}]
    n = len(attack_upstream.bodies())
    _openai(media_gateway).chat.completions.create(model="echo", messages=messages)  # type: ignore[arg-type]
    assert attack_upstream.bodies()[n]["messages"] == messages


# --- places only a native upstream gets (the translation drops them): walked in process -----------


@pytest.fixture(scope="module")
def core() -> Iterator[Veil]:
    """Pattern recognizers (SSN, e-mail): these places are about the walker."""
    with tempfile.TemporaryDirectory() as home:
        v = Veil(Settings(home=Path(home), master_key=base64.b64encode(os.urandom(32)).decode(),
                          vault_backend="sqlite"))
        v.set_policy("t", Policy(ner=False, allow_unscannable=["image", "audio", "file"]))
        v.set_policy("closed", Policy(ner=False))
        yield v


_HI = [{"role": "user", "content": "hi"}]


def _assistant(block: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"role": "user", "content": "hi"}, {"role": "assistant", "content": [block]},
            {"role": "user", "content": "go on"}]


NATIVE_PLACES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("responses reasoning.encrypted_content", "closed", "responses", {"model": "m", "input": [
        {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": b64(SECRET)},
        {"role": "user", "content": "hi"}]}),
    ("messages thinking.signature", "closed", "messages", {"model": "m", "max_tokens": 5,
     "messages": _assistant({"type": "thinking", "thinking": "ok", "signature": b64(SECRET)})}),
    ("messages redacted_thinking.data", "closed", "messages", {"model": "m", "max_tokens": 5,
     "messages": _assistant({"type": "redacted_thinking", "data": b64(SECRET)})}),
    ("messages document base64 text/plain", "t", "messages", {"model": "m", "max_tokens": 5,
     "messages": [{"role": "user", "content": [{"type": "document", "source": {
         "type": "base64", "media_type": "text/plain", "data": b64(SECRET)}}]}]}),
    ("messages document title", "t", "messages", {"model": "m", "max_tokens": 5,
     "messages": [{"role": "user", "content": [{"type": "document", "title": f"ssn_{SSN}.txt",
                                                "source": {"type": "text",
                                                           "media_type": "text/plain",
                                                           "data": "x"}}]}]}),
]


@pytest.mark.parametrize(("place", "tenant", "endpoint", "body"), NATIVE_PLACES,
                         ids=[p[0] for p in NATIVE_PLACES])
def test_native_only_payloads_are_scanned(
    core: Veil, place: str, tenant: str, endpoint: str, body: dict[str, Any]
) -> None:
    from veil.gateway import fields_messages, fields_responses  # noqa: F401 - register rules

    sent = Conversation(core, tenant, "s").protect_request(endpoint, body)
    # (this core has no NER model: the name is the HTTP tests' business)
    assert not leaked(sent, (SSN, EMAIL)), f"the text in {place} would reach the upstream"
    assert "[US_SSN_" in readable(json.dumps(sent)), "masked in place, not dropped"


def test_ciphertext_and_binary_pass_unchanged(core: Veil) -> None:
    from veil.gateway import fields_messages, fields_responses  # noqa: F401 - register rules

    cipher = b64(os.urandom(300))
    body = {"model": "m", "input": [
        {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": cipher},
        {"role": "user", "content": "hi"}]}
    assert Conversation(core, "closed", "s").protect_request("responses", body) == body
    msgs = {"model": "m", "max_tokens": 5, "messages": [
        *_assistant({"type": "thinking", "thinking": "ok", "signature": cipher}),
        {"role": "user", "content": [
            {"type": "document", "title": "report_2024.pdf", "source": {
                "type": "base64", "media_type": "application/pdf", "data": b64(PNG)}},
            {"type": "document", "source": {"type": "base64", "media_type": "text/plain",
                                            "data": b64(HARMLESS)}}]}]}
    assert Conversation(core, "t", "s").protect_request("messages", msgs) == msgs


def test_legacy_text_file_is_masked_and_kept_in_its_charset(core: Veil) -> None:
    """A Latin-1 text file (not UTF-8) is text too; it goes up masked, still Latin-1."""
    text = f"Jos\xe9 Garc\xeda, SSN {SSN}, {EMAIL}"
    body = {"model": "m", "messages": _file(file_data=b64(text, encoding="latin-1"))}
    sent = Conversation(core, "t", "s").protect_request("chat.completions", body)
    data = base64.b64decode(sent["messages"][0]["content"][1]["file"]["file_data"])
    assert data.decode("latin-1").startswith("Jos\xe9 Garc\xeda, SSN [US_SSN_")
    assert SSN not in data.decode("latin-1") and EMAIL not in data.decode("latin-1")


def test_gates_still_refuse_without_the_policy_switch(core: Veil) -> None:
    """A text payload is scanned, but a tenant that did not allow images still gets none."""
    from veil.errors import UnscannableContentError

    body = {"model": "m", "messages": _image("data:text/plain;base64," + b64(HARMLESS))}
    with pytest.raises(UnscannableContentError):
        Conversation(core, "closed", "s").protect_request("chat.completions", body)
