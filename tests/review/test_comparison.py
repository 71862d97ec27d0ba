"""The comparison table of child units: values from the snapshots, the parent's total row,
sorting, ranking and targets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reports.snapshots import snapshot_refresh
from review.comparison import SORT_NAME, comparison_table, sort_rows
from tests.factories import UnitFactory
from tests.helpers.dossiers import dossier, local, make
from tthc.models import Channel, DossierStatus


def _resolved(unit, *, late: bool = False, online: bool = False):
    received = local(2023, 3, 1)
    return dossier(
        unit,
        received=received,
        status=DossierStatus.RESOLVED,
        resolved=local(2023, 3, 20 if late else 3),
        channel=Channel.ONLINE if online else Channel.DIRECT,
    )


@pytest.fixture
def figures(cast):
    """A: 4 resolved, 3 on time (75 %); B: 2 resolved, both on time (100 %), 1 online."""
    make(
        _resolved(cast.commune_a),
        _resolved(cast.commune_a),
        _resolved(cast.commune_a),
        _resolved(cast.commune_a, late=True),
        _resolved(cast.commune_b, online=True),
        _resolved(cast.commune_b),
    )
    snapshot_refresh(unit=cast.commune_a, period=cast.period)
    snapshot_refresh(unit=cast.commune_b, period=cast.period)
    return cast


@pytest.mark.django_db
def test_rows_hold_the_snapshot_values_and_the_parent_total(figures):
    cast = figures
    table = comparison_table(cast.district, cast.period)
    by_code = {r.unit.code: r for r in table.rows}
    assert set(by_code) == {cast.commune_a.code, cast.commune_b.code}
    assert by_code[cast.commune_a.code].value("tthc.total") == 4
    assert by_code[cast.commune_a.code].value("tthc.on_time_rate") == Decimal("75.00")
    assert by_code[cast.commune_b.code].value("tthc.on_time_rate") == Decimal("100.00")
    assert table.total is not None and table.total.is_total
    assert table.total.unit == cast.district
    assert table.total.value("tthc.total") == 6
    # the district's rate from summed counts (5 of 6), not the mean of 75 and 100
    assert table.total.value("tthc.on_time_rate") == Decimal("83.33")


@pytest.mark.django_db
def test_missing_snapshots_are_computed_once_in_bulk(cast):
    make(_resolved(cast.commune_c))
    table = comparison_table(cast.other_district, cast.period)
    assert [r.value("tthc.total") for r in table.rows] == [1]
    assert table.total is not None and table.total.value("tthc.total") == 1


@pytest.mark.django_db
def test_sorting_by_a_column_both_ways_with_missing_values_last(figures):
    cast = figures
    empty = UnitFactory(code="21099", name="Xã A Trống", parent=cast.district)
    asc = comparison_table(cast.district, cast.period, sort="tthc.on_time_rate")
    assert [r.unit.code for r in asc.rows] == [cast.commune_a.code, cast.commune_b.code, empty.code]
    desc = comparison_table(cast.district, cast.period, sort="tthc.on_time_rate", descending=True)
    assert [r.unit.code for r in desc.rows] == [
        cast.commune_b.code,
        cast.commune_a.code,
        empty.code,
    ]
    by_name = comparison_table(cast.district, cast.period, sort="nonsense")
    assert by_name.sort == SORT_NAME
    assert [r.unit.name for r in by_name.rows] == ["Xã A Trống", "Xã Bình Phước", "Xã Bình Trị"]


@pytest.mark.django_db
def test_ranks_share_equal_values_and_skip_missing(figures):
    cast = figures
    UnitFactory(code="21099", name="Xã A Trống", parent=cast.district)
    table = comparison_table(cast.district, cast.period)
    ranks = {r.unit.code: r.cell("tthc.on_time_rate").rank for r in table.rows}
    assert ranks == {cast.commune_b.code: 1, cast.commune_a.code: 2, "21099": None}
    # both A and B have 0 trainings: they share rank 1
    training = {r.unit.code: r.cell("training.attendances").rank for r in table.rows}
    assert training[cast.commune_a.code] == training[cast.commune_b.code] == 1


@pytest.mark.django_db
def test_values_below_a_target_are_flagged(figures):
    cast = figures
    table = comparison_table(
        cast.district, cast.period, targets={"tthc.on_time_rate": Decimal("80"), "nope": Decimal(1)}
    )
    flagged = {r.unit.code: r.cell("tthc.on_time_rate").below_target for r in table.rows}
    assert flagged == {cast.commune_a.code: True, cast.commune_b.code: False}
    assert table.below_target_count == 1
    assert "nope" not in table.targets
    assert not any(
        c.below_target for r in table.rows for c in r.cells if c.code != "tthc.on_time_rate"
    )


@pytest.mark.django_db
def test_the_table_takes_a_fixed_number_of_queries(figures, django_assert_max_num_queries):
    cast = figures
    for i in range(20):
        UnitFactory(code=f"3{i:04d}", name=f"Xã Mới {i}", parent=cast.district)
    comparison_table(cast.district, cast.period)  # computes the 20 missing snapshots
    with django_assert_max_num_queries(5):
        table = comparison_table(cast.district, cast.period)
    assert len(table.rows) == 22


def test_sort_rows_is_stable_by_name():
    assert sort_rows([], "tthc.total", True) == []
