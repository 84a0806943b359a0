"""Where `protect_chat` of ~1 KB gateway prompts spends its regex time, pattern by pattern:
`re.compile` is wrapped before Veil is imported, so every standard-library pattern Veil
compiles reports the time of its calls (a `finditer` is consumed whole when called). The
wrapper's own cost inflates each figure (a third to a half on short calls): read the ranking,
and time a candidate change on its own.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/gateway_s45/regex_profile_s45.py [requests] > <out.txt>
"""
from __future__ import annotations

import collections
import re
import sys
import time
from typing import Any

_TIME: collections.Counter[str] = collections.Counter()
_CALLS: collections.Counter[str] = collections.Counter()
_compile = re.compile


class _Timed:
    """A compiled pattern whose calls are timed (the pattern text is the key, never a text)."""

    __slots__ = ("_key", "_rx")

    def __init__(self, rx: re.Pattern[Any]) -> None:
        self._rx = rx
        self._key = rx.pattern if isinstance(rx.pattern, str) else repr(rx.pattern)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rx, name)

    def _timed(self, name: str, *args: Any, **kw: Any) -> Any:
        t0 = time.perf_counter()
        out = getattr(self._rx, name)(*args, **kw)
        if name == "finditer":
            out = iter(list(out))
        _TIME[self._key] += time.perf_counter() - t0
        _CALLS[self._key] += 1
        return out

    def __hash__(self) -> int:
        return hash(self._rx)

    def __eq__(self, other: object) -> bool:
        return self._rx == (other._rx if isinstance(other, _Timed) else other)


for _name in ("search", "match", "fullmatch", "finditer", "findall", "sub", "split"):
    setattr(_Timed, _name, lambda self, *a, _n=_name, **k: self._timed(_n, *a, **k))


def _timed_compile(pattern: Any, flags: int = 0) -> Any:
    return _Timed(_compile(pattern, flags))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    re.compile = _timed_compile  # type: ignore[assignment]
    import base64
    import os
    import tempfile
    from pathlib import Path

    from veil import Veil
    from veil.cli.bench_gateway import valued_prompt
    from veil.config import Policy, Settings
    from veil.gateway.privacy import Conversation

    veil = Veil(Settings(home=Path(tempfile.mkdtemp()),
                         master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy.model_validate({"ner_backend": "learned"}))
    veil.prepare("default")

    def one(i: int) -> None:
        text, _ = valued_prompt(i, tag=f"T{i}")
        conv = Conversation(veil, "default", f"s{i}")
        conv.protect_chat({"model": "echo", "messages": [{"role": "user", "content": text}]})
        conv.prefetch_restorer()

    for i in range(50):
        one(i)
    _TIME.clear()
    _CALLS.clear()
    t0 = time.perf_counter()
    for i in range(100, 100 + n):
        one(i)
    wall = (time.perf_counter() - t0) / n * 1e6
    print(f"per request {wall:.0f} us, in regexes {sum(_TIME.values()) / n * 1e6:.0f} us")
    for key, s in _TIME.most_common(30):
        print(f"{s / n * 1e6:7.1f} us {_CALLS[key] / n:5.1f} calls  {key[:100]!r}")


if __name__ == "__main__":
    main()
