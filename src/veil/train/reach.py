"""A conv detector's ``reach`` in ``detector.json``: the farthest one block reads on either
side of a token. With it the runtime (``veil.detect.learned``) packs several windows into one
row, ``reach`` masked positions apart. ``veil.train.export`` writes it from the model; a folder
exported before that gains it here, from its graph.

Without torch: ``scripts/ensure-detector.sh`` runs this on every folder it keeps (and tells
the owner of a folder whose convolutions are still float how to rebuild it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def record_reach(folder: Path | str) -> int | None:
    """Write ``reach`` into the ``detector.json`` of a conv detector exported before it was
    recorded, from its graph: the farthest any convolution reads on either side of a token
    (dilation x half the kernel). The runtime packs a conv tagger's windows into shared rows
    only with it. Returns the reach written, or None: not a conv tagger, or already there."""
    folder = Path(folder)
    path = folder / "detector.json"
    meta = json.loads(path.read_text())
    if meta.get("arch") != "conv" or "reach" in meta:
        return None
    import onnx  # only for a folder to upgrade: 0.6 s to import

    graph = onnx.load(str(folder / "model.onnx"), load_external_data=False).graph
    reaches = []
    for node in graph.node:
        if node.op_type != "Conv":
            continue
        attrs = {a.name: list(a.ints) for a in node.attribute}
        (kernel,) = attrs["kernel_shape"]
        (dilation,) = attrs.get("dilations", [1])
        reaches.append(dilation * (kernel // 2))
    if not reaches:
        return None
    meta["reach"] = max(reaches)
    staged = path.with_name(f".{path.name}.{os.getpid()}")
    staged.write_text(json.dumps(meta, indent=2) + "\n")
    os.replace(staged, path)
    return int(meta["reach"])


def float_convolutions_note(folder: Path | str) -> str | None:
    """What to tell the user when ``folder`` holds an int8 conv detector exported while its
    convolutions stayed float (None otherwise): a rebuild runs them as 8-bit products."""
    try:
        meta = json.loads((Path(folder) / "detector.json").read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("arch") != "conv" or not meta.get("int8") \
            or "int8_convolutions" in meta:
        return None
    return (f"note: the detector in {folder} runs its convolutions in float (exported before "
            "they became 8-bit products, with which its model runs 1.2-1.6x faster): export "
            f"it again from its training run (a default build: `veil train detector --out "
            f"{folder}`)")


if __name__ == "__main__":  # scripts/ensure-detector.sh: a folder kept as it is gains its reach
    import sys

    for arg in sys.argv[1:]:
        if (reach := record_reach(arg)) is not None:
            print(f"recorded the detector's reach ({reach}) in {arg}/detector.json: its "
                  "windows now share rows", file=sys.stderr)
        if (note := float_convolutions_note(arg)) is not None:
            print(note, file=sys.stderr)
