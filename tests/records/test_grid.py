"""Spreadsheet-like grid entry: each cell saved through the section's form — the same
validation, optimistic version, lock and history as the one-record form."""

from __future__ import annotations

import datetime as dt

import pytest

from plans.entered import ENTERED_CODES
from plans.models import EnteredFigure, PlanTask
from reports.models import Report, ReportState

pytestmark = pytest.mark.django_db

BASE = "/u/21073/2023/tasks/"


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.clerk_a)
    return client


def save(client, section: str, **data):
    return client.post(f"{BASE}{section}/grid/save/", data)


def test_the_figures_grid_has_one_row_per_entered_figure(clerk, cast):
    EnteredFigure.objects.create(
        unit=cast.commune_a, period=cast.period, code=ENTERED_CODES[0], value=7
    )
    html = clerk.get(f"{BASE}figures/grid/").content.decode()
    assert html.count('<tr data-pk="') == len(ENTERED_CODES)
    assert 'value="7"' in html


def test_a_cell_creates_then_updates_a_figure_with_history(clerk, cast):
    code = ENTERED_CODES[1]
    r = save(clerk, "figures", key=code, changed="value", f_value="1.250", f_note="")
    assert r.status_code == 200 and r.json()["ok"], r.content
    fig = EnteredFigure.objects.get(unit=cast.commune_a, period=cast.period, code=code)
    assert (fig.value, fig.version, fig.updated_by) == (1250, 1, cast.clerk_a)
    assert r.json()["values"]["value"] == "1.250"

    r = save(
        clerk,
        "figures",
        pk=fig.pk,
        version=1,
        changed="approximate",
        f_value="1.250",
        f_note="",
        f_approximate="on",
    )
    assert r.json()["ok"], r.content.decode()
    fig.refresh_from_db()
    assert fig.approximate and fig.version == 2
    changes = (
        fig.history.order_by("-history_date")
        .first()
        .diff_against(fig.history.order_by("-history_date")[1])
        .changes
    )
    assert [(c.field, c.old, c.new) for c in changes] == [("approximate", False, True)]


def test_a_bad_cell_is_refused_with_the_form_message_and_nothing_changes(clerk, cast):
    fig = EnteredFigure.objects.create(
        unit=cast.commune_a, period=cast.period, code=ENTERED_CODES[0], value=5, version=1
    )
    r = save(clerk, "figures", pk=fig.pk, version=1, changed="value", f_value="12,5", f_note="")
    assert r.status_code == 400
    assert "Chỉ nhập số nguyên" in " ".join(r.json()["errors"]["value"])
    fig.refresh_from_db()
    assert (fig.value, fig.version) == (5, 1)


def test_a_stale_version_is_refused(clerk, cast):
    fig = EnteredFigure.objects.create(
        unit=cast.commune_a, period=cast.period, code=ENTERED_CODES[0], value=5, version=3
    )
    r = save(clerk, "figures", pk=fig.pk, version=2, changed="value", f_value="9", f_note="")
    assert r.status_code == 409 and r.json()["version"] == 3, r.content.decode()
    fig.refresh_from_db()
    assert fig.value == 5


def test_a_new_plan_task_row_needs_its_required_cells(clerk, cast):
    r = save(
        clerk,
        "plan-tasks",
        changed="owner",
        f_title="",
        f_owner="Văn phòng",
        f_due_on="",
        f_done_on="",
    )
    assert r.status_code == 400 and "title" in r.json()["errors"]
    assert not PlanTask.objects.exists()
    r = save(
        clerk,
        "plan-tasks",
        changed="title",
        f_title="Rà soát TTHC",
        f_owner="Văn phòng",
        f_due_on="30/06/2023",
        f_done_on="",
    )
    assert r.json()["ok"], r.content
    task = PlanTask.objects.get()
    assert task.due_on == dt.date(2023, 6, 30) and task.unit == cast.commune_a


def test_the_grid_obeys_the_lock_and_the_roles(client, cast):
    code = ENTERED_CODES[0]
    client.force_login(cast.reviewer)
    assert save(client, "figures", key=code, changed="value", f_value="1").status_code == 403
    client.force_login(cast.clerk_a)
    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.SUBMITTED)
    r = save(client, "figures", key=code, changed="value", f_value="1", f_note="")
    assert r.status_code == 403 and "đã gửi" in r.json()["message"]
    assert not EnteredFigure.objects.exists()
    # Another commune's grid is not even there.
    assert client.get("/u/21074/2023/tasks/figures/grid/").status_code == 404
