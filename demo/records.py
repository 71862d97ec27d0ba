"""Demo records for every commune of the demo district (called by `manage.py load_demo`).

Xã Bình Phước (21073) reproduces every count of the seed report for 2023 from raw records
(`demo.binh_phuoc`); the other 21 communes get plausible generated data (`demo.generated`);
2022 is loaded too, so that year-over-year comparisons have last year's values.

Idempotent: dossiers are upserted by their code within the unit (only missing ones are created),
the catalogue by national code, entered figures, budget lines, quotas and narrative by their
natural keys; records without a natural key (staff, tasks, surveys, …) are created only when the
unit has none of that kind in the period. A second load therefore writes nothing. Records are
written with bulk inserts, like an import: no per-record history (one ImportBatch per unit tells
where the demo dossiers came from). When anything was written, the indicator snapshots of the
loaded periods are refreshed at once; then the 2023 reports are put in varied workflow states for
the district's dashboard (through the workflow service) and the 2022 reports are accepted."""

from __future__ import annotations

import io
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.db.models import Model
from django.utils import timezone

from finance.models import AssetRegulation, BudgetLine, InvestmentLine
from imports.models import ImportBatch
from orgs.models import Level, Membership, Period, Role, Unit
from plans.models import Directive, EnteredFigure, PlanTask
from reports.models import (
    DocumentSettings,
    NarrativeSection,
    Report,
    ReportState,
    SignerTitle,
)
from staff.models import (
    DisciplineCase,
    Person,
    PersonnelAction,
    PostQuota,
    TrainingAttendance,
)
from tthc.models import Dossier, Feedback, SurveyResponse

from . import binh_phuoc, catalogue, generated
from .builders import PeriodData, UnitData
from .units import DEMO_COMMUNE

DEMO_BATCH_NAME = "du-lieu-mau.csv"
RECORD_PERIODS = ("2022", "2023")

RECIPIENTS = [
    "Phòng Nội vụ huyện;",
    "TT. Đảng ủy {w};",
    "TT. HĐND {w};",
    "MT, các HĐT {w};",
    "CT, các PCT UBND {w};",
    "Công chức chuyên môn;",
    "Lưu: VT.",
]
BASIS = (
    "Công văn số 3986/UBND ngày 21/10/2023 của UBND huyện Bình Sơn về việc tự đánh giá, chấm "
    "điểm để xác định Chỉ số CCHC năm 2023 của UBND huyện và UBND các xã, thị trấn"
)

# Workflow states of the 2023 reports for the district's dashboard (21073 and 21061 stay draft
# so that the demo users can work on them): (commune, transitions, comment of a return).
WORKFLOW_2023 = {
    "21040": ["submit", "accept"],
    "21043": ["submit"],
    "21049": ["submit"],
    "21055": ["submit"],
    "21067": ["submit", "return"],
}
RETURN_COMMENT = (
    "Đề nghị rà soát lại số hồ sơ giải quyết trễ hạn giữa phần kết quả và phần đánh giá, bổ sung "
    "giải trình tỷ lệ số hóa kết quả giải quyết TTHC thấp."
)


def load_all(
    *, units: dict[str, Unit], periods: dict[str, Period], stdout: io.TextIOBase
) -> dict[str, int]:
    """Load every demo record; returns the number of rows created per model."""
    started = time.perf_counter()
    communes = sorted(
        (u for key, u in units.items() if key.isdigit() and u.level == Level.COMMUNE),
        key=lambda u: u.code,
    )
    record_periods = {c: p for c, p in periods.items() if c in RECORD_PERIODS}
    created: dict[str, int] = defaultdict(int)
    changed: list[Unit] = []
    with transaction.atomic():
        proc_ids = catalogue.ensure_catalogue()
        for unit in communes:
            if unit.code == DEMO_COMMUNE:
                data = binh_phuoc.build(periods=periods)
            else:
                data = generated.build(unit=unit, periods=periods)
            if _write_unit(unit, data, record_periods, proc_ids, created):
                changed.append(unit)
            _document_settings(unit, data, created, record_periods.values())
    if changed:
        _refresh_snapshots(changed, record_periods)
    _workflow(units, periods, created)
    seconds = time.perf_counter() - started
    total = sum(created.values())
    stdout.write(
        f"Dữ liệu mẫu: {len(communes)} xã, kỳ {', '.join(sorted(record_periods))}; "
        f"{total} bản ghi mới trong {seconds:.1f} giây."
    )
    return dict(created)


def _refresh_snapshots(changed: list[Unit], periods: dict[str, Period]) -> None:
    """One synchronous refresh of every unit's snapshot per period (a few grouped queries), so the
    dashboard shows the demo at once whether or not a worker runs; older periods first, so that
    year-over-year checks see last year's values."""
    try:
        from reports.snapshots import snapshot_refresh_period
    except ImportError:  # snapshots not available: fall back to the per-unit hook
        from reports.recompute import records_changed

        for unit in changed:
            for period in periods.values():
                records_changed(unit=unit, period=period)
        return
    for code in sorted(periods):
        snapshot_refresh_period(period=periods[code])


# --- writers ------------------------------------------------------------------------------------


def _bulk[M: Model](model: type[M], rows: list[M], created: dict[str, int]) -> int:
    if rows:
        model._default_manager.bulk_create(rows, batch_size=2000)
        created[model.__name__] += len(rows)
    return len(rows)


def _write_unit(
    unit: Unit,
    data: UnitData,
    periods: dict[str, Period],
    proc_ids: dict[str, int],
    created: dict[str, int],
) -> int:
    n = 0
    # Staff: people belong to the unit, not to a period.
    persons = {p.full_name: p for p in Person.objects.filter(unit=unit)}
    if not persons:
        rows = [Person(unit=unit, **vars(spec)) for spec in data.persons]
        n += _bulk(Person, rows, created)
        persons = {p.full_name: p for p in rows}
    have_quota = set(PostQuota.objects.filter(unit=unit).values_list("year", flat=True))
    n += _bulk(
        PostQuota,
        [
            PostQuota(unit=unit, year=year, quota=quota, decision_ref=ref)
            for year, (quota, ref) in data.quotas.items()
            if year not in have_quota
        ],
        created,
    )
    n += _write_dossiers(unit, data, periods, proc_ids, created)
    for code, pd in data.periods.items():
        period = periods.get(code)
        if period is not None:
            n += _write_period(unit, period, pd, persons, created)
    return n


def _write_dossiers(
    unit: Unit,
    data: UnitData,
    periods: dict[str, Period],
    proc_ids: dict[str, int],
    created: dict[str, int],
) -> int:
    """Dossier codes `<unit>-<yymmdd>-<seq>`: the sequence counts the unit's dossiers of the day,
    so codes are stable from one load to the next and unique within the unit."""
    rows = [d for code, pd in data.periods.items() if code in periods for d in pd.dossiers]
    rows.sort(key=lambda d: d["received_at"])
    per_day: dict[str, int] = defaultdict(int)
    for d in rows:
        day = d["received_at"].strftime("%y%m%d")
        per_day[day] += 1
        d["code"] = f"{unit.code}-{day}-{per_day[day]:04d}"
    existing = set(Dossier.objects.filter(unit=unit).values_list("code", flat=True))
    missing = [d for d in rows if d["code"] not in existing]
    if not missing:
        return 0
    batch, _ = ImportBatch.objects.get_or_create(
        kind=ImportBatch.Kind.DOSSIERS,
        unit=unit,
        original_name=DEMO_BATCH_NAME,
        defaults={"rows": len(rows), "created": len(missing)},
    )
    base = {"unit_id": unit.pk, "import_batch_id": batch.pk}
    objs = [{**base, "procedure_id": proc_ids.get(d["procedure_code"]), **d} for d in missing]
    _fast_insert(Dossier, objs)
    created["Dossier"] += len(objs)
    return len(objs)


SIMPLE_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)


def _fast_insert(model: type[Model], rows: list[dict[str, Any]], chunk: int = 5000) -> None:
    """INSERT many rows (dicts keyed by field attname) with one prepared statement
    (executemany; COPY on PostgreSQL): the rows bulk_create would write, without building a model instance per row
    and one huge multi-row SQL string per batch — what makes bulk_create of ~70 000 dossiers slow
    on SQLite. Missing fields take their model default; auto_now(_add) fields take now; dates and
    datetimes are adapted by the database backend like any ORM write. No ids are returned."""
    ops = connection.ops
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    plan: list[tuple[str, Any, Callable[[Any], Any] | None]] = []
    for f in fields:
        default: Any
        convert: Callable[[Any], Any] | None
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            default = now
        else:
            default = f.get_default() if f.has_default() or f.null else None
        if isinstance(f, models.DateTimeField):
            convert = ops.adapt_datetimefield_value
        elif isinstance(f, models.DateField):
            convert = ops.adapt_datefield_value
        elif isinstance(f, SIMPLE_FIELDS):
            convert = None
        else:
            convert = partial(f.get_db_prep_save, connection=connection)
        plan.append((f.attname, default, convert))
    table = ops.quote_name(model._meta.db_table)
    columns = ", ".join(ops.quote_name(cast(str, f.column)) for f in fields)  # concrete: a column
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for i in range(0, len(rows), chunk):
            values = []
            for row in rows[i : i + chunk]:
                out = []
                for attname, default, convert in plan:
                    value = row.get(attname, default)
                    out.append(
                        convert(value) if convert is not None and value is not None else value
                    )
                values.append(out)
            if postgres:
                # COPY: the fastest way into PostgreSQL (psycopg 3 adapts each Python value).
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for out in values:
                        copy.write_row(out)
            else:
                cursor.executemany(sql, values)


def _dated(model: type[Model], field: str, unit: Unit, period: Period) -> bool:
    """Whether the unit already has records of this kind dated within the period's window."""
    return model._default_manager.filter(
        unit=unit, **{f"{field}__gte": period.start, f"{field}__lte": period.end}
    ).exists()


def _write_period(
    unit: Unit, period: Period, pd: PeriodData, persons: dict[str, Person], created: dict[str, int]
) -> int:
    n = 0
    up = {"unit": unit, "period": period}

    def person(name: str | None) -> Person | None:
        return persons.get(name) if name else None

    if pd.feedback and not _dated(Feedback, "received_on", unit, period):
        n += _bulk(Feedback, [Feedback(unit=unit, **r) for r in pd.feedback], created)
    if pd.surveys and not _dated(SurveyResponse, "answered_on", unit, period):
        n += _bulk(SurveyResponse, [SurveyResponse(unit=unit, **r) for r in pd.surveys], created)
    if pd.trainings and not _dated(TrainingAttendance, "start_on", unit, period):
        trainings = [
            TrainingAttendance(unit=unit, person=person(r["person"]), **_without(r, "person"))
            for r in pd.trainings
        ]
        n += _bulk(TrainingAttendance, trainings, created)
    if pd.actions and not _dated(PersonnelAction, "effective_on", unit, period):
        actions = [
            PersonnelAction(unit=unit, person=person(r["person"]), **_without(r, "person"))
            for r in pd.actions
        ]
        n += _bulk(PersonnelAction, actions, created)
    if pd.discipline and not _dated(DisciplineCase, "decided_on", unit, period):
        cases = [
            DisciplineCase(unit=unit, person=person(r["person"]), **_without(r, "person"))
            for r in pd.discipline
        ]
        n += _bulk(DisciplineCase, cases, created)
    for model, rows in (
        (PlanTask, pd.plan_tasks),
        (Directive, pd.directives),
        (InvestmentLine, pd.investments),
        (AssetRegulation, pd.asset_regulations),
    ):
        if rows and not model.objects.filter(**up).exists():
            n += _bulk(model, [model(**up, **r) for r in rows], created)
    have = set(BudgetLine.objects.filter(**up).values_list("kind", flat=True))
    n += _bulk(
        BudgetLine, [BudgetLine(**up, **r) for r in pd.budget if r["kind"] not in have], created
    )
    have = set(EnteredFigure.objects.filter(**up).values_list("code", flat=True))
    n += _bulk(
        EnteredFigure,
        [EnteredFigure(**up, **r) for r in pd.entered if r["code"] not in have],
        created,
    )
    have = set(NarrativeSection.objects.filter(**up).values_list("key", flat=True))
    n += _bulk(
        NarrativeSection,
        [
            NarrativeSection(**up, key=key, text=text)
            for key, text in pd.narratives.items()
            if key not in have
        ],
        created,
    )
    return n


def _without(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in keys}


# --- document settings and workflow -------------------------------------------------------------


def _document_settings(
    unit: Unit,
    data: UnitData,
    created: dict[str, int],
    periods: Iterable[Period] | None = None,
) -> None:
    """Header and closing of the report document (Decree 30/2020), one per commune and record
    period (default: the demo's record periods that exist); an existing one (edited by the
    unit) is left alone. Only 2023 cites the district's guidance letter (of 21/10/2023): the
    demo has no letter of another year, and a 2022 report must not cite a 2023 one."""
    if periods is None:
        periods = Period.objects.filter(code__in=RECORD_PERIODS)
    word = unit.kind_word.lower()
    for period in periods:
        if DocumentSettings.objects.filter(unit=unit, period=period).exists():
            continue
        DocumentSettings.objects.create(
            unit=unit,
            period=period,
            issuing_body=f"ỦY BAN NHÂN DÂN\n{unit.name.upper()}",
            place_name=unit.short_name,
            addressee="Phòng Nội vụ huyện Bình Sơn",
            basis=BASIS if period.code == "2023" else "",
            recipients="\n".join(r.format(w=word) for r in RECIPIENTS),
            signer_title=SignerTitle.CHAIRMAN,
            signer_name=data.document["signer_name"],
            organisation_name=f"Ủy ban nhân dân {word} {unit.short_name}",
        )
        created["DocumentSettings"] += 1


def _demo_actor(username: str, full_name: str, unit: Unit, role: str):
    """A demo user who performs the dashboard's workflow steps. Created without a usable password:
    it is not part of the login cast."""
    User = get_user_model()
    user, made = User.objects.get_or_create(username=username)
    if made:
        parts = full_name.rsplit(" ", 1)
        user.first_name, user.last_name = parts[0], parts[-1]
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(user=user, unit=unit, defaults={"role": role})
    return user


def _workflow(units: dict[str, Unit], periods: dict[str, Period], created: dict[str, int]) -> None:
    """Reports of every commune for 2023 (and 2022, all accepted), in varied states, moved
    through the real workflow service. A report that already has transitions is left alone."""
    from reports.services import report_transition

    district = units.get("district")
    if district is None:
        return
    reviewer = _demo_actor("reviewer.524", "Lê Thị Hoa", district, Role.REVIEWER)
    plans = {"2023": WORKFLOW_2023}
    communes = [u for key, u in units.items() if key.isdigit() and u.level == Level.COMMUNE]
    plans["2022"] = {u.code: ["submit", "accept"] for u in communes if "2022" in periods}
    for period_code, plan in plans.items():
        period = periods.get(period_code)
        if period is None:
            continue
        for unit in communes:
            report, made = Report.objects.get_or_create(unit=unit, period=period)
            created["Report"] += int(made)
            steps = plan.get(unit.code)
            if not steps or report.state != ReportState.DRAFT or report.transitions.exists():
                continue
            approver = _approver(unit)
            for step in steps:
                actor = approver if step in ("submit", "sign") else reviewer
                comment = RETURN_COMMENT if step == "return" else ""
                report = report_transition(report=report, name=step, by=actor, comment=comment)
                created["ReportTransition"] += 1


def _approver(unit: Unit):
    existing = (
        Membership.objects.filter(unit=unit, role=Role.APPROVER).select_related("user").first()
    )
    if existing:
        return existing.user
    settings = DocumentSettings.objects.filter(unit=unit).first()
    name = settings.signer_name if settings else "Chủ tịch UBND"
    return _demo_actor(f"approver.{unit.code}", name, unit, Role.APPROVER)
