"""The reviewer's comparison table: the key indicators of every child unit of a unit in a period.

    comparison_table(unit, period, sort="tthc.on_time_rate", descending=True, targets=None)
        -> ComparisonTable(columns, rows (sorted), total (the parent's own row), sort, descending)

Values come from the stored IndicatorSnapshots only (reports.snapshots; missing ones are
computed in bulk once), in a fixed number of queries whatever the number of units: the child
units, their snapshots (only the key codes are read out of the JSON, in PostgreSQL), the
parent's snapshot and the report states. The total row is the parent's own snapshot: the
registry already rolls the children up (rates from summed numerators and denominators, never an
average of rates).

Each cell carries its rank among the child units (1 = highest; equal values share a rank; a
missing value has none) and whether it is below the column's target. Targets are a
{code: Decimal} map (see review.targets.targets_for); a unit without a value is never flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.db.models.fields.json import KeyTransform
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from orgs.models import Period, Unit
from reports.indicators import Indicator, registry
from reports.models import IndicatorSnapshot, Report, ReportState
from reports.snapshots import snapshots_for
from reports.validation import ERROR, WARNING

# The key figures of SPEC §9 a reviewer compares, with short column titles. Every one is a
# figure where more is better (a target is a floor).
KEY_COLUMNS: tuple[tuple[str, Promise], ...] = (
    ("tthc.total", _("Hồ sơ")),
    ("tthc.on_time_rate", _("Đúng hạn")),
    ("tthc.online_rate", _("Nộp trực tuyến")),
    ("egov.online_service_rate", _("DVC trực tuyến")),
    ("egov.digitized_results_rate", _("Số hóa kết quả")),
    ("survey.satisfaction_rate", _("Hài lòng")),
    ("training.attendances", _("Lượt đào tạo")),
    ("staff.fill_rate", _("Bố trí biên chế")),
    ("plan.tasks_done_rate", _("Hoàn thành kế hoạch")),
    ("invest.disbursement_rate", _("Giải ngân")),
)
KEY_CODES: tuple[str, ...] = tuple(code for code, _title in KEY_COLUMNS)
#: Sort keys besides an indicator code.
SORT_NAME = "name"
SORT_STATE = "state"

Number = int | Decimal


@dataclass(frozen=True)
class Column:
    code: str
    title: str
    indicator: Indicator
    target: Decimal | None = None

    @property
    def kind(self) -> str:
        return str(self.indicator.kind)


@dataclass
class Cell:
    code: str
    value: Number | None
    kind: str
    target: Decimal | None = None
    rank: int | None = None

    @property
    def below_target(self) -> bool:
        return self.target is not None and self.value is not None and self.value < self.target


@dataclass
class Row:
    unit: Unit
    cells: list[Cell]
    state: ReportState = ReportState.DRAFT
    errors: int = 0
    warnings: int = 0
    is_total: bool = False

    def value(self, code: str) -> Number | None:
        for cell in self.cells:
            if cell.code == code:
                return cell.value
        return None

    def cell(self, code: str) -> Cell | None:
        for cell in self.cells:
            if cell.code == code:
                return cell
        return None


@dataclass
class ComparisonTable:
    unit: Unit
    period: Period
    columns: list[Column]
    rows: list[Row]
    total: Row | None
    sort: str = SORT_NAME
    descending: bool = False
    targets: dict[str, Decimal] = field(default_factory=dict)

    @property
    def below_target_count(self) -> int:
        return sum(1 for r in self.rows for c in r.cells if c.below_target)


def _number(value: Any) -> Number | None:
    """A snapshot JSON value back to a number (rates are stored as strings like "99.05")."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def child_units(unit: Unit, period: Period) -> list[Unit]:
    """The units directly under `unit` valid during the period, by name."""
    return list(
        Unit.objects.filter(parent=unit).valid_during(period.start, period.end).order_by("name")
    )


def _key_values(
    units: list[Unit], period: Period, codes: tuple[str, ...]
) -> dict[int, tuple[dict[str, Number | None], int, int]]:
    """{unit_id: ({code: value}, errors, warnings)} read from the stored snapshots; the key
    codes are extracted in PostgreSQL so that the whole values JSON never travels."""
    ids = [u.pk for u in units]
    alias = {f"k{i}": code for i, code in enumerate(codes)}
    qs = IndicatorSnapshot.objects.filter(period=period, unit__in=ids).values(
        "unit_id", "validation", **{a: KeyTransform(code, "values") for a, code in alias.items()}
    )
    rows = cast(list[dict[str, Any]], list(qs))
    missing = set(ids) - {r["unit_id"] for r in rows}
    if missing:  # computed once, in bulk, then read like the others
        snapshots_for(units=[u for u in units if u.pk in missing], period=period)
        rows += cast(list[dict[str, Any]], list(qs.filter(unit__in=missing)))
    out: dict[int, tuple[dict[str, Number | None], int, int]] = {}
    for r in rows:
        findings = r["validation"] or []
        errors = sum(1 for f in findings if f.get("severity") == ERROR)
        warnings = sum(1 for f in findings if f.get("severity") == WARNING)
        out[r["unit_id"]] = ({code: _number(r[a]) for a, code in alias.items()}, errors, warnings)
    return out


def _rank(rows: list[Row], code: str) -> None:
    """Competition ranking (1, 2, 2, 4) of the rows' values of one column, highest first."""
    values = sorted({v for r in rows if (v := r.value(code)) is not None}, reverse=True)
    counts: dict[Number, int] = {}
    for r in rows:
        v = r.value(code)
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    rank_of: dict[Number, int] = {}
    position = 1
    for v in values:
        rank_of[v] = position
        position += counts[v]
    for r in rows:
        cell = r.cell(code)
        if cell is not None and cell.value is not None:
            cell.rank = rank_of[cell.value]


def sort_rows(rows: list[Row], sort: str, descending: bool) -> list[Row]:
    """Rows by an indicator code, the report state or the unit name; missing values always last;
    ties by name."""
    by_name = sorted(rows, key=lambda r: (r.unit.name.casefold(), r.unit.code))
    if sort == SORT_NAME:
        return list(reversed(by_name)) if descending else by_name
    if sort == SORT_STATE:
        order = {s: i for i, s in enumerate(ReportState)}
        return sorted(by_name, key=lambda r: order.get(r.state, 0), reverse=descending)
    present = [r for r in by_name if r.value(sort) is not None]
    absent = [r for r in by_name if r.value(sort) is None]
    present.sort(key=lambda r: r.value(sort) or 0, reverse=descending)  # stable: ties by name
    return present + absent


def valid_sort(sort: str | None, codes: tuple[str, ...] = KEY_CODES) -> str:
    """The requested sort key if it is one we know, else the unit name."""
    if sort in codes or sort in (SORT_NAME, SORT_STATE):
        return str(sort)
    return SORT_NAME


def comparison_table(
    unit: Unit,
    period: Period,
    *,
    sort: str | None = SORT_NAME,
    descending: bool = False,
    targets: dict[str, Decimal] | None = None,
    codes: tuple[str, ...] = KEY_CODES,
    children: list[Unit] | None = None,
) -> ComparisonTable:
    """The comparison table of `unit`'s child units (or the given `children`) in `period`."""
    targets = {c: t for c, t in (targets or {}).items() if c in codes}
    titles = dict(KEY_COLUMNS)
    columns = [
        Column(
            code=c,
            title=str(titles.get(c, registry.get(c).label)),
            indicator=registry.get(c),
            target=targets.get(c),
        )
        for c in codes
    ]
    kinds = {c.code: c.kind for c in columns}
    children = child_units(unit, period) if children is None else children
    values = _key_values([*children, unit], period, codes)
    states = dict(
        Report.objects.filter(unit__in=[u.pk for u in children], period=period).values_list(
            "unit_id", "state"
        )
    )

    def make_row(u: Unit, *, is_total: bool = False) -> Row:
        vals, errors, warnings = values.get(u.pk, ({}, 0, 0))
        return Row(
            unit=u,
            cells=[
                # the targets are the children's floors: the parent's total is not flagged
                Cell(
                    code=c,
                    value=vals.get(c),
                    kind=kinds[c],
                    target=None if is_total else targets.get(c),
                )
                for c in codes
            ],
            state=ReportState(states.get(u.pk, ReportState.DRAFT)),
            errors=errors,
            warnings=warnings,
            is_total=is_total,
        )

    rows = [make_row(u) for u in children]
    for code in codes:
        _rank(rows, code)
    sort = valid_sort(sort, codes)
    total = make_row(unit, is_total=True) if children else None
    if total is not None:
        total.state = ReportState(
            Report.objects.filter(unit=unit, period=period).values_list("state", flat=True).first()
            or ReportState.DRAFT
        )
    return ComparisonTable(
        unit=unit,
        period=period,
        columns=columns,
        rows=sort_rows(rows, sort, descending),
        total=total,
        sort=sort,
        descending=descending,
        targets=targets,
    )
