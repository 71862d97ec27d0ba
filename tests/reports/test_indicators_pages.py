"""The indicators page, drill-down, explanations and recompute button."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from reports.models import Job, Report, ReportState, WarningExplanation
from reports.snapshots import snapshot_refresh
from tests.factories import PASSWORD
from tests.helpers.dossiers import dossier, local, make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_cache_keys(settings):
    """Debounce keys under a prefix of this test only (never flush the shared Redis db, which
    also holds Celery results of other tests)."""
    default = {**settings.CACHES["default"], "KEY_PREFIX": f"h3t-{uuid.uuid4().hex}"}
    settings.CACHES = {"default": default}


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def url(unit, period, suffix=""):
    return f"/u/{unit.code}/{period.code}/indicators/{suffix}"


def _late(unit, n):
    w = local(2023, 5, 1, 8)
    make(
        *[
            dossier(
                unit,
                received=w,
                due=w + dt.timedelta(days=2),
                resolved=w + dt.timedelta(days=3),
                status="resolved",
            )
            for _ in range(n)
        ]
    )


def test_the_page_shows_figures_by_section_in_vietnamese_style_with_formula_on_hover(client, cast):
    _late(cast.commune_a, 18)
    login(client, cast.clerk_a)
    r = client.get(url(cast.commune_a, cast.period))
    assert r.status_code == 200
    html = r.content.decode()
    assert "II.2. Cải cách thủ tục hành chính" in html
    assert 'data-code="tthc.resolved_late"' in html
    assert ">0%<" in html  # on-time rate of 18 late dossiers
    assert 'title="giải quyết đúng hạn / đã giải quyết' in html
    assert "Số liệu tính lúc" in html


def test_a_count_drills_down_to_exactly_the_records_it_counts(client, cast):
    _late(cast.commune_a, 18)
    make(
        dossier(
            cast.commune_a,
            received=local(2023, 5, 1),
            status="resolved",
            resolved=local(2023, 5, 1, 9),
            due=local(2023, 5, 2),
        )
    )
    login(client, cast.clerk_a)
    r = client.get(url(cast.commune_a, cast.period, "records/tthc.resolved_late/"))
    assert r.status_code == 200
    html = r.content.decode()
    assert '<span id="drill-count">18</span>' in html
    assert html.count("HS-") == 18
    assert "01/05/2023 08:00" in html  # received, in local time
    assert url(cast.commune_a, cast.period) in html  # link back


def test_a_district_drill_down_lists_its_communes_records(client, cast):
    _late(cast.commune_a, 2)
    _late(cast.commune_b, 3)
    _late(cast.commune_c, 4)
    login(client, cast.reviewer)
    r = client.get(url(cast.district, cast.period, "records/tthc.resolved_late/"))
    assert '<span id="drill-count">5</span>' in r.content.decode()


def test_an_unknown_code_or_a_code_without_records_is_404(client, cast):
    login(client, cast.clerk_a)
    assert client.get(url(cast.commune_a, cast.period, "records/nope/")).status_code == 404
    assert (
        client.get(url(cast.commune_a, cast.period, "records/tthc.on_time_rate/")).status_code
        == 404
    )


def test_a_clerk_of_another_commune_gets_404(client, cast):
    login(client, cast.clerk_b)
    assert client.get(url(cast.commune_a, cast.period)).status_code == 404
    assert client.get(url(cast.commune_a, cast.period, "records/tthc.total/")).status_code == 404


def test_the_reviewer_sees_the_comparison_of_child_units_and_their_report_states(client, cast):
    _late(cast.commune_a, 2)
    Report.objects.create(unit=cast.commune_b, period=cast.period, state=ReportState.SUBMITTED)
    login(client, cast.reviewer)
    html = client.get(url(cast.district, cast.period)).content.decode()
    assert 'id="children"' in html
    assert 'data-unit="21073"' in html and 'data-unit="21061"' in html
    assert "Đã gửi" in html


def test_a_warning_can_be_explained_and_the_reviewer_sees_the_explanation(client, cast):
    from orgs.models import Period
    from plans.models import PlanTask

    last = Period.objects.create(
        code="2022", start=dt.date(2021, 12, 15), end=dt.date(2022, 10, 31)
    )
    PlanTask.objects.bulk_create(
        [PlanTask(unit=cast.commune_a, period=last, title="t") for _ in range(10)]
        + [PlanTask(unit=cast.commune_a, period=cast.period, title="t") for _ in range(2)]
    )
    snapshot_refresh(unit=cast.commune_a, period=cast.period)
    login(client, cast.clerk_a)
    html = client.get(url(cast.commune_a, cast.period)).content.decode()
    assert 'data-rule="yoy.plan.tasks"' in html
    assert "explain/yoy.plan.tasks/" in html
    r = client.post(
        url(cast.commune_a, cast.period, "explain/yoy.plan.tasks/"),
        {"text": "Kế hoạch năm nay gộp nhiệm vụ."},
    )
    assert r.status_code == 302
    e = WarningExplanation.objects.get(unit=cast.commune_a, rule="yoy.plan.tasks")
    assert e.by == cast.clerk_a
    client.logout()
    login(client, cast.reviewer)
    html = client.get(url(cast.commune_a, cast.period)).content.decode()
    assert "Kế hoạch năm nay gộp nhiệm vụ." in html
    assert "explain-form" not in html  # a reviewer reads, does not explain


def test_a_reviewer_cannot_write_an_explanation(client, cast):
    login(client, cast.reviewer)
    r = client.post(url(cast.commune_a, cast.period, "explain/x/"), {"text": "a"})
    assert r.status_code == 403
    assert not WarningExplanation.objects.exists()


def test_an_empty_explanation_is_refused_in_vietnamese(client, cast):
    login(client, cast.clerk_a)
    r = client.post(url(cast.commune_a, cast.period, "explain/x/"), {"text": "  "}, follow=True)
    assert "không được để trống" in r.content.decode()
    assert not WarningExplanation.objects.exists()


def test_recompute_now_creates_a_job_and_shows_its_progress(
    client, cast, django_capture_on_commit_callbacks
):
    login(client, cast.clerk_a)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url(cast.commune_a, cast.period, "recompute/"), HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    job = Job.objects.get(kind="recompute", unit=cast.commune_a)
    assert f'id="job-{job.pk}"' in r.content.decode()
    job.refresh_from_db()
    assert job.status == "done"


def test_the_change_against_last_year_rounds_half_up_like_every_percentage(client, cast):
    from orgs.models import Period
    from plans.models import EnteredFigure

    last = Period.objects.create(
        code="2022", start=dt.date(2021, 12, 15), end=dt.date(2022, 10, 31)
    )
    for period, value in ((last, 800), (cast.period, 801)):
        EnteredFigure.objects.create(
            unit=cast.commune_a, period=period, code="legal.education_attendance", value=value
        )
    login(client, cast.clerk_a)
    html = client.get(url(cast.commune_a, cast.period)).content.decode()
    row = html[html.index('data-code="legal.education_attendance"') :]
    row = row[: row.index("</tr>")]
    # 800 → 801 is +0,125 %: half-up gives 0,13 % (half-to-even printed 0,12 %)
    assert '<td class="num change">0,13%</td>' in row
