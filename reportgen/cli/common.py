"""What every command shares: reporting errors, loading input, the store and user options."""

from __future__ import annotations

import contextlib
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


BY_OPTION = click.option(
    "--as", "by", envvar="REPORTGEN_USER", required=True, metavar="ACCOUNT",
    help="The account that acts (also from REPORTGEN_USER): its roles decide what it may do "
         "(reportgen users list).")
AS_OPTIONAL = click.option(
    "--as", "by", envvar="REPORTGEN_USER", default=None, metavar="ACCOUNT",
    help="The account that acts (also from REPORTGEN_USER).")


def store_at(location: str, report_id: str | None = None, create: bool = False):
    """The store at `location`, and, given a report id, the certainty that it tracks that
    report (a clear error otherwise, before anything is done)."""
    from reportgen.workflow.store import Store
    create = create or click.get_current_context().meta.get("reportgen.create_store", False)
    store = Store(location, create=create)
    if store.created:
        click.echo(f"Created the tracker's store at {store.created}", err=True)
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
