from reportgen.cli.main import cli

cli(prog_name="reportgen")
