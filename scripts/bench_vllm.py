"""SmolLM2-135M in vLLM (CPU): plaintext vs obfuscated (exact, default) served by `vllm serve`.

Run it through ``bash scripts/check-vllm.sh --bench [--work DIR] [--tokens N]`` (it needs the
separate vLLM environment). For each checkpoint it starts vLLM's OpenAI server on 127.0.0.1
(``--skip-tokenizer-init``), records the time to ``/health``, then

* greedy identity: each prompt's greedy answer (up to ``--tokens`` tokens, stopping at the
  end-of-turn token) from the obfuscated server, via Veil's ``ObfuscatedChatUpstream`` and the
  codec (ids mapped back through tau^-1), against the plaintext server's greedy ids;
* engine agreement (default mode): the same prompts through `veil host` (transformers) on the
  same obfuscated checkpoint, against vLLM's ids (separates engine error from the lossy
  obfuscation);
* decode throughput: ``--tokens`` tokens per request with ``ignore_eos``, one request at a time
  (median tokens/s) and all prompts at once (aggregate tokens/s).

Writes benchmarks/results/obfuscation_vllm/results.{json,md}. Neither file nor any log line
holds prompt or answer text: only counts, lengths and timings.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.integration.obfuscation.vllm_server

OUT = REPO / "benchmarks" / "results" / "obfuscation_vllm"

# Generic prompts (no personal data). Never written anywhere: results carry only their count.
PROMPTS = [
    "Name three colours of the rainbow.",
    "Explain in two sentences why the sky is blue.",
    "Write a short haiku about autumn leaves.",
    "What is the capital of France, and what river flows through it?",
    "Give me a simple recipe for pancakes.",
    "How many legs does a spider have?",
    "Summarise the plot of a fairy tale you know in three sentences.",
    "List four programming languages and one use of each.",
]


def _msgs(p: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": p}]


def _machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import torch
    import vllm

    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "torch": torch.__version__, "vllm": vllm.__version__,
            "note": "shared machine; other jobs may run on the same cores"}


def _export(work: Path) -> dict[str, Path]:
    """SmolLM2 plaintext dir + obfuscated checkpoints (exact, default; seed 42), cached in work."""
    from typer.testing import CliRunner

    from veil.cli.app import app
    from veil.models import smollm2_hf_dir

    dirs: dict[str, Path] = {"plain": Path(smollm2_hf_dir())}
    for mode in ("exact", "default"):
        obf, key = work / f"obf-{mode}", work / f"key-{mode}"
        if not (key / "key.json").is_file():
            t0 = time.monotonic()
            res = CliRunner().invoke(app, ["obfuscate", "--model", "smollm2", "--out", str(obf),
                                           "--key", str(key), "--mode", mode, "--seed", "42",
                                           "--overwrite"])
            if res.exit_code != 0:
                raise SystemExit(f"veil obfuscate failed ({mode}): exit {res.exit_code}")
            print(f"obfuscated smollm2 ({mode}) in {time.monotonic() - t0:.0f} s", flush=True)
        dirs[f"obf-{mode}"], dirs[f"key-{mode}"] = obf, key
    return dirs


async def _throughput(base_url: str, prompts: list[list[int]], n: int) -> dict[str, float]:
    import httpx

    async def one(c: httpx.AsyncClient, ids: list[int]) -> tuple[int, float]:
        t0 = time.perf_counter()
        r = await c.post(f"{base_url}/completions", json={
            "model": "obf", "prompt": ids, "max_tokens": n, "temperature": 0,
            "ignore_eos": True, "return_token_ids": True})
        r.raise_for_status()
        return len(r.json()["choices"][0]["token_ids"]), time.perf_counter() - t0

    async with httpx.AsyncClient(timeout=600) as c:
        await one(c, prompts[0])  # warm-up
        single = [await one(c, ids) for ids in prompts]
        t0 = time.perf_counter()
        batch = await asyncio.gather(*(one(c, ids) for ids in prompts))
        wall = time.perf_counter() - t0
    return {
        "single_tokens_per_s_median": statistics.median(k / s for k, s in single),
        "concurrent_tokens_per_s": sum(k for k, _ in batch) / wall,
        "concurrency": len(prompts),
        "tokens_per_request": n,
    }


async def _greedy_plain(base_url: str, tok: Any, n: int) -> list[list[int]]:
    """Plaintext server: greedy ids per prompt, cut at the end-of-turn token."""
    import httpx

    stops = sorted({int(tok.eos_token_id), *tok.convert_tokens_to_ids(["<|im_end|>"])})
    out = []
    async with httpx.AsyncClient(timeout=600) as c:
        for p in PROMPTS:
            ids = tok.apply_chat_template(_msgs(p), add_generation_prompt=True, tokenize=True,
                                          return_dict=False)
            r = await c.post(f"{base_url}/completions", json={
                "model": "obf", "prompt": list(ids), "max_tokens": n, "temperature": 0,
                "stop_token_ids": stops, "return_token_ids": True, "skip_special_tokens": False})
            r.raise_for_status()
            got = r.json()["choices"][0]["token_ids"]
            cut = next((i for i, t in enumerate(got) if t in stops), len(got))
            out.append(list(got[:cut]))
    return out


async def _greedy_obf(base_url: str, key: Path, plain: Path, n: int
                      ) -> tuple[list[list[int]], list[str]]:
    """Obfuscated server, through Veil's client: plaintext ids (codec) and the client's text."""
    import httpx

    from veil.obfuscation.client import ObfuscatedChatUpstream

    ids_out, texts = [], []
    async with ObfuscatedChatUpstream(base_url, key, plain) as up:
        codec = up.codec
        async with httpx.AsyncClient(timeout=600) as c:
            for p in PROMPTS:
                texts.append(await up.chat(_msgs(p), max_tokens=n, temperature=0))
                r = await c.post(f"{base_url}/completions", json={
                    "model": up.model, "prompt": codec.encode_chat(_msgs(p)), "max_tokens": n,
                    "temperature": 0, "stop_token_ids": codec.stop_token_ids(),
                    "return_token_ids": True})
                r.raise_for_status()
                ids_out.append(codec.decode_ids(r.json()["choices"][0]["token_ids"]))
    return ids_out, texts


async def _veil_host_ids(obf: Path, key: Path, plain: Path, n: int) -> list[list[int]]:
    """The same obfuscated checkpoint in `veil host` (transformers, in process): plaintext ids."""
    import httpx

    from veil.obfuscation.client import ObfuscationCodec
    from veil.obfuscation.host import create_app

    codec = ObfuscationCodec.from_dirs(key, plain)
    out = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(obf)),
                                 base_url="http://host", timeout=600) as c:
        for p in PROMPTS:
            r = await c.post("/v1/completions", json={
                "prompt": codec.encode_chat(_msgs(p)), "max_tokens": n, "temperature": 0,
                "stop_token_ids": codec.stop_token_ids(), "return_token_ids": True})
            r.raise_for_status()
            out.append(codec.decode_ids(r.json()["choices"][0]["token_ids"]))
    return out


def _agreement(got: list[list[int]], want: list[list[int]], tok: Any, texts: list[str]
               ) -> dict[str, Any]:
    same = sum(g == w for g, w in zip(got, want, strict=True))
    pos = sum(a == b for g, w in zip(got, want, strict=True) for a, b in zip(g, w, strict=False))
    total = sum(len(w) for w in want)
    prefix = [next((i for i, (a, b) in enumerate(zip(g, w, strict=False)) if a != b),
                   min(len(g), len(w))) for g, w in zip(got, want, strict=True)]
    client_ok = sum(t == tok.decode(g, skip_special_tokens=True) for t, g in
                    zip(texts, got, strict=True))
    return {"prompts": len(want), "identical_answers": same,
            "position_agreement": round(pos / total, 4) if total else None,
            "plaintext_tokens": total, "mean_common_prefix_tokens": statistics.mean(prefix),
            "client_text_equals_codec_decode": client_ok}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", type=Path, default=None,
                    help="where to keep the obfuscated checkpoints and keys (default: a temp dir;"
                         " checkpoints already there are reused, so use a fresh one after "
                         "changing the obfuscation code)")
    ap.add_argument("--tokens", type=int, default=64)
    args = ap.parse_args()
    from tests.integration.obfuscation.vllm_server import OFFLINE_ENV, start_vllm
    from transformers import AutoTokenizer

    os.environ.update(OFFLINE_ENV)
    work = args.work or Path(tempfile.mkdtemp(prefix="veil-vllm-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    dirs = _export(work)
    tok = AutoTokenizer.from_pretrained(dirs["plain"])
    results: dict[str, Any] = {"model": "SmolLM2-135M-Instruct (float32)", "runs": {},
                               "machine": _machine(), "prompts": len(PROMPTS),
                               "max_tokens": args.tokens,
                               "engine": "vllm OpenAI server, --skip-tokenizer-init, "
                                         "--enforce-eager, dtype float32, KV cache 1 GiB"}
    plain_ids: list[list[int]] = []
    for name in ("plain", "obf-exact", "obf-default"):
        model_dir = dirs[name]
        conf = json.loads((model_dir / "config.json").read_text())
        served = "obf"
        if name != "plain":  # the client checks the checkpoint by its served name (no fingerprint)
            from veil.obfuscation import load_key
            from veil.obfuscation.client import served_model_name

            served = served_model_name(load_key(dirs[name.replace("obf", "key")]).fingerprint or "")
        srv = start_vllm(model_dir, work / f"serve-{name}.log", served_name=served)
        print(f"{name}: engine up in {srv.start_s:.1f} s", flush=True)
        run: dict[str, Any] = {"engine_start_s": round(srv.start_s, 1),
                               "hidden_size": conf["hidden_size"], "head_dim": conf["head_dim"]}
        try:
            if name == "plain":
                plain_ids = asyncio.run(_greedy_plain(srv.base_url, tok, args.tokens))
                prompts = [list(tok.apply_chat_template(_msgs(p), add_generation_prompt=True,
                                                        tokenize=True, return_dict=False))
                           for p in PROMPTS]
            else:
                mode = name.split("-", 1)[1]
                run["obfuscation_config"] = json.loads(
                    (dirs[f"key-{mode}"] / "obfuscation_config.json").read_text())
                got, texts = asyncio.run(_greedy_obf(srv.base_url, dirs[f"key-{mode}"],
                                                     dirs["plain"], args.tokens))
                run["greedy_vs_plaintext"] = _agreement(got, plain_ids, tok, texts)
                from veil.obfuscation.client import ObfuscationCodec

                codec = ObfuscationCodec.from_dirs(dirs[f"key-{mode}"], dirs["plain"])
                prompts = [codec.encode_chat(_msgs(p)) for p in PROMPTS]
            run.update(asyncio.run(_throughput(srv.base_url, prompts, args.tokens)))
        finally:
            srv.stop()
        if name == "obf-default":
            host = asyncio.run(_veil_host_ids(model_dir, dirs["key-default"], dirs["plain"],
                                              args.tokens))
            run["vllm_vs_veil_host_same_checkpoint"] = _agreement(got, host, tok, texts)
        log_text = (work / f"serve-{name}.log").read_text(errors="replace")
        run["server_log_contains_prompt_text"] = any(p in log_text for p in PROMPTS)
        results["runs"][name] = run
        print(f"{name}: {json.dumps(run)}", flush=True)
    base = results["runs"]["plain"]
    for name in ("obf-exact", "obf-default"):
        r = results["runs"][name]
        r["single_ratio_to_plain"] = round(
            r["single_tokens_per_s_median"] / base["single_tokens_per_s_median"], 3)
        r["concurrent_ratio_to_plain"] = round(
            r["concurrent_tokens_per_s"] / base["concurrent_tokens_per_s"], 3)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (OUT / "results.md").write_text(_markdown(results))
    print(f"wrote {OUT / 'results.json'} and results.md")


def _markdown(res: dict[str, Any]) -> str:
    runs = res["runs"]
    lines = [
        "# Obfuscated SmolLM2 in vLLM (CPU)",
        "",
        f"Model: {res['model']}. Engine: {res['engine']}. vLLM {res['machine']['vllm']}, torch "
        f"{res['machine']['torch']}, {res['machine']['cores']} cores ({res['machine']['cpu']}; "
        f"{res['machine']['note']}). {res['prompts']} chat prompts, up to {res['max_tokens']} "
        "new tokens, greedy. Command: `bash scripts/check-vllm.sh --bench`.",
        "",
        "| checkpoint | hidden | engine start (s) | tokens/s, 1 request (median) | "
        f"tokens/s, {runs['plain']['concurrency']} concurrent | ratio to plaintext (1 / conc.) |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in runs.items():
        ratio = "1 / 1" if name == "plain" else \
            f"{r['single_ratio_to_plain']} / {r['concurrent_ratio_to_plain']}"
        lines.append(f"| {name} | {r['hidden_size']} | {r['engine_start_s']} | "
                     f"{r['single_tokens_per_s_median']:.1f} | {r['concurrent_tokens_per_s']:.1f}"
                     f" | {ratio} |")
    lines += ["", "Greedy answers of the obfuscated checkpoints (through Veil's client, ids mapped "
              "back with the key) against the plaintext checkpoint in the same engine:", "",
              "| checkpoint | identical answers | per-position token agreement | "
              "mean common prefix (tokens) | client text == codec decode |",
              "|---|---|---|---|---|"]
    for name in ("obf-exact", "obf-default"):
        g = runs[name]["greedy_vs_plaintext"]
        lines.append(f"| {name} | {g['identical_answers']}/{g['prompts']} | "
                     f"{g['position_agreement']} | {g['mean_common_prefix_tokens']:.1f} | "
                     f"{g['client_text_equals_codec_decode']}/{g['prompts']} |")
    g = runs["obf-default"]["vllm_vs_veil_host_same_checkpoint"]
    lines += ["", "Engine check, obf-default: vLLM's greedy ids against `veil host` (transformers) "
              f"on the same obfuscated checkpoint: {g['identical_answers']}/{g['prompts']} "
              f"identical answers, per-position agreement {g['position_agreement']}, mean "
              f"common prefix {g['mean_common_prefix_tokens']:.1f} tokens.", ""]
    leaks = [n for n, r in runs.items() if r["server_log_contains_prompt_text"]]
    found = "FOUND in " + ", ".join(leaks) if leaks else "none found"
    lines += ["", f"Server logs scanned for prompt text: {found}.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
