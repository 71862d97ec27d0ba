"""Training attendances: their own rules (moved from the plans records test module)."""

import pytest

from staff.models import Person, TrainingAttendance

pytestmark = pytest.mark.django_db

U = "/u/21073/2023/"


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.clerk_a)
    return client


def test_training_person_must_be_of_the_unit(clerk, cast):
    stranger = Person.objects.create(
        unit=cast.commune_b,
        full_name="Xã khác",
        category="cadre",
        position="x",
        education="university",
        political_theory="none",
    )
    response = clerk.post(
        U + "staff/trainings/new/",
        {"person": str(stranger.pk), "course": "Lớp A", "start_on": "2023-03-01"},
    )
    assert response.status_code == 200
    assert not TrainingAttendance.objects.exists()
    assert "Xã khác" not in clerk.get(U + "staff/trainings/new/").content.decode()


def test_training_outside_the_period_window_is_refused(clerk, cast):
    response = clerk.post(U + "staff/trainings/new/", {"course": "Lớp A", "start_on": "2023-12-01"})
    assert "Ngày phải nằm trong kỳ báo cáo" in response.content.decode()
    assert not TrainingAttendance.objects.exists()
