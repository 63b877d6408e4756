"""What a fuzz run of hostile and malformed inputs found: each crashed with a traceback (or hung,
or changed text silently) and now gets one clear line naming where the problem is and the limit,
or comes out exactly as written."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from reportgen.documents.events import CalendarSpec, Event
from reportgen.framework import load_framework
from reportgen.jsonpath import jsonpath
from reportgen.loading import parse
from reportgen.ooxml.text import cell_text, paragraph_text
from reportgen.render import ical
from reportgen.rules.assessment import regional_counts
from tests.conftest import FIXTURES, WALES, fixture, run

MINIMAL = "pdu-minimal.json"


def refused(result, *wanted: str) -> str:
    """The input was refused cleanly: exit status 2, no traceback, every wanted text said."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    for text in wanted:
        assert text in result.stderr, result.stderr
    return result.stderr


def test_an_integer_of_more_than_4300_digits(write):
    path = write(fixture(MINIMAL))
    path.write_text(path.read_text().replace('"core_cases": 26', '"core_cases": ' + "9" * 5000))
    refused(run("validate", path), "expected whole numbers of at most 4300 digits; "
                                   "found one of 5000 digits")


@pytest.mark.parametrize("field", ["core_cases", "women"])
def test_a_huge_count_is_refused_before_it_reaches_babel(write, field):
    data = fixture(MINIMAL)
    data["case_profile"][field] = 10 ** 30
    refused(run("render", write(data), "--doc", "pdu-report", "--format", "docx"),
            f"$.case_profile.{field}: expected a number of at most 100000")


def test_a_nul_byte_in_a_pdu_file_entry(tmp_path):
    region = _region_copy(tmp_path)
    data = json.loads((region / "region.json").read_text())
    data["pdus"][0]["file"] = "pdus/gw\u0000ent.json"
    (region / "region.json").write_text(json.dumps(data))
    refused(run("validate", region / "region.json"),
            "$.pdus[0].file: expected one line of text without control characters; "
            "found U+0000 at character 8")


def _region_copy(tmp_path: Path) -> Path:
    shutil.copytree(WALES, tmp_path / "wales")
    return tmp_path / "wales"


@pytest.mark.parametrize(("entry", "says"), [
    ("../../etc/passwd.json", "expected a .json file named from the region file's folder"),
    ("/etc/hostname.json", "expected a .json file named from the region file's folder"),
    ("pdus/zero.json", "expected a file in the region file's folder or below; found "
                       '"pdus/zero.json", which leads to /dev/zero'),
    ("pdus/fifo.json", "pdus/fifo.json: $: expected a regular file; found a special file"),
])
def test_a_pdu_file_entry_is_read_only_as_a_regular_file_under_the_region(tmp_path, entry,
                                                                           says):
    """A FIFO hung validate; /dev/zero was read until memory ran out."""
    region = _region_copy(tmp_path)
    os.mkfifo(region / "pdus" / "fifo.json")
    (region / "pdus" / "zero.json").symlink_to("/dev/zero")
    data = json.loads((region / "region.json").read_text())
    data["pdus"][0]["file"] = entry
    (region / "region.json").write_text(json.dumps(data))
    started = time.monotonic()
    refused(run("validate", region / "region.json"), says)
    assert time.monotonic() - started < 10


def test_a_region_that_names_itself_as_a_pdu_file_says_so_in_one_line(tmp_path):
    """It printed 266 lines about nesting."""
    region = _region_copy(tmp_path)
    data = json.loads((region / "region.json").read_text())
    data["pdus"][0]["file"] = "region.json"
    (region / "region.json").write_text(json.dumps(data))
    lines = refused(run("validate", region / "region.json"),
                    "$.pdus[0].file: expected a PDU inspection file, not the region file "
                    'itself; found "region.json"').splitlines()
    assert len(lines) == 1


def test_a_region_named_as_a_pdu_file_is_refused_by_its_kind(tmp_path):
    region = _region_copy(tmp_path)
    shutil.copy(region / "region.json", region / "pdus" / "other.json")
    data = json.loads((region / "region.json").read_text())
    data["pdus"][0]["file"] = "pdus/other.json"
    (region / "region.json").write_text(json.dumps(data))
    lines = refused(run("validate", region / "region.json"),
                    '$.kind: expected "pdu-inspection"; found "regional-inspection"').splitlines()
    assert len(lines) == 2


def test_a_lone_surrogate_names_its_place_not_invalid_json(write):
    """It read "expected invalid json"."""
    data = fixture(MINIMAL)
    data["overall_findings"] = ["Fine", "Broken \ud800 text"]
    path = write({})
    path.write_text(json.dumps(data))  # as JSON writes it: "\\ud800"
    out = refused(run("validate", path),
                  "$.overall_findings[1]: expected text without lone surrogates")
    assert "\\ud800 at character 8" in out and "invalid json" not in out


def test_a_date_at_the_end_of_the_calendars_range(write):
    data = fixture(MINIMAL)
    data["publication_date"] = "9999-12-31"
    refused(run("render", write(data), "--doc", "pdu-report", "--format", "docx"),
            "$.publication_date: expected a date from 2000-01-01 to 2099-12-31")


def test_a_name_too_long_for_a_title_is_refused_with_the_limit(write):
    """Word caps a title at 255 characters: python-docx refused it deep in rendering."""
    data = fixture(MINIMAL)
    data["pdu"]["name"] = "N" * 300
    refused(run("render", write(data), "--doc", "pdu-report", "--format", "docx"),
            "$.pdu.name.en: expected text of at most 60 characters; found 300 characters")


def test_the_longest_names_allowed_still_make_titles_word_takes(tmp_path, write):
    """Names at their limits, English and Welsh, in the bilingual letter, whose title holds
    both languages' titles."""
    data = fixture("wales/plan.json")
    data["region"]["name"] = {"en": "E" * 60, "cy": "C" * 60, "cy_in": "yng " + "C" * 66}
    for batch in data["batches"]:
        for pdu in batch["pdus"]:
            pdu["name"] = {"en": pdu["code"][:3] + "e" * 57, "cy": pdu["code"][:3] + "c" * 57,
                           "cy_in": "yn " + pdu["code"][:3] + "c" * 64}
    result = run("render", write(data), "--doc", "announcement-letter,project-plan",
                 "--format", "docx", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    titles = [Document(str(p)).core_properties.title for p in (tmp_path / "out").iterdir()
              if p.suffix == ".docx"]
    assert titles and max(map(len, titles)) <= 255
    assert any("E" * 60 in t and "C" * 60 in t for t in titles)  # the bilingual letter


def test_a_code_too_long_for_a_file_name_is_refused_with_the_limit(write):
    data = fixture(MINIMAL)
    data["pdu"]["code"] = "a" * 300
    refused(run("render", write(data), "--doc", "pdu-report", "--format", "docx"),
            "$.pdu.code: expected text of at most 40 characters")


def test_a_line_break_in_a_reference_is_refused(write):
    data = fixture("wales/plan.json")
    data["reference"] = "HMIP/PR\n2026"
    refused(run("render", write(data), "--doc", "project-plan", "--format", "docx"),
            "$.reference: expected one line of text without control characters; found U+000A")


def test_a_calendar_named_with_a_line_break_is_still_a_calendar():
    """The calendar's name is written unescaped: icalendar failed an assertion."""
    spec = CalendarSpec("Project plan:\nGwent", "en", (Event("x", "Fieldwork",
                                                             dt.date(2026, 3, 2)),))
    text = ical.calendar(spec).decode()
    assert "X-WR-CALNAME:Project plan: Gwent\r\n" in text


def test_the_mailbox_is_an_email_address(write):
    """"box\\u0001<&>@x.example" printed as "box@x.example"."""
    data = fixture("wales/plan.json")
    data["inspectorate"]["mailbox"] = "box\u0001<&>@x.example"
    refused(run("validate", write(data)),
            "$.inspectorate.mailbox: expected an email address such as name@example.gov.uk; "
            'found "box\\u0001<&>@x.example"')


def test_docxtpl_escapes_in_the_data_come_out_as_written(tmp_path, write):
    """{_{ 7*7 }_} came out as {{ 7*7 }}, and {_% ... %_} as {% ... %}."""
    data = fixture(MINIMAL)
    written = "Held {_{ 7*7 }_} and {_% if x %_} and {{ 7*7 }} and &#123;"
    data["overall_findings"] = [written]
    result = run("render", write(data), "--doc", "pdu-report", "--format", "docx",
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    doc = Document(str(next((tmp_path / "out").glob("*.docx"))))
    assert written in [paragraph_text(p) for p in doc.paragraphs]


def test_workbook_text_is_never_a_formula(tmp_path, write):
    """A title "=HYPERLINK(...)" became a live link on the cover sheet."""
    data = fixture(MINIMAL)
    data["pdu"]["name"] = '=HYPERLINK("http://example.invalid","x")'
    data["overall_findings"] = ["==1+1"]
    result = run("render", write(data), "--doc", "pdu-report", "--format", "xlsx",
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    content = next((tmp_path / "out").glob("*.xlsx")).read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in s or b"<f " in s for s in sheets)
    cover = load_workbook(io.BytesIO(content)).worksheets[0]
    assert cover["A1"].data_type == "s" and "=HYPERLINK(" in cover["A1"].value


def test_fixtures_stay_within_every_bound():
    """The bounds hold the real data: every bundled fixture still validates."""
    for path in [*FIXTURES.glob("*.json"), *FIXTURES.glob("*/region.json"),
                 *FIXTURES.glob("*/plan.json")]:
        result = run("validate", path)
        assert result.exit_code == 0, result.output


def _inline_region(tmp_path: Path) -> dict:
    """The Wales region with its PDUs given inline (code, name, seven ratings, overall rating),
    and the key-question counts their files gave summed into the region's file."""
    loaded = parse(WALES / "region.json")
    data = fixture("wales/region.json")
    fw = load_framework()
    for std in fw.regional:
        if std.kind == "cases" and data["domain_two"][std.code].get("key_questions") is None:
            counts = regional_counts(std, loaded.data, loaded.pdus, fw)
            data["domain_two"][std.code]["key_questions"] = {
                code: c.model_dump(mode="json") for code, c in counts.items()}
    data["pdus"] = [{"code": pdu.pdu.code, "name": pdu.pdu.name.model_dump(mode="json"),
                     "ratings": {code: s.rating.value for code, s in pdu.standards.items()},
                     "overall_rating": pdu.overall_rating.value}
                    for pdu in loaded.pdus.values()]
    return data


def test_a_region_with_its_pdus_inline_renders(tmp_path, write):
    """The control for the two tests below: the inline region is a good file."""
    result = run("render", write(_inline_region(tmp_path), "wales/region.json"), "--doc",
                 "regional-report", "--format", "docx", "--lang", "en", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "out" / "wales-regional-report.en.docx"))
    names = [cell_text(row.cells[0]) for t in doc.tables if t.rows[0].cells[0].text == "PDU"
             for row in t.rows[1:]]
    assert "Gwent" in names and len(names) == 6


@pytest.mark.parametrize("ratings", ["one missing", "none"])
def test_an_inline_pdu_without_all_seven_ratings_is_refused_by_path(tmp_path, write, ratings):
    """A missing rating passed validate, then render failed with KeyError 'P 1.1' (or an
    AssertionError for "ratings": {})."""
    data = _inline_region(tmp_path)
    if ratings == "none":
        data["pdus"][2]["ratings"] = {}
    else:
        del data["pdus"][2]["ratings"]["P 1.1"]
    path = write(data, "wales/region.json")
    for args in (["validate", path],
                 ["render", path, "--doc", "regional-report", "--out", tmp_path / "out"]):
        said = refused(run(*args), "$.pdus[2].ratings: expected an entry for P 1.1; found none")
        assert said.count("expected an entry for") == (7 if ratings == "none" else 1), said
    assert not (tmp_path / "out").exists()


def test_a_pdu_file_entry_that_is_a_symbolic_link_loop(tmp_path):
    """validate printed a traceback (RuntimeError: Symlink loop from pathlib)."""
    region = _region_copy(tmp_path)
    (region / "pdus" / "loop.json").symlink_to("loop.json")
    data = json.loads((region / "region.json").read_text())
    data["pdus"][1]["file"] = "pdus/loop.json"
    (region / "region.json").write_text(json.dumps(data))
    refused(run("validate", region / "region.json"),
            '$.pdus[1].file: expected a PDU inspection file; found "pdus/loop.json", a symbolic '
            "link that leads round in a loop")


def test_docxtpl_escapes_in_a_pdu_name_come_out_as_written_in_the_regional_report(tmp_path):
    """The PDUs' scores chart's alt text printed "{_{ 7*7 }_}" in a PDU's name as "{{ 7*7 }}"."""
    region = _region_copy(tmp_path)
    gwent = json.loads((region / "pdus" / "gwent.json").read_text())
    gwent["pdu"]["name"]["en"] = "Gwent {_{ 7*7 }_} {_% x %_}"
    (region / "pdus" / "gwent.json").write_text(json.dumps(gwent))
    result = run("render", region / "region.json", "--doc", "regional-report", "--format",
                 "docx", "--lang", "en", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    doc = Document(str(tmp_path / "out" / "wales-regional-report.en.docx"))
    alts = [pr.get("descr") for pr in doc.element.body.iter(qn("wp:docPr"))]
    chart = next(a for a in alts if a.startswith("Overall scores of the 6 PDUs"))
    assert "Gwent {_{ 7*7 }_} {_% x %_} " in chart, chart
    with zipfile.ZipFile(tmp_path / "out" / "wales-regional-report.en.docx") as z:
        xml = z.read("word/document.xml").decode()
    assert "{{ 7*7 }}" not in xml and "{% x %}" not in xml
    assert xml.count("Gwent {_{ 7*7 }_} {_% x %_}") >= 3  # the table, and both alt texts


@pytest.mark.parametrize(("where", "count", "says"), [
    ("batch", 2000, "$.batches[0].pdus: expected at most 30 item(s); found 2,000 item(s)"),
    ("batches", 3, "$.batches: expected at most 30 PDUs in all the batches together; found 36"),
    ("sites", 100, "$.batches[0].pdus[0].sites: expected at most 20 item(s); found 100 item(s)"),
])
def test_the_number_of_pdus_and_sites_in_a_plan_is_bounded(write, where, count, says):
    """A plan with 2,000 PDUs in a batch was accepted and `render` ran past 120 s."""
    data = fixture("wales/plan.json")
    pdu = data["batches"][0]["pdus"][0]
    if where == "batch":
        data["batches"][0]["pdus"] = [pdu | {"code": f"p{i}"} for i in range(count)]
    elif where == "batches":
        data["batches"] = [{"pdus": [pdu | {"code": f"p{b}-{i}"} for i in range(12)]}
                           for b in range(count)]
    else:
        pdu["sites"] = [pdu["sites"][0]] * count
    started = time.monotonic()
    said = refused(run("render", write(data), "--doc", "project-plan"), says)
    assert time.monotonic() - started < 20
    assert len(said) < 2000  # the count, not the items


@pytest.mark.parametrize(("path", "limit"), [
    (("overall_findings",), 50), (("recommendations",), 50),
    (("domain_one", "P 1.1", "strengths"), 50), (("panel", "members"), 50),
])
def test_lists_of_a_pdu_file_are_bounded_as_text_is(write, path, limit):
    data = fixture("pdu-maximal.json")
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = parent[path[-1]][:1] * (limit + 1)
    where = jsonpath(*path)
    refused(run("validate", write(data)),
            f"{where}: expected at most {limit} item(s); found {limit + 1} item(s)")
    parent[path[-1]] = parent[path[-1]][:limit]
    assert "item(s)" not in run("validate", write(data)).output
