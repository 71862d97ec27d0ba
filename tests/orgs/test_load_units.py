"""load_units against the real unit lists of the optional vietnam-provinces package."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from orgs.models import Level, Unit

pytestmark = pytest.mark.django_db


def load(era: str, province: str = "51") -> str:
    out = StringIO()
    call_command("load_units", province=province, era=era, stdout=out)
    return out.getvalue()


def test_both_eras_of_a_province_and_the_successor_links():
    load("legacy")
    old = Unit.objects.get(code="21073", valid_to=dt.date(2025, 6, 30))
    assert (old.name, old.level, old.parent.code) == ("Xã Bình Phước", Level.COMMUNE, "524")
    assert old.parent.level == Level.DISTRICT and old.parent.parent.code == "51"
    assert old.successor is None

    load("current")
    old.refresh_from_db()
    new = old.successor
    # Bình Phước was merged into Vạn Tường on 1/7/2025, directly under the province.
    assert (new.code, new.name, new.valid_from) == ("21061", "Xã Vạn Tường", dt.date(2025, 7, 1))
    assert new.parent.code == "51" and new.parent.valid_from == dt.date(2025, 7, 1)
    assert not Unit.objects.filter(parent__code="524", valid_from=dt.date(2025, 7, 1)).exists()
    # The code 21061 named another commune before the reform; the period decides which.
    assert Unit.objects.get(code="21061", valid_to=dt.date(2025, 6, 30)).name == "Xã Bình Trị"


def test_loading_again_changes_nothing():
    first = load("legacy") + load("current")
    count = Unit.objects.count()
    assert load("legacy") + load("current") == first
    assert Unit.objects.count() == count


def test_an_unknown_province_is_a_clear_error_and_writes_nothing():
    with pytest.raises(CommandError, match="99"):
        load("current", province="99")
    assert not Unit.objects.exists()
