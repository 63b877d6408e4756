"""The dashboard and a report's page: its stage and next move with its gate, history, versions,
editions to download, edited documents uploaded, factual accuracy, the statistics check and
publication. Each action calls one workflow function as the account signed in."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from reportgen.checks.upload import check_docx
from reportgen.errors import InputError, ReportgenError
from reportgen.loading import parse
from reportgen.web.app import instance, store
from reportgen.web.forms import (
    Button,
    DecideForm,
    EditedDocumentForm,
    FilterForm,
    FormUpload,
    MoveForm,
    SendBackForm,
)
from reportgen.web.i18n import _
from reportgen.workflow import accounts, factual_accuracy, tracker
from reportgen.workflow.accounts import Forbidden
from reportgen.workflow.store import TrackError

bp = Blueprint("reports", __name__)
EDITION_FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml."
                           "document", "pdf": "application/pdf", "html": "text/html",
                   "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


# ----------------------------------------------------------------------------- helpers

def stage_title(stage_id: str) -> str:
    titles = {s.id: s.title for s in tracker.stages(True)}
    return _(titles.get(stage_id, stage_id))


def holders(stage_id: str) -> str:
    return ", ".join(_(accounts.role_table()[r].title) for r in accounts.owners(stage_id))


@lru_cache(maxsize=256)
def _region(path: str, mtime: float) -> str:
    return parse(Path(path)).data.region.name.en  # type: ignore[union-attr]


def region_of(report: Any) -> str:
    path = Path(report.inspection)
    try:
        return _region(str(path), path.stat().st_mtime)
    except (OSError, ReportgenError):
        return ""


def _report_or_404(report_id: str) -> Any:
    try:
        return store().report(report_id)
    except TrackError:
        abort(404)


def _back(report_id: str, anchor: str = "") -> Any:
    return redirect(url_for("reports.report", report_id=report_id) + anchor)


def act(report_id: str, fn: Callable[[], Any], done: str, anchor: str = "") -> Any:
    """Run one workflow action; a refusal by a gate or a rule is shown on the report's page
    (a refusal by the account's roles is a 403)."""
    try:
        fn()
    except Forbidden:
        raise
    except InputError as exc:
        flash({"title": _("Nothing was imported"), "problems": [p.line() for p in
                                                              exc.problems]}, "error")
        return _back(report_id, anchor)
    except ReportgenError as exc:
        flash({"title": _("That was refused"), "problems": [str(exc)]}, "error")
        return _back(report_id, anchor)
    flash(done)
    return _back(report_id, anchor)


def form_errors(report_id: str, form: Any, anchor: str) -> Any:
    flash({"title": _("There is a problem"),
           "problems": [e for errors in form.errors.values() for e in errors]}, "error")
    return _back(report_id, anchor)


# --------------------------------------------------------------------------- dashboard

@bp.route("/")
def dashboard() -> Any:
    rows = tracker.status(store(), dt.date.today())
    reports = {r.id: r for r in store().all_reports()}
    for row in rows:
        row["region"] = region_of(reports[row["id"]])
        row["stage_title"] = stage_title(row["stage"])
        row["holders"] = holders(row["stage"])
        row["next_due"] = min(row["due"].items(), key=lambda kv: kv[1], default=None)
        row["next_due_title"] = stage_title(row["next_due"][0]) if row["next_due"] else ""
    form = FilterForm(request.args)
    regions = sorted({r["region"] for r in rows if r["region"]})
    form.region.choices = [("", _("All regions")), *((r, r) for r in regions)]
    form.stage.choices = [("", _("All stages")), *((s.id, stage_title(s.id))
                                                   for s in tracker.stages(True))]
    shown = [r for r in rows if (not form.region.data or r["region"] == form.region.data)
             and (not form.stage.data or r["stage"] == form.stage.data)]
    return render_template("dashboard.html", rows=shown, total=len(rows), form=form,
                           today=dt.date.today().isoformat())


# ------------------------------------------------------------------------ a report

@bp.route("/reports/<report_id>")
def report(report_id: str) -> Any:
    r = _report_or_404(report_id)
    s = store()
    order = tracker.stages(r.in_wales)
    ids = [st.id for st in order]
    here = ids.index(r.stage)
    following = ids[here + 1] if here + 1 < len(ids) else None
    gate = tracker.gate_problem(s, report_id, order[here]) if following else None
    versions = s.versions(report_id)
    held = {lang: s.latest(report_id, lang) for lang in languages(r)}
    stats = [dict(row._mapping, summary=json.loads(row.result)) for row in
             s.stats_results(report_id)]
    held_sha = held["en"].sha256 if held.get("en") else None
    move = MoveForm(prefix="move", seen=r.revision)
    send_back = SendBackForm(prefix="back", seen=r.revision)
    send_back.to.choices = [(t, stage_title(t)) for t in accounts.send_back_targets(r.stage)
                            if t in ids]
    return render_template(
        "report.html", report=r, stage_title=stage_title, stages=order, here=here,
        following=following, gate=gate, holders=holders(r.stage), history=s.history(report_id),
        versions=versions, held=held, langs=languages(r), formats=EDITION_FORMATS,
        items=s.fa_items(report_id), decisions=s.fa_decisions(report_id),
        stats=stats, held_sha=held_sha, region=region_of(r),
        owns=g.account.owns(r.stage), may=g.account.may, move=move,
        send_back=send_back, edited=EditedDocumentForm(prefix="edited"),
        fa_form=FormUpload(prefix="fa"), decide=DecideForm, button=Button(),
        published=published_manifest(report_id), due=tracker.due_dates(r))


def languages(r: Any) -> list[str]:
    return ["en", "cy"] if r.in_wales else ["en"]


@bp.route("/reports/<report_id>/advance", methods=["POST"])
def advance(report_id: str) -> Any:
    r = _report_or_404(report_id)
    form = MoveForm(prefix="move")
    if not form.validate_on_submit():
        return form_errors(report_id, form, "#next")
    ids = tracker.stage_ids(r.in_wales)
    to = ids[min(ids.index(r.stage) + 1, len(ids) - 1)]
    return act(report_id, lambda: tracker.advance(store(), report_id, to, g.account.name,
                                                  form.note.data or "", seen=_seen(form)),
               _("%(id)s moved to %(stage)s.", id=report_id, stage=stage_title(to)), "#next")


@bp.route("/reports/<report_id>/send-back", methods=["POST"])
def send_back(report_id: str) -> Any:
    r = _report_or_404(report_id)
    form = SendBackForm(prefix="back")
    form.to.choices = [(t, t) for t in tracker.stage_ids(r.in_wales)]  # the workflow decides
    if not form.validate_on_submit():
        return form_errors(report_id, form, "#send-back")
    return act(report_id, lambda: tracker.send_back(store(), report_id, form.to.data,
                                                    g.account.name, form.reason.data,
                                                    seen=_seen(form)),
               _("%(id)s was sent back to %(stage)s.", id=report_id,
                 stage=stage_title(form.to.data)), "#next")


def _seen(form: Any) -> int | None:
    return int(form.seen.data) if (form.seen.data or "").isdigit() else None


def _uploaded_docx(field: Any) -> bytes:
    content = field.data.read()
    check_docx(content, _("the uploaded file"))
    return content


@bp.route("/reports/<report_id>/edited", methods=["POST"])
def attach(report_id: str) -> Any:
    _report_or_404(report_id)
    form = EditedDocumentForm(prefix="edited")
    if not form.validate_on_submit():
        return form_errors(report_id, form, "#edits")

    def keep() -> None:
        content = _uploaded_docx(form.document)
        with tempfile.TemporaryDirectory(prefix="reportgen-upload-") as folder:
            # The name on disk is made here, never taken from the upload.
            path = Path(folder) / f"{report_id}.{form.lang.data}.edited.docx"
            path.write_bytes(content)
            tracker.attach(store(), report_id, g.account.name, {form.lang.data: path})

    return act(report_id, keep, _("The edited document is kept as a new version."), "#edits")


@bp.route("/reports/<report_id>/factual-accuracy/send", methods=["POST"])
def fa_send(report_id: str) -> Any:
    _report_or_404(report_id)
    if not Button().validate_on_submit():
        abort(400)
    return act(report_id, lambda: factual_accuracy.send(store(), report_id, g.account.name),
               _("The numbered draft and the response form are ready to download."),
               "#factual-accuracy")


@bp.route("/reports/<report_id>/factual-accuracy/import", methods=["POST"])
def fa_import(report_id: str) -> Any:
    _report_or_404(report_id)
    form = FormUpload(prefix="fa")
    if not form.validate_on_submit():
        return form_errors(report_id, form, "#factual-accuracy")
    return act(report_id, lambda: factual_accuracy.import_form(
        store(), report_id, _uploaded_docx(form.document), "uploaded-form.docx",
        g.account.name), _("The returned form was imported."), "#factual-accuracy")


@bp.route("/reports/<report_id>/factual-accuracy/<int:number>", methods=["POST"])
def fa_decide(report_id: str, number: int) -> Any:
    _report_or_404(report_id)
    form = DecideForm(prefix=f"item{number}")
    if not form.validate_on_submit():
        return form_errors(report_id, form, f"#item-{number}")
    return act(report_id, lambda: factual_accuracy.decide(
        store(), report_id, number, form.decision.data, form.reason.data or "", g.account.name),
        _("The decision on item %(n)d is recorded.", n=number), f"#item-{number}")


@bp.route("/reports/<report_id>/statistics", methods=["POST"])
def statistics(report_id: str) -> Any:
    _report_or_404(report_id)
    if not Button().validate_on_submit():
        abort(400)
    return act(report_id, lambda: tracker.check_statistics(store(), report_id, g.account.name),
               _("The statistics check ran on the version held."), "#statistics")


@bp.route("/reports/<report_id>/publish", methods=["POST"])
def publish(report_id: str) -> Any:
    from reportgen.workflow.publish import publish as run_publish
    _report_or_404(report_id)
    if not Button().validate_on_submit():
        abort(400)
    return act(report_id, lambda: run_publish(store(), report_id, published_root(),
                                              g.account.name),
               _("%(id)s is published.", id=report_id), "#publication")


# ------------------------------------------------------------------------- downloads

@bp.route("/reports/<report_id>/versions/<int:version_id>")
def version(report_id: str, version_id: int) -> Any:
    _report_or_404(report_id)
    found = next((v for v in store().versions(report_id) if v.id == version_id), None)
    if found is None:
        abort(404)
    return send_file(io.BytesIO(store().content(report_id, version_id)), as_attachment=True,
                     download_name=found.name, mimetype=EDITION_FORMATS["docx"])


@bp.route("/reports/<report_id>/editions/<lang>.<fmt>")
def edition(report_id: str, lang: str, fmt: str) -> Any:
    """Each edition of the version held: the Word document as kept; the PDF converted from
    it; the web edition and the workbook made from the inspection data."""
    r = _report_or_404(report_id)
    held = store().latest(report_id, lang) if lang in languages(r) else None
    if held is None or fmt not in EDITION_FORMATS:
        abort(404)
    content = store().content(report_id, held.id)
    if fmt == "pdf":
        from reportgen.convert import pdf
        with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as folder:
            source = Path(folder) / f"{report_id}.{lang}.docx"
            source.write_bytes(content)
            [made] = pdf.convert([source], Path(folder))
            content = made.read_bytes()
    elif fmt in ("html", "xlsx"):
        from reportgen.workflow.publish import web_and_workbook
        content = web_and_workbook(r, [lang])[f"{report_id}.{lang}.{fmt}"]
    return send_file(io.BytesIO(content), as_attachment=True,
                     download_name=f"{report_id}.{lang}.{fmt}", mimetype=EDITION_FORMATS[fmt])


def published_root() -> Path:
    return instance() / "published"


def published_manifest(report_id: str) -> dict[str, Any] | None:
    path = published_root() / report_id / "manifest.json"
    return json.loads(path.read_text()) if path.is_file() else None


@bp.route("/reports/<report_id>/published/<name>")
def published_file(report_id: str, name: str) -> Any:
    _report_or_404(report_id)
    manifest = published_manifest(report_id)
    names = [f["name"] for f in manifest["files"]] + ["manifest.json"] if manifest else []
    if name not in names:  # only a file the manifest lists: no path is taken from the request
        abort(404)
    return send_file(published_root() / report_id / names[names.index(name)],
                     as_attachment=True, download_name=name)
