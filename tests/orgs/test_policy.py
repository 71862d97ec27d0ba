"""orgs.policy: the one place for role checks."""

from __future__ import annotations

import pytest

from orgs import policy
from orgs.models import Membership, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_data_editing_is_for_clerks_and_approvers_of_the_unit(cast):
    a = cast.commune_a
    assert policy.may_edit_data(cast.clerk_a, a)
    assert policy.may_edit_data(cast.approver_a, a)
    assert not policy.may_edit_data(cast.clerk_b, a)
    assert not policy.may_edit_data(cast.reviewer, a)
    assert policy.roles_may_edit_data({Role.CLERK}) and not policy.roles_may_edit_data({"admin"})


def test_submit_sign_and_document_are_the_approvers(cast):
    a = cast.commune_a
    for check in (policy.may_approve, policy.may_submit, policy.may_sign, policy.may_edit_document):
        assert check(cast.approver_a, a)
        assert not check(cast.clerk_a, a)
        assert not check(cast.reviewer, a)


def test_reviewers_act_strictly_below_their_unit(cast):
    assert policy.may_review(cast.reviewer, cast.commune_a)
    assert not policy.may_review(cast.reviewer, cast.district)
    assert not policy.may_review(cast.other_reviewer, cast.commune_a)
    assert not policy.may_review(cast.approver_a, cast.commune_a)
    assert policy.may_review(cast.admin, cast.commune_a)  # superuser


def test_comment_is_for_reviewers_and_data_editors(cast):
    assert policy.may_comment(cast.reviewer, cast.commune_a)
    assert policy.may_comment(cast.clerk_a, cast.commune_a)
    assert not policy.may_comment(cast.clerk_b, cast.commune_a)


def test_one_definition_of_catalogue_admin(cast):
    """SPEC §1: the admin role (on any unit: the catalogue is global) or a superuser."""
    assert policy.is_catalogue_admin(cast.admin)
    unit_admin = UserFactory(username="admin.unit")
    Membership.objects.create(user=unit_admin, unit=cast.district, role=Role.ADMIN)
    assert policy.is_catalogue_admin(unit_admin)
    for user in (cast.clerk_a, cast.approver_a, cast.reviewer):
        assert not policy.is_catalogue_admin(user)

    from imports import views as import_views
    from records import services as record_services

    assert import_views.is_catalogue_admin is policy.is_catalogue_admin
    assert record_services.is_catalogue_admin is policy.is_catalogue_admin
