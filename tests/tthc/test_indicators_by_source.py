"""The online-service split by the system that received the dossier (provincial one-stop
system / national portal by linked group), on real records, and as the document prints it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from reports.indicators import compute, compute_many
from tests.helpers.dossiers import dossier, local, make
from tthc.models import Channel, OnlineLevel, Procedure, Source

pytestmark = pytest.mark.django_db

BIRTH = "Liên thông: Đăng ký khai sinh - Đăng ký thường trú - Cấp thẻ BHYT cho trẻ em dưới 6 tuổi"
DEATH = "Liên thông: Đăng ký khai tử - Xóa đăng ký thường trú - Hưởng chế độ tử tuất"

ON, OFF = Channel.ONLINE, Channel.DIRECT
P, F, N = OnlineLevel.PARTIAL, OnlineLevel.FULL, OnlineLevel.NONE


def records(unit):
    for code, name, group in (
        ("1.001193", "Đăng ký khai sinh", BIRTH),
        ("1.000656", "Đăng ký khai tử", DEATH),
    ):
        Procedure.objects.get_or_create(
            code=code, defaults={"name": name, "online_level": P, "linked_group": group}
        )
    w = local(2023, 5, 2, 9)
    rows = []
    # provincial: partial 3 online of 5, full 2 online of 2, one online dossier without service
    for channel in (ON, ON, ON, OFF, OFF):
        rows.append(dossier(unit, received=w, channel=channel, online_level=P))
    for channel in (ON, ON):
        rows.append(dossier(unit, received=w, channel=channel, online_level=F))
    rows.append(dossier(unit, received=w, channel=ON, online_level=N))
    # a provincial birth registration counts for the province, not for the national portal
    rows.append(dossier(unit, received=w, channel=OFF, online_level=P, procedure_code="1.001193"))
    # national portal: 3 birth-group online, 1 death-group online, 1 death-group direct
    for code, channel in (("1.001193", ON),) * 3 + (("1.000656", ON), ("1.000656", OFF)):
        rows.append(
            dossier(
                unit,
                received=w,
                channel=channel,
                online_level=P,
                procedure_code=code,
                source=Source.NATIONAL,
            )
        )
    make(*rows)


def test_the_split_by_source_and_linked_group(cast):
    records(cast.commune_a)
    v = compute(cast.commune_a, cast.period)
    assert (v["egov.provincial.online.partial"], v["egov.provincial.eligible.partial"]) == (3, 6)
    assert (v["egov.provincial.online.full"], v["egov.provincial.eligible.full"]) == (2, 2)
    assert (v["egov.provincial.online"], v["egov.provincial.eligible"]) == (5, 8)
    assert v["egov.provincial.rate"] == Decimal("62.50")
    assert v["egov.provincial.rate.partial"] == Decimal("50.00")
    assert (v["egov.national.online"], v["egov.national.eligible"]) == (4, 5)
    assert (v["egov.national.birth.online"], v["egov.national.birth.eligible"]) == (3, 3)
    assert (v["egov.national.death.online"], v["egov.national.death.eligible"]) == (1, 2)
    assert v["egov.national.birth.rate"] == Decimal("100.00")
    assert v["egov.national.death.rate"] == Decimal("50.00")
    # the two sources make up the whole: provincial + national = all online-service dossiers
    assert v["egov.provincial.eligible"] + v["egov.national.eligible"] == v["egov.online_eligible"]
    assert (
        v["egov.provincial.online"] + v["egov.national.online"] == v["egov.online_eligible_online"]
    )


def test_a_parent_sums_the_split_of_its_communes(cast):
    records(cast.commune_a)
    records(cast.commune_b)
    district = compute(cast.district, cast.period)
    assert district["egov.national.birth.eligible"] == 6
    assert district["egov.provincial.eligible"] == 16
    many = compute_many([cast.commune_a, cast.commune_b], cast.period)
    assert many[cast.commune_a.pk]["egov.national.death.online"] == 1


def test_the_document_prints_the_split_where_the_seed_does(client, cast):
    records(cast.commune_a)
    client.force_login(cast.clerk_a)
    html = client.get(reverse("document_preview", args=["21073", "2023"])).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert (
        "Hệ thống thông tin giải quyết TTHC của tỉnh: tổng số hồ sơ tiếp nhận, giải quyết "
        "thông qua hình thức nộp hồ sơ trực tuyến một phần và toàn trình là 05/08 hồ sơ"
    ) in text
    assert "đạt tỷ lệ 62,5%" in text or "đạt tỷ lệ 62,50%" in text
    assert (
        "trẻ em dưới 6 tuổi: đã tiếp nhận và giải quyết thông qua hình thức trực tuyến 03/03"
        in text
    )
    assert "mai táng phí: đã tiếp nhận và giải quyết thông qua hình thức trực tuyến 01/02" in text
