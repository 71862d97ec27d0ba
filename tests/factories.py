"""Factories for model data, and the fixed cast of users and units."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory
from django.contrib.auth import get_user_model

from orgs.models import Level, Membership, Period, Role, Unit

PASSWORD = "pw-Secret-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save()


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"{30000 + n}")
    name = factory.Sequence(lambda n: f"Xã Thử {n}")
    level = Level.COMMUNE


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period
        django_get_or_create = ("code",)

    code = "2023"
    start = dt.date(2022, 12, 15)
    end = dt.date(2023, 10, 31)
    deadline = dt.date(2023, 11, 15)


def member(username: str, unit: Unit, role: str, **extra):
    user = UserFactory(username=username, **extra)
    Membership.objects.update_or_create(user=user, unit=unit, defaults={"role": role})
    return user


@dataclass
class Cast:
    province: object
    district: object
    other_district: object
    commune_a: object
    commune_b: object
    commune_c: object
    clerk_a: object
    clerk_b: object
    approver_a: object
    reviewer: object
    other_reviewer: object
    admin: object
    period: object


def make_cast() -> Cast:
    province = UnitFactory(code="51", name="Tỉnh Quảng Ngãi", level=Level.PROVINCE)
    district = UnitFactory(code="524", name="Huyện Bình Sơn", level=Level.DISTRICT, parent=province)
    other = UnitFactory(code="525", name="Huyện Sơn Tịnh", level=Level.DISTRICT, parent=province)
    a = UnitFactory(code="21073", name="Xã Bình Phước", parent=district)
    b = UnitFactory(code="21061", name="Xã Bình Trị", parent=district)
    c = UnitFactory(code="21100", name="Xã Tịnh Hà", parent=other)
    return Cast(
        province=province,
        district=district,
        other_district=other,
        commune_a=a,
        commune_b=b,
        commune_c=c,
        clerk_a=member("clerk.a", a, Role.CLERK),
        clerk_b=member("clerk.b", b, Role.CLERK),
        approver_a=member("approver.a", a, Role.APPROVER),
        reviewer=member("reviewer.d", district, Role.REVIEWER),
        other_reviewer=member("reviewer.other", other, Role.REVIEWER),
        admin=UserFactory(username="admin.x", is_superuser=True, is_staff=True),
        period=PeriodFactory(),
    )
