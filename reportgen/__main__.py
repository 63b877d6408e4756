"""`python -m reportgen` is the `reportgen` command."""

from reportgen.cli.main import cli

if __name__ == "__main__":
    cli(prog_name="reportgen")
