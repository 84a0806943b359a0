"""Where a gateway's samples go, by layer, from `py-spy record --format raw --threads` output
(`gw_instructions_s78d.py run ... native` with S78D_PYSPY=<file>).

Each sample goes to the layer of its innermost frame that belongs to one (stdlib helpers such
as `re`, `enum`, `typing` or `threading` are read through to the frame that called them); a
second table counts a sample under every layer on its stack (inclusive).

usage: python spy_layers_s78d.py <raw file> [requests]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

#: (layer, regex over "function (file:line)"), first match wins for one frame
LAYERS = [
    ("detection", r"veil/detect/"),
    ("restoration (mask/restorer, urls)", r"veil/mask/(?:restorer|urls)\.py"),
    ("masking + vault", r"veil/(?:vault|mask|core\.py|crypto|caches|dp)/?"),
    ("request fields walk (privacy.py, fields*)",
     r"veil/gateway/(?:privacy|fields\w*|payloads)\.py"),
    ("stream relay + restore", r"veil/gateway/(?:streaming|typed_sse)\.py|veil/wire/sse"),
    ("audit", r"veil/audit/|veil/gateway/audit_events\.py"),
    ("metrics", r"prometheus_client|_MetricsMiddleware|veil/gateway/metrics\.py"),
    ("logging", r"logging/"),
    ("upstream client (aiohttp, transport)",
     r"aiohttp/|httpx/|httpcore/|veil/gateway/(?:transport|upstream\w*)\.py"),
    ("parsing + validation (pydantic, wire)",
     r"pydantic|veil/wire/openai|veil/gateway/sessions\.py"),
    ("json (orjson, json)", r"json/|orjson|veil/wire/server\.py"),
    ("request id", r"veil/gateway/(?:request_id|encoded_ids)\.py|uuid\.py"),
    ("limits, sealing", r"veil/gateway/(?:limits|sealing|tenants)\.py"),
    ("gateway route, serving", r"veil/gateway/(?:router|serving\w*|state|errors)\.py"),
    ("privacy pool hand-off (anyio, threads)",
     r"anyio/|concurrent/|veil/gateway/state\.py|threading\.py"),
    ("starlette/fastapi", r"starlette/|fastapi/"),
    ("uvicorn + httptools", r"uvicorn/|httptools"),
    ("event loop (asyncio, uvloop)", r"asyncio/|uvloop"),
]
_RULES = [(name, re.compile(rx)) for name, rx in LAYERS]
#: helpers read through: their caller's layer counts
_THROUGH = re.compile(r"\((?:re/|enum\.py|typing\.py|functools\.py|contextlib\.py|abc\.py|"
                      r"copy\.py|weakref\.py|_weakrefset\.py|dataclasses\.py|<frozen)")


def layer_of(frame: str) -> str | None:
    if _THROUGH.search(frame):
        return None
    for name, rx in _RULES:
        if rx.search(frame):
            return name
    return None


def main(path: str, requests: int | None) -> None:
    inner: Counter[str] = Counter()
    incl: Counter[str] = Counter()
    total = 0
    lines = Path(path).read_text().splitlines()
    for line in lines:
        stack, _, n = line.rstrip().rpartition(" ")
        count = int(n)
        frames = stack.split(";")[1:]  # the first is the thread
        total += count
        layers = [layer_of(f) for f in frames]
        innermost = next((x for x in reversed(layers) if x is not None), "other")
        inner[innermost] += count
        for x in set(layers) - {None}:
            incl[x] += count
    if "--leaves" in sys.argv:
        leaves: Counter[tuple[str, str]] = Counter()
        for line in lines:
            stack, _, n = line.rstrip().rpartition(" ")
            frames = stack.split(";")[1:]
            layers = [layer_of(f) for f in frames]
            k = next((i for i in range(len(layers) - 1, -1, -1) if layers[i] is not None), None)
            if k is not None:
                leaves[(layers[k], frames[k])] += int(n)
        for (layer, frame), v in leaves.most_common(40):
            print(f"{100 * v / total:5.1f}% {layer}: {frame}")
    print(f"{total} samples" + (f" ({requests} requests)" if requests else ""))
    print("\n| layer | innermost % | on the stack % |\n|---|---|---|")
    for name, v in inner.most_common():
        print(f"| {name} | {100 * v / total:.1f} | {100 * incl.get(name, 0) / total:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else None)
