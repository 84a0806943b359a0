"""Serve :mod:`veil.evaluation.attack_upstream` on an inherited socket for the security suite.

Run: ``python tests/security/upstream.py --fd N --record FILE``.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
from pathlib import Path

import uvicorn

from veil.evaluation.attack_upstream import create_app

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--record", required=True)
    a = parser.parse_args()
    app = create_app(Path(a.record))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    asyncio.run(server.serve(sockets=[socket.socket(fileno=a.fd)]))
