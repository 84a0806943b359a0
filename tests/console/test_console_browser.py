"""The console in a real Chromium (Debian's package, driven by Playwright): each page's main
task end to end, the XSS cases, and the login wall. One browser and one gateway for the module."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.console.demo import TENANT_KEYS, Demo, running_demo

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
XSS_PROMPT = (
    'Mail bob@example.org <script>window.__xss = 1</script> '
    '<img src=x onerror="window.__xss = 2"> "><b id=injected>bold</b>'
)
#: Content-Security-Policy violations the browser reported (must stay empty).
CSP_ERRORS: list[str] = []


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    with running_demo(tmp_path_factory.mktemp("console-browser")) as d:
        yield d


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make services-install` "
                    "(scripts/ensure-chromium.sh)")
    from playwright.sync_api import sync_playwright

    from veil.console.screenshots import launch

    with sync_playwright() as pw:
        b = launch(pw, CHROMIUM)
        yield b
        b.close()


@pytest.fixture(scope="module")
def page(browser: Any, demo: Demo) -> Iterator[Any]:
    from veil.console.screenshots import login

    ctx = browser.new_context()
    p = ctx.new_page()
    p.set_default_timeout(20_000)
    p.on("console", lambda m: CSP_ERRORS.append(m.text)
         if "Content Security Policy" in m.text else None)
    login(p, demo.url)
    yield p
    ctx.close()


def test_login_wall(browser: Any, demo: Demo) -> None:
    ctx = browser.new_context()
    p = ctx.new_page()
    for name in ("playground", "tenants", "audit"):  # every route: test_console_http.py
        p.goto(f"{demo.url}/console/{name}")
        assert p.url.endswith("/console/login"), name
    p.fill("input[name=key]", TENANT_KEYS["acme"])
    p.click("button[type=submit]")
    assert "tenant keys cannot open the console" in p.inner_text(".error")
    assert not [c for c in ctx.cookies() if c["name"] == "veil_console"]
    ctx.close()


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


def test_playground_masks_toggles_and_restores_with_xss_as_text(page: Any, demo: Demo) -> None:
    page.goto(demo.url + "/console/playground?tenant=acme")
    page.fill("#prompt", XSS_PROMPT)
    page.wait_for_selector("#masked-text")
    masked = page.inner_text("#masked-text")
    assert "bob@example.org" not in masked and "[EMAIL_1]" in masked
    mark = page.locator("#highlighted mark.ent-email")
    assert mark.count() == 1 and "EMAIL" in mark.inner_text()
    assert page.locator("#entities td", has_text="placeholder").count() >= 1
    # the prompt's markup is shown as text, never run or parsed
    assert "<script>window.__xss = 1</script>" in page.inner_text("#highlighted")
    assert page.evaluate("window.__xss") is None
    assert page.locator("#injected").count() == 0

    # operator change: immediate effect
    page.select_option("select[name=op_EMAIL]", "redact")
    expect(page.locator("#masked-text")).to_contain_text("REDACTED")
    # type switched off: the address goes up as is
    page.check("input[name=off_EMAIL]")
    expect(page.locator("#masked-text")).to_contain_text("bob@example.org")
    page.uncheck("input[name=off_EMAIL]")
    page.select_option("select[name=op_EMAIL]", "")
    expect(page.locator("#masked-text")).to_contain_text("[EMAIL_1]")
    page.check("#pg-upstream")
    page.wait_for_selector("#restored-answer")
    raw, restored = page.inner_text("#raw-answer"), page.inner_text("#restored-answer")
    assert "[EMAIL_1]" in raw and "bob@example.org" not in raw
    assert "bob@example.org" in restored
    assert page.evaluate("window.__xss") is None
    page.uncheck("#pg-upstream")
    # the running policy was not changed by the toggles
    assert demo.state.core.policy("acme").rule("EMAIL").enabled
    assert not CSP_ERRORS, CSP_ERRORS


def test_policy_validate_diff_apply_rollback(page: Any, demo: Demo) -> None:
    page.goto(demo.url + "/console/policy?tenant=globex")
    page.wait_for_selector("#policy-valid")
    page.fill("#policy-yaml", "ner: false\ndefault_operator: nonsense\n")
    page.wait_for_selector("#policy-error")
    assert "default_operator" in page.inner_text("#policy-error")
    page.fill("#policy-yaml", "ner: false\ndefault_operator: redact\n")
    page.wait_for_selector("#policy-valid")
    assert "+default_operator: redact" in page.inner_text("#policy-diff")
    page.click("#apply")
    page.wait_for_selector("#policy-done")
    assert demo.state.core.policy("globex").default_operator == "redact"
    page.once("dialog", lambda d: d.accept())
    page.click("#rollback")
    page.wait_for_selector("#policy-done")
    assert "version 0 is running" in page.inner_text("#policy-done")
    assert demo.state.core.policy("globex").default_operator == "pseudonym"


def test_terms_add_edit_test_export_delete(page: Any, demo: Demo, tmp_path: Path) -> None:
    page.goto(demo.url + "/console/terms?tenant=acme")
    evil = '<img src=x onerror="window.__xss=3">Falcon'
    page.fill("#term-form input[name=term]", evil)
    page.fill("#term-form input[name=type]", "project")
    page.fill("#term-form input[name=exclude]", "Airport")
    page.click("#save-term")
    page.wait_for_selector("#terms td:text('PROJECT')")
    assert evil in page.inner_text("#terms")
    assert page.evaluate("window.__xss") is None
    page.fill("#term-form input[name=term]", "Ronald Regan")
    page.fill("#term-form input[name=type]", "CUSTOMER")
    page.fill("#term-form input[name=exclude]", "Airport")
    page.click("#save-term")
    page.wait_for_selector("#terms td:text('CUSTOMER')")
    # edit: rename the type
    page.click("#terms tr:has(td:text('CUSTOMER')) a:text('edit')")
    page.fill("#term-form input[name=type]", "CLIENT")
    page.click("#save-term")
    page.wait_for_selector("#terms td:text('CLIENT')")
    assert page.locator("#terms td:text('CUSTOMER')").count() == 0
    # live test box: the context rule applies
    page.fill("#term-test textarea", "Ronald Regan phoned us about the invoice on Monday. "
              "Then he left from Ronald Regan Airport.")
    page.wait_for_selector("#term-test-result mark")
    assert page.locator("#term-test-result mark").count() == 1
    # export, then import into another tenant
    with page.expect_download() as dl:
        page.click("#export")
    path = tmp_path / "terms.csv"
    dl.value.save_as(path)
    assert "Ronald Regan,CLIENT" in path.read_text(encoding="utf-8")
    page.goto(demo.url + "/console/terms?tenant=globex")
    page.set_input_files("input[type=file]", str(path))
    page.click("#import")
    page.wait_for_selector("#terms td:text('CLIENT')")
    masked = demo.state.core.protect("Ask Ronald Regan", session="s", tenant="globex").masked
    assert "Ronald Regan" not in masked
    # delete
    page.once("dialog", lambda d: d.accept())
    page.click("#terms tr:has(td:text('CLIENT')) button.danger")
    page.wait_for_selector("#terms td:text('CLIENT')", state="detached")


def test_tenant_create_key_issue_and_revoke(page: Any, demo: Demo) -> None:
    page.goto(demo.url + "/console/tenants")
    page.fill("input[name=name]", "initech")
    page.click("#create-tenant")
    page.wait_for_selector("#tenant-list li:text('initech')")
    page.select_option("form:has(#issue-key) select[name=tenant]", "initech")
    page.fill("input[name=label]", "<b>ops</b>")
    page.click("#issue-key")
    key = page.inner_text("#issued-key").strip()
    assert key.startswith("sk-veil-")
    chat = {"model": "echo", "messages": [{"role": "user", "content": "hello"}]}
    with httpx.Client(base_url=demo.url, timeout=30) as c:
        ok = c.post("/v1/chat/completions", json=chat, headers={"Authorization": f"Bearer {key}"})
        assert ok.status_code == 200
        page.goto(demo.url + "/console/tenants")
        assert key not in page.content()
        assert "<b>ops</b>" in page.inner_text("#keys")  # label shown as text
        page.once("dialog", lambda d: d.accept())
        page.click("#keys tr:has(td:text('initech')) button.danger")
        page.wait_for_selector("#keys tr:has(td:text('initech')) td:text('revoked')")
        no = c.post("/v1/chat/completions", json=chat, headers={"Authorization": f"Bearer {key}"})
        assert no.status_code == 401


def test_audit_filters_verification_and_proof(page: Any, demo: Demo) -> None:
    audit = demo.state.audit
    audit.flush(5.0)
    audit.checkpoint(5.0)
    page.goto(demo.url + "/console/audit?kind=admin.")
    assert "intact" in page.inner_text("#verification")
    kinds = page.locator("#audit-records td:nth-child(3)").all_inner_texts()
    assert kinds and all(k.startswith("admin.") for k in kinds)
    assert "admin.key_issue" in kinds and "admin.policy_rollback" in kinds
    page.locator("#audit-records a:text('proof')").first.click()
    page.wait_for_selector("#proof")
    assert "is in the log" in page.inner_text("#proof")
    # nothing the operator typed reaches the log
    page.goto(demo.url + "/console/audit?limit=500")
    body = page.inner_text("#audit-records")
    assert "bob@example.org" not in body and "Ronald Regan" not in body


def test_budgets_and_metrics_charts(page: Any, demo: Demo) -> None:
    from veil.dp.accountant import SQLiteBudgetStore

    store = SQLiteBudgetStore(demo.state.core.settings.resolved_vault_path())
    store.charge("acme", "key-0123456789abcdef/u-1", 1.75)
    chat = {"model": "echo", "messages": [{"role": "user", "content": "to ann@example.net"}]}
    r = httpx.post(demo.url + "/v1/chat/completions", json=chat, timeout=30,
                   headers={"Authorization": f"Bearer {TENANT_KEYS['acme']}"})
    assert r.status_code == 200
    page.goto(demo.url + "/console/metrics")
    assert "1.75" in page.inner_text("#budgets")
    charts = page.locator("#charts svg.chart")
    assert charts.count() == 5
    entities = page.locator("svg[aria-label='Entities masked by type']").inner_html()
    assert "EMAIL" in entities
    assert "p50" in page.locator("svg[aria-label^='Latency']").inner_html()
