"""The reviewer's inbox on the home page: the children's reports grouped by state (waiting for
review oldest first, with the submitted date and explained warnings), the filters by period and
state, counts of the reviewer's work; a clerk or approver keeps "my reports" of their own unit."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.utils import timezone

from orgs.models import Period
from reports.models import IndicatorSnapshot, WarningExplanation
from tests.factories import PASSWORD, UnitFactory

from .conftest import local, move

pytestmark = pytest.mark.django_db


def page(client, username, query=""):
    client.login(username=username, password=PASSWORD)
    r = client.get("/" + query)
    assert r.status_code == 200
    return lxml.html.fromstring(r.content.decode())


def texts(doc, xpath):
    return [" ".join(e.text_content().split()) for e in doc.xpath(xpath)]


def group_units(doc, key):
    return [tr.get("data-unit") for tr in doc.xpath(f'//*[@id="group-{key}"]//tbody/tr')]


@pytest.fixture
def district(cast):
    """Bình Phước (A) sent on 10/11 and Z 01 on 3/11 (both waiting), Z 02 returned, Z 03
    accepted, Bình Trị (B) never sent (overdue)."""
    z = [
        UnitFactory(code=f"2200{i:02d}", name=f"Xã Z {i:02d}", parent=cast.district)
        for i in range(4)
    ]
    move(cast, cast.commune_a, "submit", when=local(2023, 11, 10))
    move(cast, z[1], "submit", when=local(2023, 11, 3))
    move(cast, z[2], "submit", "return", when=local(2023, 11, 4))
    move(cast, z[3], "submit", "accept", when=local(2023, 11, 5))
    IndicatorSnapshot.objects.create(
        unit=cast.commune_a,
        period=cast.period,
        values={},
        validation=[
            {"rule": "yoy.a", "severity": "warning", "message": "a", "codes": []},
            {"rule": "yoy.b", "severity": "warning", "message": "b", "codes": []},
            {"rule": "yoy.c", "severity": "warning", "message": "c", "codes": []},
        ],
        computed_at=timezone.now(),
    )
    for rule in ("yoy.a", "yoy.b"):
        WarningExplanation.objects.create(
            unit=cast.commune_a, period=cast.period, rule=rule, text="Giải trình"
        )
    return z


def test_the_reviewer_home_is_the_inbox_grouped_by_state(client, cast, district):
    doc = page(client, "reviewer.d")
    assert "Hộp duyệt báo cáo" in texts(doc, "//h1")[0]
    # Waiting for review, oldest first, with the submitted date and warnings explained / total.
    assert group_units(doc, "submitted") == ["220001", "21073"]
    row = doc.xpath('//*[@id="group-submitted"]//tr[@data-unit="21073"]')[0]
    cells = [" ".join(td.text_content().split()) for td in row.xpath("td")]
    assert cells[1] == "10/11/2023 09:00"
    assert cells[2] == "1"  # first submission
    assert row.xpath('td[@class="warnings"]')[0].text_content().strip() == "2/3"
    assert group_units(doc, "returned") == ["220002"]
    assert group_units(doc, "draft") == ["21061", "220000"]  # both overdue, by name
    assert all("Quá hạn" in t for t in texts(doc, '//*[@id="group-draft"]//tbody/tr'))
    assert group_units(doc, "accepted") == ["220003"]
    assert group_units(doc, "signed") == []
    # Counts of the reviewer's work, and completeness.
    count = {
        k: texts(doc, f'//*[@id="count-{k}"]/span[@class="num"]')[0]
        for k in ("submitted", "returned", "draft", "accepted", "signed")
    }
    assert count == {
        "submitted": "2",
        "returned": "1",
        "draft": "2",
        "accepted": "1",
        "signed": "0",
    }
    assert "2 quá hạn" in texts(doc, '//*[@id="count-draft"]')[0]
    assert texts(doc, '//*[@id="completeness"]')[0].startswith("Đã gửi 3/6 đơn vị (50,00%)")
    # Never another district's commune.
    assert "21100" not in r_text(doc)


def r_text(doc):
    return doc.text_content()


def test_the_state_filter_keeps_one_group_and_the_counts(client, cast, district):
    doc = page(client, "reviewer.d", "?state=submitted")
    assert [g.get("id") for g in doc.xpath('//section[contains(@class, "inbox-group")]')] == [
        "group-submitted"
    ]
    assert texts(doc, '//*[@id="count-draft"]/span[@class="num"]') == ["2"]
    doc = page(client, "reviewer.d", "?state=nonsense")
    assert len(doc.xpath('//section[contains(@class, "inbox-group")]')) == 5


def test_the_period_defaults_to_the_latest_with_submissions_and_can_be_chosen(
    client, cast, district
):
    later = Period.objects.create(
        code="2099",
        start=dt.date(2099, 1, 1),
        end=dt.date(2099, 10, 31),
        deadline=dt.date(2099, 11, 15),
    )
    doc = page(client, "reviewer.d")
    assert doc.xpath('//select[@name="period"]/option[@selected]')[0].get("value") == "2023"
    doc = page(client, "reviewer.d", f"?period={later.code}")
    assert group_units(doc, "submitted") == []
    assert group_units(doc, "draft") == ["21073", "21061", "220000", "220001", "220002", "220003"]
    assert not doc.xpath('//*[@id="group-draft"]//*[contains(@class, "badge bad")]')  # not due yet


def test_the_other_reviewer_sees_only_their_district(client, cast, district):
    move(cast, cast.commune_c, "submit", when=local(2023, 11, 1))
    doc = page(client, "reviewer.other")
    assert group_units(doc, "submitted") == ["21100"]
    assert group_units(doc, "draft") == []
    assert "21073" not in r_text(doc)


@pytest.mark.parametrize("username", ["clerk.a", "approver.a"])
def test_a_clerk_or_approver_keeps_my_reports_of_their_own_unit(client, cast, district, username):
    doc = page(client, username)
    assert texts(doc, "//h1") == ["Báo cáo của tôi"]
    assert not doc.xpath('//*[@id="group-submitted"]')
    units = texts(doc, '//table[@id="my-reports"]/tbody/tr/td[2]')
    assert units and all("(21073)" in u for u in units)
    for other in ("21061", "220001", "21100"):
        assert other not in r_text(doc)


def test_a_clerk_of_b_never_sees_a(client, cast, district):
    doc = page(client, "clerk.b")
    assert "21073" not in r_text(doc) and "Bình Phước" not in r_text(doc)


def test_my_reports_name_each_roles_own_task(client, cast):
    from reports.models import Report, ReportState

    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.ACCEPTED)
    doc = page(client, "approver.a")
    assert texts(doc, '//table[@id="my-reports"]//td[@class="task"]') == ["Ký số báo cáo"]
    assert texts(doc, '//*[@id="sign-count"]') == ["1chờ bạn ký số"]
    # The clerk has nothing to do with an accepted report; the approver signs it.
    doc = page(client, "clerk.a")
    assert texts(doc, '//table[@id="my-reports"]//td[@class="task"]') == ["—"]
    assert not doc.xpath('//*[@id="sign-count"]')
    Report.objects.filter(unit=cast.commune_a).update(state=ReportState.RETURNED)
    doc = page(client, "clerk.a")
    assert texts(doc, '//table[@id="my-reports"]//td[@class="task"]') == ["Sửa theo ý kiến trả lại"]
    doc = page(client, "approver.a")
    assert texts(doc, '//table[@id="my-reports"]//td[@class="task"]') == [
        "Sửa theo ý kiến trả lại và gửi lại"
    ]


def test_a_province_after_the_reform_reviews_its_communes_directly(client, cast):
    from orgs.models import Level, Role
    from tests.factories import member

    province = UnitFactory(
        code="51", name="Tỉnh Quảng Ngãi", level=Level.PROVINCE, valid_from=dt.date(2025, 7, 1)
    )
    for i in range(3):
        UnitFactory(
            code=f"2500{i}", name=f"Xã Mới {i}", parent=province, valid_from=dt.date(2025, 7, 1)
        )
    member("reviewer.51", province, Role.REVIEWER)
    Period.objects.create(
        code="2025S2", start=dt.date(2025, 7, 1), end=dt.date(2025, 12, 31), deadline=None
    )
    Period.objects.create(
        code="2026", start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), is_closed=True
    )
    # The open period in which the province exists (not 2023, open too; not 2026, closed).
    doc = page(client, "reviewer.51")
    assert doc.xpath('//select[@name="period"]/option[@selected]')[0].get("value") == "2025S2"
    assert group_units(doc, "draft") == ["25000", "25001", "25002"]
    # The old district (until 30/06/2025) defaults to a period in which it exists.
    cast.district.valid_to = dt.date(2025, 6, 30)
    cast.district.save()
    Period.objects.filter(code="2026").update(is_closed=False)
    doc = page(client, "reviewer.d")
    assert doc.xpath('//select[@name="period"]/option[@selected]')[0].get("value") == "2023"
    doc = page(client, "reviewer.d", "?period=2026")
    assert (
        "Không có đơn vị trực thuộc nào trong kỳ này."
        in doc.xpath('//*[@id="inbox-empty"]')[0].text_content()
    )
