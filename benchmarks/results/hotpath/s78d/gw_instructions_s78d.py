"""Instructions per chat-completion request of the real gateway (uvicorn, httptools, uvloop,
the middlewares, the route, the masking pool, the vault, the upstream client, restoration,
audit and metrics), counted by callgrind in the gateway's process only: the load generator and
the echo upstream run in processes of their own and are not counted.

Each request is a new ~1 KB prompt with 4-6 values (`veil bench gateway`'s `valued_prompt`), in
a session of its own (`X-Veil-Session`, as the bench's latency runs send), plain or streamed,
sent one after the other after a warm-up. Detection is either run (`full`: the NER's cache off,
as `veil bench instructions` does) or replaced by its result computed beforehand in another
process of the same tree (`fixed`: the server never loads a model; what is left is the
gateway's own cost, masking and vault included).

usage:
  python gw_instructions_s78d.py run <tree_src> full|fixed <n> <outdir> [native]
      (native: no valgrind, CPU seconds of the gateway process per request instead)
  python gw_instructions_s78d.py report <outdir>...     tables from the listings
"""

from __future__ import annotations

import base64
import json
import os
import pickle  # nosec B403 # our own file, written by the same harness
import re
import shutil
import signal
import subprocess  # nosec B404 # valgrind and the harness itself, fixed arguments
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
MAIN_SRC = HERE.parents[4] / "src"
WARM = 12  # warm-up requests of each kind
NER = os.environ.get("S78D_NER", "learned")  # the bench's backend; spacy while none is built


def texts(kind: str, n: int) -> list[tuple[str, list[str]]]:
    from veil.cli.bench_gateway import valued_prompt

    base = {"warm": 0, "plain": 1000, "stream": 2000, "wstream": 3000}[kind]
    return [valued_prompt(base + i, tag=f"{kind}{i}") for i in range(n)]


# ------------------------------------------------------------------ inside the tree's process

def precompute(src_json: str, out: str) -> None:
    """Each text's detections as the gateway's first request of a new session gets them."""
    from veil import Veil
    from veil.config import Policy, Settings

    home = tempfile.mkdtemp(prefix="s78d-pre-")
    veil = Veil(Settings(home=Path(home), master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy.model_validate({"ner_backend": NER}))
    stage = veil._masking._detection
    found = {}
    for t in json.loads(Path(src_json).read_text()):
        found[t] = stage.detect_many([t], tenant="default", view=veil.vault.view("default", "x"))
    Path(out).write_bytes(pickle.dumps(found))


def long_keep_alive() -> None:
    """Connections kept open 10 minutes: under callgrind a request takes seconds, and uvicorn
    closing an idle connection after its default 5 s raced the next request on it (a reset,
    or an upstream connection closed under the gateway: 502)."""
    import uvicorn

    init = uvicorn.Config.__init__

    def patched(self: Any, *a: Any, **kw: Any) -> None:
        kw.setdefault("timeout_keep_alive", 600)
        init(self, *a, **kw)

    uvicorn.Config.__init__ = patched  # type: ignore[method-assign]


def echo(argv: list[str]) -> None:
    """The bench's echo upstream, with :func:`long_keep_alive`."""
    import runpy

    long_keep_alive()
    sys.argv = ["echo_upstream", *argv]
    runpy.run_module("veil.gateway.echo_upstream", run_name="__main__")


def serve(mode: str, table: str, misses: str, argv: list[str]) -> None:
    """`veil serve argv`, detection replaced by `table`'s results (fixed) or run with the NER's
    cache off (full); detection calls the table does not answer are counted in `misses`."""
    import veil.gateway.runner as runner

    long_keep_alive()
    build, warm = runner.build_state, runner._warm_up
    found = pickle.loads(Path(table).read_bytes()) if mode == "fixed" else {}  # nosec B301

    def patched_build(cfg: Any, **kw: Any) -> Any:
        state = build(cfg, **kw)
        stage = state.core._masking._detection
        real = stage.detect_many

        def detect_many(texts: Any, *, tenant: str, view: Any, extra: Any = ()) -> Any:
            extra = list(extra)
            if len(texts) == 1 and not extra and texts[0] in found:
                return [list(found[texts[0]][0])]
            with open(misses, "a") as f:
                f.write(f"{len(texts)} {len(extra)}\n")
            return real(texts, tenant=tenant, view=view, extra=extra)

        if mode == "fixed":
            stage.detect_many = detect_many
        return state

    def patched_warm(core: Any, tenants: list[str]) -> None:
        # the model loads in both modes: what it and the name lists leave in the heap is
        # frozen with it (settle_heap), as in a real server, and the collector's passes match
        warm(core, tenants)
        for name in ("spacy_ner", "learned_ner"):
            ner = core.engine().registry.get(name)
            if ner is not None and hasattr(ner, "cache_size"):
                ner.cache_size = 0

    runner.build_state, runner._warm_up = patched_build, patched_warm
    if os.environ.get("S78D_CPROFILE"):  # the loop thread's functions, between two signals
        import cProfile

        prof = cProfile.Profile(time.process_time)  # CPU: not the waits on the sockets
        signal.signal(signal.SIGUSR1, lambda *_: prof.enable())
        signal.signal(signal.SIGUSR2, lambda *_: (prof.disable(),
                                                  prof.dump_stats(os.environ["S78D_CPROFILE"])))
    from veil.cli.app import main

    sys.argv = ["veil", *argv]
    main()


# ------------------------------------------------------------------ the load generator

def _call(client: Any, url: str, text: str, stream: bool, session: str) -> str:
    body = {"model": "echo", "messages": [{"role": "user", "content": text}]}
    hdr = {"X-Veil-Session": session}
    if not stream:
        r = client.post(url, json=body, headers=hdr)
        r.raise_for_status()
        return str(r.json()["choices"][0]["message"]["content"])
    out = []
    with client.stream("POST", url, json={**body, "stream": True}, headers=hdr) as r:
        r.raise_for_status()
        for line in r.iter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                delta = json.loads(line[6:])["choices"][0].get("delta", {})
                out.append(delta.get("content") or "")
    return "".join(out)


def run(tree_src: str, mode: str, n: int, outdir: str, native: bool = False) -> None:
    import httpx

    from veil.gateway.procs import spawn_on_socket, terminate

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="s78d-gw-"))
    sets = {k: texts(k, WARM if k in ("warm", "wstream") else n)
            for k in ("warm", "wstream", "plain", "stream")}
    env = {**os.environ, "PYTHONPATH": tree_src, "VEIL_HOME": str(home), "HF_HUB_OFFLINE": "1",
           "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode(),
           "VEIL_DETECT_WORKERS": "0", "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": ""}
    table = home / "found.pickle"
    misses = out / "misses.txt"
    misses.unlink(missing_ok=True)
    if mode == "fixed":
        (home / "texts.json").write_text(json.dumps([t for s in sets.values() for t, _ in s]))
        subprocess.run([sys.executable, str(HERE), "precompute", str(home / "texts.json"),
                        str(table)], env=env, check=True)
    record = home / "upstream.jsonl"
    up, up_url = spawn_on_socket(
        [sys.executable, str(HERE), "echo", "--reply-chars", "0", "--record", str(record)],
        env={**os.environ, "PYTHONPATH": str(MAIN_SRC)})
    (home / "policy.yaml").write_text(json.dumps({"ner_backend": NER}))
    (home / "gateway.yaml").write_text(json.dumps({
        "policy_file": str(home / "policy.yaml"),
        "limits": {"max_concurrent_requests": 256, "requests_per_minute": 1_000_000}}))
    cg = out / "callgrind.out"
    # one profile per thread: the loop's thread (the request path: masking runs there for
    # one request at a time) apart from the audit writer's and the vault's background threads,
    # whose polling grows with the wall time a request takes under callgrind
    pre = [] if native else [shutil.which("valgrind") or "valgrind", "--tool=callgrind",
                             "--instr-atstart=no", "--separate-threads=yes",
                             f"--callgrind-out-file={cg}"]
    cmd = [*pre, sys.executable, str(HERE), "serve", mode, str(table), str(misses), "serve",
           "--config", str(home / "gateway.yaml"), "--upstream-base-url", up_url + "/v1",
           "--log-level", "warning"]
    gw, url = spawn_on_socket(cmd, env=env, timeout_s=1200, output=None)
    control = shutil.which("callgrind_control") or "callgrind_control"

    def tell(*args: str) -> None:
        if not native:
            subprocess.run([control, *args, str(gw.pid)], check=True, capture_output=True)

    result: dict[str, Any] = {"mode": mode, "tree": tree_src, "n": n,
                              "load": os.getloadavg(), "native": native}
    try:
        with httpx.Client(timeout=1200) as client:
            chat = url + "/v1/chat/completions"
            for kind, stream in (("warm", False), ("wstream", True)):
                for i, (t, _) in enumerate(sets[kind]):
                    _call(client, chat, t, stream, f"{kind}-{i}")
            restored = left = 0
            import psutil  # the gateway's CPU time, for the native run

            proc = psutil.Process(gw.pid)
            spy = None
            if native and os.environ.get("S78D_PYSPY"):
                spy = subprocess.Popen(
                    ["py-spy", "record", "--pid", str(gw.pid), "--format", "raw", "--rate",
                     "250", "--gil", "--nonblocking", "-o", os.environ["S78D_PYSPY"]],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(2)
            if native and os.environ.get("S78D_CPROFILE"):
                gw.send_signal(signal.SIGUSR1)
            tell("-i", "on")
            for kind, stream in (("plain", False), ("stream", True)):
                cpu0 = sum(proc.cpu_times()[:2])
                for i, (t, values) in enumerate(sets[kind]):
                    answer = _call(client, chat, t, stream, f"{kind}-{i}")
                    restored += sum(v in answer for v in values)
                    left += len(values)
                result[f"{kind}_cpu_ms"] = (sum(proc.cpu_times()[:2]) - cpu0) / n * 1e3
                tell("-d", kind)
            tell("-i", "off")
            if native and os.environ.get("S78D_CPROFILE"):
                gw.send_signal(signal.SIGUSR2)
                time.sleep(2)
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                spy.wait(60)
        result["values_restored"] = f"{restored}/{left}"
        sent = record.read_text()
        result["values_upstream"] = sum(v in sent for s in ("plain", "stream")
                                        for _, vs in sets[s] for v in vs)
    finally:
        gw.send_signal(signal.SIGTERM)
        try:
            gw.wait(120)
        except subprocess.TimeoutExpired:
            terminate(gw)
        terminate(up)
    result["detection_misses"] = (len(misses.read_text().splitlines())
                                  if misses.exists() else 0)
    if not native:
        for part, kind in ((1, "plain"), (2, "stream")):
            listings = []
            for f in sorted(out.glob(f"{cg.name}.{part}*")):
                listing = subprocess.run(
                    ["callgrind_annotate", "--inclusive=no", "--auto=no", "--threshold=100",
                     str(f)], capture_output=True, text=True, check=True).stdout
                (out / f"{kind}{f.name.removeprefix(cg.name + '.' + str(part))}.annotate.txt"
                 ).write_text(listing)
                listings.append(listing)
            result[kind] = summarize("\n".join(listings), n)
            # the first thread is the loop's
            result[kind]["threads_k"] = [summarize(x, n)["k_per_request"] for x in listings]
    (out / "result.json").write_text(json.dumps(result, indent=1))
    print(json.dumps({k: v for k, v in result.items() if k not in ("plain", "stream")}))


# ------------------------------------------------------------------ what the listings say

#: native objects by package (the rest: bench_instructions' kinds)
_OBJECTS = (
    ("uvloop", r"uvloop"), ("httptools", r"httptools"), ("pydantic-core", r"pydantic_core"),
    ("orjson", r"orjson"), ("aiohttp (C)", r"aiohttp|multidict|yarl|frozenlist|propcache"),
    ("SQLite", r"sqlite"), ("crypto", r"libcrypto|cryptography|_rust\.abi3|_hashlib|_hmac"),
    ("regex", r"_sre|/_regex\.|ahocorasick"), ("C library", r"libc\.so|libm\.so|ld-linux"),
)


def summarize(listing: str, n: int) -> dict[str, Any]:
    sys.path.insert(0, str(MAIN_SRC))
    from veil.cli.bench_instructions import _entries, kind_of, short_name

    total = 0
    kinds: Counter[str] = Counter()
    objects: Counter[str] = Counter()
    funcs: Counter[str] = Counter()
    for (count,), name in _entries(listing, 1):
        if "PROGRAM TOTALS" in name:
            total += count
            continue
        kinds[kind_of(name)] += count
        obj = next((k for k, p in _OBJECTS if re.search(p, name)), None)
        if obj is None:
            obj = "CPython" if re.search(r"libpython|python3", name) else "other: " + (
                name.rsplit("[", 1)[-1].rstrip("]").rsplit("/", 1)[-1] if "[" in name else "?")
        objects[obj] += count
        funcs[short_name(name)] += count
    return {"k_per_request": total / n / 1e3,
            "kinds_k": {k: round(v / n / 1e3, 1) for k, v in kinds.most_common()},
            "objects_k": {k: round(v / n / 1e3, 1) for k, v in objects.most_common(25)},
            "top_functions_k": {k: round(v / n / 1e3, 1) for k, v in funcs.most_common(40)}}


def report(dirs: list[str]) -> None:
    rs = [json.loads((Path(d) / "result.json").read_text()) for d in dirs]
    for kind in ("plain", "stream"):
        print(f"\n## {kind}: thousand instructions per request\n")
        print("| | " + " | ".join(f"{Path(d).name}" for d in dirs) + " |")
        print("|---|" + "---|" * len(dirs))
        print("| **total** | " + " | ".join(f"**{r[kind]['k_per_request']:,.0f}**"
                                             for r in rs) + " |")
        keys: list[str] = []
        for r in rs:
            keys += [k for k in r[kind]["objects_k"] if k not in keys]
        for k in keys:
            print(f"| {k} | " + " | ".join(f"{r[kind]['objects_k'].get(k, 0):,.0f}"
                                           for r in rs) + " |")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "precompute":
        precompute(sys.argv[2], sys.argv[3])
    elif cmd == "echo":
        echo(sys.argv[2:])
    elif cmd == "serve":
        serve(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    elif cmd == "run":
        run(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5],
            len(sys.argv) > 6 and sys.argv[6] == "native")
    elif cmd == "report":
        report(sys.argv[2:])
