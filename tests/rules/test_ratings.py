"""The ratings rules of §7.1: bands, overall scales, the staffing table."""

import pytest

from reportgen.model import Rating, YesNo
from reportgen.rules import ratings
from reportgen.rules.ratings import RulesError

I, R, G, O = Rating


@pytest.mark.parametrize(("pct", "band", "rating"), [
    (0, "Minority", I), (49, "Minority", I),
    (50, "Too few", R), (64, "Too few", R),
    (65, "Reasonable majority", G), (79, "Reasonable majority", G),
    (80, "Large majority", O), (100, "Large majority", O),
])
def test_every_band_boundary(pct, band, rating):
    assert ratings.case_band(pct) == ratings.Band(band, rating)


def yn(yes: int, total: int) -> YesNo:
    return YesNo(yes=yes, no=total - yes)


def test_manuals_worked_example():
    # Assessment: 75%, 70%, 60% -> Requires improvement (§7.1)
    assert ratings.lowest_key_question([yn(30, 40), yn(28, 40), yn(24, 40)]) == R


@pytest.mark.parametrize(("yes", "total", "rating"), [
    (129, 200, G),  # 64.5% is published as 65% and banded Good
    (1287, 2000, R),  # 64.35% is published as 64%: Requires improvement
    (98, 200, I), (99, 200, R),  # 49% Inadequate; 49.5% is published as 50%
    (159, 200, O),  # 79.5% -> 80%
])
def test_banding_at_the_boundaries_follows_the_published_percentage(yes, total, rating):
    assert ratings.lowest_key_question([yn(yes, total), yn(total, total)]) == rating


def test_the_lowest_key_question_decides():
    assert ratings.lowest_key_question([yn(40, 40), yn(40, 40), yn(19, 40)]) == I


def test_a_key_question_with_no_cases_cannot_be_rated():
    with pytest.raises(RulesError):
        ratings.lowest_key_question([yn(10, 20), YesNo(yes=0, no=0)])


@pytest.mark.parametrize(("total", "rating"), [
    (0, I), (3, I), (4, R), (10, R), (11, G), (17, G), (18, O), (21, O)])
def test_overall_pdu_scale(total, rating):
    scores = [3] * (total // 3) + ([total % 3] if total % 3 else [])
    scores += [0] * (7 - len(scores))
    assert ratings.overall(scores, "pdu") == rating


@pytest.mark.parametrize(("total", "rating"), [
    (0, I), (4, I), (5, R), (12, R), (13, G), (20, G), (21, O), (24, O)])
def test_overall_regional_scale(total, rating):
    scores = [3] * (total // 3) + ([total % 3] if total % 3 else [])
    scores += [0] * (8 - len(scores))
    assert ratings.overall(scores, "regional") == rating


def test_overall_needs_every_standard():
    with pytest.raises(RulesError, match="needs 7 standards, given 6"):
        ratings.overall([2] * 6, "pdu")


# The manual's staffing table (§7.1), typed from the manual:
# PDUs: (Inadequate up to, Requires improvement up to, Good up to, Outstanding up to)
STAFFING = {5: (2, 7, 12, 15), 6: (3, 9, 15, 18), 7: (4, 12, 20, 24), 8: (4, 12, 20, 24),
            9: (4, 13, 22, 27), 11: (5, 16, 27, 33), 13: (6, 19, 32, 39), 18: (9, 27, 45, 54)}


def pdus_scoring(total: int, pdus: int) -> list[Rating]:
    """`pdus` staffing ratings whose scores add up to `total`."""
    scores = [min(3, max(0, total - 3 * i)) for i in range(pdus)]
    assert sum(scores) == total
    return [Rating.from_score(s) for s in scores]


@pytest.mark.parametrize("pdus", sorted(STAFFING))
def test_every_row_of_the_staffing_table(pdus):
    tops = STAFFING[pdus]
    lows = (0, tops[0] + 1, tops[1] + 1, tops[2] + 1)
    for rating, low, high in zip(Rating, lows, tops):
        for total in (low, high):
            if total > 3 * pdus:
                continue  # the manual's row for 7 PDUs reaches past what 7 PDUs can score
            assert ratings.indicative_staffing(pdus_scoring(total, pdus)) == rating, (pdus, total)


def test_a_region_size_with_no_row_is_an_error_that_says_so():
    with pytest.raises(RulesError, match=r"no row for 10 PDUs.*staffing\.bands"):
        ratings.indicative_staffing([G] * 10)


def test_bands_supplied_by_the_input_are_used():
    assert ratings.indicative_staffing([G] * 10, bands=(6, 15, 25)) == G
    assert ratings.indicative_staffing([R] * 10, bands=(6, 15, 25)) == R


def test_rating_scores():
    assert [r.score for r in Rating] == [0, 1, 2, 3]
    assert Rating.from_score(2) == G
