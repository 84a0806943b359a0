"""Client compatibility: each real client library against a real ``veil serve``.

The run starts the project's recording test upstream (``tests/e2e/api_upstream.py``: chat,
completions, embeddings, the Responses API and Anthropic Messages) and an open gateway in front
of it, then runs every probe: one client x one feature. A probe passes when the upstream got
none of the probe's values and the client got every value back (embeddings: nothing comes back,
so only the first half). A probe that fails is reported with its error class, never raised; a
client that is not installed is reported as such.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess  # nosec B404 # subprocess runs fixed project commands only
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

VALUES = ("Jane Doe", "jane.doe@example.com", "123-45-6789")
PROMPT = "Please mail Jane Doe at jane.doe@example.com about SSN 123-45-6789."
_TOOLS = [{"type": "function", "function": {"name": "send_email", "parameters": {
    "type": "object", "properties": {"to": {"type": "string"}, "body": {"type": "string"}}}}}]


@dataclass(frozen=True)
class ProbeResult:
    client: str
    feature: str
    status: str  # "pass", "fail", "missing"
    detail: str


@dataclass(frozen=True)
class Probe:
    client: str
    feature: str
    run: Callable[[str], str]  # base URL (…/v1) -> the text the client got back
    module: str  # import name of the client (its absence -> "missing")
    restores: bool = True
    #: The values the answer must carry (default: all; a tool call names only some).
    expect: tuple[str, ...] = VALUES


# --- probes ------------------------------------------------------------------------------------


def _openai(base: str) -> Any:
    import openai

    return openai.OpenAI(base_url=base, api_key="sk-compat", max_retries=0, timeout=60)


def _chat(base: str) -> str:
    r = _openai(base).chat.completions.create(
        model="echo", messages=[{"role": "user", "content": PROMPT}]
    )
    return r.choices[0].message.content or ""


def _chat_stream(base: str) -> str:
    s = _openai(base).chat.completions.create(
        model="alter", messages=[{"role": "user", "content": PROMPT}], stream=True
    )
    return "".join(c.choices[0].delta.content or "" for c in s if c.choices)


def _completions(base: str) -> str:
    return str(_openai(base).completions.create(model="echo", prompt=PROMPT).choices[0].text)


def _completions_stream(base: str) -> str:
    s = _openai(base).completions.create(model="echo", prompt=PROMPT, stream=True)
    return "".join(c.choices[0].text for c in s if c.choices)


def _tools(base: str) -> str:
    r = _openai(base).chat.completions.create(
        model="tool", messages=[{"role": "user", "content": PROMPT}], tools=_TOOLS
    )
    call = (r.choices[0].message.tool_calls or [])[0]
    return str(call.function.arguments)


def _structured(base: str) -> str:
    r = _openai(base).chat.completions.create(
        model="json", messages=[{"role": "user", "content": PROMPT}],
        response_format={"type": "json_schema", "json_schema": {"name": "contact", "schema": {
            "type": "object", "properties": {"name": {"type": "string"},
                                             "email": {"type": "string"}}}}},
    )
    data = json.loads(r.choices[0].message.content or "{}")
    return f"{data.get('name')} {data.get('email')}"


def _responses(base: str) -> str:
    return str(_openai(base).responses.create(model="echo", input=PROMPT).output_text)


def _responses_stream(base: str) -> str:
    s = _openai(base).responses.create(model="echo", input=PROMPT, stream=True)
    return "".join(getattr(e, "delta", "") for e in s if e.type == "response.output_text.delta")


def _embeddings(base: str) -> str:
    r = _openai(base).embeddings.create(model="embed", input=[PROMPT, "second text"])
    return f"{len(r.data)} vectors"


def _batch(base: str) -> str:
    import io

    client = _openai(base)
    line = {"custom_id": "c1", "method": "POST", "url": "/v1/chat/completions",
            "body": {"model": "echo", "messages": [{"role": "user", "content": PROMPT}]}}
    f = client.files.create(file=("in.jsonl", io.BytesIO(json.dumps(line).encode())),
                            purpose="batch")
    b = client.batches.create(input_file_id=f.id, endpoint="/v1/chat/completions",
                              completion_window="24h")
    deadline = time.monotonic() + 60
    while b.status not in ("completed", "failed", "cancelled") and time.monotonic() < deadline:
        time.sleep(0.3)
        b = client.batches.retrieve(b.id)
    if not b.output_file_id:
        raise RuntimeError(f"batch ended {b.status}")
    return str(client.files.content(b.output_file_id).text)


def _anthropic(base: str, stream: bool) -> str:
    import anthropic

    client = anthropic.Anthropic(base_url=base.removesuffix("/v1"), api_key="sk-compat",
                                 max_retries=0, timeout=60)
    msgs: Any = [{"role": "user", "content": PROMPT}]
    if stream:
        with client.messages.stream(model="echo", max_tokens=256, messages=msgs) as s:
            return "".join(s.text_stream)
    r = client.messages.create(model="echo", max_tokens=256, messages=msgs)
    return "".join(getattr(b, "text", "") for b in r.content)


def _langchain(base: str, *, stream: bool = False, responses: bool = False) -> str:
    from langchain_openai import ChatOpenAI

    llm = ChatOpenAI(model="echo", base_url=base, api_key="sk-compat",  # type: ignore[arg-type]
                     max_retries=0, use_responses_api=responses)
    if stream:
        return "".join(str(c.content) for c in llm.stream(PROMPT))
    return str(llm.invoke(PROMPT).text)


def _node(base: str, script: str) -> str:
    node_dir = Path("tests/e2e/node")
    if shutil.which("node") is None or not (node_dir / "node_modules" / "openai").exists():
        raise ModuleNotFoundError("node openai SDK (scripts/ensure-node-clients.sh)")
    out = subprocess.run(  # nosec B603 B607 # fixed argv of project binaries, no shell; fixed command name resolved on PATH, no shell
        ["node", "--input-type=module", "-e", script, base, PROMPT],
        cwd=node_dir, capture_output=True, text=True, timeout=120, check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"node exited with {out.returncode}")
    return out.stdout


_NODE_CHAT = """import OpenAI from "openai";
const [base, prompt] = process.argv.slice(1);
const c = new OpenAI({ baseURL: base, apiKey: "sk-compat", maxRetries: 0 });
const messages = [{ role: "user", content: prompt }];
const r = await c.chat.completions.create({ model: "echo", messages });
const s = await c.chat.completions.create({ model: "alter", stream: true, messages });
let t = ""; for await (const ch of s) t += ch.choices[0]?.delta?.content ?? "";
console.log(JSON.stringify({ plain: r.choices[0].message.content, streamed: t }));"""
_NODE_RESPONSES = """import OpenAI from "openai";
const [base, prompt] = process.argv.slice(1);
const c = new OpenAI({ baseURL: base, apiKey: "sk-compat", maxRetries: 0 });
const r = await c.responses.create({ model: "echo", input: prompt });
console.log(JSON.stringify({ plain: r.output_text }));"""


_LITELLM_SDK = """import sys, litellm
base, prompt, stream = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
kw = dict(model="openai/echo", api_base=base, api_key="sk-compat",
          messages=[{"role": "user", "content": prompt}])
if stream:
    print("".join(c.choices[0].delta.content or "" for c in litellm.completion(stream=True, **kw)))
else:
    print(litellm.completion(**kw).choices[0].message.content)
"""


def _litellm(base: str, stream: bool) -> str:
    """LiteLLM's SDK, from the virtualenv ``scripts/ensure-litellm.sh`` makes (its pins clash
    with Veil's environment), or from this one if it has it."""
    import importlib.util

    python = Path(".venv-litellm/bin/python")
    if not python.exists():
        if importlib.util.find_spec("litellm") is None:
            raise ModuleNotFoundError("litellm (scripts/ensure-litellm.sh)")
        python = Path(sys.executable)
    out = subprocess.run([str(python), "-c", _LITELLM_SDK, base, PROMPT, str(int(stream))],  # nosec B603 # fixed argv of project binaries, no shell
                         capture_output=True, text=True, timeout=180, check=False,
                         env={**os.environ, "LITELLM_LOG": "ERROR"})
    if out.returncode != 0:
        raise RuntimeError(f"litellm exited with {out.returncode}")
    return out.stdout


PROBES: list[Probe] = [
    Probe("openai-python", "chat", _chat, "openai"),
    Probe("openai-python", "chat stream", _chat_stream, "openai"),
    Probe("openai-python", "completions", _completions, "openai"),
    Probe("openai-python", "completions stream", _completions_stream, "openai"),
    Probe("openai-python", "tools", _tools, "openai", expect=VALUES[:2]),
    Probe("openai-python", "structured output", _structured, "openai", expect=VALUES[:2]),
    Probe("openai-python", "responses", _responses, "openai"),
    Probe("openai-python", "responses stream", _responses_stream, "openai"),
    Probe("openai-python", "embeddings", _embeddings, "openai", restores=False),
    Probe("openai-python", "files + batches", _batch, "openai"),
    Probe("anthropic", "messages", lambda b: _anthropic(b, False), "anthropic"),
    Probe("anthropic", "messages stream", lambda b: _anthropic(b, True), "anthropic"),
    Probe("langchain-openai", "chat", lambda b: _langchain(b), "langchain_openai"),
    Probe("langchain-openai", "chat stream", lambda b: _langchain(b, stream=True),
          "langchain_openai"),
    Probe("langchain-openai", "responses", lambda b: _langchain(b, responses=True),
          "langchain_openai"),
    Probe("litellm", "chat", lambda b: _litellm(b, False), "json"),
    Probe("litellm", "chat stream", lambda b: _litellm(b, True), "json"),
    Probe("openai-node", "chat + stream", lambda b: _node(b, _NODE_CHAT), "json"),
    Probe("openai-node", "responses", lambda b: _node(b, _NODE_RESPONSES), "json"),
]


# --- processes ---------------------------------------------------------------------------------


def _start(cmd: list[str], env: dict[str, str], log: Path, timeout: float) -> tuple[Any, str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with open(log, "wb") as out:
        proc = subprocess.Popen([*cmd, "--fd", str(sock.fileno())], pass_fds=(sock.fileno(),),  # nosec B603 # fixed argv of project binaries, no shell
                                env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT)
    sock.close()
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(url + "/readyz", timeout=5).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    _stop(proc)
    raise RuntimeError(f"{Path(cmd[1] if len(cmd) > 1 else cmd[0]).name} did not start; see {log}")


def _stop(proc: Any) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def _bodies(record: Path, skip: int) -> tuple[str, int]:
    if not record.exists():
        return "", skip
    lines = record.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[skip:]), len(lines)


def _available(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def run(upstream_script: Path, *, progress: bool = True,
        only: Callable[[Probe], bool] | None = None) -> list[ProbeResult]:
    from rich.progress import track

    tmp = Path(tempfile.mkdtemp(prefix="veil-compat-"))
    record = tmp / "upstream.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIL_")}
    env.update(VEIL_HOME=str(tmp / "home"), PYTHONUNBUFFERED="1", HF_HUB_OFFLINE="1",
               VEIL_MASTER_KEY=base64.b64encode(os.urandom(32)).decode())
    up, up_url = _start([sys.executable, str(upstream_script), "--record", str(record)],
                        env, tmp / "upstream.log", 60)
    results: list[ProbeResult] = []
    try:
        veil = str(Path(sys.executable).parent / "veil")
        gw, gw_url = _start([veil, "serve", "--upstream-base-url", up_url + "/v1"], env,
                            tmp / "gateway.log", 600)
        try:
            seen = 0
            probes = [p for p in PROBES if only is None or only(p)]
            for p in track(probes, description="client probes", disable=not progress):
                if not _available(p.module):
                    results.append(ProbeResult(p.client, p.feature, "missing", "not installed"))
                    continue
                try:
                    got = p.run(gw_url + "/v1")
                except ModuleNotFoundError as e:
                    results.append(ProbeResult(p.client, p.feature, "missing",
                                               str(e.name or e)[:80]))
                    continue
                except Exception as e:  # noqa: BLE001 - a failing client is a result
                    status = getattr(e, "status_code", None)
                    detail = f"{type(e).__name__}" + (f" (HTTP {status})" if status else "")
                    results.append(ProbeResult(p.client, p.feature, "fail", detail))
                    _, seen = _bodies(record, seen)
                    continue
                sent, seen = _bodies(record, seen)
                leaked = [v for v in VALUES if v in sent]
                back = [v for v in p.expect if v in got] if p.restores else list(p.expect)
                ok = not leaked and len(back) == len(p.expect) and bool(sent)
                detail = (f"0 of {len(VALUES)} values upstream" if not leaked
                          else f"{len(leaked)} of {len(VALUES)} values upstream")
                if p.restores:
                    detail += f", {len(back)}/{len(p.expect)} restored"
                if not sent:
                    detail = "nothing reached the upstream"
                results.append(ProbeResult(p.client, p.feature, "pass" if ok else "fail",
                                           detail))
        finally:
            _stop(gw)
    finally:
        _stop(up)
    shutil.rmtree(tmp, ignore_errors=True)  # kept when a process failed to start (its logs)
    return results


def table(results: list[ProbeResult]) -> str:
    mark = {"pass": "pass", "fail": "**FAIL**", "missing": "not installed"}  # nosec B105 # not a password (a label or test constant)
    lines = ["| client | feature | result | detail |", "|---|---|---|---|"]
    lines += [f"| {r.client} | {r.feature} | {mark[r.status]} | {r.detail} |" for r in results]
    return "\n".join(lines)


START, END = "<!-- compat:start -->", "<!-- compat:end -->"


def write(results: list[ProbeResult], out_dir: Path, doc: Path | None) -> str:
    out_dir.mkdir(parents=True, exist_ok=True)
    md = table(results)
    (out_dir / "compat.json").write_text(
        json.dumps([asdict(r) for r in results], indent=2) + "\n")
    (out_dir / "compat.md").write_text("# Client compatibility\n\n" + md + "\n")
    if doc is not None and doc.exists():
        text = doc.read_text(encoding="utf-8")
        block = f"{START}\n{md}\n{END}"
        if START in text and END in text:
            text = text[: text.index(START)] + block + text[text.index(END) + len(END):]
        else:
            text = text.rstrip("\n") + "\n\n## Client compatibility\n\nGenerated by `veil eval " \
                "compat`.\n\n" + block + "\n"
        doc.write_text(text, encoding="utf-8")
    return md


__all__ = ["PROBES", "Probe", "ProbeResult", "run", "table", "write"]
