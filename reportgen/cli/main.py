"""The command line: a thin face over the package. Each command parses its options, calls one
function of a lower layer, and prints. Exit status: 0 done, 1 a check found something, 2 the
input (or a document) could not be used."""

from __future__ import annotations

import sys
from typing import Any

import click

from reportgen import __version__
from reportgen.cli import (
    check,
    edits,
    fa,
    glossary,
    inputs,
    publish,
    render,
    serve,
    track,
    translate,
    users,
    worker,
)
from reportgen.files import private_umask


class Reportgen(click.Group):
    """A usage error is one line, as every other error is: what is wrong, and where help is."""

    def main(self, args: Any = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        private_umask()  # every file a command or the service writes is the user's alone
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "reportgen"
            click.echo(f"error: {where}: {exc.format_message().rstrip('.')} (see {where} --help)",
                       err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=Reportgen,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="reportgen")
def cli() -> None:
    """Render HM Inspectorate of Probation inspection documents from finalised ratings-and-findings
    data, and check that data against the manual's rules.

    Input files are JSON, one per inspection: a PDU inspection, a regional inspection or an
    inspection plan (see `reportgen schema` and docs/input.md).

    \b
    Example:
        reportgen validate fixtures/wales/region.json
        reportgen render fixtures/wales/pdus/gwent.json --doc pdu-report --lang cy
    """



for command in (inputs.validate, inputs.ratings, inputs.plan, inputs.schema, render.render,
                render.render_all, translate.translate, glossary.glossary, track.track,
                edits.edits, fa.fa, check.check, publish.publish, users.users, serve.serve,
                worker.worker):
    cli.add_command(command)


if __name__ == "__main__":
    cli()
