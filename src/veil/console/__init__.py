"""The web console of the gateway (``/console``): playground, policy, sensitive terms, tenants
and keys, audit log, budgets and metrics. Served by ``veil serve`` and ``veil console``.

>>> from veil.console import include_console
>>> include_console(app)   # doctest: +SKIP  (app: the gateway's FastAPI app)
"""

from __future__ import annotations

from fastapi import FastAPI


def include_console(app: FastAPI) -> None:
    """Add the console routes to the gateway ``app`` and lay the operator's persisted changes
    (tenants, keys, policies; :mod:`veil.gateway.admin`) over its state."""
    from .routes import Console, router

    console = Console(app.state.veil)
    console.admin.load()
    app.state.console = console
    app.include_router(router)


__all__ = ["include_console"]
