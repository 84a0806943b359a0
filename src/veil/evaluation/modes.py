"""One table for every protection mode: cost, utility and what the host sees.

The LLM modes run on the same prompts (Veil's sensitive prompts, :func:`veil.dp.evaluation.
sensitive_prompts`) and the same small model (SmolLM2-135M-Instruct, or any causal LM passed in):

* ``plaintext``: the host gets the prompt as is; greedy answer of ``answer_tokens`` tokens.
* ``gateway masking``: Veil's ``protect`` before the host, ``restore`` after.
* ``obfuscation``: the host runs :func:`veil.obfuscation.obfuscate`'s model on permuted ids.
* ``text DP``: the prompt's words are perturbed (CusText+ at ``dp_epsilon`` per word).

Utility is *teacher-forced top-1 agreement*: the plaintext model's greedy answer is appended to
the mode's prompt and, at each answer position, the mode's next-token argmax is compared with the
plaintext answer token (1.0 = the mode would have produced the same answer token by token).

The cryptographic modes answer other questions on other models, so their rows say which task
they measured: HE classifies the sensitivity of a text with a linear model over MiniLM
embeddings (:mod:`veil.crypto.he_classifier`; agreement = top-1 agreement with the same classifier
in plaintext); MPC rows come from :mod:`veil.crypto.mpc` or its results JSON, and read "not
measured in this run" when neither exists.

Written: ``modes.json``, ``modes.md`` and ``modes.png``; none of them holds prompt text.
"""

from __future__ import annotations

import json
import os
import platform
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

#: What the party running the model (the host) observes in each mode.
HOST_VIEW: dict[str, str] = {
    "plaintext": "everything: the prompt and the answer",
    "gateway masking": "the prompt with detected values replaced by placeholders; the rest of "
                       "the text, its length and timing; missed values leak",
    "obfuscation": "permuted token ids and obfuscated weights; lengths and timing; attacks "
                   "recover part of the tokens (docs/obfuscation.md)",
    "text DP": "a word-perturbed prompt (epsilon per word); lengths and timing",
    "MPC": "secret shares of the prompt only (the model weights are public by design); shapes, "
           "sizes, timing",
    "HE": "one CKKS ciphertext per input and the public keys; sizes, timing, query count; "
          "not the scores (only the client decrypts)",
}


@dataclass
class ModeRow:
    mode: str
    task: str
    latency: float | None  # see latency_unit
    latency_unit: str
    overhead_ms: float | None  # per request, on top of the model (protect+restore, sanitize ...)
    bytes_client_to_host: float | None  # per input
    bytes_host_to_client: float | None  # per input
    setup_bytes: float | None  # once per client (keys, contexts, weight shares)
    agreement: float | None
    agreement_metric: str
    host_sees: str
    source: str = "measured in this run"
    notes: str = ""
    bytes_between_parties: float | None = None  # MPC: link traffic one party sends per token


@dataclass
class LLMSetup:
    """A causal LM and how to turn a prompt into chat ids (plaintext token ids)."""

    model: Any
    encode_prompt: Callable[[str], list[int]]
    name: str = "SmolLM2-135M-Instruct"
    vocab: int = 0
    #: Answer ids -> text, to size the response body the host sends back.
    decode: Callable[[list[int]], str] | None = None

    def __post_init__(self) -> None:
        if not self.vocab:
            self.vocab = int(self.model.get_input_embeddings().weight.shape[0])


def smollm2_setup() -> LLMSetup:
    from veil.models.smollm2 import load_smollm2

    model, tok = load_smollm2()
    model.eval()

    def encode(prompt: str) -> list[int]:
        ids: Any = tok.apply_chat_template([{"role": "user", "content": prompt}],
                                           add_generation_prompt=True, tokenize=True)
        if hasattr(ids, "keys"):
            ids = ids["input_ids"]
        return [int(i) for i in ids]

    def decode(ids: list[int]) -> str:
        return str(tok.decode(ids, skip_special_tokens=True))

    return LLMSetup(model, encode, decode=decode)


def request_bytes(model: str, content: str, max_tokens: int) -> int:
    """Size of the OpenAI chat-completions body the host receives: what the client (or, when
    masking, the gateway) really sends it for one prompt."""
    body = {"model": model, "messages": [{"role": "user", "content": content}],
            "max_tokens": max_tokens}
    return len(json.dumps(body, ensure_ascii=False).encode())


def response_bytes(model: str, answer: str) -> int:
    """Size of the chat-completion body the host sends back with ``answer``."""
    body = {"id": "chatcmpl-0", "object": "chat.completion", "model": model,
            "choices": [{"index": 0, "finish_reason": "length",
                         "message": {"role": "assistant", "content": answer}}]}
    return len(json.dumps(body, ensure_ascii=False).encode())


@dataclass
class ModesConfig:
    n_prompts: int = 12
    answer_tokens: int = 16
    seed: int = 0
    dp_epsilon: float = 8.0
    obfuscation_mode: str = "default"
    he_train: int = 600
    he_test: int = 60
    he_presidio: bool = True  # half the HE texts from PresidioSentenceFaker (slow import)
    modes: tuple[str, ...] = ("plaintext", "gateway masking", "obfuscation", "text DP", "MPC",
                              "HE")
    results_root: Path = Path("benchmarks/results")
    mpc_live: bool = False  # run veil.crypto.mpc.measure per protocol (minutes) vs its JSON
    mpc_protocols: tuple[str, ...] = ("ABY3", "SEMI2K")
    #: SmolLM2 blocks of the MPC rows (live runs, and the filter on the results JSON).
    mpc_layers: int = 2
    mpc_tokens: int = 2
    mpc_max_len: int = 40
    progress: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def _greedy(model: Any, ids: list[int], n: int, input_map: Any = None,
            output_map: Any = None) -> tuple[list[int], float]:
    """Greedy answer of ``n`` tokens with a KV cache; (plaintext answer ids, seconds).
    ``input_map``/``output_map``: the obfuscation key (tau and its use on the logits)."""
    import torch

    out: list[int] = []
    t0 = time.perf_counter()
    with torch.no_grad():
        x = torch.tensor([ids])
        past = None
        for _ in range(n):
            feed = input_map[x] if input_map is not None else x
            res = model(input_ids=feed, past_key_values=past, use_cache=True)
            past = res.past_key_values
            logits = res.logits[0, -1].float()
            if output_map is not None:
                logits = logits[output_map]
            nxt = int(logits.argmax())
            out.append(nxt)
            x = torch.tensor([[nxt]])
    return out, time.perf_counter() - t0


def _agreement(model: Any, prompt_ids: list[int], answer: list[int], tau: Any = None) -> float:
    import torch

    ids = torch.tensor([prompt_ids + answer])
    with torch.no_grad():
        logits = model(input_ids=tau[ids] if tau is not None else ids).logits[0].float()
    if tau is not None:
        logits = logits[:, tau]
    start = len(prompt_ids) - 1
    pred = logits[start:start + len(answer)].argmax(-1).tolist()
    return float(np.mean([p == a for p, a in zip(pred, answer, strict=True)]))


def _llm_rows(cfg: ModesConfig, llm: LLMSetup, prompts: list[str],
              say: Callable[[str], None]) -> list[ModeRow]:
    import torch

    torch.manual_seed(cfg.seed)
    t = cfg.answer_tokens
    plain_ids = [llm.encode_prompt(p) for p in prompts]
    answers, plain_s = [], 0.0
    say("plaintext")
    for ids in plain_ids:
        a, s = _greedy(llm.model, ids, t)
        answers.append(a)
        plain_s += s
    per_tok = 1000 * plain_s / (t * len(prompts))
    rows: list[ModeRow] = []

    def answer_bytes(ids: list[int]) -> int:
        return response_bytes(llm.name, llm.decode(ids)) if llm.decode else 0

    def text_mode(mode: str, transform: Callable[[str], str], after: Callable[[], float],
                  task_note: str) -> None:
        try:
            _text_mode(mode, transform, after, task_note)
        except Exception as exc:  # noqa: BLE001 -- one failing mode keeps the others' rows
            rows.append(_failed(mode, exc))

    def _text_mode(mode: str, transform: Callable[[str], str], after: Callable[[], float],
                   task_note: str) -> None:
        say(mode)
        agree, gen_s, over_s, up, down, changed = [], 0.0, 0.0, 0, 0, 0
        for prompt, answer in zip(prompts, answers, strict=True):
            t0 = time.perf_counter()
            sent = transform(prompt)
            over_s += time.perf_counter() - t0
            ids = llm.encode_prompt(sent)
            out, s = _greedy(llm.model, ids, t)
            gen_s += s
            over_s += after()
            agree.append(_agreement(llm.model, ids, answer))
            up += request_bytes(llm.name, sent, t)
            down += answer_bytes(out)
            changed += sent != prompt
        n = len(prompts)
        rows.append(ModeRow(mode, f"{llm.name}, {t}-token answers", 1000 * gen_s / (t * n),
            "ms/token", 1000 * over_s / n, up / n, down / n if llm.decode else None, None,
            float(np.mean(agree)), "teacher-forced top-1 vs plaintext", HOST_VIEW[mode],
            notes=f"{task_note}; {changed}/{n} prompts changed before the host"))

    if "plaintext" in cfg.modes:
        rows.append(ModeRow("plaintext", f"{llm.name}, {t}-token answers", per_tok, "ms/token",
                            0.0, float(np.mean([request_bytes(llm.name, p, t) for p in prompts])),
                            float(np.mean([answer_bytes(a) for a in answers]))
                            if llm.decode else None, None,
                            float(np.mean([_agreement(llm.model, i, a)
                                           for i, a in zip(plain_ids, answers, strict=True)])),
                            "teacher-forced top-1 vs plaintext", HOST_VIEW["plaintext"]))
    if "gateway masking" in cfg.modes:
        from veil.config import Settings
        from veil.core import Veil

        with tempfile.TemporaryDirectory() as home:
            veil = Veil(Settings(home=Path(home), cache_dir=Path(home) / "cache"))
            veil.protect("warm up the detector, Jane Doe")
            session = {"n": 0}

            def mask(p: str) -> str:
                session["n"] += 1
                return veil.protect(p, session=f"s{session['n']}").masked

            def restore() -> float:
                t0 = time.perf_counter()
                veil.restore("an answer naming nobody", session=f"s{session['n']}")
                return time.perf_counter() - t0

            text_mode("gateway masking", mask, restore,
                      "overhead = protect + restore per request (Veil default policy)")
    if "text DP" in cfg.modes:
        from veil.dp import get_sanitizer

        san = get_sanitizer("custext+")
        rng = np.random.default_rng(cfg.seed)
        text_mode("text DP",
                  lambda p: san.sanitize(p, epsilon=cfg.dp_epsilon, rng=rng).text,
                  lambda: 0.0, f"CusText+ at epsilon {cfg.dp_epsilon} per word")
    if "obfuscation" in cfg.modes:
        try:
            rows.append(_obfuscation_row(cfg, llm, plain_ids, answers, say))
        except Exception as exc:  # noqa: BLE001 -- one failing mode keeps the others' rows
            rows.append(_failed("obfuscation", exc))
    return rows


def _failed(mode: str, exc: BaseException) -> ModeRow:
    """A row for a mode that failed: the exception's type only (messages may quote input)."""
    return ModeRow(mode, "-", None, "", None, None, None, None, None, "-", HOST_VIEW[mode],
                   source=f"failed in this run ({type(exc).__name__})")


def _obfuscation_row(cfg: ModesConfig, llm: LLMSetup, plain_ids: list[list[int]],
                     answers: list[list[int]], say: Callable[[str], None]) -> ModeRow:
    import torch

    from veil.obfuscation import ObfuscationConfig, generate_key, obfuscate

    say("obfuscation (building the host model)")
    ocfg = ObfuscationConfig.for_mode(cfg.obfuscation_mode)  # type: ignore[arg-type]
    key = generate_key(ocfg, llm.vocab, seed=cfg.seed + 1)
    calib = [i for ids in plain_ids for i in ids]
    t0 = time.perf_counter()
    host = obfuscate(llm.model, ocfg, key=key, calibration_ids=calib)
    host.eval()
    build_s = time.perf_counter() - t0
    tau = torch.as_tensor(np.asarray(key.tau), dtype=torch.long)
    say("obfuscation")
    agree, gen_s, up, down = [], 0.0, 0, 0
    t = cfg.answer_tokens
    for ids, answer in zip(plain_ids, answers, strict=True):
        out, s = _greedy(host, ids, t, input_map=tau, output_map=tau)
        gen_s += s
        agree.append(_agreement(host, ids, answer, tau=tau))
        up += len(json.dumps(tau[torch.tensor(ids)].tolist()).encode())
        down += len(json.dumps(tau[torch.tensor(out)].tolist()).encode())
    n = len(plain_ids)
    return ModeRow("obfuscation", f"{llm.name}, {t}-token answers", 1000 * gen_s / (t * n),
                   "ms/token", 0.0, up / n, down / n, None, float(np.mean(agree)),
                   "teacher-forced top-1 vs plaintext", HOST_VIEW["obfuscation"],
                   notes=f"mode {cfg.obfuscation_mode}; building the host model took "
                         f"{build_s:.0f} s once (the weights go to the host once)")


def _he_row(cfg: ModesConfig, say: Callable[[str], None]) -> tuple[ModeRow, dict[str, Any]]:
    from veil.crypto.he_classifier import evaluate

    say("HE (TenSEAL CKKS)")
    r = evaluate(n_train=cfg.he_train, n_test=cfg.he_test, seed=cfg.seed + 1,
                 presidio=cfg.he_presidio,
                 progress=cfg.progress)
    p = r["params"]
    row = ModeRow(
        "HE", f"sensitivity classifier ({len(r['label_counts_test'])} labels) on MiniLM "
        "embeddings", r["latency_s_per_input"]["he_roundtrip"], "s/input",
        1000 * r["latency_s_per_input"]["embed_client"], r["bytes"]["client_to_server_per_input"],
        r["bytes"]["server_to_client_per_input"], r["bytes"]["context_upload_once"],
        r["agreement_top1"], "top-1 vs the same classifier in plaintext", HOST_VIEW["HE"],
        notes=(f"CKKS N={p['poly_modulus_degree']}, chain {p['coeff_mod_bit_sizes']}, "
               f"scale 2^{p['scale_bits']}, {p['security_bits']}-bit; accuracy "
               f"{r['accuracy_encrypted']:.3f} encrypted vs {r['accuracy_plaintext']:.3f} "
               "plaintext; overhead = client-side embedding"))
    return row, r


def _mpc_records(cfg: ModesConfig, say: Callable[[str], None]) -> tuple[list[dict[str, Any]], str]:
    """The MPC module's measurements: run live if asked, else its results JSON."""
    if cfg.mpc_live:
        from veil.crypto import mpc

        out = []
        for proto in cfg.mpc_protocols:
            say(f"MPC {proto}, {cfg.mpc_layers} block(s) (SPU, own environment)")
            try:
                out.append(mpc.measure(protocol=proto, layers=cfg.mpc_layers,
                                       max_new_tokens=cfg.mpc_tokens,
                                       max_len=cfg.mpc_max_len).as_dict())
            except Exception as exc:  # noqa: BLE001 -- one protocol failing keeps the others
                out.append({"protocol": proto, "error": type(exc).__name__})
        return out, "measured in this run (veil.crypto.mpc.measure)"
    for path in sorted((cfg.results_root / "crypto").glob("mpc*.json")):
        if path.name == "mpc_teacher_forced.json":  # agreement only: read by _mpc_rows
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        found: Any = data
        if isinstance(data, dict):
            found = next((data[k] for k in ("runs", "measurements", "results", "rows")
                          if k in data), data)
        if isinstance(found, dict):
            found = list(found.values())
        records = [r for r in found if isinstance(r, dict) and "protocol" in r] \
            if isinstance(found, list) else []
        # Per protocol: its runs at the configured depth, else its deepest runs (a protocol
        # measured only on fewer blocks keeps its row, labelled with its depth).
        chosen: list[dict[str, Any]] = []
        for proto in cfg.mpc_protocols:
            mine = [r for r in records if r.get("protocol") == proto]
            depths = [int(r["layers"]) for r in mine if isinstance(r.get("layers"), int)]
            depth = cfg.mpc_layers if cfg.mpc_layers in depths else max(depths, default=None)
            chosen += [r for r in mine if r.get("layers") == depth]
        records = chosen or records
        if records:
            return records, f"from {path.as_posix()}"
    return [], "not measured in this run"


def _mpc_teacher_forced(cfg: ModesConfig) -> dict[tuple[Any, Any, Any], dict[str, Any]]:
    """Teacher-forced agreement runs by (protocol, layers, precision): the one with the most
    positions each (``<results>/crypto/mpc_teacher_forced.json``; empty when absent)."""
    path = cfg.results_root / "crypto" / "mpc_teacher_forced.json"
    try:
        runs = json.loads(path.read_text(encoding="utf-8")).get("runs", [])
    except (OSError, ValueError, AttributeError):
        return {}
    best: dict[tuple[Any, Any, Any], dict[str, Any]] = {}
    for r in runs:
        key = (r.get("protocol"), r.get("layers"), r.get("precision"))
        if isinstance(r.get("positions"), int) and r["positions"] > best.get(
                key, {}).get("positions", 0):
            best[key] = r
    return best


def _mpc_rows(cfg: ModesConfig, say: Callable[[str], None]) -> list[ModeRow]:
    records, source = _mpc_records(cfg, say)
    if not records:
        return [ModeRow("MPC", "-", None, "", None, None, None, None, None, "-",
                        HOST_VIEW["MPC"], source=source)]

    def num(r: dict[str, Any], name: str) -> float | None:
        v = r.get(name)
        return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None

    forced = _mpc_teacher_forced(cfg)
    rows = []
    for r in records:
        peer = num(r, "bytes_per_party_per_token")
        agreement, metric = num(r, "agreement"), "greedy tokens equal to the float model's"
        # The same model measured teacher-forced (veil crypto bench --teacher-forced): top-1 at
        # every position, like the other rows' metric, on far more samples than greedy tokens.
        tf = forced.get((r.get("protocol"), r.get("layers"), r.get("precision", "taylor")))
        if tf is not None:
            greedy = (f"; greedy tokens {round(agreement * r['tokens'])}/{r['tokens']}"
                      if agreement is not None and isinstance(r.get("tokens"), int) else "")
            agreement = float(tf["agreement"])
            metric = (f"teacher-forced top-1 vs the float model, {tf['agree']}/"
                      f"{tf['positions']} positions, Wilson 95% {tf['wilson95'][0]:.3f}-"
                      f"{tf['wilson95'][1]:.3f}{greedy}")
        rows.append(ModeRow(
            f"MPC {r.get('protocol')}",
            f"SmolLM2-135M ({r.get('layers', '?')} layers, {r.get('precision', 'taylor')} "
            f"fixed point), {r.get('parties', '?')} parties"
            if "layers" in r else str(r.get("task", "-")),
            num(r, "seconds_per_token"), "s/token", None,
            num(r, "client_bytes_per_token"), num(r, "client_recv_bytes_per_token"), None,
            agreement, metric, HOST_VIEW["MPC"], source=source,
            bytes_between_parties=peer,
            notes="; ".join(x for x in (
                f"error: {r['error']}" if r.get("error") else "",
                f"startup {r['startup_s']:.0f} s" if num(r, "startup_s") else "",
                f"load {r['load']}" if r.get("load") else "") if x)))
    return rows


def run(cfg: ModesConfig, *, llm: LLMSetup | None = None,
        prompts: Sequence[str] | None = None) -> dict[str, Any]:
    """Measure every mode of ``cfg.modes``; returns the report (rows + metadata)."""
    from rich.console import Console

    console = Console(stderr=True)

    def say(msg: str) -> None:
        if cfg.progress:
            console.log(f"modes: {msg}")

    rows: list[ModeRow] = []
    meta: dict[str, Any] = {"config": {k: (str(v) if isinstance(v, Path) else v)
                                       for k, v in asdict(cfg).items()},
                            "load_avg_start": list(os.getloadavg()),
                            "cpus": os.cpu_count(), "platform": platform.platform()}
    llm_modes = {"plaintext", "gateway masking", "obfuscation", "text DP"} & set(cfg.modes)
    if llm_modes:
        if prompts is None:
            from veil.dp.evaluation import sensitive_prompts

            prompts = [p for _, p in sensitive_prompts(cfg.n_prompts, seed=cfg.seed)]
        llm = llm or smollm2_setup()
        meta["model"] = llm.name
        rows += _llm_rows(cfg, llm, list(prompts), say)
    if "HE" in cfg.modes:
        try:
            row, detail = _he_row(cfg, say)
            rows.append(row)
            meta["he"] = detail
        except Exception as exc:  # noqa: BLE001 -- one failing mode keeps the others' rows
            rows.append(_failed("HE", exc))
    if "MPC" in cfg.modes:
        rows += _mpc_rows(cfg, say)
    order = {m: i for i, m in enumerate(HOST_VIEW)}
    rows.sort(key=lambda r: order.get(r.mode.split(" ")[0] if r.mode.startswith("MPC")
                                      else r.mode, 99))
    meta["load_avg_end"] = list(os.getloadavg())
    return {"rows": [asdict(r) for r in rows], "meta": meta}


def merge(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``old`` with the rows of every mode measured in ``new`` replaced by ``new``'s."""
    def base(mode: str) -> str:
        return "MPC" if mode.startswith("MPC") else mode

    fresh = {base(r["mode"]) for r in new["rows"]}
    rows = [r for r in old["rows"] if base(r["mode"]) not in fresh] + new["rows"]
    order = {m: i for i, m in enumerate(HOST_VIEW)}
    rows.sort(key=lambda r: order.get(base(r["mode"]), 99))
    meta = dict(old["meta"])
    meta.setdefault("merged_runs", []).append(new["meta"])
    if "model" in new["meta"]:  # the table's header describes the LLM prompts of the last run
        meta.update({k: new["meta"][k] for k in ("config", "model", "load_avg_start",
                                                  "load_avg_end") if k in new["meta"]})
    return {"rows": rows, "meta": meta}


def _fmt(v: Any, spec: str) -> str:
    return "-" if v is None else format(v, spec)


def markdown(report: dict[str, Any]) -> str:
    meta = report["meta"]
    lines = [
        "| mode | task | latency | overhead/request (ms) | bytes client->host per input "
        "| bytes host->client per input | setup bytes (once) | bytes between parties "
        "| agreement | host sees | source |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["rows"]:
        lat = "-" if r["latency"] is None else f"{r['latency']:.3g} {r['latency_unit']}"
        agree = "-" if r["agreement"] is None else f"{r['agreement']:.3f} ({r['agreement_metric']})"
        lines.append(
            f"| {r['mode']} | {r['task']} | {lat} | {_fmt(r['overhead_ms'], '.1f')} | "
            f"{_fmt(r['bytes_client_to_host'], ',.0f')} | "
            f"{_fmt(r['bytes_host_to_client'], ',.0f')} | "
            f"{_fmt(r['setup_bytes'], ',.0f')} | {_fmt(r.get('bytes_between_parties'), ',.0f')} | "
            f"{agree} | {r['host_sees']} | {r['source']} |")
    notes = [f"- {r['mode']}: {r['notes']}" for r in report["rows"] if r.get("notes")]
    cfg = meta.get("config", {})
    llm = (f"Prompts: {cfg.get('n_prompts')} sensitive prompts, {cfg.get('answer_tokens')}-token "
           f"greedy answers on {meta['model']}" if "model" in meta else "No LLM mode run")
    head = (f"{llm}; {meta.get('cpus')} CPUs, load average "
            f"{meta.get('load_avg_start', ['?'])[0]:.2f} at start, "
            f"{meta.get('load_avg_end', ['?'])[0]:.2f} at end (shared machine: timings are "
            "noisy). Bytes are what each mode puts on the wire per input: for the text modes the "
            "OpenAI chat-completions request body the host receives (masked or perturbed text; "
            "a placeholder such as [PERSON_1] is about as long as the value it replaces, so "
            "masking changes the content, not the size) and the response body; obfuscation the "
            "permuted ids; HE one ciphertext each way; MPC (per generated token) the input "
            "shares to all parties, the logit shares back, and the SPU link traffic one party "
            "sends. '-' = not applicable or not measured.")
    return "\n".join(["# Protection modes side by side", "", head, "", *lines, "", *notes, ""])


def plot(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r for r in report["rows"] if r["latency"] is not None]
    if not rows:
        return
    t = int(report["meta"].get("config", {}).get("answer_tokens") or 1)
    names = [r["mode"] for r in rows]
    # One unit for the plot: seconds per answer (t tokens) or per classified input.
    per_token = {"ms/token": t / 1000, "s/token": t}
    secs = [r["latency"] * per_token.get(r["latency_unit"], 1.0) for r in rows]
    agree = [r["agreement"] if r["agreement"] is not None else 0.0 for r in rows]
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 0.5 * len(rows) + 2))
    a1.barh(names, secs, color="#4c72b0")
    a1.set_xscale("log")
    a1.set_xlabel(f"seconds per answer ({t} tokens) or per classified input (log)")
    a2.barh(names, agree, color="#55a868")
    a2.set_xlim(0, 1.05)
    a2.set_xlabel("agreement with plaintext (top-1)")
    a2.set_yticks([])
    fig.suptitle("Protection modes: cost and utility")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_report(report: dict[str, Any], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "modes.json", out_dir / "modes.md", out_dir / "modes.png"]
    paths[0].write_text(json.dumps(report, indent=2) + "\n")
    paths[1].write_text(markdown(report))
    plot(report, paths[2])
    return [p for p in paths if p.exists()]


__all__ = ["HOST_VIEW", "LLMSetup", "ModeRow", "ModesConfig", "markdown", "merge", "plot", "run",
           "smollm2_setup", "write_report"]
