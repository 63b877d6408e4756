"""Accounts: users add, list, change."""

from __future__ import annotations

import sys

import click

from reportgen.cli.common import AS_OPTIONAL, BY_OPTION, STORE_OPTION, reports_errors, store_at

ROLE_HELP = ("A role (repeat for more): lead-inspector, editor, coo, chief-inspector, "
             "translator, admin, publication.")


@click.group()
def users() -> None:
    """The accounts that act on the store, and their roles (reportgen/data/roles.toml).

    \b
    Example:
        reportgen users add "Ada Admin" --role admin --password-stdin < secret.txt
        reportgen users add "Lorna Achebe" --role coo --password-stdin --as "Ada Admin" < pw.txt
        reportgen users list
    """


def _password(prompt: bool, stdin: bool) -> str | None:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    if prompt:
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return None


@users.command("add")
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True, help=ROLE_HELP)
@click.option("--password", "prompt", is_flag=True,
              help="Ask for a password, to sign in to the web service (reportgen serve).")
@click.option("--password-stdin", "stdin", is_flag=True,
              help="Read the password from the first line of standard input.")
@click.option("--language", type=click.Choice(["en", "cy"]), default="en", show_default=True,
              help="The language of the web service's pages for this account.")
@STORE_OPTION
@AS_OPTIONAL
@reports_errors
def users_add(name: str, roles: tuple[str, ...], prompt: bool, stdin: bool, language: str,
              store: str, by: str | None) -> None:
    """Add an account. The first account of a store is an administrator, added with no --as;
    every later one is added by an administrator. Without a password the account acts from
    the command line only.

    \b
    Example:
        reportgen users add "Sam Editor" --role editor --password --as "Ada Admin"
    """
    from reportgen.workflow import accounts
    # The store's first account (added with no --as) is what makes a new store.
    accounts.add(store_at(store, create=by is None), name, list(roles), _password(prompt, stdin),
                 by, language)
    click.echo(f"Added {name} ({', '.join(roles)})")


@users.command("change")
@click.argument("name")
@click.option("--role", "roles", multiple=True, help=ROLE_HELP + " Replaces the roles held.")
@click.option("--disable", is_flag=True, help="The account may no longer act or sign in.")
@click.option("--enable", is_flag=True)
@click.option("--password", "prompt", is_flag=True, help="Ask for a new password.")
@click.option("--password-stdin", "stdin", is_flag=True)
@STORE_OPTION
@BY_OPTION
@reports_errors
def users_change(name: str, roles: tuple[str, ...], disable: bool, enable: bool, prompt: bool,
                 stdin: bool, store: str, by: str) -> None:
    """Change an account's roles, password, or whether it may act.

    \b
    Example:
        reportgen users change "Sam Editor" --role editor --role translator --as "Ada Admin"
    """
    from reportgen.workflow import accounts
    active = False if disable else True if enable else None
    accounts.change(store_at(store), name, by, list(roles) or None, active,
                    _password(prompt, stdin))
    click.echo(f"Changed {name}")


@users.command("list")
@STORE_OPTION
@reports_errors
def users_list(store: str) -> None:
    """Every account, its roles, and whether it may sign in to the web service.

    \b
    Example:
        reportgen users list
    """
    from reportgen.workflow import accounts
    for a in accounts.all_accounts(store_at(store)):
        click.echo(f"{a.name:<30} {','.join(a.roles):<32} "
                   f"{'active' if a.active else 'disabled':<9} "
                   f"{'web and command line' if a.has_password else 'command line only'}")


@users.command("token")
@click.argument("name")
@click.option("--label", default="command line", show_default=True,
              help="What the token is for, to tell it from others.")
@STORE_OPTION
@BY_OPTION
@reports_errors
def users_token(name: str, label: str, store: str, by: str) -> None:
    """Make a token that lets the command line act as an account (REPORTGEN_TOKEN), for 90
    days: one's own, or, by an administrator, an account with no password (a scheduled job's).
    It is printed once; only its hash is kept. Tokens are also made on the service's Your
    account page.

    \b
    Example:
        reportgen users token "Ada Admin" --label "my laptop" --as "Ada Admin"
    """
    from reportgen.workflow import accounts, credentials
    s = store_at(store)
    if name != by:
        accounts.authorise(s, by, "accounts.manage")
        if accounts.get(s, name) is None:
            raise accounts.TrackError(f"no account {name}")
    click.echo(credentials.make_token(s, name, by, label))
