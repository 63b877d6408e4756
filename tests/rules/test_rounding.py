import pytest

from reportgen.rules.rounding import percent


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (30, 40, 75), (28, 40, 70), (24, 40, 60),  # the manual's worked example (§7.1)
    (129, 200, 65),  # 64.5% rounds half up
    (1, 8, 13),  # 12.5%
    (1, 3, 33), (2, 3, 67), (0, 7, 0), (7, 7, 100),
    (644, 1000, 64), (645, 1000, 65),  # 64.4 down, 64.5 up
    (1, 200, 1),  # 0.5% up
])
def test_half_up_whole_percentages(part, whole, expected):
    assert percent(part, whole) == expected


def test_no_share_of_nothing():
    assert percent(0, 0) is None


@pytest.mark.parametrize(("part", "whole"), [(-1, 4), (5, 4), (1, -4)])
def test_impossible_shares_are_errors(part, whole):
    with pytest.raises(ValueError):
        percent(part, whole)
