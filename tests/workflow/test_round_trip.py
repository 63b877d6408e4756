"""The round trip of one edited Word file: read back, checked, kept as a new data version and
its editions made again, all in memory: not one temporary file or folder is written."""

from __future__ import annotations

import tempfile

from reportgen.workflow import editions, tracker
from reportgen.workflow.store import Store
from tests.conftest import EAST, TEAM, add_team, edited
from tests.test_readback import set_text

ID = "luton-pdu-report"
BOX = "$.foreword[1]"


def test_an_edited_word_file_is_kept_without_a_temporary_folder(tmp_path, monkeypatch):
    store = Store(str(tmp_path / "store.db"))
    add_team(store)
    tracker.start(store, EAST / "pdus" / "luton.json", "pdu-report", TEAM["lead-inspector"])
    handed_out = store.latest(ID, "en")
    content = edited(store.content(ID, handed_out.id),
                     lambda doc: set_text(doc, BOX, "Managers checked every plan each week."))
    made: list[str] = []

    def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(str(args or kwargs))
        raise AssertionError("a temporary file or folder was made")

    for name in ("mkdtemp", "mkstemp", "TemporaryDirectory", "NamedTemporaryFile",
                 "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refused)
    edits, number = tracker.keep_edits(store, ID, content, "luton-edited.docx",
                                       TEAM["lead-inspector"])
    monkeypatch.undo()
    assert made == []
    assert number == 2 and [c.address for c in edits.pending] == [BOX]
    held = editions.held(store, ID)[1]
    assert held.get(BOX) == "Managers checked every plan each week."
    assert store.latest(ID, "en").data_version == 2
