"""Targets (nearest unit and the period's own first), bulk acceptance (a report with an open error
is skipped and named, the others accepted) and the XLSX export of the comparison table."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from reports.models import IndicatorSnapshot, Report, ReportState, ReportTransition
from reports.snapshots import snapshot_refresh
from review.bulk import bulk_accept
from review.comparison import comparison_table
from review.exports import comparison_xlsx
from review.models import IndicatorTarget
from review.targets import own_targets, targets_for, targets_save
from tests.factories import PeriodFactory, UnitFactory
from tests.helpers.dossiers import dossier, local, make
from tthc.models import DossierStatus

pytestmark = pytest.mark.django_db


def test_the_nearest_unit_and_the_period_own_target_win(cast):
    later = PeriodFactory(code="2024", start="2023-11-01", end="2024-10-31", deadline=None)
    IndicatorTarget.objects.create(unit=cast.province, code="tthc.on_time_rate", value=90)
    IndicatorTarget.objects.create(unit=cast.province, code="tthc.online_rate", value=50)
    IndicatorTarget.objects.create(unit=cast.district, code="tthc.on_time_rate", value=80)
    IndicatorTarget.objects.create(
        unit=cast.district, code="tthc.on_time_rate", value=85, period=cast.period
    )
    assert targets_for(cast.district, cast.period) == {
        "tthc.on_time_rate": Decimal("85.00"),
        "tthc.online_rate": Decimal("50.00"),
    }
    assert targets_for(cast.district, later)["tthc.on_time_rate"] == Decimal("80.00")
    assert targets_for(cast.other_district, cast.period)["tthc.on_time_rate"] == Decimal("90.00")
    assert own_targets(cast.district, cast.period) == {"tthc.on_time_rate": Decimal("85.00")}


def test_saving_targets_sets_and_removes(cast):
    targets_save(
        unit=cast.district,
        period=cast.period,
        values={"tthc.on_time_rate": Decimal("80"), "tthc.online_rate": None},
        by=cast.reviewer,
        this_period_only=False,
    )
    t = IndicatorTarget.objects.get(unit=cast.district, code="tthc.on_time_rate")
    assert t.period is None and t.value == Decimal("80") and t.set_by == cast.reviewer
    targets_save(
        unit=cast.district,
        period=cast.period,
        values={"tthc.on_time_rate": None},
        by=cast.reviewer,
        this_period_only=False,
    )
    assert not IndicatorTarget.objects.filter(unit=cast.district).exists()


def _submitted(unit, period):
    from tests.helpers.sending import name_signer

    name_signer(unit, period)  # what was sent could be signed
    report = Report.objects.create(unit=unit, period=period, state=ReportState.SUBMITTED)
    snapshot_refresh(unit=unit, period=period, ancestors=False)
    return report


def _with_error(unit, period):
    snap = IndicatorSnapshot.objects.get(unit=unit, period=period)
    snap.validation = [
        {"rule": "x.y", "severity": "error", "message": "Sai", "codes": []},
        *snap.validation,
    ]
    snap.save()


def test_bulk_accept_skips_a_report_with_errors_and_accepts_the_others(cast):
    third = UnitFactory(code="21062", name="Xã Bình Thạnh", parent=cast.district)
    a = _submitted(cast.commune_a, cast.period)
    b = _submitted(cast.commune_b, cast.period)
    c = _submitted(third, cast.period)
    _with_error(cast.commune_b, cast.period)
    foreign = _submitted(cast.commune_c, cast.period)  # under the other district
    result = bulk_accept(
        unit=cast.district,
        period=cast.period,
        report_ids=[a.pk, b.pk, c.pk, foreign.pk],
        by=cast.reviewer,
    )
    assert {u.code for u in result.accepted} == {cast.commune_a.code, third.code}
    skipped = {(u.code if u else None): reason for u, reason in result.skipped}
    assert set(skipped) == {cast.commune_b.code, None}
    assert "1 lỗi" in skipped[cast.commune_b.code]
    states = dict(Report.objects.values_list("unit__code", "state"))
    assert states == {
        cast.commune_a.code: ReportState.ACCEPTED,
        third.code: ReportState.ACCEPTED,
        cast.commune_b.code: ReportState.SUBMITTED,
        cast.commune_c.code: ReportState.SUBMITTED,
    }
    accepted = ReportTransition.objects.filter(to_state=ReportState.ACCEPTED)
    assert {t.report.unit.code for t in accepted} == {cast.commune_a.code, third.code}
    assert all(t.by == cast.reviewer for t in accepted)


def test_bulk_accept_by_someone_who_is_not_the_reviewer_changes_nothing(cast):
    a = _submitted(cast.commune_a, cast.period)
    result = bulk_accept(
        unit=cast.district, period=cast.period, report_ids=[a.pk], by=cast.approver_a
    )
    assert result.accepted == [] and [u.code for u, _r in result.skipped] == ["21073"]
    a.refresh_from_db()
    assert a.state == ReportState.SUBMITTED


def test_xlsx_export_holds_the_table_in_order_with_numbers_targets_and_total(cast):
    make(
        dossier(
            cast.commune_a,
            received=local(2023, 3, 1),
            status=DossierStatus.RESOLVED,
            resolved=local(2023, 3, 20),
        ),
        dossier(
            cast.commune_b,
            received=local(2023, 3, 1),
            status=DossierStatus.RESOLVED,
            resolved=local(2023, 3, 2),
        ),
    )
    UnitFactory(code="21099", name='=HYPERLINK("x")', parent=cast.district)
    table = comparison_table(
        cast.district,
        cast.period,
        sort="tthc.on_time_rate",
        descending=True,
        targets={"tthc.on_time_rate": Decimal("50")},
    )
    ws = load_workbook(io.BytesIO(comparison_xlsx(table))).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = rows[1]
    col = header.index("Đúng hạn (tthc.on_time_rate)")
    assert rows[2][0] == "Mục tiêu" and rows[2][col] == 50
    body = rows[3:6]
    assert [r[0] for r in body] == ["21061", "21073", "21099"]  # B 100 %, A 0 %, missing last
    assert [r[col] for r in body] == [100, 0, None]
    assert body[2][1] == '\'=HYPERLINK("x")'  # never a formula
    total = rows[6]
    assert total[0] == cast.district.code and total[col] == 50
    assert total[header.index("Hồ sơ (tthc.total)")] == 2
    # the cell below its target is filled red, the others not
    fills = {ws.cell(row=4 + i, column=col + 1).fill.fgColor.rgb for i in range(2)}
    assert ws.cell(row=5, column=col + 1).fill.fill_type == "solid"
    assert ws.cell(row=4, column=col + 1).fill.fill_type is None
    assert len(fills) == 2
    assert any("dưới mục tiêu" in str(r[0]) for r in rows[7:] if r and r[0])
