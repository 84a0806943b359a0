"""Recorded TDX evidence (tests/fixtures/tdx, see its README) and a simulated configfs-tsm."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[2] / "fixtures" / "tdx"
QUOTE = (FIXTURES / "tdx_quote").read_bytes()
COLLATERAL = FIXTURES / "tdx_quote_collateral.json"
#: A time inside the recorded collateral's validity (see the fixtures' README).
VERIFY_AT = 1750329207  # 2025-06-19T10:33:27Z
MRTD = (
    "91eb2b44d141d4ece09f0c75c2c53d247a3c68edd7fafe8a3520c942a604a407"
    "de03ae6dc5f87f27428b2538873118b7"
)
RTMR0 = (
    "44c0197b39157fdd7a4dcc44767f9d6b0bb3977c7a8e347b8492f827fe9d9e5c"
    "48aca29b220b80b6a540cf994b9bc9c0"
)
#: Offset of REPORTDATA in a v4 TD quote: 48-byte header + 520 bytes of TD report before it.
REPORT_DATA_OFFSET = 568


def with_report_data(quote: bytes, report_data: bytes) -> bytes:
    """The recorded quote with its REPORTDATA replaced: what a forger would send (the QE's
    signature over the report no longer matches)."""
    assert len(report_data) == 64
    return quote[:REPORT_DATA_OFFSET] + report_data + quote[REPORT_DATA_OFFSET + 64 :]


class SimulatedTsm:
    """A directory that behaves like /sys/kernel/config/tsm/report for one provider: a
    background "kernel" answers each new entry's inblob with a quote (the recorded one, its
    REPORTDATA set to the inblob: no TDX module here to sign it)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir()
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.002):
            for entry in self.root.iterdir():
                inblob, outblob = entry / "inblob", entry / "outblob"
                if inblob.exists() and not outblob.exists():
                    data = inblob.read_bytes()
                    if len(data) != 64:
                        continue
                    self.requests.append(data)
                    (entry / "provider").write_text("tdx_guest\n")
                    (entry / "generation").write_text("1\n")
                    tmp = entry / "outblob.tmp"
                    tmp.write_bytes(with_report_data(QUOTE, data))
                    tmp.rename(outblob)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


@pytest.fixture
def tsm(tmp_path: Path) -> Iterator[SimulatedTsm]:
    sim = SimulatedTsm(tmp_path / "tsm-report")
    try:
        yield sim
    finally:
        sim.close()
