"""``veil terms``: administer the per-tenant sensitive-term database (SQLite).

    veil terms add "Ronald Regan" --type CUSTOMER --exclude Airport --tenant acme
    veil terms list --tenant acme [--json]
    veil terms remove "Ronald Regan" [--type CUSTOMER] --tenant acme
    veil terms import terms.yaml --tenant acme          # YAML or CSV, see docs/detection.md

The database defaults to ``<Settings().home>/terms.sqlite3`` (``VEIL_HOME``); ``--db`` points
elsewhere. Terms are what the administrator typed, so ``list`` prints them; nothing is logged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from veil.errors import VeilError

terms_app = typer.Typer(help="Manage the per-tenant sensitive-term database.",
                        no_args_is_help=True)

Tenant = Annotated[str, typer.Option("--tenant", "-t", help="Tenant id")]
DbPath = Annotated[Path | None, typer.Option(
    "--db", help="SQLite file (default: <VEIL_HOME>/terms.sqlite3)")]


def register(app: typer.Typer) -> None:
    app.add_typer(terms_app, name="terms")


def _store(db: Path | None, *, create: bool = True, missing: str = "") -> Any:
    """The term database; ``create=False`` (list, remove) refuses a missing file instead of
    creating an empty one at a misspelt --db or VEIL_HOME (``missing`` leads the message)."""
    from veil.detect.terms import TermStore, default_term_db_path
    from veil.errors import InputError

    path = db or default_term_db_path()
    if not create and not path.is_file():
        raise InputError(f"{missing}no term database at {path} (nothing was created); check "
                         "--db and VEIL_HOME: `veil terms add` creates it, `veil terms list` "
                         "reads it")
    return TermStore(path)


def _audit(action: str, **fields: Any) -> None:
    """An admin record (tenant, type, count: never the term itself) in the audit log."""
    from veil.audit.admin import record_admin

    record_admin(action, actor="cli", **fields)


def _auditable(action: str, **fields: Any) -> None:
    """Refuse, before anything is written, a change the audit log would refuse to record (a
    tenant name with spaces): the change would otherwise happen unaudited."""
    from veil.audit.records import check_record

    check_record(f"admin.{action}", {"actor": "cli", **fields})


def _run(fn: Callable[[], None]) -> None:
    """Print a VeilError as one line on stderr and exit 2 (also under CliRunner)."""
    try:
        fn()
    except VeilError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None


@terms_app.command("add")
def add(
    term: Annotated[str, typer.Argument(help="The sensitive term (a name, code name, host...)")],
    type: Annotated[str, typer.Option("--type", help="Entity type reported for it")] =
    "SENSITIVE_TERM",
    case_sensitive: Annotated[bool, typer.Option("--case-sensitive",
                                                 help="Match the exact case only")] = False,
    require: Annotated[list[str] | None, typer.Option(
        "--require", help="Sensitive only near this word/phrase (repeatable)")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", help="Not sensitive near this word/phrase (repeatable)")] = None,
    window: Annotated[int, typer.Option(help="Context window in characters")] = 40,
    tenant: Tenant = "default",
    db: DbPath = None,
) -> None:
    """Add (or replace) TERM for a tenant."""

    def go() -> None:
        rule = _rule(term=term, type=type, case_sensitive=case_sensitive,
                     require_context=require or [], exclude_context=exclude or [], window=window)
        _auditable("terms_add", tenant=tenant, entity_type=rule.type, count=1)
        store = _store(db)
        try:
            store.add(tenant, rule)
        finally:
            store.close()
        _audit("terms_add", tenant=tenant, entity_type=rule.type, count=1)
        typer.echo(f"added 1 term ({rule.type}) for tenant {tenant!r}")

    _run(go)


def _rule(**fields: Any) -> Any:
    from pydantic import ValidationError

    from veil.config import TermRule
    from veil.errors import InputError

    try:
        return TermRule(**fields)
    except ValidationError as e:
        from veil.config import TERM_TYPE_HELP

        if any(err["loc"] == ("type",) for err in e.errors()):
            raise InputError(f"invalid term type: {TERM_TYPE_HELP}") from None
        bad = ", ".join(".".join(str(x) for x in err["loc"]) for err in e.errors())
        raise InputError(f"invalid term (fields: {bad}); see `veil terms add --help`") from None


@terms_app.command("remove")
def remove(
    term: Annotated[str, typer.Argument(help="The term, exactly as listed")],
    type: Annotated[str | None, typer.Option("--type", help="Only this entity type")] = None,
    tenant: Tenant = "default",
    db: DbPath = None,
) -> None:
    """Remove TERM (every type, or only --type) from a tenant."""

    def go() -> None:
        from veil.errors import InputError

        _auditable("terms_remove", tenant=tenant, count=0)
        store = _store(db, create=False, missing=f"no such term for tenant {tenant!r}: ")
        try:
            n = store.remove(tenant, term, type)
        finally:
            store.close()
        _audit("terms_remove", tenant=tenant, count=n)
        if n == 0:
            raise InputError(f"no such term for tenant {tenant!r}"
                             + (f" with type {type.upper()}" if type else "")
                             + "; see `veil terms list`")
        typer.echo(f"removed {n} term{'s' if n != 1 else ''} from tenant {tenant!r}")

    _run(go)


@terms_app.command("list")
def list_terms(
    tenant: Tenant = "default",
    db: DbPath = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array of rules")] = False,
    all_tenants: Annotated[bool, typer.Option("--tenants",
                                              help="List the tenant ids instead")] = False,
) -> None:
    """List a tenant's terms (term, type, context rules)."""

    def go() -> None:
        from veil.detect.terms import default_term_db_path

        path = db or default_term_db_path()
        if not path.is_file():  # nothing to list; a read creates no database either
            typer.echo(f"note: no term database at {path} (`veil terms add` creates it); check "
                       "--db and VEIL_HOME if you expected one", err=True)
            if as_json and not all_tenants:
                typer.echo("[]")
            return
        store = _store(path)
        try:
            if all_tenants:
                for t in store.tenants():
                    typer.echo(t)
                return
            rules = store.list(tenant)
            if not rules and tenant not in store.tenants():  # likely a misspelt --tenant
                typer.echo(f"note: no terms for tenant {tenant!r}; `veil terms list --tenants` "
                           "lists the tenants that have some", err=True)
        finally:
            store.close()
        if as_json:
            typer.echo(json.dumps([r.model_dump() for r in rules], ensure_ascii=False, indent=2))
            return
        for r in rules:
            extra = []
            if r.case_sensitive:
                extra.append("case-sensitive")
            if r.require_context:
                extra.append("require=" + "|".join(r.require_context))
            if r.exclude_context:
                extra.append("exclude=" + "|".join(r.exclude_context))
            typer.echo("\t".join([r.term, r.type, *extra]))

    _run(go)


@terms_app.command("import")
def import_terms(
    file: Annotated[Path, typer.Argument(help="YAML or CSV file of terms")],
    tenant: Tenant = "default",
    db: DbPath = None,
    replace: Annotated[bool, typer.Option("--replace",
                                          help="Remove the tenant's other terms first")] = False,
) -> None:
    """Add every term of a YAML/CSV file to a tenant (all or nothing)."""

    def go() -> None:
        from veil.detect.terms import load_terms_file
        from veil.errors import InputError

        rules = load_terms_file(file)  # validates every row before anything is written
        if not rules:  # with --replace it would delete every term of the tenant
            raise InputError(f"terms file {file} holds no terms; nothing was imported or "
                             "removed (to drop a tenant's terms, remove them one by one)")
        _auditable("terms_import", tenant=tenant, count=len(rules),
                   status="replace" if replace else "add")
        store = _store(db)
        try:
            n = store.add_many(tenant, rules, replace=replace)
        finally:
            store.close()
        _audit("terms_import", tenant=tenant, count=n, status="replace" if replace else "add")
        typer.echo(f"imported {n} term{'s' if n != 1 else ''} for tenant {tenant!r}")

    _run(go)
