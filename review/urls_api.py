"""API URL patterns of the reviewer's side, under /api/ (see cchc_portal/urls.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path(
        "v1/units/<str:code>/periods/<str:period>/children",
        api.UnitPeriodChildren.as_view(),
        name="api_children",
    ),
    path(
        "v1/units/<str:code>/periods/<str:period>/completeness",
        api.UnitPeriodCompleteness.as_view(),
        name="api_completeness",
    ),
]
