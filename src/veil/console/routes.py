"""HTTP routes of the console (``/console/...``): server-rendered pages, htmx fragments.

Every route but the login form and the static files requires an operator session (or an admin
key as ``Authorization: Bearer``); tenant keys are refused everywhere. Every POST checks the
CSRF token of the session. Templates autoescape everything (a prompt with ``<script>`` renders
as text), and every response carries a strict Content-Security-Policy.
"""

from __future__ import annotations

import csv
import difflib
import io
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData, UploadFile

from veil.config import TermRule
from veil.errors import VeilError
from veil.gateway.admin import GatewayAdmin
from veil.gateway.state import GatewayState
from veil.wire.errors import error_body

from . import audit_view, stats
from .auth import COOKIE, SESSION_SECONDS, ConsoleSession, LoginThrottle, SessionSigner, cross_site
from .charts import bar_chart, line_chart
from .playground import MAX_PROMPT_CHARS, Playground, known_types, variant_policy

log = logging.getLogger("veil.console")
HERE = Path(__file__).parent
STATIC = {
    "htmx.min.js": "text/javascript",
    "console.js": "text/javascript",
    "console.css": "text/css",
    "htmx.LICENSE.txt": "text/plain",
}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
MAX_CSV_BYTES = 2 * 1024 * 1024

router = APIRouter(prefix="/console", include_in_schema=False)
# Autoescaping on for every template, whatever its name: prompts and terms are operator input.
templates = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True))
templates.env.filters["utc"] = lambda t: datetime.fromtimestamp(float(t), UTC).strftime(
    "%Y-%m-%d %H:%M:%S")


class Console:
    """Everything the console keeps per app."""

    def __init__(self, state: GatewayState) -> None:
        self.state = state
        self.admin = GatewayAdmin(state)
        self.signer = SessionSigner(state)
        self.throttle = LoginThrottle()
        self.playground = Playground(state)
        self.history = stats.History(state)


def _console(request: Request) -> Console:
    c: Console = request.app.state.console
    return c


def _secure_headers(resp: Response) -> Response:
    resp.headers["Content-Security-Policy"] = CSP
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Referrer-Policy"] = "same-origin"  # no-referrer makes Origin "null"
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _refuse(status: int, message: str, code: str) -> Response:
    kind = "authentication_error" if status == 401 else "invalid_request_error"
    return _secure_headers(JSONResponse(error_body(message, kind, code=code), status_code=status))


def _session(request: Request) -> ConsoleSession | Response:
    """The operator's session, or the response refusing the request."""
    c = _console(request)
    tenants = c.state.tenants
    if not tenants.has_admin:
        return _refuse(404, "not found; the console needs admin_api_key_sha256 in the gateway "
                       "config", "not_found")
    auth, xkey = request.headers.get("authorization"), request.headers.get("x-api-key")
    if auth is not None or xkey is not None:
        key = xkey or ""
        if auth:
            scheme, _, value = auth.partition(" ")
            key = value.strip() if scheme.lower() == "bearer" else ""
        kid = tenants.admin_key_id(key)
        if kid is None:
            return _refuse(401, "console: send an admin key (tenant keys are not accepted), or "
                           "log in at /console/login", "invalid_api_key")
        return ConsoleSession(kid, "bearer", 0)
    s = c.signer.check(request.cookies.get(COOKIE))
    if s is None:
        if request.method == "GET" and "hx-request" not in request.headers:
            return _redirect("/console/login")
        return _refuse(401, "console: your session is missing or expired; log in at "
                       "/console/login", "invalid_api_key")
    return s


async def _form(request: Request, s: ConsoleSession) -> FormData | Response:
    """The POSTed form after the CSRF check (bearer-key callers have no session to forge)."""
    c = _console(request)
    form = await request.form(max_part_size=MAX_CSV_BYTES)
    if s.sid == "bearer":
        return form
    token = request.headers.get("x-csrf-token") or form.get("csrf")
    if cross_site(request) or not c.signer.check_csrf(s, token if isinstance(token, str) else None):
        return _refuse(403, "console: missing or wrong CSRF token; reload the page and retry",
                       "csrf_failed")
    return form


def _text(form: FormData, name: str, default: str = "") -> str:
    v = form.get(name)
    return v if isinstance(v, str) else default


def _page(request: Request, s: ConsoleSession, name: str, **ctx: Any) -> Response:
    c = _console(request)
    c.history.start()
    ctx.update(
        request=request,
        csrf="" if s.sid == "bearer" else c.signer.csrf(s),
        tenants=sorted(c.state.tenants.tenants),
        page=name.split(".")[0].split("_")[0],
    )
    return _secure_headers(templates.TemplateResponse(request, name, ctx))


def _internal(request: Request, exc: Exception) -> Response:
    log.error("console failure: path=%s error=%s", request.url.path, type(exc).__name__)
    return _refuse(500, f"console: internal failure ({type(exc).__name__}); see the gateway log",
                   "internal_error")


Handler = Callable[[Request, ConsoleSession], Awaitable[Response]]
FormHandler = Callable[[Request, ConsoleSession, FormData], Awaitable[Response]]


def _redirect(url: str) -> Response:
    """Post/redirect/get: a form's result page is a fresh GET."""
    return _secure_headers(RedirectResponse(url, status_code=303))


def _get(path: str) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        async def route(request: Request) -> Response:
            s = _session(request)
            if isinstance(s, Response):
                return s
            try:
                return await fn(request, s)
            except Exception as e:  # noqa: BLE001 - class name only: the message may quote input
                return _internal(request, e)

        router.add_api_route(path, route, methods=["GET"], name=f"console_{fn.__name__}")
        return fn

    return deco


def _post(path: str) -> Callable[[FormHandler], FormHandler]:
    """A form's route: signed-in operator, then the CSRF check, then ``fn(request, s, form)``."""
    def deco(fn: FormHandler) -> FormHandler:
        async def route(request: Request) -> Response:
            s = _session(request)
            if isinstance(s, Response):
                return s
            try:
                form = await _form(request, s)
                if isinstance(form, Response):
                    return form
                return await fn(request, s, form)
            except VeilError as e:  # our own messages name the problem, never input text
                return _secure_headers(HTMLResponse(
                    templates.get_template("_error.html").render(message=str(e)),
                    status_code=200 if "hx-request" in request.headers else 400))
            except Exception as e:  # noqa: BLE001 - class name only: the message may quote input
                return _internal(request, e)

        router.add_api_route(path, route, methods=["POST"], name=f"console_{fn.__name__}")
        return fn

    return deco


def _tenant_arg(request: Request, form: FormData | None = None) -> str:
    c = _console(request)
    t = (_text(form, "tenant") if form is not None else "") or request.query_params.get("tenant")
    names = sorted(c.state.tenants.tenants)
    return t if t in names else names[0]


# ------------------------------------------------------------------------------ login, static
@router.get("/static/{name}")
async def static(name: str) -> Response:
    if name not in STATIC:
        return _refuse(404, "not found", "not_found")
    resp = Response((HERE / "static" / name).read_bytes(), media_type=STATIC[name])
    _secure_headers(resp)
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp


@router.get("/login")
async def login_page(request: Request) -> Response:
    if not _console(request).state.tenants.has_admin:
        return _refuse(404, "not found; the console needs admin_api_key_sha256 in the gateway "
                       "config", "not_found")
    return _secure_headers(templates.TemplateResponse(request, "login.html", {"error": ""}))


@router.post("/login")
async def login(request: Request) -> Response:
    c = _console(request)
    if not c.state.tenants.has_admin:
        return _refuse(404, "not found", "not_found")
    client = request.client.host if request.client else "-"
    wait = c.throttle.retry_after(client)
    if wait:
        resp = _secure_headers(templates.TemplateResponse(
            request, "login.html", {"error": f"too many failed logins; retry in {wait} s"},
            status_code=429))
        resp.headers["Retry-After"] = str(wait)
        return resp
    if cross_site(request):
        return _refuse(403, "console: cross-site login refused", "csrf_failed")
    form = await request.form(max_part_size=4096)
    kid = c.state.tenants.admin_key_id(_text(form, "key").strip())
    if kid is None:
        c.throttle.failed(client)
        log.warning("console login refused: client=%s", client)
        return _secure_headers(templates.TemplateResponse(
            request, "login.html",
            {"error": "not an admin key (tenant keys cannot open the console)"}, status_code=401))
    cookie, _ = c.signer.issue(kid)
    resp = RedirectResponse("/console/playground", status_code=303)
    resp.set_cookie(COOKIE, cookie, max_age=SESSION_SECONDS, httponly=True, samesite="strict",
                    secure=request.url.scheme == "https", path="/console")
    log.info("console login: operator=%s", kid)
    return _secure_headers(resp)


@_post("/logout")
async def logout(request: Request, s: ConsoleSession, form: FormData) -> Response:
    resp = RedirectResponse("/console/login", status_code=303)
    resp.delete_cookie(COOKIE, path="/console")
    return _secure_headers(resp)


@_get("")
async def home(request: Request, s: ConsoleSession) -> Response:
    return _redirect("/console/playground")


# ------------------------------------------------------------------------------ playground
@_get("/playground")
async def playground_page(request: Request, s: ConsoleSession) -> Response:
    c = _console(request)
    tenant = _tenant_arg(request)
    from veil.mask.operators import operator_names

    policy = c.state.core.policy(tenant)
    return _page(request, s, "playground.html", tenant=tenant, types=known_types(policy, []),
                 operators=operator_names(), policy=policy)


@_post("/playground/run")
async def playground_run(request: Request, s: ConsoleSession, form: FormData) -> Response:
    from anyio import to_thread

    from veil.errors import InputError

    c = _console(request)
    tenant = _tenant_arg(request, form)
    prompt = _text(form, "prompt")
    if len(prompt) > MAX_PROMPT_CHARS:
        raise InputError(f"the playground takes up to {MAX_PROMPT_CHARS} characters")
    running = c.state.core.policy(tenant)
    draft = _text(form, "policy_yaml").strip()
    base = c.admin.validate_policy(draft, tenant) if draft else running
    types = known_types(base, [])
    disabled = {t for t in types if form.get(f"off_{t}") is not None}
    operators = {t: op for t in types if (op := _text(form, f"op_{t}"))}
    policy = variant_policy(base, disabled=disabled, operators=operators)
    if not prompt.strip():
        return _secure_headers(HTMLResponse(""))
    result, conv = await to_thread.run_sync(
        lambda: c.playground.protect(tenant, prompt, policy, running))
    try:
        if form.get("upstream") is not None:
            await c.playground.ask_upstream(result, conv)
    finally:
        await to_thread.run_sync(c.playground.forget, conv)
    import json

    return _secure_headers(templates.TemplateResponse(request, "_playground_result.html", {
        "r": result,
        "masked_json": json.dumps(result.masked_body, indent=2, ensure_ascii=False),
        "variant": policy != running,
    }))


# ------------------------------------------------------------------------------ policy
def _diff(old: str, new: str) -> list[tuple[str, str]]:
    out = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), "running", "draft",
                                     lineterm="", n=2):
        cls = ("add" if line.startswith("+") and not line.startswith("+++") else
               "del" if line.startswith("-") and not line.startswith("---") else
               "hunk" if line.startswith("@@") else "ctx")
        out.append((cls, line))
    return out


@_get("/policy")
async def policy_page(request: Request, s: ConsoleSession) -> Response:
    c = _console(request)
    tenant = _tenant_arg(request)
    msg = {"applied": "applied", "rolledback": "rolled back"}.get(
        request.query_params.get("done", ""), "")
    return _page(request, s, "policy.html", tenant=tenant,
                 running=c.admin.running_policy_text(tenant), history=c.admin.history(tenant),
                 done=msg, version=request.query_params.get("v", ""))


@_post("/policy/check")
async def policy_check(request: Request, s: ConsoleSession, form: FormData) -> Response:
    from veil.errors import PolicyError

    c = _console(request)
    tenant = _tenant_arg(request, form)
    text = _text(form, "policy_yaml")
    error = ""
    try:
        c.admin.validate_policy(text, tenant)
    except PolicyError as e:
        error = str(e)
    diff = _diff(c.admin.running_policy_text(tenant), text)
    return _secure_headers(templates.TemplateResponse(
        request, "_policy_check.html", {"error": error, "diff": diff}))


@_post("/policy/apply")
async def policy_apply(request: Request, s: ConsoleSession, form: FormData) -> Response:
    c = _console(request)
    tenant = _tenant_arg(request, form)
    v = c.admin.apply_policy(tenant, _text(form, "policy_yaml"))
    return _redirect(f"/console/policy?tenant={tenant}&done=applied&v={v}")


@_post("/policy/rollback")
async def policy_rollback(request: Request, s: ConsoleSession, form: FormData) -> Response:
    c = _console(request)
    tenant = _tenant_arg(request, form)
    v = c.admin.rollback_policy(tenant)
    return _redirect(f"/console/policy?tenant={tenant}&done=rolledback&v={v}")


# ------------------------------------------------------------------------------ terms
def _split(v: str) -> list[str]:
    return [x.strip() for x in v.replace("|", ",").split(",") if x.strip()]


def _term_from_form(form: FormData) -> TermRule:
    from pydantic import ValidationError

    from veil.errors import InputError

    try:
        return TermRule(
            term=" ".join(_text(form, "term").split()),
            type=_text(form, "type") or "SENSITIVE_TERM",
            case_sensitive=form.get("case_sensitive") is not None,
            require_context=_split(_text(form, "require")),
            exclude_context=_split(_text(form, "exclude")),
            window=int(_text(form, "window") or 40),
        )
    except (ValidationError, ValueError):
        raise InputError("invalid term: give a term, a type, and a window of 0 or more "
                         "characters") from None


@_get("/terms")
async def terms_page(request: Request, s: ConsoleSession) -> Response:
    c = _console(request)
    tenant = _tenant_arg(request)
    edit = None
    if (t := request.query_params.get("edit")) is not None:
        edit = next((r for r in c.admin.terms(tenant)
                     if r.term == t and r.type == request.query_params.get("type")), None)
    return _page(request, s, "terms.html", tenant=tenant, terms=c.admin.terms(tenant), edit=edit,
                 done=request.query_params.get("done", ""))


@_post("/terms/save")
async def terms_save(request: Request, s: ConsoleSession, form: FormData) -> Response:
    c = _console(request)
    tenant = _tenant_arg(request, form)
    rule = _term_from_form(form)
    remove = []
    orig_term, orig_type = _text(form, "orig_term"), _text(form, "orig_type")
    if orig_term and (orig_term, orig_type) != (rule.term, rule.type):
        remove.append((orig_term, orig_type))
    c.admin.change_terms(tenant, add=[rule], remove=remove, action="edit" if remove else "add")
    return _redirect(f"/console/terms?tenant={tenant}&done=saved")


@_post("/terms/delete")
async def terms_delete(request: Request, s: ConsoleSession, form: FormData) -> Response:
    c = _console(request)
    tenant = _tenant_arg(request, form)
    c.admin.change_terms(tenant, remove=[(_text(form, "term"), _text(form, "type"))],
                         action="delete")
    return _redirect(f"/console/terms?tenant={tenant}&done=deleted")


@_post("/terms/import")
async def terms_import(request: Request, s: ConsoleSession, form: FormData) -> Response:
    from veil.detect.terms import _rule_from_row
    from veil.errors import InputError

    c = _console(request)
    tenant = _tenant_arg(request, form)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise InputError("choose a CSV file to import")
    raw = await upload.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise InputError("the CSV file is larger than 2 MB; split it")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the CSV file is not UTF-8; re-save it as UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "term" not in reader.fieldnames:
        raise InputError("the CSV needs a header row with at least a `term` column "
                         "(term,type,case_sensitive,require_context,exclude_context,window)")
    rules = [_rule_from_row(dict(r), f"at row {i + 2}") for i, r in enumerate(reader)]
    c.admin.change_terms(tenant, add=rules, replace=form.get("replace") is not None,
                         action="import")
    return _redirect(f"/console/terms?tenant={tenant}&done=imported-{len(rules)}")


@_get("/terms/export")
async def terms_export(request: Request, s: ConsoleSession) -> Response:
    c = _console(request)
    tenant = _tenant_arg(request)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["term", "type", "case_sensitive", "require_context", "exclude_context", "window"])
    for r in c.admin.terms(tenant):
        w.writerow([r.term, r.type, str(r.case_sensitive).lower(), "|".join(r.require_context),
                    "|".join(r.exclude_context), r.window])
    resp = PlainTextResponse(buf.getvalue(), media_type="text/csv; charset=utf-8")
    resp.headers["Content-Disposition"] = f'attachment; filename="terms-{tenant}.csv"'
    return _secure_headers(resp)


@_post("/terms/test")
async def terms_test(request: Request, s: ConsoleSession, form: FormData) -> Response:
    from veil.detect.terms import TermDatabase

    c = _console(request)
    tenant = _tenant_arg(request, form)
    text = _text(form, "text")[:MAX_PROMPT_CHARS]
    found = TermDatabase(c.admin.terms(tenant)).analyze(text)
    spans: list[tuple[str, str | None]] = []
    pos = 0
    for d in sorted(found, key=lambda d: d.start):
        if d.start < pos:
            continue
        spans.append((text[pos:d.start], None))
        spans.append((text[d.start:d.end], d.type))
        pos = d.end
    spans.append((text[pos:], None))
    return _secure_headers(templates.TemplateResponse(
        request, "_terms_test.html", {"spans": spans, "count": len(found)}))


# ------------------------------------------------------------------------------ tenants and keys
@_get("/tenants")
async def tenants_page(request: Request, s: ConsoleSession) -> Response:
    c = _console(request)
    return _page(request, s, "tenants.html", keys=c.admin.keys(), issued=None,
                 open_gateway=c.state.tenants.open)


@_post("/tenants/create")
async def tenants_create(request: Request, s: ConsoleSession, form: FormData) -> Response:
    c = _console(request)
    c.admin.create_tenant(_text(form, "name"))
    return _redirect("/console/tenants")


@_post("/keys/issue")
async def keys_issue(request: Request, s: ConsoleSession, form: FormData) -> Response:
    c = _console(request)
    tenant = _tenant_arg(request, form)
    key, kid = c.admin.issue_key(tenant, _text(form, "label"))
    # Shown in this one response and never again (only its digest is kept).
    return _page(request, s, "tenants.html", keys=c.admin.keys(),
                 issued={"key": key, "key_id": kid, "tenant": tenant},
                 open_gateway=c.state.tenants.open)


@_post("/keys/revoke")
async def keys_revoke(request: Request, s: ConsoleSession, form: FormData) -> Response:
    c = _console(request)
    c.admin.revoke_key(_text(form, "key_id"))
    return _redirect("/console/tenants")


# ------------------------------------------------------------------------------ audit
@_get("/audit")
async def audit_page(request: Request, s: ConsoleSession) -> Response:
    from anyio import to_thread

    c = _console(request)
    q = request.query_params
    kind, tenant = q.get("kind", "")[:64], q.get("tenant", "")[:64]
    try:
        limit = max(1, min(audit_view.MAX_SHOWN, int(q.get("limit", "100"))))
    except ValueError:
        limit = 100
    rows, size = await to_thread.run_sync(
        lambda: audit_view.records(c.state, kind=kind, tenant=tenant, limit=limit))
    verification = await to_thread.run_sync(audit_view.verify, c.state)
    proof = None
    if (p := q.get("proof", "")).isdigit():
        proof = await to_thread.run_sync(audit_view.prove, c.state, int(p))
    return _page(request, s, "audit.html", unavailable=audit_view.available(c.state), rows=rows,
                 size=size, verification=verification, proof=proof, kind=kind,
                 filter_tenant=tenant, limit=limit)


# ------------------------------------------------------------------------------ budgets, metrics
@_get("/metrics")
async def metrics_page(request: Request, s: ConsoleSession) -> Response:
    c = _console(request)
    return _page(request, s, "metrics.html", **_metrics_ctx(c))


@_get("/metrics/charts")
async def metrics_charts(request: Request, s: ConsoleSession) -> Response:
    c = _console(request)
    return _secure_headers(templates.TemplateResponse(
        request, "_metrics_charts.html", _metrics_ctx(c)))


def _metrics_ctx(c: Console) -> dict[str, Any]:
    snap = stats.snapshot(c.state)
    xs, rates = c.history.rates()
    pct = [(f"p{int(q * 100)}", v * 1000) for q in (0.5, 0.9, 0.95, 0.99)
           if (v := snap.percentile(q)) is not None]
    rows, note = stats.budgets(c.state)
    limits: dict[str, float | None] = {}
    for name in c.state.tenants.tenants:
        dp = c.state.core.policy(name).dp
        limits[name] = dp.user_budget if dp is not None else None
    return {
        "requests_chart": line_chart(xs, list(rates.items()), title="Requests, errors and "
                                     "entities per minute"),
        "entities_chart": bar_chart(sorted(snap.entities.items(), key=lambda kv: -kv[1]),
                                    title="Entities masked by type"),
        "latency_chart": bar_chart(pct, title="Latency percentiles (served requests)",
                                   unit=" ms"),
        "errors_chart": bar_chart(sorted(snap.errors.items(), key=lambda kv: -kv[1]),
                                  title="Errors by code"),
        "endpoint_chart": bar_chart(sorted(((k, v) for k, v in snap.requests.items()
                                            if k in stats.SERVED), key=lambda kv: -kv[1]),
                                    title="Requests by endpoint"),
        "budgets": rows,
        "budget_note": note,
        "default_limits": limits,
    }


__all__ = ["CSP", "Console", "router"]
