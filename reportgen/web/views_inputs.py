"""Inputs (upload an inspection or plan file, or load the bundled fixtures) and correspondence
(the letters, project plans and calendars of a plan)."""

from __future__ import annotations

import io
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, send_file, url_for

from reportgen.errors import InputError, ReportgenError
from reportgen.web.app import ROOT, store
from reportgen.web.forms import Button, FixturesForm, InputUpload
from reportgen.web.i18n import _
from reportgen.workflow import inputs, tracker

bp = Blueprint("inputs", __name__)
FIXTURES = ROOT / "fixtures"
REGIONS = {"wales": "Wales", "east-of-england": "East of England"}


@bp.route("/inputs", methods=["GET", "POST"])
def upload() -> Any:
    form = InputUpload(prefix="input")
    fixtures = FixturesForm(prefix="fixtures")
    fixtures.region.choices = list(REGIONS.items())
    problems: list[Any] = []
    if form.validate_on_submit():
        content = form.document.data.read()
        try:
            input_id, loaded = inputs.keep(store(), content, _("the uploaded file"),
                                           g.account.name)
        except InputError as exc:
            problems = exc.problems
        else:
            if loaded.data.kind == "pdu-inspection" and g.account.may("track.start"):
                return _start(input_id, content)
            flash(_("The file is valid and kept."))
            return redirect(url_for("inputs.upload"))
    return render_template("inputs.html", form=form, fixtures=fixtures, problems=problems,
                           kept=store().inputs()), 400 if problems or form.errors else 200


def _start(input_id: int, content: bytes) -> Any:
    """Start tracking the report of a kept PDU inspection (the store keeps its data)."""
    try:
        with tempfile.TemporaryDirectory(prefix="reportgen-input-") as folder:
            path = Path(folder) / f"input-{input_id}.json"  # our name, not the upload's
            path.write_bytes(content)
            report_id = tracker.start(store(), path, "pdu-report", g.account.name)
    except ReportgenError as exc:
        flash({"title": _("The file is kept, but its report was not started"),
               "problems": [str(exc)]}, "error")
        return redirect(url_for("inputs.upload"))
    flash(_("The file is valid and kept; its report's draft is tracked."))
    return redirect(url_for("reports.report", report_id=report_id))


@bp.route("/inputs/fixtures", methods=["POST"])
def load_fixtures() -> Any:
    """The bundled fixtures of one region: its plan kept, and every report's draft tracked."""
    form = FixturesForm(prefix="fixtures")
    form.region.choices = list(REGIONS.items())
    if not form.validate_on_submit():
        abort(400)
    folder = FIXTURES / form.region.data  # one of REGIONS' keys: the form refuses any other
    inputs.keep(store(), (folder / "plan.json").read_bytes(), "plan.json", g.account.name)
    known = {r.id for r in store().all_reports()}
    started = []
    for path in [folder / "region.json", *sorted((folder / "pdus").glob("*.json"))]:
        doc = "regional-report" if path.name == "region.json" else "pdu-report"
        stem = path.stem if doc == "pdu-report" else form.region.data
        if f"{stem}-{doc}" not in known:
            started.append(tracker.start(store(), path, doc, g.account.name))
    flash(_("Loaded %(region)s: %(n)d report(s) started.", region=REGIONS[form.region.data],
            n=len(started)))
    return redirect(url_for("reports.dashboard"))


@bp.route("/correspondence")
def correspondence() -> Any:
    return render_template("correspondence.html", plans=store().inputs("inspection-plan"),
                           button=Button())


@lru_cache(maxsize=8)
def _made(input_id: int, by: str) -> dict[str, bytes]:
    return inputs.correspondence(store(), input_id, by)


@bp.route("/correspondence/<int:input_id>")
def plan_files(input_id: int) -> Any:
    if input_id not in {p.id for p in store().inputs("inspection-plan")}:
        abort(404)
    files = _made(input_id, g.account.name)
    plan = next(p for p in store().inputs("inspection-plan") if p.id == input_id)
    return render_template("correspondence_plan.html", plan=plan, names=sorted(files))


@bp.route("/correspondence/<int:input_id>/<name>")
def plan_file(input_id: int, name: str) -> Any:
    if input_id not in {p.id for p in store().inputs("inspection-plan")}:
        abort(404)
    files = _made(input_id, g.account.name)
    if name not in files:  # only a name this plan made: nothing from the request is a path
        abort(404)
    return send_file(io.BytesIO(files[name]), as_attachment=True, download_name=name,
                     mimetype="text/calendar" if name.endswith(".ics") else
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

