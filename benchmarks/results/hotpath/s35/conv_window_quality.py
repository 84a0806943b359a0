"""Windows of 128 tokens (as trained) against 512 for the conv tagger, on long documents made of
25 held-out-template or unseen-generator sentences each (gold spans kept; exact-span scores).

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/hotpath/s35/conv_window_quality.py
"""
from __future__ import annotations

from veil.detect.learned import _STRIDE, detector_dir, load_runtime
from veil.train import central
from veil.train.data import Span, score_spans

KEYS = ("micro_f1", "f2_PERSON", "recall_PERSON", "f1_LOCATION", "f1_ORGANIZATION")


def main() -> None:
    rt = load_runtime(detector_dir())
    cfg = central.CentralConfig(held_out_sentences=2000, unseen_sentences=1000, seed=5)
    for name, sents in (("held_out", central.held_out_set(cfg)),
                        ("unseen", central.unseen_set(cfg))):
        docs: list[str] = []
        golds: list[list[Span]] = []
        for k in range(0, len(sents), 25):
            text, gold = "", []
            for s in sents[k:k + 25]:
                gold += [Span(sp.start + len(text), sp.end + len(text), sp.label)
                         for sp in s.spans]
                text += s.text + " "
            docs.append(text)
            golds.append(gold)
        for window in (128, 512):
            rt.tokenizer.enable_truncation(max_length=window, stride=_STRIDE)
            rt.max_length = window
            found = [[Span(a, b, t) for a, b, t, _ in p] for p in rt.spans(docs)]
            scores = score_spans(golds, found)
            print(name, window, f"{len(docs)} docs",
                  {k: round(scores[k], 4) for k in KEYS}, flush=True)


if __name__ == "__main__":
    main()
