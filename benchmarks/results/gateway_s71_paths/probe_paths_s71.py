"""The fortieth round's gateway probe (session 71): newer SDK fields, payload encodings, HTTP
tricks, unknown endpoints and the answer path, through which a made-up sensitive value could
reach the upstream unmasked (or another caller's answer).

Run: ``.venv/bin/python benchmarks/results/gateway_s71_paths/probe_paths_s71.py``
(one ``veil serve`` at a time on 127.0.0.1, a recording upstream in this process: the harness
of session 70, imported from ../gateway_s70_paths). Prints one line per probe:
LEAK / held / over-blocked / info. All values are made up.
"""

from __future__ import annotations

import base64
import bz2
import contextlib
import gzip
import hashlib
import json
import lzma
import os
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "gateway_s70_paths"))
from harness import Gateway, Recorder, UpstreamThread, start_gateway  # noqa: E402
from probe_paths_s70 import readable, sent_text  # noqa: E402

EMAIL = "odile.verhoeven@brackwater-s71.example"
SSN = "219-09-9999"
CARD = "5555555555554444"
IBAN = "GB82WEST12345698765432"
NAME = "Odile Verhoeven"
KEY_A, KEY_B, KEY_MEDIA = "sk-s71-a", "sk-s71-b", "sk-s71-media"
V = (EMAIL, SSN, CARD)
DOC = f"Tenant: {NAME}\nE-mail: {EMAIL}\nSSN: {SSN}\nCard: {CARD}\n"

RESULTS: list[tuple[str, str, str]] = []


def _decodings(raw: bytes) -> list[str]:
    """``raw`` decompressed (gzip, zlib, bz2, xz) and read as UTF-8 / UTF-16 / UTF-32."""
    blobs = [raw]
    for fn in (gzip.decompress, zlib.decompress, bz2.decompress, lzma.decompress):
        with contextlib.suppress(Exception):
            blobs.append(fn(raw))
    out = []
    for b in blobs:
        for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-16", "utf-32"):
            with contextlib.suppress(Exception):
                out.append(b.decode(enc))
    return out


def found(text: str, needles: tuple[str, ...]) -> list[str]:
    """The needles readable in ``text`` (the s70 probe's decodings, plus base64 runs
    decompressed and read as UTF-16/32)."""
    import re
    more = [readable(text)]
    for m in re.finditer(r"[A-Za-z0-9+/_-]{12,}={0,2}", text):
        t = m.group()
        try:
            raw = base64.b64decode(t.replace("-", "+").replace("_", "/") + "=" * (-len(t) % 4))
        except Exception:  # noqa: BLE001
            continue
        more += _decodings(raw)
    r = "\n".join(more)
    return [n for n in needles if n in r]


def sha(k: str) -> str:
    return hashlib.sha256(k.encode()).hexdigest()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def report(status: str, name: str, detail: str = "") -> None:
    RESULTS.append((status, name, detail))
    print(f"[{status}] {name} {detail}".rstrip(), flush=True)


class Probe:
    def __init__(self, rec: Recorder, gw: Gateway) -> None:
        self.rec, self.gw = rec, gw

    def http(self, key: str | None = KEY_A, **headers: str) -> httpx.Client:
        h = {"Authorization": f"Bearer {key}"} if key else {}
        h.update(headers)
        return httpx.Client(base_url=self.gw.url, headers=h, timeout=120)

    def upstream(self, name: str, fn: Any, needles: tuple[str, ...] = V, *,
                 legit: bool = False, extra: tuple[str, ...] = ()) -> Any:
        """Run ``fn``; LEAK when a needle reached the upstream. ``legit``: a normal request
        that must be answered (a 4xx is then over-blocking)."""
        n = self.rec.mark()
        try:
            out = fn()
        except Exception as e:  # noqa: BLE001
            out = e
        rows = self.rec.since(n)
        status = getattr(out, "status_code", None)
        if status is None and isinstance(out, Exception):
            status = getattr(out, "status_code", None)
        detail = f"status={status}" if status is not None else (
            f"exc={type(out).__name__}" if isinstance(out, Exception) else "status=200")
        if not rows:
            detail += " (nothing reached the upstream)"
        msg = _error_message(out)
        if msg:
            detail += f" msg={msg[:150]!r}"
        leaked = found(sent_text(rows), needles + extra)
        if leaked:
            report("LEAK", name, f"leaked={leaked} {detail}")
        elif legit and (isinstance(out, Exception) or (status or 200) >= 400):
            report("over-blocked", name, detail)
        else:
            report("held", name, detail)
        return out


def _error_message(out: Any) -> str:
    body = getattr(out, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict):
            return str(err.get("message", ""))
    if isinstance(out, httpx.Response) and out.status_code >= 400:
        try:
            j = out.json()
            err = j.get("error", j)
            return str(err.get("message", "")) if isinstance(err, dict) else str(err)
        except ValueError:
            return out.text[:150]
    return ""


def openai_client(gw: Gateway, key: str = KEY_A, **headers: str) -> Any:
    import openai
    return openai.OpenAI(base_url=gw.url + "/v1", api_key=key, max_retries=0, timeout=120,
                         default_headers=headers or None)


def anthropic_client(gw: Gateway, key: str = KEY_A, **headers: str) -> Any:
    import anthropic
    return anthropic.Anthropic(base_url=gw.url, api_key=key, max_retries=0, timeout=120,
                               default_headers=headers or None)


HI = [{"role": "user", "content": "hi"}]


def utf16le(text: str) -> bytes:
    return text.encode("utf-16-le")  # no byte-order mark


def probe_chat(p: Probe, gw: Gateway) -> None:
    oa, oam = openai_client(gw), openai_client(gw, KEY_MEDIA)
    p.upstream("SDK chat: prediction parts, stop str, web_search_options.user_location, "
               "audio, modalities, metadata, user ids",
               lambda: oa.chat.completions.create(
                   model="echo", messages=[{"role": "user", "content": f"mail {EMAIL}"}],
                   prediction={"type": "content", "content": [
                       {"type": "text", "text": f"Dear {NAME}, card {CARD}"}]},
                   stop=f"SSN {SSN}", user=EMAIL, safety_identifier=SSN,
                   prompt_cache_key=f"cache-{EMAIL}", metadata={EMAIL: SSN},
                   web_search_options={"search_context_size": "low", "user_location": {
                       "type": "approximate", "approximate": {
                           "city": "Brackwater", "region": f"c/o {EMAIL}",
                           "country": "GB", "timezone": "Europe/London"}}},
                   modalities=["text"]), legit=True)
    p.upstream("raw chat: logit_bias with a non-token key, audio voice object",
               lambda: p.http().post("/v1/chat/completions", json={
                   "model": "echo", "messages": HI, "logit_bias": {"50256": -100, EMAIL: 5},
                   "audio": {"voice": {"id": f"voice_{SSN}"}, "format": "wav"}}))
    p.upstream("SDK chat: assistant refusal part, assistant audio id, tool content parts",
               lambda: oa.chat.completions.create(model="echo", messages=[
                   {"role": "user", "content": "check"},
                   {"role": "assistant", "content": [{"type": "refusal",
                                                      "refusal": f"I won't email {EMAIL}"}]},
                   {"role": "assistant", "audio": {"id": "audio_abc123"}, "content": None},
                   {"role": "assistant", "content": None, "tool_calls": [{
                       "id": "call_1", "type": "function",
                       "function": {"name": "lookup", "arguments": "{}"}}]},
                   {"role": "tool", "tool_call_id": "call_1", "content": [
                       {"type": "text", "text": json.dumps({"ssn": SSN, "card": CARD})}]}]),
               legit=True)
    p.upstream("SDK chat (no switch): file part with text file_data -> refused",
               lambda: oa.chat.completions.create(model="echo", messages=[
                   {"role": "user", "content": [{"type": "file", "file": {
                       "filename": "lease.txt", "file_data": b64(DOC.encode())}}]}]))
    for label, data in (
        ("text/plain base64", b64(DOC.encode())),
        ("CSV data URL", "data:text/csv;base64," + b64(f"name,email\n{NAME},{EMAIL}\n"
                                                      f"ssn,{SSN}\ncard,{CARD}\n".encode())),
        ("JSON data URL", "data:application/json;base64," + b64(json.dumps(
            {"email": EMAIL, "ssn": SSN, "card": CARD}).encode())),
        ("UTF-16LE text, no BOM", b64(utf16le(DOC))),
        ("UTF-16BE text, no BOM", b64(DOC.encode("utf-16-be"))),
        ("data URL charset=utf-16le, no BOM", "data:text/plain;charset=utf-16le;base64,"
         + b64(utf16le(DOC))),
        ("UTF-32 text with BOM", b64(DOC.encode("utf-32"))),
        ("gzip'd text (.txt.gz)", b64(gzip.compress(DOC.encode()))),
        ("zlib'd text", b64(zlib.compress(DOC.encode()))),
        ("bz2'd text", b64(bz2.compress(DOC.encode()))),
        ("xz'd text", b64(lzma.compress(DOC.encode()))),
    ):
        p.upstream(f"SDK chat (file allowed): file part file_data = {label}",
                   lambda data=data: oam.chat.completions.create(model="echo", messages=[
                       {"role": "user", "content": [
                           {"type": "text", "text": "Summarise the attached file."},
                           {"type": "file", "file": {"filename": "lease.txt",
                                                     "file_data": data}}]}]))
    p.upstream("SDK chat (image allowed): image_url data URL of text/plain UTF-16LE (no BOM)",
               lambda: oam.chat.completions.create(model="echo", messages=[
                   {"role": "user", "content": [{"type": "image_url", "image_url": {
                       "url": "data:text/plain;base64," + b64(utf16le(DOC))}}]}]))
    p.upstream("SDK chat (audio allowed): input_audio data = base64 text",
               lambda: oam.chat.completions.create(model="echo", messages=[
                   {"role": "user", "content": [{"type": "input_audio", "input_audio": {
                       "data": b64(DOC.encode()), "format": "wav"}}]}]))
    p.upstream("raw chat: metadata value = URL with percent-encoded e-mail",
               lambda: p.http().post("/v1/chat/completions", json={
                   "model": "echo", "messages": HI, "metadata": {
                       "cb": "https://app.example/cb?email=" + EMAIL.replace("@", "%40")}}),
               extra=(EMAIL.replace("@", "%40"),))
    p.upstream("raw chat: metadata value = gzip+base64 text (no switch)",
               lambda: p.http().post("/v1/chat/completions", json={
                   "model": "echo", "messages": HI,
                   "metadata": {"blob": b64(gzip.compress(DOC.encode()))}}))
    p.upstream("raw chat: metadata value = base64 of UTF-16LE text (no switch)",
               lambda: p.http().post("/v1/chat/completions", json={
                   "model": "echo", "messages": HI, "metadata": {"blob": b64(utf16le(DOC))}}))


PHONE, PASSPORT = "5558675309", "C03005988"
LABELLED = {"ssn": SSN, "phone": PHONE, "passport": PASSPORT}


def probe_labelled(p: Probe, gw: Gateway) -> None:
    """Values the detector only knows by a label, where JSON puts the label in the key (added
    after the first run: found in process, see README)."""
    oa = openai_client(gw)
    lv = (SSN, PHONE, PASSPORT)
    p.upstream("labelled values: metadata {ssn, phone, passport}",
               lambda: oa.chat.completions.create(model="echo", messages=HI,
                                                  metadata=dict(LABELLED)), lv, legit=True)
    p.upstream("labelled values: tool-call arguments + tool result JSON",
               lambda: oa.chat.completions.create(model="echo", messages=[
                   {"role": "user", "content": "look up"},
                   {"role": "assistant", "content": None, "tool_calls": [{
                       "id": "call_1", "type": "function",
                       "function": {"name": "lookup", "arguments": json.dumps(LABELLED)}}]},
                   {"role": "tool", "tool_call_id": "call_1",
                    "content": json.dumps({"customer": LABELLED})}]), lv, legit=True)
    p.upstream("labelled values: phone as a JSON number in metadata, unknown top-level field",
               lambda: p.http().post("/v1/chat/completions", json={
                   "model": "echo", "messages": HI, "metadata": {"phone": int(PHONE)},
                   "customer_ssn": SSN}), lv, legit=True)
    p.upstream("labelled values: anthropic tool_use input + tool_result",
               lambda: anthropic_client(gw).messages.create(
                   model="echo", max_tokens=16, messages=[
                       {"role": "user", "content": "pay"},
                       {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1",
                                                          "name": "pay", "input": LABELLED}]},
                       {"role": "user", "content": [{"type": "tool_result",
                                                     "tool_use_id": "toolu_1",
                                                     "content": json.dumps(LABELLED)}]}]),
               lv, legit=True)


def probe_completions_embeddings(p: Probe, gw: Gateway) -> None:
    oa = openai_client(gw)
    p.upstream("completions: list of prompts + suffix",
               lambda: oa.completions.create(model="echo", prompt=[f"to {EMAIL}", f"SSN {SSN}"],
                                             suffix=f" card {CARD}"), legit=True)
    p.upstream("completions: token-id prompt (no switch) -> refused",
               lambda: oa.completions.create(model="echo", prompt=[[1, 2, 3], [4, 5]]))
    p.upstream("completions: prompt as one token-id list",
               lambda: oa.completions.create(model="echo", prompt=[15496, 11, 995]))
    p.upstream("embeddings: list of strings + user",
               lambda: oa.embeddings.create(model="echo", input=[f"to {EMAIL}", SSN, CARD],
                                            user=EMAIL), legit=True)
    p.upstream("embeddings: token-id lists -> refused",
               lambda: oa.embeddings.create(model="echo", input=[[1, 2], [3]]))


def probe_responses(p: Probe, gw: Gateway) -> None:
    oa, oam = openai_client(gw), openai_client(gw, KEY_MEDIA)
    p.upstream("SDK responses: instructions, nested input_text, text.format schema "
               "description/enum/default/examples, reasoning.summary, truncation",
               lambda: oa.responses.create(
                   model="echo", instructions=f"Operator {EMAIL}",
                   reasoning={"summary": "auto"}, truncation="auto",
                   text={"format": {"type": "json_schema", "name": "o",
                                    "description": f"for {EMAIL}", "schema": {
                                        "type": "object", "properties": {"s": {
                                            "type": "string", "enum": [SSN],
                                            "default": CARD, "examples": [EMAIL]}}}}},
                   input=[{"type": "message", "role": "user", "content": [
                       {"type": "input_text", "text": f"SSN {SSN}, card {CARD}"}]}]),
               legit=True)
    p.upstream("SDK responses (file allowed): input_file file_data = base64 text",
               lambda: oam.responses.create(model="echo", input=[{"role": "user", "content": [
                   {"type": "input_text", "text": "Summarise."},
                   {"type": "input_file", "filename": "lease.txt",
                    "file_data": "data:text/plain;base64," + b64(DOC.encode())}]}]))
    p.upstream("SDK responses (file allowed): input_file file_data = UTF-16LE text, no BOM",
               lambda: oam.responses.create(model="echo", input=[{"role": "user", "content": [
                   {"type": "input_file", "filename": "lease.txt",
                    "file_data": "data:text/plain;base64," + b64(utf16le(DOC))}]}]))
    p.upstream("SDK responses: mcp tool with headers/authorization -> refused",
               lambda: oa.responses.create(model="echo", input="hi", tools=[{
                   "type": "mcp", "server_label": "crm", "server_url": "https://mcp.example",
                   "headers": {"X-User": EMAIL}, "authorization": f"Bearer {SSN}",
                   "require_approval": "never"}]))
    p.upstream("SDK responses: conversation -> refused",
               lambda: oa.responses.create(model="echo", input=f"mail {EMAIL}",
                                           conversation="conv_abc123"))
    p.upstream("SDK responses: web_search tool with user_location (legit)",
               lambda: oa.responses.create(model="echo", input=f"near {EMAIL}?", tools=[{
                   "type": "web_search", "user_location": {"type": "approximate",
                                                           "city": "Brackwater"}}]),
               legit=True)
    p.upstream("SDK responses: function_call_output with input_text list",
               lambda: oa.responses.create(model="echo", input=[
                   {"type": "function_call", "call_id": "c1", "name": "f", "arguments": "{}"},
                   {"type": "function_call_output", "call_id": "c1", "output": [
                       {"type": "input_text", "text": json.dumps({"email": EMAIL})}]}]),
               legit=True)
    p.upstream("SDK responses: reasoning item with gzip'd text in encrypted_content "
               "(translated upstream)",
               lambda: p.http().post("/v1/responses", json={"model": "echo", "input": [
                   {"type": "reasoning", "id": "rs_1", "summary": [],
                    "encrypted_content": b64(gzip.compress(DOC.encode()))},
                   {"role": "user", "content": "hi"}]}))


def probe_anthropic(p: Probe, gw: Gateway, key: str = KEY_A, tag: str = "") -> None:
    an = anthropic_client(gw, key)
    p.upstream(f"anthropic{tag}: document text source + title/context, system list with "
               "cache_control, tool input_schema enum/description, metadata, stop_sequences",
               lambda: an.messages.create(
                   model="echo", max_tokens=64, metadata={"user_id": EMAIL},
                   stop_sequences=[f"SSN {SSN}"],
                   system=[{"type": "text", "text": f"Operator {EMAIL}",
                            "cache_control": {"type": "ephemeral"}}],
                   tools=[{"name": "pay", "description": f"pays {EMAIL}", "input_schema": {
                       "type": "object", "properties": {"card": {
                           "type": "string", "enum": [CARD], "description": f"e.g. {SSN}"}}}}],
                   messages=[{"role": "user", "content": [
                       {"type": "document", "title": f"Lease of {NAME}", "context": EMAIL,
                        "source": {"type": "text", "media_type": "text/plain", "data": DOC}},
                       {"type": "text", "text": "Summarise."}]}]), legit=True)
    p.upstream(f"anthropic{tag}: document base64 text/plain (no switch)",
               lambda: an.messages.create(model="echo", max_tokens=32, messages=[
                   {"role": "user", "content": [
                       {"type": "document", "source": {"type": "base64",
                                                       "media_type": "text/plain",
                                                       "data": b64(DOC.encode())}},
                       {"type": "text", "text": "Summarise."}]}]))
    p.upstream(f"anthropic{tag}: document source.type=content (text blocks)",
               lambda: an.messages.create(model="echo", max_tokens=32, messages=[
                   {"role": "user", "content": [
                       {"type": "document", "source": {"type": "content", "content": [
                           {"type": "text", "text": DOC}]}},
                       {"type": "text", "text": "Summarise."}]}]))
    p.upstream(f"anthropic{tag}: search_result block",
               lambda: an.messages.create(model="echo", max_tokens=32, messages=[
                   {"role": "user", "content": [
                       {"type": "search_result", "source": "https://kb.example/a",
                        "title": f"About {NAME}", "content": [{"type": "text", "text": DOC}]},
                       {"type": "text", "text": "Summarise."}]}]))
    p.upstream(f"anthropic{tag}: tool_result nested text + image(svg text) content",
               lambda: an.messages.create(model="echo", max_tokens=32, messages=[
                   {"role": "user", "content": "look up"},
                   {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1",
                                                      "name": "lookup", "input": {}}]},
                   {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1",
                                                 "content": [{"type": "text", "text": DOC}]}]}]),
               legit=True)
    p.upstream(f"anthropic{tag}: mcp_servers authorization_token -> refused",
               lambda: an.beta.messages.create(
                   model="echo", max_tokens=32, betas=["mcp-client-2025-04-04"],
                   mcp_servers=[{"type": "url", "url": "https://mcp.example", "name": "crm",
                                 "authorization_token": f"tok-{EMAIL}"}],
                   messages=[{"role": "user", "content": "hi"}]))
    p.upstream(f"anthropic{tag}: container -> refused",
               lambda: an.beta.messages.create(
                   model="echo", max_tokens=32, container=f"cont_{SSN}",
                   messages=[{"role": "user", "content": "hi"}]))
    for label, blob in (("gzip", gzip.compress(DOC.encode())),
                        ("zlib", zlib.compress(DOC.encode())),
                        ("UTF-16LE", utf16le(DOC))):
        p.upstream(f"anthropic{tag}: redacted_thinking data = {label} text (no switch)",
                   lambda blob=blob: p.http(key, **{"anthropic-version": "2023-06-01"}).post(
                       "/v1/messages", json={
                           "model": "echo", "max_tokens": 32, "messages": [
                               {"role": "user", "content": "hi"},
                               {"role": "assistant", "content": [
                                   {"type": "redacted_thinking", "data": b64(blob)},
                                   {"type": "thinking", "thinking": "ok",
                                    "signature": b64(blob)},
                                   {"type": "text", "text": "ok"}]},
                               {"role": "user", "content": "go on"}]}))


def probe_json_http(p: Probe) -> None:
    body = {"model": "echo", "messages": [{"role": "user", "content": f"mail {EMAIL}"}]}
    raw = json.dumps(body).encode()
    p.upstream("JSON: surrogate-pair escapes around the e-mail",
               lambda: p.http(**{"Content-Type": "application/json"}).post(
                   "/v1/chat/completions", content=(
                       '{"model":"echo","messages":[{"role":"user","content":"\\ud83d\\ude00'
                       + EMAIL.replace("@", "\\u0040").replace(".", "\\u002e")
                       + '\\ud83d\\ude00"}]}').encode()))
    p.upstream("JSON: NaN / Infinity literals + card as unknown top-level number",
               lambda: p.http(**{"Content-Type": "application/json"}).post(
                   "/v1/chat/completions", content=(
                       '{"model":"echo","messages":[{"role":"user","content":"hi"}],'
                       '"temperature":NaN,"x_card":' + CARD + ',"x_inf":Infinity}').encode()),
               (CARD,))
    p.upstream("JSON: duplicate 'messages' (first holds the value)",
               lambda: p.http(**{"Content-Type": "application/json"}).post(
                   "/v1/chat/completions", content=(
                       '{"model":"echo","messages":[{"role":"user","content":"' + EMAIL
                       + '"}],"messages":[{"role":"user","content":"hi"}]}').encode()))
    p.upstream("JSON: UTF-8 BOM before the body (legit clients rarely)",
               lambda: p.http(**{"Content-Type": "application/json"}).post(
                   "/v1/chat/completions", content=b"\xef\xbb\xbf" + raw))
    for enc, data in (("deflate", zlib.compress(raw)), ("gzip", gzip.compress(raw))):
        p.upstream(f"HTTP: Content-Encoding {enc}",
                   lambda enc=enc, data=data: p.http(**{
                       "Content-Type": "application/json", "Content-Encoding": enc}).post(
                       "/v1/chat/completions", content=data))
    p.upstream("HTTP: Content-Encoding br (bytes not brotli: header alone)",
               lambda: p.http(**{"Content-Type": "application/json",
                                 "Content-Encoding": "br"}).post(
                   "/v1/chat/completions", content=raw))
    p.upstream("HTTP: form-urlencoded body to chat",
               lambda: p.http().post("/v1/chat/completions", data={
                   "model": "echo", "messages": json.dumps(body["messages"])}))
    p.upstream("HTTP: multipart body to chat",
               lambda: p.http().post("/v1/chat/completions", files={
                   "body": ("b.json", raw, "application/json")}))
    p.upstream("HTTP: charset=utf-16 body (with BOM)",
               lambda: p.http(**{"Content-Type": "application/json; charset=utf-16"}).post(
                   "/v1/chat/completions", content=json.dumps(body).encode("utf-16")))
    p.upstream("HTTP: text/plain content type with JSON body",
               lambda: p.http(**{"Content-Type": "text/plain"}).post(
                   "/v1/chat/completions", content=raw))
    p.upstream("HTTP: query string on POST responses/messages/embeddings",
               lambda: [p.http().post(f"/v1/{ep}?email={EMAIL}&ssn={SSN}", json=b) for ep, b in (
                   ("responses", {"model": "echo", "input": "hi"}),
                   ("embeddings", {"model": "echo", "input": "hi"}),
                   ("messages", {"model": "echo", "max_tokens": 8, "messages": HI}))][-1])
    p.upstream("HTTP: trailing slash /v1/chat/completions/",
               lambda: p.http().post("/v1/chat/completions/", json=body))
    p.upstream("HTTP: double slash /v1//chat/completions",
               lambda: p.http().post("/v1//chat/completions", json=body))


def probe_headers(p: Probe, gw: Gateway) -> None:
    h = {"OpenAI-Organization": f"org-{SSN}", "OpenAI-Project": f"proj_{EMAIL}",
         "X-Stainless-Custom": EMAIL, "X-End-User": NAME, "anthropic-beta": f"b-{SSN}",
         "Idempotency-Key": f"idem-{CARD}", "Traceparent": f"00-{CARD}-01",
         "Forwarded": f"for={EMAIL}", "X-Forwarded-For": "203.0.113.9"}
    p.upstream("headers (openai SDK default_headers): org/project/stainless/idempotency/"
               "traceparent/forwarded",
               lambda: openai_client(gw, **h).chat.completions.create(model="echo",
                                                                        messages=HI),
               legit=True, extra=(NAME,))
    p.upstream("headers (anthropic SDK extra_headers) + anthropic-beta",
               lambda: anthropic_client(gw, **h).messages.create(
                   model="echo", max_tokens=8, messages=HI, extra_headers={
                       "X-Customer": EMAIL}), legit=True, extra=(NAME,))


def probe_endpoints(p: Probe) -> None:
    eps = [("POST", "/v1/moderations", {"model": "omni-moderation-latest", "input": EMAIL}),
           ("POST", "/v1/images/generations", {"model": "gpt-image-1", "prompt": EMAIL}),
           ("POST", "/v1/audio/speech", {"model": "tts-1", "input": EMAIL, "voice": "alloy"}),
           ("POST", "/v1/assistants", {"model": "echo", "instructions": EMAIL}),
           ("POST", "/v1/threads", {"messages": [{"role": "user", "content": EMAIL}]}),
           ("POST", "/v1/vector_stores", {"name": EMAIL}),
           ("POST", "/v1/conversations", {"items": [{"role": "user", "content": EMAIL}]}),
           ("POST", "/v1/uploads", {"filename": EMAIL, "purpose": "batch", "bytes": 1,
                                    "mime_type": "text/jsonl"}),
           ("POST", "/v1/realtime/sessions", {"model": "gpt-4o-realtime",
                                              "instructions": EMAIL}),
           ("POST", "/v1/responses/input_tokens", {"model": "echo", "input": EMAIL}),
           ("POST", "/v1/responses/compact", {"model": "echo", "input": EMAIL}),
           ("POST", "/v1/fine_tuning/jobs", {"model": "echo", "training_file": EMAIL}),
           ("POST", "/v1/messages/batches", {"requests": [{"custom_id": "a", "params": {
               "model": "echo", "max_tokens": 8, "messages": [{"role": "user",
                                                               "content": EMAIL}]}}]}),
           ("POST", "/v1/complete", {"model": "echo", "prompt": f"\n\nHuman: {EMAIL}",
                                     "max_tokens_to_sample": 8}),
           ("POST", "/chat/completions", {"model": "echo", "messages": [
               {"role": "user", "content": EMAIL}]}),
           ("POST", "/v2/chat/completions", {"model": "echo", "messages": [
               {"role": "user", "content": EMAIL}]}),
           ("GET", f"/v1/models/{EMAIL}", None),
           ("GET", "/v1/files", None),
           ("GET", f"/v1/chat/completions?metadata[email]={EMAIL}", None),
           ("PUT", "/v1/chat/completions", {"model": "echo", "messages": [
               {"role": "user", "content": EMAIL}]})]
    for method, path, body in eps:
        p.upstream(f"endpoint {method} {path.split('?')[0][:40]}",
                   lambda method=method, path=path, body=body: p.http().request(
                       method, path, json=body), extra=(EMAIL,))


def probe_batches(p: Probe) -> None:
    lines = [
        {"custom_id": "e1", "method": "POST", "url": "/v1/embeddings",
         "body": {"model": "echo", "input": [f"to {EMAIL}", SSN]}},
    ]

    def upload(lines: list[dict[str, Any]], purpose: str = "batch",
               encoding: str = "utf-8") -> Any:
        with p.http() as h:
            data = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines).encode(encoding)
            r = h.post("/v1/files", files={"file": ("in.jsonl", data)},
                       data={"purpose": purpose})
            if r.status_code != 200:
                return r
            b = h.post("/v1/batches", json={"input_file_id": r.json()["id"],
                                             "endpoint": lines[0]["url"],
                                             "completion_window": "24h"})
            for _ in range(100):
                st = h.get(f"/v1/batches/{b.json().get('id')}").json()
                if st.get("status") in ("completed", "failed", "cancelled", None):
                    break
                import time
                time.sleep(0.1)
            return b
    p.upstream("batch: embeddings lines", lambda: upload(lines), legit=True)
    p.upstream("batch: purpose=user_data upload -> refused",
               lambda: upload(lines, purpose="user_data"))
    p.upstream("batch: chat line with file part (acme, no switch) -> refused",
               lambda: upload([{"custom_id": "c1", "method": "POST",
                                "url": "/v1/chat/completions", "body": {
                                    "model": "echo", "messages": [{"role": "user", "content": [
                                        {"type": "file", "file": {
                                            "file_data": b64(DOC.encode())}}]}]}}]))
    p.upstream("batch: UTF-16 JSONL -> refused",
               lambda: upload(lines, encoding="utf-16"))


def probe_answer_path(p: Probe) -> None:
    # key A (tenant acme) sends a value; tenant media / key B / another session of key A ask a
    # hostile upstream (model "reflect" answers the masked body) to say A's placeholder.
    with p.http(KEY_A, **{"X-Veil-Session": "s71-shared"}) as h:
        h.post("/v1/chat/completions", json={"model": "echo", "messages": [
            {"role": "user", "content": f"mail {EMAIL}, card {CARD}"}]})
    for who, key, sess in (("other tenant, same session header", KEY_MEDIA, "s71-shared"),
                           ("same tenant, other key", KEY_B, "s71-shared"),
                           ("same key, other session", KEY_A, "s71-other")):
        with p.http(key, **{"X-Veil-Session": sess}) as h:
            r = h.post("/v1/chat/completions", json={"model": "reflect", "messages": [
                {"role": "user", "content": "say [EMAIL_1] [CREDIT_CARD_1] EMAIL_1"}]})
            leaked = found(r.text, V)
            report("LEAK" if leaked else "held", f"answer path: {who} types A's placeholder",
                   f"status={r.status_code}" + (f" leaked={leaked}" if leaked else ""))
    with p.http(KEY_A, **{"X-Veil-Session": "s71-stream"}) as h:
        h.post("/v1/chat/completions", json={"model": "echo", "messages": [
            {"role": "user", "content": f"SSN {SSN}"}]})
    with p.http(KEY_MEDIA, **{"X-Veil-Session": "s71-stream"}) as h:
        r = h.post("/v1/chat/completions", json={"model": "reflect", "stream": True,
                                                 "messages": [{"role": "user",
                                                               "content": "[US_SSN_1]"}]})
        leaked = found(r.text, V)
        report("LEAK" if leaked else "held", "answer path (stream): other tenant types "
               "A's placeholder", f"status={r.status_code}")


def run_openai_gateway(rec: Recorder, up: UpstreamThread, work: Path) -> None:
    cfg = {
        "session_secret": "s71-secret",
        "upstream": {"kind": "openai", "base_url": up.url, "api_key": "sk-upstream"},
        "tenants": [
            {"name": "acme", "api_key_sha256": [sha(KEY_A), sha(KEY_B)],
             "policy": {"languages": ["en"]}},
            {"name": "media", "api_key_sha256": [sha(KEY_MEDIA)],
             "policy": {"languages": ["en"], "allow_unscannable": ["image", "audio", "file"]}},
        ],
    }
    gw = start_gateway(work / "openai", cfg)
    try:
        p = Probe(rec, gw)
        probe_chat(p, gw)
        probe_labelled(p, gw)
        probe_completions_embeddings(p, gw)
        probe_responses(p, gw)
        probe_anthropic(p, gw)
        probe_json_http(p)
        probe_headers(p, gw)
        probe_endpoints(p)
        probe_batches(p)
        probe_answer_path(p)
    finally:
        gw.stop()
    leaked = found(gw.log_text(), V + (NAME, IBAN))
    report("LEAK" if leaked else "held", "gateway log (openai kind)",
           f"leaked={leaked}" if leaked else "")


def run_native(rec: Recorder, up: UpstreamThread, work: Path, kind: str) -> None:
    upstream: dict[str, Any] = {"kind": kind, "base_url": up.url, "api_key": "sk-upstream"}
    if kind == "openai":
        upstream["responses_api"] = True
    cfg = {"session_secret": "s71-secret", "upstream": upstream,
           "tenants": [{"name": "acme", "api_key_sha256": [sha(KEY_A), sha(KEY_B)],
                        "policy": {"languages": ["en"]}},
                       {"name": "media", "api_key_sha256": [sha(KEY_MEDIA)],
                        "policy": {"languages": ["en"],
                                   "allow_unscannable": ["image", "audio", "file"]}}]}
    gw = start_gateway(work / f"native-{kind}", cfg)
    try:
        p = Probe(rec, gw)
        if kind == "openai":
            for label, blob in (("gzip", gzip.compress(DOC.encode())),
                                ("zlib", zlib.compress(DOC.encode())),
                                ("UTF-16LE", utf16le(DOC))):
                p.upstream(f"native /responses: encrypted_content = {label} text (no switch)",
                           lambda blob=blob: p.http().post("/v1/responses", json={
                               "model": "echo", "input": [
                                   {"type": "reasoning", "id": "rs_1", "summary": [],
                                    "encrypted_content": b64(blob)},
                                   {"role": "user", "content": "hi"}]}))
            fernet_like = b64(b"\x80" + os.urandom(8 + 16 + 32 + 32))
            p.upstream("native /responses: real-looking Fernet encrypted_content passes",
                       lambda: p.http().post("/v1/responses", json={
                           "model": "echo", "input": [
                               {"type": "reasoning", "id": "rs_1", "summary": [],
                                "encrypted_content": fernet_like},
                               {"role": "user", "content": "hi"}]}), legit=True)
            oam = openai_client(gw, KEY_MEDIA)
            p.upstream("native /responses (file allowed): input_file UTF-16LE text, no BOM",
                       lambda: oam.responses.create(model="echo", input=[{
                           "role": "user", "content": [{
                               "type": "input_file", "filename": "lease.txt",
                               "file_data": "data:text/plain;base64," + b64(utf16le(DOC))}]}]))
        else:
            probe_anthropic(p, gw, tag=" (native)")
            p.upstream("anthropic native (file allowed): document base64 text/plain "
                       "holding UTF-16LE text",
                       lambda: anthropic_client(gw, KEY_MEDIA).messages.create(
                           model="echo", max_tokens=32, messages=[{"role": "user", "content": [
                               {"type": "document", "source": {
                                   "type": "base64", "media_type": "text/plain",
                                   "data": b64(utf16le(DOC))}},
                               {"type": "text", "text": "Summarise."}]}]))
    finally:
        gw.stop()
    leaked = found(gw.log_text(), V + (NAME, IBAN))
    report("LEAK" if leaked else "held", f"gateway log ({kind} native)",
           f"leaked={leaked}" if leaked else "")


def main() -> None:
    base = Path("/tmp/gw71")
    base.mkdir(exist_ok=True)
    work = Path(os.environ.get("S71_WORK") or tempfile.mkdtemp(prefix="gw71-", dir=base))
    rec = Recorder()
    with UpstreamThread(rec) as up:
        run_openai_gateway(rec, up, work)
        run_native(rec, up, work, "openai")
        run_native(rec, up, work, "anthropic")
    counts = {s: sum(r[0] == s for r in RESULTS) for s in ("LEAK", "over-blocked", "held")}
    print(f"\n{counts['LEAK']} LEAK / {counts['over-blocked']} over-blocked / "
          f"{counts['held']} held")
    for s, n, _d in RESULTS:
        if s != "held":
            print(f"  {s}: {n}")


if __name__ == "__main__":
    main()
