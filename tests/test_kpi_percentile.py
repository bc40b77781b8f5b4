"""Nearest-rank percentiles: the value at rank ceil(p/100 * n), never interpolated."""

import pytest

from wallboard.kpi import nearest_rank


def test_hand_computed_ranks():
    values = [float(v) for v in range(1, 11)]  # 1..10
    assert nearest_rank(values, 90) == 9.0  # rank ceil(9.0) = 9, not 10 by a float error
    assert nearest_rank(values, 50) == 5.0
    assert nearest_rank(values, 91) == 10.0  # ceil(9.1) = 10
    assert nearest_rank(values, 100) == 10.0
    assert nearest_rank(values, 0.1) == 1.0


def test_median_of_two_is_the_lower_observed_value_not_their_mean():
    assert nearest_rank([10.0, 20.0], 50) == 10.0


def test_empty_and_bad_percentiles():
    assert nearest_rank([], 90) is None
    assert nearest_rank([7.0], 90) == 7.0
    for bad in (0, -1, 100.5):
        with pytest.raises(ValueError, match="percentile"):
            nearest_rank([1.0], bad)
