"""The data of one report as one value: read from disk with the files a region names, stored and
read back unchanged, changed at an address, checked as files are."""

from __future__ import annotations

import pytest

from reportgen.bundle import AddressError, Bundle
from reportgen.errors import InputError
from tests.conftest import WALES


def test_a_region_brings_the_pdu_files_it_names():
    bundle = Bundle.read(WALES / "region.json")
    assert bundle.main == "region.json"
    assert sorted(bundle.files) == sorted(["region.json", *(f"pdus/{p.name}" for p in
                                                            (WALES / "pdus").glob("*.json"))])
    loaded = bundle.load()
    assert len(loaded.pdus) == 6 and loaded.pdus["gwent"].pdu.name.en == "Gwent"


def test_stored_and_read_back_unchanged():
    bundle = Bundle.read(WALES / "region.json")
    again = Bundle.from_json(bundle.to_json())
    assert again.files == bundle.files and again.sha256 == bundle.sha256


def test_changes_give_a_new_value_and_leave_the_old_alone():
    bundle = Bundle.read(WALES / "pdus" / "gwent.json")
    changed = bundle.with_value("$.case_profile.women", 9)
    assert changed.get("$.case_profile.women") == 9
    assert bundle.get("$.case_profile.women") != 9 and changed.sha256 != bundle.sha256


def test_an_address_in_a_named_file():
    bundle = Bundle.read(WALES / "region.json")
    changed = bundle.with_text("pdus/gwent.json#$.pdu.name", "en", "Gwent and Monmouth")
    assert changed.load().pdus["gwent"].pdu.name.en == "Gwent and Monmouth"


def test_an_address_that_names_nothing_is_refused():
    bundle = Bundle.read(WALES / "pdus" / "gwent.json")
    for addr in ("$.foreword[99]", "$.no_such_field", "pdus/x.json#$.pdu", "not a path"):
        with pytest.raises(AddressError):
            bundle.get(addr)


def test_invalid_data_is_refused_naming_the_version_not_a_temporary_folder():
    bundle = Bundle.read(WALES / "pdus" / "gwent.json").with_value("$.case_profile.women", -1)
    with pytest.raises(InputError) as caught:
        bundle.load("gwent-pdu-report, data version 4")
    assert "gwent-pdu-report, data version 4" in str(caught.value)
    assert "/tmp" not in str(caught.value) and "$.case_profile.women" in str(caught.value)
