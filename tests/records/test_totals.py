"""A list's inline totals are the registry's indicators for the (unit, period), never a
formula of the section's own."""

import re

import pytest

from reports.indicators import compute, registry
from staff.models import Person

pytestmark = pytest.mark.django_db

PEOPLE = "/u/21073/2023/staff/people/"


def _sections():
    from finance.views import SECTIONS as FINANCE
    from plans.views import SECTIONS as PLANS
    from staff.views import SECTIONS as STAFF
    from tthc.views import SECTIONS as TTHC

    return [*TTHC, *STAFF, *FINANCE, *PLANS]


def test_every_total_of_every_section_is_an_indicator_of_the_registry():
    for section in _sections():
        for group in section.totals:
            for total in group.items:
                assert total.indicator in registry, (section.key, total.indicator)
                assert not hasattr(total, "aggregate")


def test_the_people_list_certificate_total_is_the_registry_figure(client, cast):
    # The old fallback counted every holder of a certificate (KCT included): 3 here.
    # The registry counts cán bộ and công chức only: 2.
    common = {"position": "x", "education": "university", "political_theory": "advanced"}
    Person.objects.create(
        unit=cast.commune_a, full_name="A", category="cadre", has_digital_certificate=True, **common
    )
    Person.objects.create(
        unit=cast.commune_a,
        full_name="B",
        category="civil_servant",
        has_digital_certificate=True,
        **common,
    )
    Person.objects.create(
        unit=cast.commune_a, full_name="C", category="kct", has_digital_certificate=True, **common
    )
    Person.objects.create(unit=cast.commune_a, full_name="D", category="kct", **common)
    expected = compute(cast.commune_a, cast.period)["staff.with_certificate"]
    assert expected == 2

    client.force_login(cast.clerk_a)
    html = client.get(PEOPLE).content.decode()
    shown = re.search(r'data-indicator="staff.with_certificate">[^<]*<b>([^<]*)</b>', html)
    assert shown is not None
    assert shown.group(1) == str(expected)
    total = re.search(r'data-indicator="staff.people">[^<]*<b>([^<]*)</b>', html)
    assert total is not None and total.group(1) == "4"
