"""The all-units path sends one statement per source (a joined one crossed PostgreSQL's JIT
threshold at the national scale, docs/PERFORMANCE.md); one commune keeps one joined statement.
Both give the same figures."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orgs.models import Unit
from reports.indicators import compute, compute_many, registry
from tests.helpers.documents import load_seed_commune

pytestmark = pytest.mark.django_db


def _aggregates(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "json_agg" in q["sql"]]


def test_all_units_one_statement_per_source_one_commune_one_statement(cast):
    load_seed_commune(cast)
    registry.load()
    units = list(Unit.objects.all())
    with CaptureQueriesContext(connection) as every:
        many = compute_many(units, cast.period)
    statements = _aggregates(every)
    assert len(statements) > 5
    assert all(s.count("json_agg") == 1 for s in statements)
    with CaptureQueriesContext(connection) as one:
        single = compute(cast.commune_a, cast.period)
    [joined] = _aggregates(one)
    assert joined.count("json_agg") == len(statements)
    assert many[cast.commune_a.pk] == single
    assert many[cast.province.pk] == compute(cast.province, cast.period)
    assert single["tthc.total"] > 0
