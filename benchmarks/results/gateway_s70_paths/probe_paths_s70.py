"""The thirty-ninth round's gateway probe: request fields, headers, endpoints, encodings and
shapes through which a made-up sensitive value could reach the upstream unmasked, or a restored
original reach someone who should not see it (another key, logs, audit, metrics, errors).

Run: ``.venv/bin/python benchmarks/results/gateway_s70_paths/probe_paths_s70.py``
(one ``veil serve`` at a time on 127.0.0.1, a recording upstream in this process; every
server is stopped at the end). Prints one line per probe: LEAK / held / info.
All values are made up.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from harness import Gateway, Recorder, UpstreamThread, start_gateway  # noqa: E402

EMAIL = "quentin.marlowe@plant-s70.example"
SSN = "078-05-1120"
CARD = "4111111111111111"
IBAN = "DE89370400440532013000"
NAME = "Quentin Marlowe"
TERM = "Nightjar"  # a tenant sensitive term (project code name)
KEY_A, KEY_B, KEY_MEDIA, ADMIN = "sk-s70-a", "sk-s70-b", "sk-s70-media", "sk-s70-admin"

RESULTS: list[tuple[str, str, str]] = []


def sha(k: str) -> str:
    return hashlib.sha256(k.encode()).hexdigest()


def readable(text: str) -> str:
    """The text plus every decoding an upstream could apply (percent, base64 runs)."""
    out = [text, unquote(text)]
    try:
        out.append(json.dumps(json.loads(text), ensure_ascii=False))
    except ValueError:
        pass
    for m in re.finditer(r"[A-Za-z0-9+/_-]{12,}={0,2}", text):
        t = m.group()
        try:
            raw = base64.b64decode(t.replace("-", "+").replace("_", "/") + "=" * (-len(t) % 4))
            try:
                out.append(gzip.decompress(raw).decode("utf-8"))
            except Exception:  # noqa: BLE001
                out.append(raw.decode("utf-8"))
        except Exception:  # noqa: BLE001
            pass
    return "\n".join(out)


def found(text: str, needles: tuple[str, ...]) -> list[str]:
    r = readable(text)
    return [n for n in needles if n in r]


def report(name: str, leaked: list[str], where: str, detail: str = "") -> None:
    status = "LEAK" if leaked else "held"
    RESULTS.append((status, name, where))
    extra = f" leaked={leaked}" if leaked else ""
    print(f"[{status}] {name} ({where}){extra} {detail}".rstrip(), flush=True)


def info(name: str, detail: str) -> None:
    RESULTS.append(("info", name, detail))
    print(f"[info] {name}: {detail}", flush=True)


def sent_text(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False) + "\n" + "\n".join(
        r["body"] + "\n" + r["path"] + "?" + r["query"] + "\n" + json.dumps(r["headers"])
        for r in rows)


class Probe:
    def __init__(self, rec: Recorder, gw: Gateway) -> None:
        self.rec, self.gw = rec, gw

    def http(self, key: str | None = KEY_A, **headers: str) -> httpx.Client:
        h = {"Authorization": f"Bearer {key}"} if key else {}
        h.update(headers)
        return httpx.Client(base_url=self.gw.url, headers=h, timeout=120)

    def upstream(self, name: str, fn: Any, needles: tuple[str, ...]) -> Any:
        n = self.rec.mark()
        try:
            out = fn()
        except Exception as e:  # noqa: BLE001
            out = e
        rows = self.rec.since(n)
        status = getattr(out, "status_code", None)
        detail = f"status={status}" if status is not None else (
            f"exc={type(out).__name__}" if isinstance(out, Exception) else "")
        if not rows:
            detail += " (nothing reached the upstream)"
        report(name, found(sent_text(rows), needles), "upstream", detail)
        return out


# --------------------------------------------------------------------------------------------


def openai_client(gw: Gateway, key: str = KEY_A, **headers: str) -> Any:
    import openai
    return openai.OpenAI(base_url=gw.url + "/v1", api_key=key, max_retries=0, timeout=120,
                         default_headers=headers or None)


def anthropic_client(gw: Gateway, key: str = KEY_A) -> Any:
    import anthropic
    return anthropic.Anthropic(base_url=gw.url, api_key=key, max_retries=0, timeout=120)


HI = [{"role": "user", "content": "hi"}]
V = (EMAIL, SSN, CARD)


def run_openai_gateway(rec: Recorder, up: UpstreamThread, work: Path) -> None:
    cfg = {
        "session_secret": "s70-secret",
        "upstream": {"kind": "openai", "base_url": up.url, "api_key": "sk-upstream"},
        "admin_api_key_sha256": [sha(ADMIN)],
        "tenants": [
            {"name": "acme", "api_key_sha256": [sha(KEY_A), sha(KEY_B)],
             "policy": {"languages": ["en"]},
             "terms": [{"term": TERM, "type": "PROJECT"}]},
            {"name": "media", "api_key_sha256": [sha(KEY_MEDIA)],
             "policy": {"languages": ["en"], "embeddings": "pseudonym",
                        "allow_unscannable": ["image", "audio", "file"]}},
        ],
    }
    gw = start_gateway(work / "openai", cfg, extra_args=["--access-log"])
    try:
        p = Probe(rec, gw)
        oa = openai_client(gw)

        # --- headers and query string ------------------------------------------------------
        p.upstream("custom headers (X-User-Email, OpenAI-Organization, User-Agent, Cookie)",
                   lambda: openai_client(gw, **{
                       "X-User-Email": EMAIL, "OpenAI-Organization": f"org-{SSN}",
                       "User-Agent": f"app/{EMAIL}", "Cookie": f"sid={EMAIL}",
                       "OpenAI-Project": EMAIL}).chat.completions.create(
                       model="echo", messages=HI), V)
        p.upstream("query string on chat (?email=...)",
                   lambda: p.http().post(f"/v1/chat/completions?email={EMAIL}&ssn={SSN}",
                                         json={"model": "echo", "messages": HI}), V)
        p.upstream("SDK extra_query on chat",
                   lambda: oa.chat.completions.create(model="echo", messages=HI,
                                                      extra_query={"user_email": EMAIL}), V)


        # --- identifier-shaped names and tenant terms ---------------------------------------
        for nm in ("Quentin_Marlowe", "QuentinMarlowe", "quentin-marlowe"):
            p.upstream(f"SDK chat messages[].name = {nm!r} (OpenAI allows only [A-Za-z0-9_-])",
                       lambda nm=nm: oa.chat.completions.create(model="echo", messages=[
                           {"role": "user", "name": nm, "content": "Please summarise my file."}]),
                       ("Marlowe", "marlowe"))
        p.upstream("control: messages[].name = 'Quentin Marlowe' (with a space)",
                   lambda: p.http().post("/v1/chat/completions", json={"model": "echo",
                       "messages": [{"role": "user", "name": NAME, "content": "hi"}]}),
                   ("Marlowe",))

        def langchain_name() -> Any:
            from langchain_core.messages import HumanMessage
            from langchain_openai import ChatOpenAI
            llm = ChatOpenAI(model="echo", base_url=gw.url + "/v1", api_key=KEY_A, max_retries=0)
            return llm.invoke([HumanMessage(content="Summarise my file.", name="Quentin_Marlowe")])
        p.upstream("langchain-openai HumanMessage(name='Quentin_Marlowe')", langchain_name,
                   ("Marlowe",))
        p.upstream("control: tenant term in message text",
                   lambda: oa.chat.completions.create(model="echo", messages=[
                       {"role": "user", "content": f"Status of {TERM}?"}]), (TERM, TERM.lower()))
        p.upstream("tenant term in tool name / schema property / description snake_case",
                   lambda: oa.chat.completions.create(model="echo", messages=HI, tools=[
                       {"type": "function", "function": {
                           "name": f"get_{TERM.lower()}_status",
                           "description": f"Calls get_{TERM.lower()}_status.",
                           "parameters": {"type": "object", "properties": {
                               f"{TERM.lower()}_budget": {"type": "number"}}}}}]),
                   (TERM, TERM.lower()))

        # --- negative / fractional numbers (docs: a card sent as a JSON number is scanned) ----
        for label, num in (("negative int", -4111111111111111),
                           ("negative float", -4111111111111111.0),
                           ("fractional float", 4111111111111111.5)):
            p.upstream(f"metadata card as {label} ({num!r})",
                       lambda num=num: p.http().post("/v1/chat/completions", json={
                           "model": "echo", "messages": HI, "metadata": {"card": num}}),
                       (CARD,))
        p.upstream("tool arguments card as negative number",
                   lambda: p.http().post("/v1/chat/completions", json={
                       "model": "echo", "messages": [
                           {"role": "user", "content": "pay"},
                           {"role": "assistant", "content": None, "tool_calls": [
                               {"id": "call_1", "type": "function", "function": {
                                   "name": "pay", "arguments": '{"card": -4111111111111111}'}}]},
                           {"role": "tool", "tool_call_id": "call_1", "content": "ok"}]}),
                   (CARD,))

        # --- IBAN inside allow-listed ids -------------------------------------------------
        p.upstream("IBAN as tool_calls[].id / tool_call_id (chat)",
                   lambda: p.http().post("/v1/chat/completions", json={
                       "model": "echo", "messages": [
                           {"role": "user", "content": "pay"},
                           {"role": "assistant", "content": None, "tool_calls": [
                               {"id": IBAN, "type": "function", "function": {
                                   "name": "pay", "arguments": "{}"}}]},
                           {"role": "tool", "tool_call_id": IBAN, "content": "ok"}]}),
                   (IBAN,))
        p.upstream("IBAN as function name / tool_choice name (chat)",
                   lambda: p.http().post("/v1/chat/completions", json={
                       "model": "echo", "messages": HI,
                       "tools": [{"type": "function", "function": {
                           "name": f"pay_{IBAN}", "parameters": {"type": "object"}}}],
                       "tool_choice": {"type": "function", "function": {"name": f"pay_{IBAN}"}}}),
                   (IBAN,))

        # --- everyday SDK fields (should hold) ----------------------------------------------
        p.upstream("SDK chat: tools schema description/enum/default/examples, user, "
                   "safety_identifier, prompt_cache_key, stop, prediction, name, metadata",
                   lambda: oa.chat.completions.create(
                       model="echo", user=EMAIL, safety_identifier=EMAIL,
                       prompt_cache_key=f"pck-{EMAIL}", stop=[EMAIL], metadata={"who": EMAIL},
                       prediction={"type": "content", "content": f"Dear {EMAIL}"},
                       tools=[{"type": "function", "function": {
                           "name": "send", "description": f"send to {EMAIL}",
                           "parameters": {"type": "object", "properties": {"to": {
                               "type": "string", "description": f"e.g. {EMAIL}",
                               "enum": [EMAIL], "default": EMAIL, "examples": [SSN]}}}}}],
                       messages=[{"role": "system", "content": f"Operator {EMAIL}"},
                                 {"role": "user", "name": "quentin_marlowe",
                                  "content": f"SSN {SSN} card {CARD}"}]), V)
        p.upstream("SDK chat: history tool_calls arguments JSON with PII + tool result",
                   lambda: oa.chat.completions.create(model="echo", messages=[
                       {"role": "user", "content": "look up"},
                       {"role": "assistant", "content": None, "tool_calls": [{
                           "id": "call_9", "type": "function", "function": {
                               "name": "lookup",
                               "arguments": json.dumps({"email": EMAIL, "ssn": SSN})}}]},
                       {"role": "tool", "tool_call_id": "call_9",
                        "content": json.dumps({"card": CARD, "owner": EMAIL})}]), V)
        p.upstream("response_format json_schema with description/const/pattern",
                   lambda: oa.chat.completions.create(
                       model="echo", messages=HI, response_format={
                           "type": "json_schema", "json_schema": {
                               "name": "out", "description": f"for {EMAIL}", "schema": {
                                   "type": "object", "properties": {"s": {
                                       "type": "string", "const": SSN,
                                       "pattern": "^" + CARD + "$"}}}}}), V)
        p.upstream("completions: prompt list + suffix + echo",
                   lambda: oa.completions.create(model="echo", prompt=[f"to {EMAIL}", SSN],
                                                 suffix=f" {CARD}"), V)
        p.upstream("\\u-escaped JSON, duplicate keys (last wins) in raw body",
                   lambda: p.http(**{"Content-Type": "application/json"}).post(
                       "/v1/chat/completions",
                       content=('{"model":"echo","messages":[{"role":"user","content":"hi"}],'
                                '"metadata":{"a":"x"},"metadata":{"a":"' + EMAIL.replace(
                                    "@", "\\u0040") + '"}}').encode()), V)
        p.upstream("gzip Content-Encoding body",
                   lambda: p.http(**{"Content-Type": "application/json",
                                     "Content-Encoding": "gzip"}).post(
                       "/v1/chat/completions", content=gzip.compress(json.dumps(
                           {"model": "echo", "messages": [{"role": "user",
                                                           "content": EMAIL}]}).encode())), V)
        p.upstream("UTF-16 body",
                   lambda: p.http(**{"Content-Type": "application/json; charset=utf-16"}).post(
                       "/v1/chat/completions", content=json.dumps(
                           {"model": "echo", "messages": [{"role": "user",
                                                           "content": EMAIL}]}).encode(
                           "utf-16")), V)

        def chunked() -> Any:
            def gen() -> Any:
                data = json.dumps({"model": "echo", "messages": [
                    {"role": "user", "content": f"mail {EMAIL}"}]}).encode()
                for i in range(0, len(data), 7):
                    yield data[i:i + 7]
            return p.http(**{"Content-Type": "application/json"}).post(
                "/v1/chat/completions", content=gen())
        p.upstream("chunked transfer body", chunked, V)
        p.upstream("deep nesting (200 levels) in metadata",
                   lambda: p.http().post("/v1/chat/completions", json={
                       "model": "echo", "messages": HI,
                       "metadata": json.loads("[" * 200 + json.dumps(EMAIL) + "]" * 200)}), V)

        # --- embeddings ---------------------------------------------------------------------
        p.upstream("embeddings: list of strings, user",
                   lambda: oa.embeddings.create(model="echo", input=[f"to {EMAIL}", SSN],
                                                user=EMAIL), V)
        oam = openai_client(gw, KEY_MEDIA)
        p.upstream("embeddings pseudonym mode: a value repeated in one input",
                   lambda: oam.embeddings.create(model="echo", input=[
                       f"{EMAIL} wrote; later {EMAIL} wrote again. SSN {SSN}, again {SSN}."]),
                   V)
        p.upstream("embeddings pseudonym mode: name twice (NER)",
                   lambda: oam.embeddings.create(model="echo", input=[
                       f"{NAME} signed the lease. {NAME} paid. Later Marlowe called."]),
                   ("Marlowe",))

        # --- uploaded file / batch ----------------------------------------------------------
        line = {"custom_id": f"row-{EMAIL}", "method": "POST", "url": "/v1/chat/completions",
                "body": {"model": "echo", "messages": [{"role": "user",
                                                        "content": f"mail {EMAIL}"}],
                         "metadata": {"ssn": SSN}}}
        fobj: dict[str, Any] = {}

        def upload() -> Any:
            with p.http() as h:
                r = h.post("/v1/files", files={"file": (f"{NAME}_{SSN}.jsonl",
                                                        json.dumps(line).encode())},
                           data={"purpose": "batch"})
                fobj.update(r.json())
                b = h.post("/v1/batches", json={"input_file_id": fobj.get("id"),
                                                "endpoint": "/v1/chat/completions",
                                                "completion_window": "24h",
                                                "metadata": {"owner": EMAIL}})
                bid = b.json().get("id")
                for _ in range(100):
                    st = h.get(f"/v1/batches/{bid}").json()
                    if st.get("status") in ("completed", "failed", "cancelled"):
                        fobj["out"] = st.get("output_file_id")
                        break
                    time.sleep(0.1)
                return b
        p.upstream("files+batches: body, custom_id, filename, batch metadata", upload, V)
        with p.http(KEY_B) as h:
            got = h.get(f"/v1/files/{fobj.get('out')}/content")
            report("batch output fetched by another key of the same tenant",
                   found(got.text, V), "other key", f"status={got.status_code}")

        # --- Responses API (translated) -------------------------------------------------------
        resp_ids: dict[str, str] = {}

        def responses() -> Any:
            r = oa.responses.create(
                model="echo", instructions=f"Operator {EMAIL}", metadata={"who": EMAIL},
                user=EMAIL, safety_identifier=EMAIL, prompt_cache_key=EMAIL,
                text={"format": {"type": "json_schema", "name": "o",
                                 "description": f"for {EMAIL}", "schema": {
                                     "type": "object", "properties": {"s": {
                                         "type": "string", "enum": [SSN]}}}}},
                input=[{"role": "user", "content": [{"type": "input_text",
                                                     "text": f"SSN {SSN}, mail {EMAIL}"}]},
                       {"type": "function_call", "call_id": "c1", "name": "f",
                        "arguments": json.dumps({"card": CARD})},
                       {"type": "function_call_output", "call_id": "c1",
                        "output": json.dumps({"owner": EMAIL})}])
            resp_ids["first"] = r.id
            return r
        p.upstream("SDK responses: instructions, metadata, text.format schema, function_call"
                   " (+output), user/safety_identifier/prompt_cache_key", responses, V)
        p.upstream("SDK responses: previous_response_id follow-up",
                   lambda: oa.responses.create(model="echo", input="repeat my mail",
                                               previous_response_id=resp_ids.get("first")), V)
        with p.http(KEY_B) as h:
            for path in (f"/v1/responses/{resp_ids.get('first')}",
                         f"/v1/responses/{resp_ids.get('first')}/input_items"):
                got = h.get(path)
                report(f"GET {path.split('/')[-1][:14]}.. by another key", found(got.text, V),
                       "other key", f"status={got.status_code}")
            got = h.post("/v1/responses", json={"model": "echo", "input": "repeat",
                                                "previous_response_id": resp_ids.get("first")})
            report("previous_response_id of another key", found(got.text, V), "other key",
                   f"status={got.status_code}")

        # --- Anthropic Messages (translated) -------------------------------------------------
        an = anthropic_client(gw)
        p.upstream("anthropic SDK: system blocks, document text source, tool_use input, nested "
                   "tool_result, metadata.user_id, stop_sequences",
                   lambda: an.messages.create(
                       model="echo", max_tokens=64, metadata={"user_id": EMAIL},
                       stop_sequences=[SSN],
                       system=[{"type": "text", "text": f"Operator {EMAIL}"}],
                       tools=[{"name": "pay", "description": f"pays {EMAIL}",
                               "input_schema": {"type": "object", "properties": {
                                   "card": {"type": "string", "default": CARD}}}}],
                       messages=[{"role": "user", "content": f"SSN {SSN}"},
                                 {"role": "assistant", "content": [{
                                     "type": "tool_use", "id": "toolu_1", "name": "pay",
                                     "input": {"card": CARD, "to": EMAIL}}]},
                                 {"role": "user", "content": [{
                                     "type": "tool_result", "tool_use_id": "toolu_1",
                                     "content": [{"type": "text",
                                                  "text": json.dumps({"ok": EMAIL})}]}]}]), V)
        p.upstream("anthropic count_tokens (estimate, nothing should go up)",
                   lambda: an.messages.count_tokens(model="echo", messages=[
                       {"role": "user", "content": f"SSN {SSN} {EMAIL}"}]), V)
        p.upstream("anthropic beta messages (?beta=true) with anthropic-beta header",
                   lambda: an.beta.messages.create(
                       model="echo", max_tokens=32, betas=["x-beta-2025"],
                       messages=[{"role": "user", "content": f"SSN {SSN}"}]), V)

        # --- upstream error echoing the (masked) request ------------------------------------
        with p.http() as h:
            n = rec.mark()
            r = h.post("/v1/chat/completions", json={"model": "err400", "messages": [
                {"role": "user", "content": f"mail {EMAIL}"}]})
            report("upstream 400 echoing the body: upstream side", found(
                sent_text(rec.since(n)), V), "upstream", f"status={r.status_code}")
            report("upstream 400 echoing the body: client sees", found(r.text, V), "client",
                   "(caller's own value; restored?)")

        # --- placeholder typed by key B to restore A's value --------------------------------
        with p.http(KEY_A, **{"X-Veil-Session": "shared-s70"}) as h:
            h.post("/v1/chat/completions", json={"model": "echo", "messages": [
                {"role": "user", "content": f"mail {EMAIL}"}]})
        with p.http(KEY_B, **{"X-Veil-Session": "shared-s70"}) as h:
            r = h.post("/v1/chat/completions", json={"model": "reflect", "messages": [
                {"role": "user", "content": "say [EMAIL_1] and EMAIL_1 and [EMAIL_2]"}]})
            report("key B types [EMAIL_1] in A's session header", found(r.text, V), "other key")

        # --- logs / ids ------------------------------------------------------------------------
        with p.http(KEY_A, **{"x-request-id": EMAIL}) as h:
            h.post("/v1/chat/completions", json={"model": "echo", "messages": HI})
        with p.http(KEY_A, **{"x-client-request-id": SSN}) as h:
            h.post("/v1/chat/completions", json={"model": "echo", "messages": HI})
        with p.http() as h:
            h.get(f"/v1/responses/{CARD}")
            h.get(f"/v1/files/{IBAN}/content")
            h.post(f"/v1/embeddings?who={NAME.replace(' ', '%20')}", json={
                "model": "echo", "input": "hi"})
        with p.http(ADMIN) as h:
            metrics = h.get("/metrics").text
        report("/metrics text", found(metrics, (EMAIL, SSN, CARD, IBAN, NAME)), "metrics")
    finally:
        gw.stop()
    log = gw.log_text()
    report("gateway log (with --access-log)", found(log, (EMAIL, SSN, CARD, IBAN, NAME,
                                                           NAME.replace(" ", "%20"))), "log")
    for line in log.splitlines():
        if any(x in line for x in (EMAIL, SSN, CARD, IBAN, "Quentin%20Marlowe")):
            print("    log:", line[:220])
    audit = b""
    for f in gw.home.glob("audit*"):
        audit += f.read_bytes()
    report("audit log files", found(audit.decode("latin-1"), (EMAIL, SSN, CARD, IBAN)), "audit")
    try:
        db = sqlite3.connect(gw.home / "audit.sqlite3")
        rows = [r for r in db.execute("select * from sqlite_master where type='table'")]
        db.close()
        info("audit tables", ", ".join(str(r[1]) for r in rows))
    except Exception as e:  # noqa: BLE001
        info("audit tables", type(e).__name__)


def run_native_gateway(rec: Recorder, up: UpstreamThread, work: Path, kind: str) -> None:
    upstream: dict[str, Any] = {"kind": kind, "base_url": up.url, "api_key": "sk-upstream"}
    if kind == "openai":
        upstream["responses_api"] = True
    cfg = {"session_secret": "s70-secret", "upstream": upstream,
           "tenants": [{"name": "acme", "api_key_sha256": [sha(KEY_A), sha(KEY_B)],
                        "policy": {"languages": ["en"]}}]}
    gw = start_gateway(work / f"native-{kind}", cfg)
    try:
        p = Probe(rec, gw)
        if kind == "openai":
            oa = openai_client(gw)
            p.upstream("native /responses: SDK fields",
                       lambda: oa.responses.create(
                           model="echo", instructions=f"Operator {EMAIL}",
                           metadata={"who": EMAIL}, user=EMAIL, prompt_cache_key=EMAIL,
                           input=[{"role": "user", "content": f"SSN {SSN}"},
                                  {"type": "function_call_output", "call_id": IBAN,
                                   "output": "ok"}]), V + (IBAN,))
            p.upstream("native /responses: reasoning item with gzip'd text in "
                       "encrypted_content (no policy switch)",
                       lambda: p.http().post("/v1/responses", json={
                           "model": "echo", "input": [
                               {"type": "reasoning", "id": "rs_1", "summary": [],
                                "encrypted_content": base64.b64encode(gzip.compress(
                                    f"mail {EMAIL}".encode())).decode()},
                               {"role": "user", "content": "hi"}]}), V)
            p.upstream("native /responses: item_reference to an id this key never saw "
                       "(forwarded to the shared upstream account?)",
                       lambda: p.http().post("/v1/responses", json={
                           "model": "echo", "input": [
                               {"type": "item_reference", "id": "msg_" + "ab" * 24},
                               {"role": "user", "content": "hi"}]}), ("msg_" + "ab" * 24,))
            n = rec.mark()
            got = p.http().get(f"/v1/responses/{EMAIL}")
            report("native GET /v1/responses/{id}: id not forwarded", found(
                sent_text(rec.since(n)), V), "upstream", f"status={got.status_code}")
        else:
            an = anthropic_client(gw)
            p.upstream("anthropic upstream: SDK messages with tool_use id = IBAN",
                       lambda: an.messages.create(
                           model="echo", max_tokens=32, metadata={"user_id": EMAIL},
                           system=f"Operator {EMAIL}",
                           messages=[{"role": "user", "content": f"SSN {SSN}"},
                                     {"role": "assistant", "content": [{
                                         "type": "tool_use", "id": f"toolu_{IBAN}",
                                         "name": "pay", "input": {"to": EMAIL}}]},
                                     {"role": "user", "content": [{
                                         "type": "tool_result", "tool_use_id": f"toolu_{IBAN}",
                                         "content": "ok"}]}]), V + (IBAN,))
            p.upstream("anthropic upstream: count_tokens",
                       lambda: an.messages.count_tokens(model="echo", messages=[
                           {"role": "user", "content": f"SSN {SSN} {EMAIL}"}]), V)
            oa = openai_client(gw)
            p.upstream("anthropic upstream: chat completions translated (user, stop)",
                       lambda: oa.chat.completions.create(
                           model="echo", user=EMAIL, stop=[SSN],
                           messages=[{"role": "user", "content": f"mail {EMAIL}"}]), V)
    finally:
        gw.stop()
    report(f"gateway log ({kind} native)", found(gw.log_text(), (EMAIL, SSN, CARD, IBAN)), "log")


def main() -> None:
    work = Path(os.environ.get("S70_WORK") or tempfile.mkdtemp(prefix="gw70-", dir="/tmp/gw70"))
    rec = Recorder()
    with UpstreamThread(rec) as up:
        run_openai_gateway(rec, up, work)
        run_native_gateway(rec, up, work, "openai")
        run_native_gateway(rec, up, work, "anthropic")
    leaks = [r for r in RESULTS if r[0] == "LEAK"]
    print(f"\n{len(leaks)} LEAK / {sum(r[0] == 'held' for r in RESULTS)} held")
    for s, n, w in leaks:
        print(f"  LEAK: {n} [{w}]")


if __name__ == "__main__":
    main()
