"""A conv detector exported in an earlier graph form (``detector.json`` without the current
``export``), exported again from its own weights.

The earlier form padded and cropped each convolution's neighbours one by one and measured the
sequence at run time: eight nodes per convolution where :class:`veil.train.export.
ShiftedProduct` now writes four, which onnxruntime pays per node on every call. The weights are
the folder's own (``torch/model.pt``), and the int8 scales the export calibrates come out the
same, so the new graph must compute the old one's logits exactly: it is swapped in only if it
does on generated sentences of many lengths, padded rows included, and as a whole folder (a
serving process never sees half of one). ``scripts/ensure-detector.sh`` runs this on every
folder it keeps; a folder without its weights is left as it is, with a note.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

#: generated sentences the old and the new graph must agree on (a seed of its own)
CHECK_SENTENCES = 240
CHECK_SEED = 91


def stale(folder: Path | str) -> bool:
    """Whether ``folder`` holds an int8 conv detector of an earlier graph form (read from its
    ``detector.json`` alone: no model library is imported for a current folder)."""
    from veil.train.export import EXPORT_FORM

    try:
        meta = json.loads((Path(folder) / "detector.json").read_text())
    except (OSError, ValueError):
        return False
    if not isinstance(meta, dict):
        return False
    form = meta.get("export", 1)
    return (meta.get("arch") == "conv" and bool(meta.get("int8"))
            and bool(meta.get("int8_convolutions"))
            and type(form) is int and form < EXPORT_FORM)


def reexport(folder: Path | str) -> str | None:
    """Export a stale folder (:func:`stale`) again from its weights, in place; what to tell the
    user, or None when there was nothing to do."""
    folder = Path(folder)
    if not stale(folder):
        return None
    weights = folder / "torch"
    if not (weights / "model.pt").is_file() or not (weights / "model.json").is_file():
        return (f"note: the detector in {folder} has an earlier graph form that runs slower, and "
                "no weights (torch/) to export it again from: rebuild it from its training run "
                f"(a default build: `veil train detector --out {folder}`)")
    from veil.train.export import export_detector, replace_folder
    from veil.train.model import load

    meta = json.loads((folder / "detector.json").read_text())
    # its own name per process: two ensure-detector runs at once never share (or delete) one
    staging = folder.parent / f".{folder.name}.reexport-{os.getpid()}"
    shutil.copytree(folder, staging)  # the card, tokenizer and weights go along unchanged
    try:
        extra = {k: v for k, v in meta.items() if k not in ("sha256", "export")}
        export_detector(load(weights), staging, max_length=int(meta.get("max_length", 128)),
                        extra=extra)
        shutil.copyfile(folder / "tokenizer.json", staging / "tokenizer.json")
        differ = _differing(folder / "model.onnx", staging / "model.onnx")
        if differ:
            return (f"note: the detector in {folder} was kept in its earlier graph form: "
                    f"exported again, it scored {differ} of {CHECK_SENTENCES} check sentences "
                    "differently")
        replace_folder(staging, folder)
        return (f"exported the detector in {folder} again in the current graph form (four nodes "
                "per convolution instead of eight); its logits are the same")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _differing(old: Path, new: Path) -> int:
    """How many check sentences the two graphs give other logits for (bit for bit)."""
    import numpy as np
    import onnxruntime as ort

    from veil.train.data import generate_mixed
    from veil.train.model import encode, load_tokenizer

    texts = [s.text for s in generate_mixed(CHECK_SENTENCES, seed=CHECK_SEED)]
    texts.sort(key=len)  # batches of like length, and of every length from short to long
    tokenizer = load_tokenizer()
    sessions = [ort.InferenceSession(str(p), providers=["CPUExecutionProvider"])
                for p in (old, new)]
    names = [{i.name for i in s.get_inputs()} for s in sessions]
    differ = 0
    for b in range(0, len(texts), 8):
        enc = encode(texts[b : b + 8], tokenizer)
        feed: dict[str, Any] = {k: v.numpy() for k, v in enc.items()}
        a, c = (s.run(["logits"], {k: v for k, v in feed.items() if k in n})[0]
                for s, n in zip(sessions, names, strict=True))
        keep = feed["attention_mask"].astype(bool)
        differ += sum(not np.array_equal(a[r][keep[r]], c[r][keep[r]]) for r in range(len(a)))
    return differ


if __name__ == "__main__":  # scripts/ensure-detector.sh, on every folder it keeps
    import logging
    import sys
    import warnings

    # the exporter's and the quantizer's advice is for model authors, not for this rebuild
    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    for arg in sys.argv[1:]:
        if (said := reexport(arg)) is not None:
            print(said, file=sys.stderr)
