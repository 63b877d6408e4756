"""What every command shares: reporting errors, loading input, the store and user options."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from reportgen.errors import InputError, ReportgenError
from reportgen.loading import parse
from reportgen.reading import Loaded

F = TypeVar("F", bound=Callable[..., Any])

EXISTING = click.Path(path_type=Path, dir_okay=False)
# A document a command reads as it is (a Word file, a form, a translation): it must be there.
DOCUMENT = click.Path(path_type=Path, exists=True, dir_okay=False, readable=True)


def reports_errors(fn: F) -> F:
    """Print a ReportgenError as its lines on stderr and exit 2, with no traceback."""

    @wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(problem.line(), err=True)
            sys.exit(2)
        except ReportgenError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)

    return run  # type: ignore[return-value]


def load(path: Path) -> Loaded:
    loaded = parse(path)
    for w in loaded.warnings:
        click.echo(w.line(), err=True)
    return loaded



def parse_list(value: str, allowed: Sequence[str], what: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        raise click.BadParameter(f"{', '.join(bad) or 'nothing'}: choose {what} from "
                                 f"{', '.join(allowed)}")
    return items



def _create(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    ctx.meta["reportgen.create_store"] = value


def STORE_OPTION(fn: F) -> F:
    """--store, and --create: a store is created only with its first account or when asked, so
    that a mistyped path is an error rather than a tracker that seems to hold no reports."""
    fn = click.option("--create", is_flag=True, expose_value=False, is_eager=True,
                      callback=_create, help="Create the store if it does not exist.")(fn)
    return click.option(
        "--store", envvar="REPORTGEN_STORE", default="reportgen-tracker.db", show_default=True,
        help="The tracker's store: a SQLite file or a SQLAlchemy URL (also from "
             "REPORTGEN_STORE). Made by users add with its first account, or by any command "
             "given --create.")(fn)


def _acting(ctx: click.Context, _: click.Parameter, value: str | None) -> str | None:
    ctx.meta["reportgen.as"] = value  # proven against the store when it is opened (store_at)
    return value


def _password_file(ctx: click.Context, _: click.Parameter, value: Path | None) -> None:
    ctx.meta["reportgen.password_file"] = value


def _as_option(required: bool) -> Callable[[F], F]:
    def decorate(fn: F) -> F:
        fn = click.option(
            "--password-file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
            expose_value=False, callback=_password_file,
            help="A file holding the acting account's password (or REPORTGEN_PASSWORD, or a "
                 "token made on the service's Your account page in REPORTGEN_TOKEN; "
                 "otherwise the password is asked for).")(fn)
        return click.option(
            "--as", "by", envvar="REPORTGEN_USER", required=required, default=None,
            metavar="ACCOUNT", callback=_acting,
            help="The account that acts (also from REPORTGEN_USER): its roles decide what it "
                 "may do (reportgen users list). Its password or token proves it.")(fn)
    return decorate


BY_OPTION = _as_option(required=True)
AS_OPTIONAL = _as_option(required=False)


def prove(store: Any, by: str) -> None:
    """That the person acting as `by` holds its credential: a token (REPORTGEN_TOKEN), or its
    password (--password-file, REPORTGEN_PASSWORD, or asked for). A store with one account, a
    single person's, needs none, and says so."""
    from reportgen.workflow import accounts, credentials
    ctx = click.get_current_context()
    if len(store.accounts()) == 1:
        click.echo(f"note: acting as {by} with no credential checked: this store has one "
                   "account", err=True)
        return
    token = os.environ.get("REPORTGEN_TOKEN", "").strip()
    if token:
        owner = credentials.token_account(store, token)
        if owner != by:
            raise ReportgenError(f"the token in REPORTGEN_TOKEN is {owner}'s, not {by}'s")
        return
    file = ctx.meta.get("reportgen.password_file")
    password = file.read_text(encoding="utf-8").rstrip("\n") if file else \
        os.environ.get("REPORTGEN_PASSWORD")
    if password is None and sys.stdin is not None and sys.stdin.isatty():
        password = click.prompt(f"Password for {by}", hide_input=True, err=True)
    if password is None:
        raise ReportgenError(f"acting as {by} needs its password (asked for at a terminal, or "
                             "--password-file FILE or REPORTGEN_PASSWORD) or a token "
                             "(REPORTGEN_TOKEN, made on the service's Your account page)")
    if accounts.verify(store, by, password) is None:
        store.audit(by, "command line", None, False, "wrong password")
        raise ReportgenError(f"that is not the password of an active account {by}")


def store_at(location: str, report_id: str | None = None, create: bool = False):
    """The store at `location`, and, given a report id, the certainty that it tracks that
    report (a clear error otherwise, before anything is done)."""
    from reportgen.workflow.store import Store
    create = create or click.get_current_context().meta.get("reportgen.create_store", False)
    store = Store(location, create=create)
    if store.created:
        click.echo(f"Created the tracker's store at {store.created}", err=True)
    ctx = click.get_current_context()
    by = ctx.meta.get("reportgen.as")
    if by and not ctx.meta.get("reportgen.proven"):
        prove(store, by)
        ctx.meta["reportgen.proven"] = True
    if report_id is not None:
        store.report(report_id)
    return store


@contextlib.contextmanager
def a_run(name: str) -> Iterator[None]:
    """A command that makes files: stopped cleanly by a signal, with its own and its libraries'
    temporary files in a workspace of its own, removed however the command ends."""
    from reportgen.files import temporaries_in_workspace
    from reportgen.processes import stopping_on_signals
    with stopping_on_signals(), temporaries_in_workspace(name):
        yield
