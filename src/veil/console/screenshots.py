"""Screenshots of every console page for docs/console.md (``veil console screenshots``).

Drives Debian's chromium with Playwright (``executable_path``; Playwright's own browser download
is never used) against :func:`veil.console.demo.running_demo`, after sending a few requests
through the gateway so the pages have something to show.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .demo import ADMIN_KEY, TENANT_KEYS, Demo, running_demo
from .stats import SAMPLE_S

PAGES = ("playground", "policy", "terms", "tenants", "audit", "metrics")
DEMO_PROMPT = (
    "Please draft a reply to Jane Doe (jane.doe@example.com, +1 415 555 0100) about Project "
    "Falcon; her card 4111 1111 1111 1111 was charged twice."
)


def launch(playwright: Any, chromium: str = "/usr/bin/chromium") -> Any:
    return playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])


def login(page: Any, base_url: str, key: str = ADMIN_KEY) -> None:
    page.goto(base_url + "/console/login")
    page.fill("input[name=key]", key)
    page.click("button[type=submit]")
    page.wait_for_url("**/console/playground")


def seed(demo: Demo) -> None:
    """Traffic, terms, a policy version and some DP budget, so every page has content."""
    import time

    import httpx

    from veil.config import TermRule
    from veil.dp.accountant import SQLiteBudgetStore

    console = demo.console
    console.admin.change_terms("acme", add=[
        TermRule(term="Project Falcon", type="PROJECT"),
        TermRule(term="Ronald Regan", type="CUSTOMER", exclude_context=["Airport"]),
    ], action="add")
    console.admin.apply_policy("acme", "default_operator: placeholder\n"
                               "entities:\n  PHONE: {operator: redact}\n")
    demo.console.history.start()  # so the charts over time have samples
    with httpx.Client(base_url=demo.url, timeout=300) as client:
        for i in range(12):
            if i % 3 == 2:
                time.sleep(SAMPLE_S)
            tenant = "acme" if i % 2 == 0 else "globex"
            client.post("/v1/chat/completions",
                        headers={"Authorization": f"Bearer {TENANT_KEYS[tenant]}"},
                        json={"model": "echo", "messages": [
                            {"role": "user", "content": f"Mail jane{i}@example.com or call "
                             f"+1 415 555 01{i:02d} about Project Falcon"}]})
        client.post("/v1/chat/completions", headers={"Authorization": "Bearer wrong"},
                    json={"model": "echo", "messages": [{"role": "user", "content": "hi"}]})
    settings = demo.state.core.settings
    budgets = SQLiteBudgetStore(settings.resolved_vault_path(), default_user_limit=8.0)
    budgets.set_limit("acme", "key-3f2a9c1d0b7e4a55/u-8c1e", limit=4.0)
    budgets.charge("acme", "key-3f2a9c1d0b7e4a55/u-8c1e", 2.5)
    budgets.charge("acme", "key-3f2a9c1d0b7e4a55/u-51d0", 6.0)
    budgets.charge("globex", "key-9b0e77a1c2d34f10/-", 1.2)
    demo.state.audit.flush(5.0)
    checkpoint = getattr(demo.state.audit, "checkpoint", None)
    if checkpoint is not None:
        checkpoint(5.0)


def take_screenshots(home: Path, out: Path, *, chromium: str = "/usr/bin/chromium") -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with running_demo(home, ner=True) as demo, sync_playwright() as pw:
        seed(demo)
        browser = launch(pw, chromium)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        login(page, demo.url)
        for name in PAGES:
            page.goto(f"{demo.url}/console/{name}?tenant=acme")
            if name == "playground":
                page.check("#pg-upstream")
                page.fill("#prompt", DEMO_PROMPT)
                page.wait_for_selector("#restored-answer")
            elif name == "policy":
                page.fill("#policy-yaml", "default_operator: pseudonym\nentities:\n"
                          "  PHONE: {operator: redact}\n  EMAIL: {threshold: 2}\n")
                page.wait_for_selector("#policy-error")
            elif name == "terms":
                page.fill("#term-test textarea", "Ronald Regan asked about Project Falcon and "
                          "the invoice. Ronald Regan Airport is closed.")
                page.wait_for_selector("#term-test-result mark")
            elif name == "tenants":
                page.fill("input[name=label]", "data science team")
                page.click("#issue-key")
                page.wait_for_selector("#issued-key")
            elif name == "audit":
                first = page.locator("#audit-records a").last
                if first.count():
                    first.click()
                    page.wait_for_selector("#proof")
            path = out / f"{name}.png"
            page.screenshot(path=str(path), full_page=True)
            shots.append(path)
        browser.close()
    return shots


__all__ = ["DEMO_PROMPT", "PAGES", "launch", "login", "seed", "take_screenshots"]
