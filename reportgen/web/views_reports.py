"""The dashboard and a report's page: its stage and next move with its gate, history, versions,
editions to download, edited documents uploaded, factual accuracy, the statistics check and
publication. Each action calls one workflow function as the account signed in."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from reportgen.errors import InputError, ReportgenError
from reportgen.i18n import N_
from reportgen.web.extensions import store
from reportgen.web.forms import (
    Button,
    CompareForm,
    DecideForm,
    EditedDocumentForm,
    FilterForm,
    FormUpload,
    KeepEditsForm,
    MoveForm,
    PreviewEditsForm,
    PreviewRedlineForm,
    SendBackForm,
    TranslationUpload,
)
from reportgen.web.i18n import _
from reportgen.workflow import (
    accounts,
    editions,
    factual_accuracy,
    jobs,
    stats_check,
    tracker,
    versions,
    welsh,
)
from reportgen.workflow import publish as publication
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


JOB_TITLES = {"publish": N_("Publishing"), "stats-check": N_("The statistics check")}
JOB_STATES = {"queued": N_("Waiting for a worker"), "running": N_("Under way"),
              "done": N_("Done"), "failed": N_("Not done")}


def segment_state(state: str) -> str:
    return {"missing": _("Missing"), "stale": _("Stale: the English changed"),
            "unconfirmed": _("Unconfirmed")}.get(state, state)


def job_title(kind: str) -> str:
    return _(JOB_TITLES.get(kind, kind))


def job_state(job: Any) -> str:
    """A job's state in words, with what it is doing now while it runs."""
    state = _(JOB_STATES.get(job.state, job.state))
    return f"{state}: {_(job.step)}" if job.state == "running" and job.step else state


def holders(stage_id: str) -> str:
    return ", ".join(_(accounts.role_table()[r].title) for r in accounts.owners(stage_id))


@lru_cache(maxsize=1024)
def _region(report_id: str, number: int, sha: str) -> str:
    _, bundle = editions.held(store(), report_id, number)
    return bundle.load(editions.label(report_id, number)).data.region.name.en  # type: ignore[union-attr]


def region_of(report: Any) -> str:
    """The region of the report's data held (read once per data version)."""
    try:
        row = store().data_versions(report.id)[-1]
        return _region(report.id, row.number, row.sha256)
    except ReportgenError:
        return ""


def _report_or_404(report_id: str) -> Any:
    try:
        return store().report(report_id)
    except TrackError:
        abort(404)


def _back(report_id: str, anchor: str = "") -> Any:
    return redirect(url_for("reports.report", report_id=report_id) + anchor)


def act(report_id: str, fn: Callable[[], Any], done: str, anchor: str = "",
        instead: Callable[[], str | None] = lambda: None) -> Any:
    """Run one workflow action; a refusal by a gate or a rule is shown on the report's page
    (a refusal by the account's roles is a 403). `instead`: what to say in place of `done`
    when the action, made, turned out to change nothing."""
    try:
        fn()
    except Forbidden:
        raise
    except InputError as exc:
        flash({"title": _("Nothing was kept"), "problems": [p.line() for p in
                                                           exc.problems]}, "error")
        return _back(report_id, anchor)
    except ReportgenError as exc:
        flash({"title": _("That was refused"), "problems": [str(exc)]}, "error")
        return _back(report_id, anchor)
    message = instead() or done
    if message:  # a preview has nothing to report done: its page says what it found
        flash(message)
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
    number = s.held_number(report_id)
    held = {lang: s.latest(report_id, lang, data_version=number) for lang in languages(r)}
    stats = s.stats_results(report_id)
    move = MoveForm(prefix="move", seen=r.revision)
    send_back = SendBackForm(prefix="back", seen=r.revision)
    send_back.to.choices = [(t, stage_title(t)) for t in accounts.send_back_targets(r.stage)
                            if t in ids]
    lang = g.lang if g.lang in languages(r) else "en"
    return render_template(
        "report.html", report=r, title=editions.title(s, report_id, lang),
        stage_title=stage_title, stages=order, here=here,
        following=following, gate=gate, holders=holders(r.stage), history=s.history(report_id),
        documents=s.versions(report_id), data_versions=s.data_versions(report_id),
        number=number, held=held, langs=languages(r), formats=EDITION_FORMATS,
        items=s.fa_items(report_id), decisions=s.fa_decisions(report_id), stats=stats,
        region=region_of(r), owns=g.account.owns(r.stage), may=g.account.may, move=move,
        send_back=send_back, edited=EditedDocumentForm(prefix="edited"),
        preview=PreviewEditsForm(prefix="preview"),
        fa_form=FormUpload(prefix="fa"), decide=DecideForm, button=Button(),
        published=published_manifest(report_id), jobs=s.jobs(report_id, limit=5),
        job_title=job_title, job_state=job_state, segment_state=segment_state,
        due=tracker.due_dates(s, r),
        compare=_compare_form(s, report_id, number), welsh=_welsh_status(s, r),
        translation=TranslationUpload(prefix="translation"),
        signoff=stats_check.signoff(s, report_id) is not None,
        ratings=tracker.ratings(s, r))


def _compare_form(s: Any, report_id: str, number: int) -> CompareForm:
    form = CompareForm(request.args)
    numbers = [(str(v.number), str(v.number)) for v in s.data_versions(report_id)]
    form.first.choices = form.second.choices = numbers
    form.first.data = form.first.data if form.first.data in dict(numbers) else "1"
    form.second.data = form.second.data if form.second.data in dict(numbers) else str(number)
    return form


def _welsh_status(s: Any, r: Any) -> dict[str, Any] | None:
    return welsh.status(s, r.id) if r.in_wales else None


def languages(r: Any) -> list[str]:
    return tracker.languages(r)


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
    return field.data.read()  # checked where it is read (readback, the form reader)


@bp.route("/reports/<report_id>/edited", methods=["POST"])
def attach(report_id: str) -> Any:
    """An edited Word edition, read back into a new data version (the refusals shown)."""
    _report_or_404(report_id)
    form = EditedDocumentForm(prefix="edited")
    if not form.validate_on_submit():
        return form_errors(report_id, form, "#edits")
    return _keep(report_id, _uploaded_docx(form.document), _("the uploaded document"))


def _keep(report_id: str, content: bytes, name: str) -> Any:
    """An edited document's changes kept as a new data version, or why not, on the page."""
    kept: list[int | None] = []

    def keep() -> None:
        kept.append(tracker.keep_edits(store(), report_id, content, name, g.account.name)[1])

    return act(report_id, keep, _("The edits are kept as a new version of the data."),
               "#edits", lambda: None if kept and kept[0] else _("The document changes "
                                                                  "nothing in the data."))


def _carried(size: int) -> bool:
    """Whether a previewed document can be carried back in the page for keeping (checked again
    then): its base64 must fit in a request's form, or it is uploaded again to keep it."""
    return size * 4 // 3 + 64 * 1024 <= current_app.config["MAX_FORM_MEMORY_SIZE"]


@bp.route("/reports/<report_id>/edited/preview", methods=["POST"])
def preview(report_id: str) -> Any:
    """What an edited Word document would change in the data, before anything is kept."""
    r = _report_or_404(report_id)
    form = PreviewEditsForm(prefix="preview")
    if not form.validate_on_submit():
        return form_errors(report_id, form, "#edits")
    found: list[Any] = []
    name = form.document.data.filename or "edited.docx"
    response = act(report_id, lambda: found.append(tracker.preview_edits(
        store(), report_id, _uploaded_docx(form.document), name, g.account.name)), "", "#edits")
    if not found:
        return response  # refused: the reasons are on the report's page
    edits = found[0]
    content = edits.upload.content
    carried = base64.b64encode(content).decode("ascii") if _carried(len(content)) else None
    keep = KeepEditsForm(prefix="keep", content=carried, name=name) if carried else None
    redline = PreviewRedlineForm(prefix="redline", content=carried, name=name) \
        if carried else None
    return render_template("edits_preview.html", report=r, name=name, base=edits.base,
                           changes=edits.pending, already=edits.applied_before,
                           held=edits.held, keep=keep, redline=redline)


def _carried_back(form: KeepEditsForm) -> bytes:
    try:
        return base64.b64decode(form.content.data, validate=True)
    except (binascii.Error, ValueError):
        abort(400)


@bp.route("/reports/<report_id>/edited/redline", methods=["POST"])
def preview_redline(report_id: str) -> Any:
    """The edition a previewed document would make, its changes marked, to read in Word before
    keeping it: nothing is kept."""
    _report_or_404(report_id)
    form = PreviewRedlineForm(prefix="redline")
    if not form.validate_on_submit():
        return form_errors(report_id, form, "#edits")
    name = form.name.data or "edited.docx"
    made: list[bytes] = []
    response = act(report_id, lambda: made.append(tracker.preview_redline(
        store(), report_id, _carried_back(form), name, g.account.name)[0]), "", "#edits")
    if not made:
        return response
    stem = Path(name).stem[:60] or "edited"
    return send_file(io.BytesIO(made[0]), as_attachment=True,
                     mimetype=EDITION_FORMATS["docx"],
                     download_name=f"{report_id}-redline-{stem}.docx")


@bp.route("/reports/<report_id>/edited/keep", methods=["POST"])
def keep_previewed(report_id: str) -> Any:
    """The previewed document kept: read back again, as an upload is."""
    _report_or_404(report_id)
    form = KeepEditsForm(prefix="keep")
    if not form.validate_on_submit():
        return form_errors(report_id, form, "#edits")
    return _keep(report_id, _carried_back(form), form.name.data or _("the uploaded document"))


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
        store(), report_id, _uploaded_docx(form.document), _("the uploaded form"),
        g.account.name), _("The returned form was imported."), "#factual-accuracy")


@bp.route("/reports/<report_id>/factual-accuracy/log.docx")
def fa_log(report_id: str) -> Any:
    """The decision log, to go back to the inspected body with the final report."""
    _report_or_404(report_id)
    if not store().fa_items(report_id):
        abort(404)
    return send_file(io.BytesIO(factual_accuracy.log(store(), report_id)), as_attachment=True,
                     download_name=f"{report_id}.fa-log.docx", mimetype=EDITION_FORMATS["docx"])


@bp.route("/reports/<report_id>/factual-accuracy/<int:number>", methods=["POST"])
def fa_decide(report_id: str, number: int) -> Any:
    _report_or_404(report_id)
    form = DecideForm(prefix=f"item{number}")
    if not form.validate_on_submit():
        return form_errors(report_id, form, f"#item-{number}")

    def decide() -> None:
        document = form.document.data
        content = _uploaded_docx(form.document) if document and document.filename else None
        version = (form.version.data or "").strip()
        if version and not version.isdigit():
            raise TrackError(_("a data version is a number, not %(v)s", v=version))
        answer = factual_accuracy.Answer(
            (content, _("the uploaded document")) if content else None,
            factual_accuracy.parse_values(line.strip() for line in
                                          (form.values.data or "").splitlines() if line.strip()),
            int(version) if version else None)
        factual_accuracy.decide(store(), report_id, number, form.decision.data,
                                form.reason.data or "", g.account.name, answer)

    return act(report_id, decide, _("The decision on item %(n)d is recorded.", n=number),
               f"#item-{number}")


@bp.route("/reports/<report_id>/statistics", methods=["POST"])
def statistics(report_id: str) -> Any:
    _report_or_404(report_id)
    if not Button().validate_on_submit():
        abort(400)
    confirm = request.form.get("confirm") == "yes"  # the unbound figures, checked by them
    # A job, as publishing is: checking every figure of both editions takes seconds.
    return act(report_id, lambda: jobs.submit(store(), "stats-check", report_id, g.account.name,
                                              confirm=confirm),
               _("The statistics check of the version held has started: its progress is shown "
                 "below."), "#statistics")


@bp.route("/reports/<report_id>/statistics/signoff.xlsx")
def statistics_signoff(report_id: str) -> Any:
    """The sign-off workbook of the last check run on the version held."""
    _report_or_404(report_id)
    found = stats_check.signoff(store(), report_id)
    if found is None:
        abort(404)
    number, content = found
    return send_file(io.BytesIO(content), as_attachment=True,
                     download_name=f"{report_id}-{number}.statistics-signoff.xlsx",
                     mimetype=EDITION_FORMATS["xlsx"])


@bp.route("/reports/<report_id>/publish", methods=["POST"])
def publish(report_id: str) -> Any:
    _report_or_404(report_id)
    if not Button().validate_on_submit():
        abort(400)
    # A job: publishing takes seconds of LibreOffice, never a request's time.
    return act(report_id, lambda: jobs.submit(store(), "publish", report_id, g.account.name),
               _("Publishing %(id)s has started: its progress is shown below.", id=report_id),
               "#publication")


@bp.route("/reports/<report_id>/translation", methods=["POST"])
def translation_import(report_id: str) -> Any:
    _report_or_404(report_id)
    form = TranslationUpload(prefix="translation")
    if not form.validate_on_submit():
        return form_errors(report_id, form, "#welsh")
    upload = form.document.data
    # The format is told by the file's ending; its name is never a path on this machine.
    name = "translation.po" if (upload.filename or "").lower().endswith(".po") \
        else "translation.xlf"
    made: list[tuple[int, int, int, bool]] = []
    return act(report_id, lambda: made.append(welsh.import_translations(
        store(), report_id, upload.read(), name, g.account.name)),
        _("The translation is kept as a new version of the data."), "#welsh",
        instead=lambda: None if made[0][3] else _(
            "Nothing changed: the file's translations are already in the version held."))


@bp.route("/reports/<report_id>/translation/confirm", methods=["POST"])
def translation_confirm(report_id: str) -> Any:
    _report_or_404(report_id)
    if not Button().validate_on_submit():
        abort(400)
    return act(report_id, lambda: welsh.confirm(store(), report_id, [], True, g.account.name),
               _("Every unconfirmed Welsh segment is confirmed."), "#welsh")


@bp.route("/reports/<report_id>/translation/todo.<fmt>")
def translation_export(report_id: str, fmt: str) -> Any:
    r = _report_or_404(report_id)
    if fmt not in ("xlf", "po") or not r.in_wales:
        abort(404)
    content, _count, _words = welsh.export(store(), report_id,
                                           "xliff" if fmt == "xlf" else "po", True)
    return send_file(io.BytesIO(content), as_attachment=True,
                     download_name=f"{report_id}.cy.{fmt}",
                     mimetype="application/xliff+xml" if fmt == "xlf" else "text/x-gettext")


@bp.route("/reports/<report_id>/compare")
def compare(report_id: str) -> Any:
    """What changed between two data versions, as text on the page."""
    r = _report_or_404(report_id)
    form = _compare_form(store(), report_id, store().held_number(report_id))
    first, second = int(form.first.data), int(form.second.data)
    try:
        lines = list(versions.text_diff(store(), report_id, min(first, second),
                                        max(first, second)))
    except TrackError as exc:
        lines = [str(exc)]
    return render_template("compare.html", report=r, form=form, lines=lines,
                           first=min(first, second), second=max(first, second),
                           langs=languages(r))


@bp.route("/reports/<report_id>/redline/<int:first>-<int:second>.<lang>.docx")
def redline(report_id: str, first: int, second: int, lang: str) -> Any:
    """The later version's Word edition with its differences from the earlier tracked."""
    r = _report_or_404(report_id)
    if lang not in languages(r):
        abort(404)
    try:
        content, _changes = versions.redline(store(), report_id, first, second, lang)
    except TrackError:
        abort(404)
    return send_file(io.BytesIO(content), as_attachment=True, mimetype=EDITION_FORMATS["docx"],
                     download_name=f"{report_id}-redline-{first}-{second}.{lang}.docx")


# ------------------------------------------------------------------------- downloads

@bp.route("/reports/<report_id>/versions/<int:version_id>")
def version(report_id: str, version_id: int) -> Any:
    _report_or_404(report_id)
    found = next((v for v in store().versions(report_id) if v.id == version_id), None)
    if found is None:
        abort(404)
    # Named by the report, data version and kind: never by the name it was uploaded under.
    kind = found.lang.replace(":", ".")
    return send_file(io.BytesIO(store().content(report_id, version_id)), as_attachment=True,
                     download_name=f"{report_id}-{found.data_version or 1}.{kind}.docx",
                     mimetype=EDITION_FORMATS["docx"])


@bp.route("/reports/<report_id>/editions/<lang>.<fmt>")
def edition(report_id: str, lang: str, fmt: str) -> Any:
    """Each edition of the data version held: the Word document kept with it; the PDF
    converted from that; the web edition and the workbook made from the data."""
    r = _report_or_404(report_id)
    number = store().held_number(report_id)
    held = store().latest(report_id, lang, data_version=number) if lang in languages(r) \
        else None
    if held is None or fmt not in EDITION_FORMATS:
        abort(404)
    content = editions.download(store(), report_id, number, held, fmt)
    return send_file(io.BytesIO(content), as_attachment=True,
                     download_name=f"{report_id}.{lang}.{fmt}", mimetype=EDITION_FORMATS[fmt])


def published_manifest(report_id: str) -> dict[str, Any] | None:
    """The published set's manifest, as the store keeps it with the set."""
    found = store().publication(report_id)
    return json.loads(found.manifest) if found is not None else None


@bp.route("/reports/<report_id>/published/<name>")
def published_file(report_id: str, name: str) -> Any:
    _report_or_404(report_id)
    manifest = published_manifest(report_id)
    names = [f["name"] for f in manifest["files"]] + ["manifest.json"] if manifest else []
    if name not in names:  # only a file the manifest lists: no name is taken as a path
        abort(404)
    content = publication.published(store(), report_id)[name]  # checked against the manifest
    return send_file(io.BytesIO(content), as_attachment=True, download_name=name)


@bp.route("/reports/<report_id>/published.zip")
def published_zip(report_id: str) -> Any:
    _report_or_404(report_id)
    if store().publication(report_id) is None:
        abort(404)
    return send_file(io.BytesIO(publication.zipped(store(), report_id)), as_attachment=True,
                     download_name=f"{report_id}-published.zip", mimetype="application/zip")
