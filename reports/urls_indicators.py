"""URL patterns under /u/<code>/<period>/indicators/ (see cchc_portal/urls.py)."""

from django.urls import path

from . import views_indicators as views

urlpatterns = [
    path("", views.indicators, name="indicators"),
    path("recompute/", views.recompute, name="indicators_recompute"),
    path("explain/<str:rule>/", views.explain, name="indicators_explain"),
    path("records/<str:indicator>/", views.drilldown, name="indicators_drilldown"),
]
