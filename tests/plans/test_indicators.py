"""The indicators of plan tasks and directives, with the boundaries of the window (SPEC §5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from plans.models import Directive, PlanTask
from reports.indicators import compute


def test_plan_tasks_and_directives_of_the_period(cast):
    a, p = cast.commune_a, cast.period
    PlanTask.objects.create(unit=a, period=p, title="t1", done_on=dt.date(2023, 10, 31))
    PlanTask.objects.create(unit=a, period=p, title="t2", done_on=dt.date(2023, 11, 1))
    PlanTask.objects.create(unit=a, period=p, title="t3")
    kw = {"unit": a, "period": p, "assigned_on": dt.date(2023, 1, 2)}
    Directive.objects.create(
        title="on time", due_on=dt.date(2023, 3, 1), done_on=dt.date(2023, 3, 1), **kw
    )
    Directive.objects.create(
        title="late", due_on=dt.date(2023, 3, 1), done_on=dt.date(2023, 3, 2), **kw
    )
    Directive.objects.create(title="overdue", due_on=dt.date(2023, 10, 30), **kw)
    Directive.objects.create(title="in time", due_on=dt.date(2023, 10, 31), **kw)
    v = compute(a, p)
    assert (v["plan.tasks"], v["plan.tasks_done"], v["plan.tasks_done_rate"]) == (
        3,
        1,
        Decimal("33.33"),
    )
    assert v["directives.assigned"] == 4
    assert (v["directives.done_on_time"], v["directives.done_late"]) == (1, 1)
    assert (v["directives.in_progress"], v["directives.overdue"]) == (2, 1)
    assert v["directives.on_time_rate"] == Decimal("50.00")


def test_the_seed_directives_on_time_rate_is_of_completed_tasks(cast):
    a, p = cast.commune_a, cast.period
    kw = {"unit": a, "period": p, "assigned_on": dt.date(2023, 1, 2), "due_on": dt.date(2023, 6, 1)}
    rows = [Directive(title="x", done_on=dt.date(2023, 5, 1), **kw) for _ in range(85)]
    rows += [Directive(title="y", done_on=dt.date(2023, 7, 1), **kw) for _ in range(27)]
    rows += [Directive(title="z", **{**kw, "due_on": dt.date(2023, 12, 1)}) for _ in range(2)]
    Directive.objects.bulk_create(rows)
    v = compute(a, p)
    assert v["directives.assigned"] == 114
    assert v["directives.on_time_rate"] == Decimal("75.89")
