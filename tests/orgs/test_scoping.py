import pytest
from django.urls import reverse

from orgs.models import Level, Unit

pytestmark = pytest.mark.django_db


def workspace(unit, period="2023"):
    return reverse("workspace", kwargs={"code": unit.code, "period": period})


def test_clerk_sees_own_commune_workspace(client, cast):
    client.force_login(cast.clerk_a)
    response = client.get(workspace(cast.commune_a))
    assert response.status_code == 200
    assert "Xã Bình Phước" in response.content.decode()


def test_clerk_of_other_commune_gets_404(client, cast):
    client.force_login(cast.clerk_b)
    assert client.get(workspace(cast.commune_a)).status_code == 404


def test_reviewer_of_other_district_gets_404(client, cast):
    client.force_login(cast.other_reviewer)
    assert client.get(workspace(cast.commune_a)).status_code == 404
    assert client.get(workspace(cast.commune_c)).status_code == 200


def test_unknown_unit_and_outside_scope_look_the_same(client, cast):
    client.force_login(cast.clerk_a)
    missing = client.get(reverse("workspace", kwargs={"code": "00000", "period": "2023"}))
    hidden = client.get(workspace(cast.commune_c))
    assert missing.status_code == hidden.status_code == 404


def test_anonymous_user_is_sent_to_login(client, cast):
    response = client.get(workspace(cast.commune_a))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_visible_to_reviewer_is_subtree(cast):
    visible = set(Unit.objects.visible_to(cast.reviewer).values_list("code", flat=True))
    assert visible == {"524", "21073", "21061"}


def test_visible_to_clerk_is_own_unit_only(cast):
    assert list(Unit.objects.visible_to(cast.clerk_a)) == [cast.commune_a]


def test_admin_superuser_sees_everything(cast):
    assert Unit.objects.visible_to(cast.admin).count() == Unit.objects.count()


def test_reviewer_of_demo_district_sees_its_22_communes_and_nothing_outside(db):
    from demo.units import load_periods, load_units, load_users

    units = load_units()
    load_periods()
    load_users(units, "pw-Secret-123")
    from django.contrib.auth import get_user_model

    reviewer = get_user_model().objects.get(username="reviewer.524")
    visible = Unit.objects.visible_to(reviewer)
    communes = visible.filter(level=Level.COMMUNE)
    assert communes.count() == 22
    assert "21073" in set(communes.values_list("code", flat=True))
    # Nothing outside the district: not the province, not the post-2025 Xã Vạn Tường.
    assert not visible.filter(level=Level.PROVINCE).exists()
    assert not visible.filter(name="Xã Vạn Tường").exists()


def test_reviewer_home_lists_all_communes_of_district(client, cast):
    client.force_login(cast.reviewer)
    html = client.get(reverse("home")).content.decode()
    assert "Xã Bình Phước" in html and "Xã Bình Trị" in html
    assert "Xã Tịnh Hà" not in html


def test_code_reused_after_merger_resolves_by_period(db):
    import datetime as dt

    from orgs.models import Period

    old = Unit.objects.create(
        code="21061", name="Xã Bình Trị", level=Level.COMMUNE, valid_to=dt.date(2025, 6, 30)
    )
    new = Unit.objects.create(
        code="21061", name="Xã Vạn Tường", level=Level.COMMUNE, valid_from=dt.date(2025, 7, 1)
    )
    p2023 = Period.objects.create(
        code="2023", start=dt.date(2022, 12, 15), end=dt.date(2023, 10, 31)
    )
    p2026 = Period.objects.create(
        code="2026", start=dt.date(2025, 12, 15), end=dt.date(2026, 10, 31)
    )
    assert Unit.objects.for_code("21061", p2023) == old
    assert Unit.objects.for_code("21061", p2026) == new
