"""Inputs (upload an inspection or plan file, a region's file with its PDU files, or load the
bundled fixtures) and correspondence (the letters, project plans and calendars of a plan, issued
and kept as issued)."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, send_file, url_for

from reportgen.errors import InputError, Problem, ReportgenError
from reportgen.web.extensions import ROOT, store
from reportgen.web.forms import Button, FixturesForm, InputUpload
from reportgen.web.i18n import _
from reportgen.workflow import inputs

bp = Blueprint("inputs", __name__)
FIXTURES = ROOT / "fixtures"
REGIONS = {"wales": "Wales", "east-of-england": "East of England"}
MAX_FILES = 40  # a region's file and its PDU files: 18 in the largest region


@bp.route("/inputs", methods=["GET", "POST"])
def upload() -> Any:
    form = InputUpload(prefix="input")
    fixtures = FixturesForm(prefix="fixtures")
    fixtures.region.choices = list(REGIONS.items())
    problems: list[Any] = []
    if form.validate_on_submit():
        chosen = [f for f in form.documents.data if f.filename][:MAX_FILES + 1]
        # Each file by its own name, reduced to its last part: no name is ever a path here.
        uploads = {_name(f.filename, i): f.read() for i, f in enumerate(chosen)}
        try:
            if len(uploads) > MAX_FILES:
                raise InputError([Problem("the files", f"at most {MAX_FILES} files",
                                          f"{len(chosen)} or more", "the upload")])
            return _kept(uploads)
        except InputError as exc:
            problems = exc.problems
    return render_template("inputs.html", form=form, fixtures=fixtures, problems=problems,
                           kept=store().inputs()), 400 if problems or form.errors else 200


def _name(filename: str, i: int) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name if name.endswith(".json") and len(name) <= 100 else f"file-{i + 1}.json"


def _kept(uploads: dict[str, bytes]) -> Any:
    """Keep the checked files and, for an account that may, track the reports they make."""
    input_id, loaded, bundle = inputs.keep(store(), uploads, g.account.name)
    if loaded.data.kind == "inspection-plan" or not g.account.may("track.start"):
        flash(_("The file is valid and kept."))
        return redirect(url_for("inputs.correspondence_plan", input_id=input_id)
                        if loaded.data.kind == "inspection-plan" else url_for("inputs.upload"))
    try:
        started = inputs.start_reports(store(), bundle, loaded, g.account.name)
    except ReportgenError as exc:
        flash({"title": _("The files are kept, but their reports were not started"),
               "problems": [str(exc)]}, "error")
        return redirect(url_for("inputs.upload"))
    flash(_("The files are valid and kept; %(n)d report(s) are tracked from their drafts.",
            n=len(started)))
    if len(started) == 1:
        return redirect(url_for("reports.report", report_id=started[0]))
    return redirect(url_for("reports.dashboard"))


@bp.route("/inputs/fixtures", methods=["POST"])
def load_fixtures() -> Any:
    """The bundled fixtures of one region: its plan kept, and every report's draft tracked."""
    form = FixturesForm(prefix="fixtures")
    form.region.choices = list(REGIONS.items())
    if not form.validate_on_submit():
        abort(400)
    folder = FIXTURES / form.region.data  # one of REGIONS' keys: the form refuses any other
    inputs.keep(store(), {"plan.json": (folder / "plan.json").read_bytes()}, g.account.name)
    files = {"region.json": (folder / "region.json").read_bytes(),
             **{p.name: p.read_bytes() for p in sorted((folder / "pdus").glob("*.json"))}}
    _, loaded, bundle = inputs.keep(store(), files, g.account.name)
    started = inputs.start_reports(store(), bundle, loaded, g.account.name)
    flash(_("Loaded %(region)s: %(n)d report(s) started.", region=REGIONS[form.region.data],
            n=len(started)))
    return redirect(url_for("reports.dashboard"))


@bp.route("/correspondence")
def correspondence() -> Any:
    return render_template("correspondence.html", plans=store().inputs("inspection-plan"),
                           button=Button())


def _plan(input_id: int) -> Any:
    plan = next((p for p in store().inputs("inspection-plan") if p.id == input_id), None)
    if plan is None:
        abort(404)
    return plan


def _made(input_id: int, by: str) -> dict[str, bytes]:
    return _made_in(str(store().engine.url), input_id, by)


@lru_cache(maxsize=8)
def _made_in(store_url: str, input_id: int, by: str) -> dict[str, bytes]:
    """A plan's files, made once a process for each store (an input is never changed)."""
    return inputs.correspondence(store(), input_id, by)


@bp.route("/correspondence/<int:input_id>")
def correspondence_plan(input_id: int) -> Any:
    plan = _plan(input_id)
    names = sorted(_made(input_id, g.account.name))
    return render_template("correspondence_plan.html", plan=plan, names=names,
                           issues=store().issues(input_id), button=Button())


@bp.route("/correspondence/<int:input_id>/issue", methods=["POST"])
def issue(input_id: int) -> Any:
    _plan(input_id)
    if not Button().validate_on_submit():
        abort(400)
    count = inputs.issue(store(), input_id, g.account.name)
    flash(_("%(n)d letter(s), plan(s) and calendar(s) issued and kept as sent.", n=count))
    return redirect(url_for("inputs.correspondence_plan", input_id=input_id))


@bp.route("/correspondence/<int:input_id>/<name>")
def plan_file(input_id: int, name: str) -> Any:
    _plan(input_id)
    files = _made(input_id, g.account.name)
    if name not in files:  # only a name this plan made: nothing from the request is a path
        abort(404)
    return _download(files[name], name)


@bp.route("/correspondence/<int:input_id>/issued/<int:issue_id>/<name>")
def issued_file(input_id: int, issue_id: int, name: str) -> Any:
    _plan(input_id)
    issue = next((i for i in store().issues(input_id) if i["id"] == issue_id), None)
    if issue is None or name not in issue["files"]:
        abort(404)
    return _download(store().issued_file(issue_id, name), name)


def _download(content: bytes, name: str) -> Any:
    return send_file(io.BytesIO(content), as_attachment=True, download_name=name,
                     mimetype="text/calendar" if name.endswith(".ics") else
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
