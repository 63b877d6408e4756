"""Rendering a run: documents rendered in a process pool, a failing document named with nothing
written, and incremental rendering that skips only what is unchanged."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from docx import Document

import reportgen
from reportgen import cache, i18n, paths, pipeline
from reportgen.errors import RenderError
from reportgen.ooxml.text import paragraph_text
from reportgen.render import word
from tests.conftest import WALES, run

GWENT = WALES / "pdus" / "gwent.json"
CHANGED_BY_GWENT = {f"{stem}.{lang}" for lang in ("en", "cy") for stem in (
    "gwent-pdu-report", "gwent-panel-summary", "wales-regional-report", "wales-panel-summary")}


def jobs(*inputs: Path) -> list[pipeline.Job]:
    return pipeline.all_jobs(pipeline.inputs(list(inputs)))


def to_render(out: Path, *inputs: Path, **options) -> set[str]:
    """The documents a run would render (the others it skips as unchanged)."""
    return {j.stem for j in pipeline.plan(jobs(*inputs), out, ["docx"], **options).jobs}


def text(docx: Path) -> str:
    return "\n".join(paragraph_text(p) for p in Document(str(docx)).paragraphs)


@pytest.fixture(scope="module")
def wales(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the Wales region, rendered to DOCX once: (region folder, output folder)."""
    base = tmp_path_factory.mktemp("wales")
    region = base / "wales"
    shutil.copytree(WALES, region)
    out = base / "out"
    pipeline.run(jobs(region), out, ["docx"])
    return region, out


def edited_copy(region: Path, tmp_path: Path) -> Path:
    """The region copied, with one sentence of Gwent's foreword changed."""
    copy = tmp_path / "wales"
    shutil.copytree(region, copy)
    gwent = copy / "pdus" / "gwent.json"
    data = json.loads(gwent.read_text(encoding="utf-8"))
    data["foreword"][0]["en"] += " A sentence added after the panel."
    gwent.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return copy


# -- the process pool -------------------------------------------------------------------------


def broken_templates(tmp_path: Path) -> Path:
    """The templates, with the English panel summary asking for a variable nothing gives."""
    copy = tmp_path / "templates"
    shutil.copytree(paths.TEMPLATES, copy)
    target = copy / "en" / "panel-summary.docx"
    with zipfile.ZipFile(target) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = xml.replace("</w:t>", "{{ no_such_variable }}</w:t>", 1).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, content in parts.items():
            dst.writestr(name, content)
    return copy


def test_a_failing_document_names_itself_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(word, "TEMPLATES", broken_templates(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    out = tmp_path / "out"
    all_jobs = jobs(GWENT)
    assert len(all_jobs) == 4  # English and Welsh report and panel summary: a pool of two
    with pytest.raises(RenderError) as failed:
        pipeline.run(all_jobs, out, ["docx", "pdf"])
    lines = str(failed.value).splitlines()
    assert lines == ["gwent-panel-summary.en: templates/en/panel-summary.docx: the template "
                     "asks for 'no_such_variable', which the data does not give"]
    assert not out.exists()  # the three good documents are not written either
    assert list((tmp_path / "tmp").iterdir()) == []  # and no work in progress is left


def test_the_pool_renders_what_one_process_renders(tmp_path):
    all_jobs = jobs(GWENT)
    written = pipeline.run(all_jobs, tmp_path, ["docx"])
    assert sorted(p.name for p in written) == sorted(f"{j.stem}.docx" for j in all_jobs)
    for job in all_jobs:
        alone = Document(io.BytesIO(pipeline.render_docx(job)))
        pooled = Document(str(tmp_path / f"{job.stem}.docx"))
        assert [paragraph_text(p) for p in pooled.paragraphs] == \
            [paragraph_text(p) for p in alone.paragraphs]


# -- incremental rendering -------------------------------------------------------------------


def test_a_run_with_nothing_changed_renders_nothing(wales):
    region, out = wales
    plan = pipeline.plan(jobs(region), out, ["docx"])
    assert plan.jobs == [] and len(plan.skipped) == 43


def test_a_changed_pdu_file_renders_its_documents_and_its_regions_again(wales, tmp_path):
    region, out = wales
    assert to_render(out, edited_copy(region, tmp_path)) == CHANGED_BY_GWENT


def test_a_changed_document_comes_out_changed_and_the_rest_are_named_as_skipped(tmp_path):
    out = tmp_path / "out"
    assert run("render-all", GWENT, "--out", out, "--format", "docx").exit_code == 0
    again = run("render-all", GWENT, "--out", out, "--format", "docx")
    assert "Nothing to render." in again.stdout
    assert "not rendered again (4; --force renders them): gwent-pdu-report.en" in again.stdout
    data = json.loads(GWENT.read_text(encoding="utf-8"))
    data["foreword"][0]["en"] += " A sentence added after the panel."
    edited = tmp_path / "gwent.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("render-all", edited, "--out", out, "--format", "docx")
    assert result.exit_code == 0
    assert "Wrote 4 file(s)" in result.stdout  # the report and panel summary, en and cy
    assert "A sentence added after the panel." in text(out / "gwent-pdu-report.en.docx")
    assert "Nothing to render." in run("render-all", edited, "--out", out, "--format",
                                       "docx").stdout
    forced = run("render-all", edited, "--out", out, "--format", "docx", "--force")
    assert "Wrote 4 file(s)" in forced.stdout


def changed_template(tmp_path, monkeypatch) -> set[str]:
    copy = tmp_path / "templates"
    shutil.copytree(paths.TEMPLATES, copy)
    with (copy / "en" / "pdu-report.docx").open("ab") as f:
        f.write(b"\0")  # any change to the file
    monkeypatch.setattr(word, "TEMPLATES", copy)
    return {"gwent-pdu-report.en"}


def changed_styles(tmp_path, monkeypatch) -> None:
    copy = tmp_path / "styles"
    shutil.copytree(paths.STYLES, copy)
    palette = copy / "palette.toml"
    palette.write_text(palette.read_text().replace("#D0661E", "#D0661F"))
    monkeypatch.setattr(paths, "STYLES", copy)


def changed_catalogue(tmp_path, monkeypatch) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, copy)
    with (copy / "cy" / "LC_MESSAGES" / "reportgen.po").open("a", encoding="utf-8") as f:
        f.write('\nmsgid "A label added since"\nmsgstr "Label a ychwanegwyd ers hynny"\n')
    monkeypatch.setattr(i18n, "LOCALE_DIR", copy)


def changed_web_template(tmp_path, monkeypatch) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(paths.TEMPLATES, copy)
    with (copy / "html" / "report.html.j2").open("a", encoding="utf-8") as f:
        f.write("\n")
    monkeypatch.setattr(paths, "TEMPLATES", copy)


def changed_code(tmp_path, monkeypatch) -> None:
    copy = tmp_path / "reportgen"
    shutil.copytree(cache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "render" / "word.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change to the code\n")
    monkeypatch.setattr(cache, "PACKAGE", copy)


def changed_version(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(reportgen, "__version__", "99.0")


def changed_libreoffice(tmp_path, monkeypatch) -> None:
    version = tmp_path / "versionrc"
    version.write_text("[Version]\nbuildid=another\n")
    monkeypatch.setattr(cache, "LIBREOFFICE_VERSION", version)


@pytest.fixture
def code_digest():
    """The digest of the code is worked out once a process: again for a test that changes it."""
    cache._code.cache_clear()
    yield
    cache._code.cache_clear()


@pytest.mark.parametrize("change", [changed_template, changed_styles, changed_catalogue,
                                    changed_web_template, changed_code, changed_version,
                                    changed_libreoffice])
def test_each_input_of_a_document_renders_it_again(wales, tmp_path, monkeypatch, code_digest,
                                                   change):
    region, out = wales
    gwent = region / "pdus" / "gwent.json"
    assert to_render(out, gwent) == set()
    only = change(tmp_path, monkeypatch)
    cache._code.cache_clear()
    everything = {f"{s}.{lang}" for s in ("gwent-pdu-report", "gwent-panel-summary")
                  for lang in ("en", "cy")}
    assert to_render(out, gwent) == (only or everything)


def test_a_draft_is_not_the_finished_document(wales):
    region, out = wales
    assert len(to_render(out, region, draft=True)) == 43


def test_an_output_changed_deleted_or_replaced_is_rendered_again(tmp_path):
    out = tmp_path / "out"
    pipeline.run(jobs(GWENT), out, ["docx"])
    assert to_render(out, GWENT) == set()
    (out / "gwent-pdu-report.en.docx").write_bytes(b"edited in place")
    (out / "gwent-pdu-report.cy.docx").unlink()
    identical = tmp_path / "copy.docx"
    shutil.copy(out / "gwent-panel-summary.en.docx", identical)
    (out / "gwent-panel-summary.en.docx").unlink()
    (out / "gwent-panel-summary.en.docx").symlink_to(identical)
    assert to_render(out, GWENT) == {"gwent-pdu-report.en", "gwent-pdu-report.cy",
                                     "gwent-panel-summary.en"}
    assert to_render(out, GWENT, force=True) == {j.stem for j in jobs(GWENT)}
    # Asking for another format renders again, for that format.
    assert {j.stem for j in pipeline.plan(jobs(GWENT), out, ["pdf"]).jobs} == \
        {j.stem for j in jobs(GWENT)}


@pytest.mark.parametrize("record", [None, b"{not json", b'{"version": 1}'])
def test_the_record_is_safe_to_delete_or_damage(tmp_path, record):
    out = tmp_path / "out"
    pipeline.run(jobs(GWENT), out, ["docx"])
    kept = cache.Record.location(out)
    if record is None:
        kept.unlink()
    else:
        kept.write_bytes(record)
    assert to_render(out, GWENT) == {j.stem for j in jobs(GWENT)}


def parts(docx: bytes) -> dict[str, bytes]:
    """Each part of a package; XML parts canonical, blank text between elements dropped (as
    python-docx drops it when it opens a file)."""
    from lxml import etree
    parser = etree.XMLParser(remove_blank_text=True)
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {name: etree.tostring(etree.fromstring(z.read(name), parser), method="c14n")
                if name.endswith((".xml", ".rels")) else z.read(name) for name in z.namelist()}


@pytest.mark.parametrize("draft", [False, True])
def test_a_document_finished_as_rendered_is_the_document_finished_from_its_file(draft):
    """The renderer hands its document to post-processing without saving and opening it again:
    every part comes out as it would have from the file."""
    from reportgen.documents.common import Edition
    from reportgen.render import postprocess
    for job in jobs(GWENT, WALES / "plan.json")[:8]:
        if job.lang == pipeline.BILINGUAL:
            continue
        ed = Edition(job.lang, draft=draft)
        context = job.doc.build(job.loaded, ed, job.variant.key)
        template = word.Template(job.doc.name, ed.lang)
        args = (ed.lang, context["title"], context["subject"], "", {}, ed.draft_notice())
        live = postprocess.finish(word.render_document(template, context), *args)
        saved = postprocess.finish(word.render(template, context), *args)
        assert parts(live) == parts(saved), job.stem
