"""The editorial service: `reportgen serve`. A server-rendered web application on the GOV.UK
Design System (govuk-frontend, served from this machine) over the same workflow functions as
the command line; every action is checked by reportgen.workflow.accounts for the account signed
in. Nothing below this package imports it."""

from reportgen.web.app import create_app

__all__ = ["create_app"]
