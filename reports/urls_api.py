"""Public API URL patterns under /api/ (see cchc_portal/urls.py)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import api

urlpatterns = [
    path(
        "v1/units/<str:code>/periods/<str:period>/indicators",
        api.UnitPeriodIndicators.as_view(),
        name="api_indicators",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # The split view serves Swagger UI's initialiser as a script file (no inline <script>: CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
]
