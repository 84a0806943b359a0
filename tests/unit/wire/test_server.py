"""Error handlers and health routes every server installs."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from pydantic import BaseModel

from veil.wire.server import Readiness, add_health_routes, install_error_handlers


class Body(BaseModel):
    prompt: str
    n: int


def _app(state: dict[str, str]) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    async def ready() -> Readiness:
        return dict(state)

    add_health_routes(app, ready)

    @app.post("/v1/completions")
    async def completions(body: Body) -> dict[str, str]:
        return {"ok": body.prompt}

    return app


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


def _is_openai_error(body: object) -> bool:
    return isinstance(body, dict) and set(body["error"]) == {"message", "type", "param", "code"}


async def test_404_405_and_bad_bodies_are_openai_errors() -> None:
    async with _client(_app({})) as c:
        r = await c.get("/v1/nope")
        assert r.status_code == 404 and _is_openai_error(r.json())
        assert r.json()["error"]["code"] == "not_found"
        r = await c.get("/v1/completions")
        assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
        r = await c.post(
            "/v1/completions",
            content=b'{"prompt": "Jane Doe secret',
            headers={"content-type": "application/json"},
        )
        assert r.status_code == 400 and _is_openai_error(r.json())
        r = await c.post("/v1/completions", json={"prompt": "Jane Doe secret", "n": "many"})
        assert r.status_code == 400 and r.json()["error"]["param"] == "n"
        assert "Jane Doe" not in r.text  # locations and messages only, never the input


async def test_healthz_and_readyz() -> None:
    state = {"vault": "ok", "upstream": "ok"}
    async with _client(_app(state)) as c:
        assert (await c.get("/healthz")).json() == {"status": "ok"}
        r = await c.get("/readyz")
        assert r.status_code == 200 and r.json() == {"status": "ok", "components": state}
        state["upstream"] = "down (upstream_unreachable)"
        r = await c.get("/readyz")
        assert r.status_code == 503 and _is_openai_error({"error": r.json()["error"]})
        assert r.json()["error"]["code"] == "not_ready"
        assert "upstream: down (upstream_unreachable)" in r.json()["error"]["message"]
        assert "vault" not in r.json()["error"]["message"]
        assert r.json()["components"] == state
        assert (await c.get("/healthz")).status_code == 200  # alive while not ready


async def test_readyz_without_checks_is_ready() -> None:
    app = FastAPI()
    add_health_routes(app)
    async with _client(app) as c:
        assert (await c.get("/readyz")).json() == {"status": "ok", "components": {}}
