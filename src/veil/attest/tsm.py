"""TD quotes through the Linux configfs-tsm interface (``/sys/kernel/config/tsm/report``).

A report is requested by creating a directory under the interface, writing 64 bytes of
REPORTDATA to its ``inblob`` and reading the quote from ``outblob``; ``provider`` names the TEE
("tdx_guest"). ``generation`` counts writes to the entry: if it moved between writing and
reading, another writer raced us and the quote may not be ours, so we retry.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from veil.errors import AttestationError

DEFAULT_PATH = Path("/sys/kernel/config/tsm/report")
REPORT_DATA_BYTES = 64


@dataclass(frozen=True, slots=True)
class TsmQuote:
    provider: str
    quote: bytes


class TsmReport:
    """The configfs-tsm report interface at ``root`` (default: ``VEIL_TSM_REPORT_PATH`` or
    :data:`DEFAULT_PATH`)."""

    def __init__(self, root: Path | None = None, *, timeout_s: float = 30.0) -> None:
        env = os.environ.get("VEIL_TSM_REPORT_PATH")
        self.root = root or (Path(env) if env else DEFAULT_PATH)
        self.timeout_s = timeout_s
        self._lock = threading.Lock()  # one report at a time: the TDX module serialises anyway

    def available(self) -> bool:
        return self.root.is_dir()

    def quote(self, report_data: bytes) -> TsmQuote:
        if len(report_data) != REPORT_DATA_BYTES:
            raise AttestationError("REPORTDATA must be exactly 64 bytes")
        entry = self.root / f"veil-{secrets.token_hex(8)}"
        with self._lock:
            try:
                entry.mkdir()
            except OSError as e:
                raise AttestationError(
                    f"cannot create a TSM report entry under {self.root} ({e.strerror}); the "
                    "gateway needs write access to configfs (root, or a configfs-tsm group)"
                ) from None
            try:
                for _ in range(3):
                    (entry / "inblob").write_bytes(report_data)
                    before = self._generation(entry)
                    out = self._outblob(entry)
                    # None: an emulated tree without the attribute (configfs always has it).
                    if before is None or self._generation(entry) == before:
                        provider = _read_text(entry / "provider") or "unknown"
                        return TsmQuote(provider=provider, quote=out)
                raise AttestationError("the TSM report kept changing under concurrent writers")
            finally:
                with contextlib.suppress(OSError):
                    entry.rmdir()

    @staticmethod
    def _generation(entry: Path) -> str | None:
        return _read_text(entry / "generation")

    def _outblob(self, entry: Path) -> bytes:
        # configfs generates the quote when outblob is read. Only an emulated tree (tests,
        # a TSM proxy) can lack the file for a moment: wait for it up to the timeout.
        deadline = time.monotonic() + self.timeout_s
        while True:
            try:
                data = (entry / "outblob").read_bytes()
            except FileNotFoundError:
                data = b""
            except OSError as e:
                raise AttestationError(
                    f"the TEE refused to produce a quote ({e.strerror}); check the guest's "
                    "quote generation service (QGS) and vsock configuration"
                ) from None
            if data:
                return data
            if time.monotonic() > deadline:
                raise AttestationError("no quote from the TSM interface within the timeout")
            time.sleep(0.01)


def _read_text(p: Path) -> str | None:
    try:
        return p.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


__all__ = ["DEFAULT_PATH", "REPORT_DATA_BYTES", "TsmQuote", "TsmReport"]
